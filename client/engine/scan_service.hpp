#pragma once
// The engine's scanners (DESIGN.md §9): every driver behind one list of devices, each device
// named "<driver>:<its own id>" so a capture finds its driver again. Used on the engine's scan
// thread only: SANE's first look for devices can take seconds, and a capture blocks until the
// batch ends.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/engine/notifications.hpp"
#include "client/scan/scan_driver.hpp"

namespace onewindow::engine {

class ScanService {
 public:
  // `watchedFolders`: where network scanners drop their files (each becomes a device).
  explicit ScanService(std::vector<std::filesystem::path> watchedFolders);
  ~ScanService();
  ScanService(const ScanService&) = delete;
  ScanService& operator=(const ScanService&) = delete;

  // Devices of every driver with their capabilities; a driver that fails is named in problems.
  ScanDevicesListed list();

  // A document camera's live picture (`device` "camera:…"); throws scan::ScanError when it
  // cannot be opened. Frames and a later failure come on the camera's own thread.
  void startPreview(const std::string& device, scan::FrameSize size,
                    std::function<void(const scan::Raster&)> onFrame,
                    std::function<void(const scan::ScanError&)> onError);
  void stopPreview();

  // `device`: an id from list(), or "files" with `files` to import in order.
  void capture(const std::string& device, const ScanSettings& settings,
               const std::vector<std::filesystem::path>& files, scan::CaptureObserver& observer,
               const scan::CancelFlag& cancel);

 private:
  [[nodiscard]] std::vector<scan::ScanDriver*> drivers();
  scan::ScanDriver* driverNamed(const std::string& name);

  std::vector<std::filesystem::path> watchedFolders_;
  std::unique_ptr<scan::ScanDriver> sane_;
  std::unique_ptr<scan::ScanDriver> camera_;
  std::unique_ptr<scan::ScanDriver> folders_;
  std::unique_ptr<scan::ScanDriver> files_;
};

}  // namespace onewindow::engine
