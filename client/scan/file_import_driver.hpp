#pragma once
// File import as a driver (DESIGN.md §9): the clerk picks a file; its pages are the batch.

#include <string>
#include <vector>

#include "client/scan/scan_driver.hpp"

namespace onewindow::scan {

// The pseudo device "files": capture's deviceId is the path of the file to import.
class FileImportDriver final : public ScanDriver {
 public:
  [[nodiscard]] std::string name() const override { return "files"; }
  std::vector<DeviceInfo> devices() override;
  Capabilities capabilities(const std::string& deviceId) override;
  // A page per page of the file (PDFs at settings.dpi), up to settings.maxPages; the colour
  // mode is the file's own: the page pipeline applies the output policy.
  void capture(const std::string& deviceId, const ScanSettings& settings, CaptureObserver& observer,
               const CancelFlag& cancel) override;
};

}  // namespace onewindow::scan
