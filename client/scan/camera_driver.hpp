#pragma once
// Document cameras through V4L2 (DESIGN.md §9): stills for the batch, and a live preview for
// the GUI. Perspective correction of a frame is the page pipeline's job.

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/scan/scan_driver.hpp"

namespace onewindow::scan {

class CameraDriver final : public ScanDriver {
 public:
  CameraDriver() = default;
  ~CameraDriver() override;  // stops the preview
  CameraDriver(const CameraDriver&) = delete;
  CameraDriver& operator=(const CameraDriver&) = delete;

  [[nodiscard]] std::string name() const override { return "camera"; }
  // The /dev/video* nodes that are streaming capture devices; none is not an error.
  std::vector<DeviceInfo> devices() override;
  // Frame sizes of the camera's preferred format; throws ScanError (Offline when it is gone).
  Capabilities capabilities(const std::string& deviceId) override;
  // settings.maxPages stills (0: one) at the largest frame size. Each still is taken when the
  // picture has held still (StillnessDetector) after it changed: the first once the exposure
  // has settled and the hand is away (or after 5 s at the latest), the next ones after the page
  // was turned or replaced. Grey mode delivers one channel. Stop the preview of the same camera
  // first: a camera streams to one reader (it would end Busy).
  void capture(const std::string& deviceId, const ScanSettings& settings, CaptureObserver& observer,
               const CancelFlag& cancel) override;

  using FrameCallback = std::function<void(const Raster& frame)>;
  using ErrorCallback = std::function<void(const ScanError& error)>;
  // Streams `deviceId` at the size nearest `size` (0×0: the largest) on a thread of its own,
  // calling onFrame with every frame at the camera's rate until stopPreview(). Opening errors
  // throw ScanError here; a failure later (the camera unplugged) ends the preview thread after
  // calling onError. Starting a preview stops the one before.
  void startPreview(const std::string& deviceId, FrameSize size, FrameCallback onFrame,
                    ErrorCallback onError = {});
  void stopPreview();
  [[nodiscard]] bool previewing() const { return previewRunning_.load(); }

 private:
  std::mutex previewMutex_;  // start and stop from different threads
  std::thread previewThread_;
  std::atomic<bool> stopRequested_{false};
  std::atomic<bool> previewRunning_{false};
};

}  // namespace onewindow::scan
