#include "client/engine/scan_service.hpp"

#include <utility>

#include "client/scan/camera_driver.hpp"
#include "client/scan/file_import_driver.hpp"
#include "client/scan/folder_driver.hpp"
#include "client/scan/sane_driver.hpp"

namespace onewindow::engine {
namespace {

// Pages of several files arrive as one batch: indexes go on from file to file, and the batch
// ends once, after the last file or at the first that fails.
class FileBatchObserver : public scan::CaptureObserver {
 public:
  explicit FileBatchObserver(scan::CaptureObserver& target) : target_(target) {}
  void pageStarted(int index) override { target_.pageStarted(offset_ + index); }
  void pageProgress(int index, double fraction) override {
    target_.pageProgress(offset_ + index, fraction);
  }
  void pageDone(int index, scan::Raster page) override {
    target_.pageDone(offset_ + index, std::move(page));
  }
  void ended(const scan::CaptureEnd& end) override { last_ = end; }

  // Moves on to the next file; false when the batch must stop.
  bool next() {
    offset_ += last_.pagesDone;
    total_.pagesDone += last_.pagesDone;
    total_.cancelled = last_.cancelled;
    total_.error = last_.error;
    last_ = {};
    return !total_.cancelled && !total_.error;
  }
  void finish() { target_.ended(total_); }

 private:
  scan::CaptureObserver& target_;
  int offset_ = 0;
  scan::CaptureEnd last_;
  scan::CaptureEnd total_;
};

}  // namespace

ScanService::ScanService(std::vector<std::filesystem::path> watchedFolders)
    : watchedFolders_(std::move(watchedFolders)) {}

ScanService::~ScanService() = default;

scan::ScanDriver* ScanService::driverNamed(const std::string& name) {
  if (name == "sane") {
    if (!sane_) sane_ = std::make_unique<scan::SaneDriver>();
    return sane_.get();
  }
  if (name == "camera") {
    if (!camera_) camera_ = std::make_unique<scan::CameraDriver>();
    return camera_.get();
  }
  if (name == "folder") {
    if (!folders_) folders_ = std::make_unique<scan::FolderDriver>(watchedFolders_);
    return folders_.get();
  }
  if (name == "files") {
    if (!files_) files_ = std::make_unique<scan::FileImportDriver>();
    return files_.get();
  }
  return nullptr;
}

std::vector<scan::ScanDriver*> ScanService::drivers() {
  return {driverNamed("sane"), driverNamed("camera"), driverNamed("folder")};
}

ScanDevicesListed ScanService::list() {
  ScanDevicesListed listed;
  for (scan::ScanDriver* driver : drivers()) {
    try {
      for (scan::DeviceInfo device : driver->devices()) {
        ScanDeviceEntry entry;
        try {
          entry.capabilities = driver->capabilities(device.id);
        } catch (const scan::ScanError& error) {
          listed.problems.push_back(device.label() + ": " + error.what());
          continue;
        }
        device.id = driver->name() + ":" + device.id;
        entry.device = std::move(device);
        listed.devices.push_back(std::move(entry));
      }
    } catch (const std::exception& error) {
      listed.problems.push_back(driver->name() + ": " + error.what());
    }
  }
  return listed;
}

void ScanService::startPreview(const std::string& device, scan::FrameSize size,
                               std::function<void(const scan::Raster&)> onFrame,
                               std::function<void(const scan::ScanError&)> onError) {
  if (device.rfind("camera:", 0) != 0) {
    throw scan::ScanError(scan::ScanErrorKind::Unsupported, device + " is not a document camera");
  }
  auto* camera = static_cast<scan::CameraDriver*>(driverNamed("camera"));
  camera->startPreview(device.substr(7), size, std::move(onFrame), std::move(onError));
}

void ScanService::stopPreview() {
  if (camera_) static_cast<scan::CameraDriver*>(camera_.get())->stopPreview();
}

void ScanService::capture(const std::string& device, const ScanSettings& settings,
                          const std::vector<std::filesystem::path>& files,
                          scan::CaptureObserver& observer, const scan::CancelFlag& cancel) {
  if (device == "files") {
    FileBatchObserver batch(observer);
    for (const std::filesystem::path& file : files) {
      driverNamed("files")->capture(file.string(), settings, batch, cancel);
      if (!batch.next()) break;
    }
    batch.finish();
    return;
  }
  const auto colon = device.find(':');
  scan::ScanDriver* driver =
      colon == std::string::npos ? nullptr : driverNamed(device.substr(0, colon));
  if (driver == nullptr) {
    observer.ended(
        {0, false,
         scan::ScanError(scan::ScanErrorKind::Offline, "no such scanning device: " + device)});
    return;
  }
  // A camera streams to one reader: its preview gives way to the capture.
  if (driver == camera_.get()) stopPreview();
  driver->capture(device.substr(colon + 1), settings, observer, cancel);
}

}  // namespace onewindow::engine
