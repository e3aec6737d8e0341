#include "client/scan/file_import_driver.hpp"

#include <new>

#include "client/scan/file_import.hpp"

namespace onewindow::scan {

std::vector<DeviceInfo> FileImportDriver::devices() {
  return {DeviceInfo{"files", "files", "", "", "file import"}};
}

Capabilities FileImportDriver::capabilities(const std::string& /*deviceId*/) {
  return fileImportCapabilities();
}

void FileImportDriver::capture(const std::string& deviceId, const ScanSettings& settings,
                               CaptureObserver& observer, const CancelFlag& cancel) {
  CaptureEnd end;
  try {
    int index = 0;
    forEachFilePage(deviceId, settings.dpi, [&](Raster page) {
      if (cancel.cancelled()) {
        end.cancelled = true;
        return false;
      }
      observer.pageStarted(index);
      observer.pageDone(index, std::move(page));
      ++index;
      ++end.pagesDone;
      return settings.maxPages <= 0 || index < settings.maxPages;
    });
  } catch (const ScanError& error) {
    end.error = error;
  } catch (const std::bad_alloc&) {
    end.error = ScanError(ScanErrorKind::Io, "out of memory importing '" + deviceId + "'");
  }
  observer.ended(end);
}

}  // namespace onewindow::scan
