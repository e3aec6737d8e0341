#pragma once
// The one driver interface (DESIGN.md §9): SANE scanners, document cameras and file import all
// list devices, tell their capabilities and capture pages with events. capture() blocks the
// calling thread (the engine's scan thread, never the UI's) until the batch ends; it reports
// every page the moment it is complete, so the caller can make it durable before the next one
// arrives, and ends with exactly one `ended` call.

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/scan/scan_error.hpp"
#include "client/scan/scan_types.hpp"

namespace onewindow::scan {

// Set from any thread; the driver stops at the next point it can (between reads of a page, or
// between pages) and ends the capture with `cancelled`.
class CancelFlag {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

struct CaptureEnd {
  int pagesDone = 0;  // pages delivered through pageDone
  bool cancelled = false;
  // Why the batch stopped early; none when it ended normally (the feeder ran empty after at
  // least one page, the flatbed page was done, every file was read, or it was cancelled).
  std::optional<ScanError> error;
};

class CaptureObserver {
 public:
  virtual ~CaptureObserver() = default;
  virtual void pageStarted(int index) = 0;  // index from 0 within the batch
  // fraction 0..1 of the page read; not called when the device cannot tell (unknown height).
  virtual void pageProgress(int index, double fraction) = 0;
  virtual void pageDone(int index, Raster page) = 0;
  virtual void ended(const CaptureEnd& end) = 0;
};

class ScanDriver {
 public:
  virtual ~ScanDriver() = default;
  [[nodiscard]] virtual std::string name() const = 0;  // "sane", "camera", "files"
  // The devices present now; an empty list when there are none (never an error for that).
  virtual std::vector<DeviceInfo> devices() = 0;
  // Throws ScanError (Offline when the device is gone).
  virtual Capabilities capabilities(const std::string& deviceId) = 0;
  // Never throws for device trouble: that ends the capture with a typed error.
  virtual void capture(const std::string& deviceId, const ScanSettings& settings,
                       CaptureObserver& observer, const CancelFlag& cancel) = 0;
};

}  // namespace onewindow::scan
