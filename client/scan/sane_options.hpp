#pragma once
// A SANE device's options, found by name (never by index: indices change between backends and
// after a reload), with the usual synonyms for the values frontends care about. Every setter
// honours what the backend answers: SANE_INFO_RELOAD_OPTIONS re-indexes the table, and the value
// actually set is read back (SANE_INFO_INEXACT: the backend rounded or clamped it).

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sane/sane.h>

#include "client/scan/scan_error.hpp"
#include "client/scan/scan_types.hpp"

namespace onewindow::scan {

// The clerk's source and mode from a backend's own word, case-insensitively: "Flatbed",
// "ADF Front", "Automatic Document Feeder", "Duplex", "Color", "Grey", "Lineart", ... Halftone
// and other words the driver cannot use give none.
[[nodiscard]] std::optional<PaperSource> paperSourceFromSane(std::string_view value);
[[nodiscard]] std::optional<ColourMode> colourModeFromSane(std::string_view value);

[[nodiscard]] ScanErrorKind scanErrorKindFromSane(SANE_Status status);
// `what` says what was being done: "sane_start on test:0".
[[nodiscard]] ScanError saneError(SANE_Status status, const std::string& what);

struct SaneRange {
  double min = 0, max = 0, quant = 0;  // FIXED options unfixed; quant 0: any value
};

class SaneOptions {
 public:
  explicit SaneOptions(SANE_Handle handle);

  // Re-reads the option table; the backend asked for it (or the caller knows it changed).
  void reindex();
  [[nodiscard]] int reindexCount() const { return reindexCount_; }

  // nullptr when the device has no option of that name.
  [[nodiscard]] const SANE_Option_Descriptor* descriptor(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return descriptor(name) != nullptr; }
  // Present, active and settable by software.
  [[nodiscard]] bool settable(std::string_view name) const;
  // The first of the synonyms the device has (active or not); none when it has none of them.
  [[nodiscard]] std::optional<std::string> firstPresent(
      std::initializer_list<std::string_view> names) const;

  [[nodiscard]] std::vector<std::string> stringList(std::string_view name) const;
  [[nodiscard]] std::vector<double> wordList(std::string_view name) const;  // FIXED unfixed
  [[nodiscard]] std::optional<SaneRange> range(std::string_view name) const;

  // Numbers are doubles for both SANE_TYPE_INT and SANE_TYPE_FIXED options.
  [[nodiscard]] std::string stringValue(std::string_view name) const;
  [[nodiscard]] double numberValue(std::string_view name) const;

  // Each returns the value the device took. Throws ScanError (Unsupported when the backend
  // refuses the value, the kind of the status otherwise).
  std::string setString(std::string_view name, const std::string& value);
  double setNumber(std::string_view name, double value);
  bool setBool(std::string_view name, bool value);
  // By the option's own type, from text ("yes"/"no", "200000", "Color pattern"): for the
  // backend-specific options a caller names itself.
  void setFromText(std::string_view name, const std::string& text);

 private:
  [[nodiscard]] const SANE_Option_Descriptor& require(std::string_view name, int& index) const;
  // sane_control_option with the reload the answer asks for; throws on failure.
  void setRaw(std::string_view name, int index, void* value);
  void getRaw(std::string_view name, int index, void* value) const;

  SANE_Handle handle_;
  std::map<std::string, int, std::less<>> indexByName_;
  int reindexCount_ = 0;
};

}  // namespace onewindow::scan
