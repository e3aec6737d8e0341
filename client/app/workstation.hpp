#pragma once
// Owns what one running workstation needs — paths, settings, log file, the UI invoker and
// the engine — and the flow between login dialog and main window. The wxApp drives it with
// modal dialogs; GUI tests drive the same objects modelessly.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "client/app/matter_catalog_source.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/rotating_log_file.hpp"
#include "client/settings/settings.hpp"

class wxWindow;

namespace onewindow::app {

class LoginDialog;
class MainFrame;
class UiInvoker;

struct LaunchOptions {
  std::optional<std::string> centralUrl;  // --central, overrides the saved setting
  std::optional<std::string> language;    // --lang, overrides the saved setting
  // --catalog: the matter catalog file, pinned (releases from central are not loaded);
  // default: the release fetched from central, else one installed under the data directory.
  std::optional<std::filesystem::path> catalogFile;
  // The engine's clock (today's due dates, the day of intake); the system clock unless a test
  // fixes the day.
  std::shared_ptr<const engine::Clock> clock = std::make_shared<engine::SystemClock>();
};

class Workstation {
 public:
  explicit Workstation(const LaunchOptions& options);
  ~Workstation();
  Workstation(const Workstation&) = delete;
  Workstation& operator=(const Workstation&) = delete;

  [[nodiscard]] engine::Engine& engine() { return *engine_; }
  [[nodiscard]] const settings::AppPaths& paths() const { return paths_; }
  [[nodiscard]] const settings::WorkstationSettings& settings() const { return settings_; }
  [[nodiscard]] const std::string& language() const { return language_; }

  [[nodiscard]] LoginDialog* createLoginDialog(wxWindow* parent = nullptr);
  // The actions of the main window: settings, logout and quit call back into here.
  MainFrame* openMainWindow(const engine::ClerkSession& session);
  [[nodiscard]] MainFrame* mainWindow() const { return mainWindow_; }

  // Has the engine use this catalog file from now on (as --catalog does at start-up); the
  // window shows it once the engine has loaded it. When it fails the catalog loaded before
  // stays in use and the pane lists the problems.
  void useCatalog(const std::filesystem::path& file);
  // The catalog the engine decides cases with, as it last announced it (null: none yet).
  [[nodiscard]] const std::shared_ptr<const forms::Catalog>& catalog() const { return catalog_; }
  [[nodiscard]] const std::optional<engine::CatalogLoaded>& lastCatalogLoad() const {
    return lastCatalogLoad_;
  }

  // Saves the settings and applies what can change at run time (central URL, window).
  void applySettings(const settings::WorkstationSettings& settings);

  // Modal flow for the real application: login, then the main window. Returns false when
  // the clerk cancelled the login (the application then exits).
  bool runLogin();

 private:
  void openSettings();
  void logout();
  void quit();
  void onCatalogLoaded(const engine::CatalogLoaded& loaded);
  void showCatalogIn(MainFrame* frame);

  settings::AppPaths paths_;
  engine::Subscription catalogSubscription_;
  std::optional<engine::CatalogLoaded> lastCatalogLoad_;
  std::shared_ptr<const forms::Catalog> catalog_;
  settings::WorkstationSettings settings_;
  std::string language_;
  std::shared_ptr<engine::RotatingLogFile> log_;
  std::shared_ptr<UiInvoker> invoker_;
  std::unique_ptr<engine::Engine> engine_;
  MainFrame* mainWindow_ = nullptr;
};

}  // namespace onewindow::app
