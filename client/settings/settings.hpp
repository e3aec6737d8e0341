#pragma once
// Workstation settings and paths, shared by the desktop UI and onewindow-ctl. The header is
// free of wx on purpose: onewindow-ctl includes it without seeing wx (DESIGN.md §2); the
// implementation uses wxFileConfig and wxStandardPaths (wxBase only).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "client/engine/station_profile.hpp"
#include "client/engine/supervision_config.hpp"

namespace onewindow::settings {

// Where a printer puts the page relative to where it is asked to (millimetres, right and down
// positive): what moves the values onto the boxes of pre-printed stock (套打).
struct PrinterOffset {
  double x = 0, y = 0;
  friend bool operator==(const PrinterOffset&, const PrinterOffset&) = default;
};

inline constexpr double kMaxPrinterOffsetMm = 20;

struct WorkstationSettings {
  std::string centralUrl = "http://127.0.0.1:8470";
  std::string windowCode;
  std::string printer;             // A4 documents on plain paper (notices, receipts)
  std::string certificatePrinter;  // pre-printed A4 stock (套打: certificates, permits)
  std::string cardPrinter;         // cards (at most 100 mm wide)
  std::map<std::string, PrinterOffset> calibration;  // printer name → its offset
  std::string scanner;  // the scanning device preselected in the capture window ("sane:…")
  // Folders where network scanners drop their files; each is a scanning device.
  std::vector<std::string> scanFolders;
  std::string uiLanguage = "zh_CN";  // "zh_CN" (default) or "en"
  std::string caBundle;              // private CA file for central's certificate
  // The station as its documents name it.
  std::string centreName;
  std::string centreAddress;
  std::string centrePhone;
  std::string windowPhone;
  std::string verifyBaseUrl;  // empty: central's
  // The supervisor console: near-due and follow-up working days, the figures' formulas.
  int nearDueWorkingDays = 3;
  int followUpWorkingDays = 5;
  std::string goodRatingFloor = "基本满意";
  std::string overdueAgainst = "promised";  // "promised" or "legal"
};

// The printer set for a document of the engine's printer class ("paper", "stock" or "card";
// anything else is paper). Empty when none is set: the caller says so, never prints to the
// system's default printer.
[[nodiscard]] std::string printerFor(const WorkstationSettings& settings,
                                     std::string_view printerClass);
// The calibration offset of `printer` (zero when none is recorded).
[[nodiscard]] PrinterOffset offsetOf(const WorkstationSettings& settings,
                                     const std::string& printer);
// The station profile the engine prints on documents (EngineConfig::station).
[[nodiscard]] engine::StationProfile stationProfile(const WorkstationSettings& settings);

struct AppPaths {
  std::filesystem::path configFile;  // $XDG_CONFIG_HOME/onewindow/onewindow.conf
  std::filesystem::path dataDir;     // $XDG_DATA_HOME/onewindow
  std::filesystem::path profileDir;  // dataDir/profile: the local store
  std::filesystem::path logFile;     // dataDir/logs/onewindow.log (rotating)
};

// Keeps wxBase initialised for a program without a wxApp (onewindow-ctl), so the functions
// below work there too. Does nothing inside the desktop application.
class WxBaseScope {
 public:
  WxBaseScope();
  ~WxBaseScope();
  WxBaseScope(const WxBaseScope&) = delete;
  WxBaseScope& operator=(const WxBaseScope&) = delete;

 private:
  bool owns_ = false;
};

// wxStandardPaths with the XDG layout (needs a wxApp or a WxBaseScope).
[[nodiscard]] AppPaths appPaths();

[[nodiscard]] WorkstationSettings loadSettings(const std::filesystem::path& configFile);
// Throws std::runtime_error with the file name when the file cannot be written.
void saveSettings(const std::filesystem::path& configFile, const WorkstationSettings& settings);

// Checks the user-editable values; returns an empty string when valid, else what is wrong.
// The supervisor console's configuration from the settings (out-of-range values clamped).
[[nodiscard]] engine::SupervisionConfig supervisionConfig(const WorkstationSettings& settings);

[[nodiscard]] std::string validateCentralUrl(const std::string& url);
[[nodiscard]] std::string validateWindowCode(const std::string& code);
// A calibration offset typed by the clerk ("1.5", "-2"): in millimetres, within ±20.
[[nodiscard]] std::string validatePrinterOffset(const std::string& text, double* millimetres);

}  // namespace onewindow::settings
