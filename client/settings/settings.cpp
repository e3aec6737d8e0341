#include "client/settings/settings.hpp"

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
  read("Devices/Scanner", settings.scanner);
  read("Interface/Language", settings.uiLanguage);
  if (settings.uiLanguage != "en") settings.uiLanguage = "zh_CN";
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
  config.Write("Devices/Scanner", wx(settings.scanner));
  config.Write("Interface/Language", wx(settings.uiLanguage));
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

}  // namespace onewindow::settings
