#include "client/settings/settings.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>

#include <wx/app.h>
#include <wx/fileconf.h>
#include <wx/init.h>
#include <wx/intl.h>
#include <wx/stdpaths.h>
#include <wx/wfstream.h>

namespace onewindow::settings {
namespace {

constexpr const char* kAppName = "onewindow";

wxString wx(const std::string& text) { return wxString::FromUTF8(text); }
std::string utf8(const wxString& text) { return text.utf8_string(); }

std::filesystem::path xdgDir(const char* variable, const char* fallbackUnderHome) {
  wxString value;
  if (wxGetEnv(variable, &value) && !value.empty()) return utf8(value);
  return std::filesystem::path(utf8(wxGetHomeDir())) / fallbackUnderHome;
}

}  // namespace

WxBaseScope::WxBaseScope() {
  if (wxAppConsole::GetInstance() == nullptr) owns_ = wxInitialize();
}

WxBaseScope::~WxBaseScope() {
  if (owns_) wxUninitialize();
}

AppPaths appPaths() {
  wxStandardPaths& paths = wxStandardPaths::Get();
  paths.SetFileLayout(wxStandardPaths::FileLayout_XDG);
  AppPaths result;
  // GetUserConfigDir honours XDG_CONFIG_HOME in the XDG layout; the data directory is taken
  // the same way rather than from GetUserDataDir, which depends on the wxApp's name and is
  // therefore different in onewindow-ctl.
  result.configFile =
      std::filesystem::path(utf8(paths.GetUserConfigDir())) / kAppName / "onewindow.conf";
  result.dataDir = xdgDir("XDG_DATA_HOME", ".local/share") / kAppName;
  result.profileDir = result.dataDir / "profile";
  result.logFile = result.dataDir / "logs" / "onewindow.log";
  return result;
}

WorkstationSettings loadSettings(const std::filesystem::path& configFile) {
  WorkstationSettings settings;
  if (!std::filesystem::exists(configFile)) return settings;
  wxFileConfig config(kAppName, wxEmptyString, wx(configFile.string()), wxEmptyString,
                      wxCONFIG_USE_LOCAL_FILE);
  auto read = [&config](const char* key, std::string& value) {
    value = utf8(config.Read(key, wx(value)));
  };
  read("Central/Url", settings.centralUrl);
  read("Central/CaBundle", settings.caBundle);
  read("Window/Code", settings.windowCode);
  read("Devices/Printer", settings.printer);
  read("Devices/CertificatePrinter", settings.certificatePrinter);
  read("Devices/CardPrinter", settings.cardPrinter);
  read("Devices/Scanner", settings.scanner);
  std::string folders;
  read("Devices/ScanFolders", folders);  // separated by ';' (a character no folder name needs)
  for (std::size_t start = 0; start < folders.size();) {
    const std::size_t end = std::min(folders.find(';', start), folders.size());
    std::string folder = folders.substr(start, end - start);
    folder.erase(0, folder.find_first_not_of(" \t"));
    folder.erase(folder.find_last_not_of(" \t") + 1);
    if (!folder.empty()) settings.scanFolders.push_back(folder);
    start = end + 1;
  }
  read("Interface/Language", settings.uiLanguage);
  if (settings.uiLanguage != "en") settings.uiLanguage = "zh_CN";
  read("Station/CentreName", settings.centreName);
  read("Station/CentreAddress", settings.centreAddress);
  read("Station/CentrePhone", settings.centrePhone);
  read("Station/WindowPhone", settings.windowPhone);
  read("Station/VerifyBaseUrl", settings.verifyBaseUrl);
  settings.nearDueWorkingDays =
      static_cast<int>(config.ReadLong("Supervision/NearDueWorkingDays", 3));
  settings.followUpWorkingDays =
      static_cast<int>(config.ReadLong("Supervision/FollowUpWorkingDays", 5));
  read("Supervision/GoodRatingFloor", settings.goodRatingFloor);
  read("Supervision/OverdueAgainst", settings.overdueAgainst);
  // One group a printer: Calibration/<name>/X and /Y, in millimetres.
  config.SetPath("/Calibration");
  wxString group;
  long cookie = 0;
  std::vector<wxString> printers;
  for (bool more = config.GetFirstGroup(group, cookie); more;
       more = config.GetNextGroup(group, cookie))
    printers.push_back(group);
  for (const wxString& name : printers) {
    PrinterOffset offset;
    config.Read(name + "/X", &offset.x, 0.0);
    config.Read(name + "/Y", &offset.y, 0.0);
    if (std::isfinite(offset.x) && std::isfinite(offset.y))
      settings.calibration[utf8(name)] = offset;
  }
  config.SetPath("/");
  return settings;
}

void saveSettings(const std::filesystem::path& configFile, const WorkstationSettings& settings) {
  std::error_code error;
  std::filesystem::create_directories(configFile.parent_path(), error);
  wxFileConfig config(kAppName, wxEmptyString, wx(configFile.string()), wxEmptyString,
                      wxCONFIG_USE_LOCAL_FILE);
  config.Write("Central/Url", wx(settings.centralUrl));
  config.Write("Central/CaBundle", wx(settings.caBundle));
  config.Write("Window/Code", wx(settings.windowCode));
  config.Write("Devices/Printer", wx(settings.printer));
  config.Write("Devices/CertificatePrinter", wx(settings.certificatePrinter));
  config.Write("Devices/CardPrinter", wx(settings.cardPrinter));
  config.Write("Devices/Scanner", wx(settings.scanner));
  std::string folders;
  for (const std::string& folder : settings.scanFolders)
    folders += (folders.empty() ? "" : ";") + folder;
  config.Write("Devices/ScanFolders", wx(folders));
  config.Write("Interface/Language", wx(settings.uiLanguage));
  config.Write("Station/CentreName", wx(settings.centreName));
  config.Write("Station/CentreAddress", wx(settings.centreAddress));
  config.Write("Station/CentrePhone", wx(settings.centrePhone));
  config.Write("Station/WindowPhone", wx(settings.windowPhone));
  config.Write("Station/VerifyBaseUrl", wx(settings.verifyBaseUrl));
  config.Write("Supervision/NearDueWorkingDays", static_cast<long>(settings.nearDueWorkingDays));
  config.Write("Supervision/FollowUpWorkingDays", static_cast<long>(settings.followUpWorkingDays));
  config.Write("Supervision/GoodRatingFloor", wx(settings.goodRatingFloor));
  config.Write("Supervision/OverdueAgainst", wx(settings.overdueAgainst));
  config.DeleteGroup("/Calibration");  // printers removed since are forgotten
  for (const auto& [name, offset] : settings.calibration) {
    // A name that would be read back as a path is not kept (CUPS queue names never have '/').
    if (name.empty() || name.find('/') != std::string::npos) continue;
    config.Write("/Calibration/" + wx(name) + "/X", offset.x);
    config.Write("/Calibration/" + wx(name) + "/Y", offset.y);
  }
  // Flush explicitly: wxFileConfig otherwise writes in its destructor and hides the error.
  wxFileOutputStream out(wx(configFile.string()));
  if (!out.IsOk() || !config.Save(out) || !out.Close()) {
    throw std::runtime_error("the settings could not be written to " + configFile.string());
  }
}

std::string validateCentralUrl(const std::string& url) {
  static const std::regex pattern(R"(^https?://[A-Za-z0-9.\-\[\]:]+(:[0-9]{1,5})?(/[^\s]*)?$)");
  if (url.empty()) return _("the central URL is empty").utf8_string();
  if (!std::regex_match(url, pattern))
    return _("the central URL must look like https://host:port").utf8_string();
  return {};
}

std::string validateWindowCode(const std::string& code) {
  static const std::regex pattern("^[A-Za-z0-9-]{1,16}$");
  if (code.empty()) return _("the window code is empty").utf8_string();
  if (!std::regex_match(code, pattern)) {
    return _("the window code may only contain letters, digits and '-' (at most 16)").utf8_string();
  }
  return {};
}

std::string validatePrinterOffset(const std::string& text, double* millimetres) {
  static const std::regex pattern(R"(^\s*[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\s*$)");
  if (text.find_first_not_of(" \t") == std::string::npos) {
    if (millimetres != nullptr) *millimetres = 0;
    return {};
  }
  double value = 0;
  wxString number = wx(text).Strip(wxString::both);
  number.Replace(",", ".");
  if (!std::regex_match(text, pattern) || !number.ToCDouble(&value)) {
    return _("the offset must be a number of millimetres, such as 1.5 or -2").utf8_string();
  }
  if (std::fabs(value) > kMaxPrinterOffsetMm) {
    return wxString::Format(_("the offset must lie between -%g and %g mm"), kMaxPrinterOffsetMm,
                            kMaxPrinterOffsetMm)
        .utf8_string();
  }
  if (millimetres != nullptr) *millimetres = value;
  return {};
}

std::string printerFor(const WorkstationSettings& settings, std::string_view printerClass) {
  if (printerClass == "stock") return settings.certificatePrinter;
  if (printerClass == "card") return settings.cardPrinter;
  return settings.printer;
}

PrinterOffset offsetOf(const WorkstationSettings& settings, const std::string& printer) {
  const auto found = settings.calibration.find(printer);
  return found == settings.calibration.end() ? PrinterOffset{} : found->second;
}

engine::StationProfile stationProfile(const WorkstationSettings& settings) {
  return {settings.centreName, settings.centreAddress, settings.centrePhone, settings.windowPhone,
          settings.verifyBaseUrl};
}

engine::SupervisionConfig supervisionConfig(const WorkstationSettings& settings) {
  engine::SupervisionConfig config;
  config.nearDueWorkingDays = std::clamp(settings.nearDueWorkingDays, 1, 30);
  config.followUpWorkingDays = std::clamp(settings.followUpWorkingDays, 1, 60);
  // A label that is no level of the scale keeps the domain's default (基本满意 and above).
  for (const char* label : {"非常满意", "满意", "基本满意", "不满意"})
    if (settings.goodRatingFloor == label) config.formulas.goodRatingFloor = label;
  config.formulas.overdueAgainstLegalLimit = settings.overdueAgainst == "legal";
  return config;
}

}  // namespace onewindow::settings
