#pragma once
// Workstation settings and paths, shared by the desktop UI and onewindow-ctl. The header is
// free of wx on purpose: onewindow-ctl includes it without seeing wx (DESIGN.md §2); the
// implementation uses wxFileConfig and wxStandardPaths (wxBase only).

#include <filesystem>
#include <string>

namespace onewindow::settings {

struct WorkstationSettings {
  std::string centralUrl = "http://127.0.0.1:8470";
  std::string windowCode;
  std::string printer;
  std::string scanner;
  std::string uiLanguage = "zh_CN";  // "zh_CN" (default) or "en"
  std::string caBundle;              // private CA file for central's certificate
};

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
[[nodiscard]] std::string validateCentralUrl(const std::string& url);
[[nodiscard]] std::string validateWindowCode(const std::string& code);

}  // namespace onewindow::settings
