#include "client/scan/camera_driver.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <new>

#include "client/scan/camera_stillness.hpp"
#include "client/scan/camera_v4l2.hpp"

namespace onewindow::scan {
namespace {

constexpr int kFrameTimeoutMs = 2000;  // a camera that sends nothing for this long has failed
constexpr int kPreviewPollMs = 100;    // how soon stopPreview is noticed
constexpr auto kLongestWaitForStill = std::chrono::seconds(5);

Raster toGrey(const Raster& colour) {
  Raster grey = colour;
  grey.channels = 1;
  grey.pixels.resize(grey.stride() * static_cast<std::size_t>(grey.height));
  for (std::size_t i = 0; i < grey.pixels.size(); ++i) {
    const std::uint8_t* pixel = colour.pixels.data() + i * 3;
    grey.pixels[i] =
        static_cast<std::uint8_t>((pixel[0] * 30u + pixel[1] * 59u + pixel[2] * 11u) / 100u);
  }
  return grey;
}

Raster nextFrameOrFail(V4l2Camera& camera, const std::string& deviceId) {
  std::optional<Raster> frame = camera.nextFrame(kFrameTimeoutMs);
  if (!frame) throw ScanError(ScanErrorKind::Io, deviceId + " sent no frame for 2 s");
  return std::move(*frame);
}

}  // namespace

CameraDriver::~CameraDriver() { stopPreview(); }

std::vector<DeviceInfo> CameraDriver::devices() {
  std::vector<DeviceInfo> found;
  std::error_code error;
  std::vector<std::string> nodes;
  for (const auto& entry : std::filesystem::directory_iterator("/dev", error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("video", 0) == 0) nodes.push_back(entry.path().string());
  }
  std::sort(nodes.begin(), nodes.end());
  for (const std::string& node : nodes)
    if (std::optional<DeviceInfo> camera = V4l2Camera::probe(node)) found.push_back(*camera);
  return found;
}

Capabilities CameraDriver::capabilities(const std::string& deviceId) {
  const V4l2Camera camera(deviceId);
  Capabilities capabilities;
  capabilities.sources = {PaperSource::Camera};
  capabilities.modes = {ColourMode::Colour, ColourMode::Grey};
  capabilities.depths = {8};
  capabilities.frameSizes = camera.frameSizes();
  return capabilities;
}

void CameraDriver::capture(const std::string& deviceId, const ScanSettings& settings,
                           CaptureObserver& observer, const CancelFlag& cancel) {
  CaptureEnd end;
  try {
    V4l2Camera camera(deviceId);
    camera.startStreaming({});
    StillnessDetector detector;
    const int stills = std::max(1, settings.maxPages);
    const auto started = std::chrono::steady_clock::now();
    for (int index = 0; index < stills && !end.cancelled; ++index) {
      for (;;) {
        if (cancel.cancelled()) {
          end.cancelled = true;
          break;
        }
        Raster frame = nextFrameOrFail(camera, deviceId);
        const bool steady = detector.feed(frame);
        // The first still must not wait forever for a desk that flickers.
        const bool firstOverdue =
            index == 0 && std::chrono::steady_clock::now() - started > kLongestWaitForStill;
        if (!steady && !firstOverdue) continue;
        observer.pageStarted(index);
        observer.pageDone(index,
                          settings.mode == ColourMode::Colour ? std::move(frame) : toGrey(frame));
        ++end.pagesDone;
        break;
      }
    }
  } catch (const ScanError& error) {
    end.error = error;
  } catch (const std::bad_alloc&) {
    end.error = ScanError(ScanErrorKind::Io, deviceId + ": out of memory for a frame");
  }
  observer.ended(end);
}

void CameraDriver::startPreview(const std::string& deviceId, FrameSize size, FrameCallback onFrame,
                                ErrorCallback onError) {
  stopPreview();
  const std::lock_guard lock(previewMutex_);
  // Opened here so that a missing or busy camera is the caller's exception, not a silent thread.
  auto camera = std::make_shared<V4l2Camera>(deviceId);
  camera->startStreaming(size);
  stopRequested_ = false;
  previewRunning_ = true;
  previewThread_ =
      std::thread([this, camera, onFrame = std::move(onFrame), onError = std::move(onError)] {
        try {
          while (!stopRequested_) {
            if (std::optional<Raster> frame = camera->nextFrame(kPreviewPollMs)) onFrame(*frame);
          }
        } catch (const ScanError& error) {
          if (onError) onError(error);
        }
        previewRunning_ = false;
      });
}

void CameraDriver::stopPreview() {
  const std::lock_guard lock(previewMutex_);
  stopRequested_ = true;
  if (previewThread_.joinable()) previewThread_.join();
  previewRunning_ = false;
}

}  // namespace onewindow::scan
