#pragma once
// The small typed set every driver's failures map to (DESIGN.md §9), each with the sentence a
// clerk reads at the window. `detail` keeps the device's own words for the log.

#include <stdexcept>
#include <string>

namespace onewindow::scan {

enum class ScanErrorKind {
  FeederEmpty,  // no paper in the feeder (or on the glass, where the device can tell)
  Jammed,       // paper jam
  CoverOpen,    // the lid or the feeder cover is open
  Busy,         // another program (or window) is using the device
  Offline,      // unplugged, switched off, gone from the bus or the network
  Io,           // any other failure talking to the device or reading a file
  Unsupported,  // the device cannot do what the settings ask (a source it has not, ...)
};

[[nodiscard]] const char* scanErrorKindName(ScanErrorKind kind);  // "jammed", "feeder_empty", ...
// The clerk's sentence, in Chinese: "卡纸：请清除卡纸后按继续", ...
[[nodiscard]] std::string clerkMessage(ScanErrorKind kind);

class ScanError : public std::runtime_error {
 public:
  ScanError(ScanErrorKind kind, std::string detail);
  // With the clerk's sentence when the kind's own would mislead (a broken file is not a
  // scanner to restart).
  ScanError(ScanErrorKind kind, std::string detail, std::string clerkText);
  [[nodiscard]] ScanErrorKind kind() const { return kind_; }
  [[nodiscard]] const std::string& detail() const { return detail_; }
  [[nodiscard]] const std::string& clerkText() const { return clerkText_; }

 private:
  ScanErrorKind kind_;
  std::string detail_;
  std::string clerkText_;
};

}  // namespace onewindow::scan
