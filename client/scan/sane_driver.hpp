#pragma once
// Scanners through SANE (DESIGN.md §9): flatbeds and feeders, options found by name with the
// usual synonyms, pages read frame by frame (grey, RGB or three-pass; 1, 8 or 16 bits; known or
// unknown height) and delivered the moment each is complete.

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "client/scan/sane_session.hpp"
#include "client/scan/scan_driver.hpp"

namespace onewindow::scan {

class SaneDriver final : public ScanDriver {
 public:
  SaneDriver();  // initialises SANE for the process if no other driver did (throws ScanError)
  ~SaneDriver() override;
  SaneDriver(const SaneDriver&) = delete;
  SaneDriver& operator=(const SaneDriver&) = delete;

  [[nodiscard]] std::string name() const override { return "sane"; }
  // Local devices only: probing the network would take seconds and find scanners in other
  // offices.
  std::vector<DeviceInfo> devices() override;
  Capabilities capabilities(const std::string& deviceId) override;
  void capture(const std::string& deviceId, const ScanSettings& settings, CaptureObserver& observer,
               const CancelFlag& cancel) override;

  // A backend-specific option, by its SANE name with the value as text ("yes", "200000",
  // "Color pattern"), set on the device just before the next page starts: the next page of the
  // capture that is running, or else the first page of the next capture (after the driver's
  // own settings). Used once, then forgotten. Callable from any thread, pageDone included: this
  // is how the test backend is told to jam after page N. An option the device refuses ends the
  // capture with Unsupported naming it.
  void setBackendOption(std::string optionName, std::string value);

 private:
  std::vector<std::pair<std::string, std::string>> takePendingOptions();

  SaneSession session_;
  std::mutex pendingMutex_;
  std::vector<std::pair<std::string, std::string>> pendingOptions_;
};

}  // namespace onewindow::scan
