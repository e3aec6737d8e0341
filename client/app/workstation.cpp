#include "client/app/workstation.hpp"

#include <wx/app.h>
#include <wx/log.h>
#include <wx/msgdlg.h>

#include "client/app/about_box.hpp"
#include "client/app/catalog_pane.hpp"
#include "client/app/login_dialog.hpp"
#include "client/app/main_frame.hpp"
#include "client/app/settings_dialog.hpp"
#include "client/app/translations.hpp"
#include "client/app/ui_invoker.hpp"
#include "client/app/wx_log_file.hpp"

namespace onewindow::app {

Workstation::Workstation(const LaunchOptions& options)
    : paths_(settings::appPaths()), settings_(settings::loadSettings(paths_.configFile)) {
  if (options.centralUrl) settings_.centralUrl = *options.centralUrl;
  language_ = options.language.value_or(settings_.uiLanguage);

  log_ = std::make_shared<engine::RotatingLogFile>(paths_.logFile);
  delete wxLog::SetActiveTarget(new WxLogFile(log_));
  wxLog::SetTimestamp(wxEmptyString);  // the log file stamps lines itself
  if (!setUpTranslations(language_)) {
    wxLogWarning("the %s translation catalog was not found; showing English", language_);
  }

  engine::EngineConfig config;
  config.profileDir = paths_.profileDir;
  config.centralUrl = settings_.centralUrl;
  config.caBundle = settings_.caBundle;
  config.log = [log = log_](const std::string& line) { log->write("INFO", line); };
  config.catalogFile = options.catalogFile;
  config.catalogFallback = installedCatalogFile(paths_.dataDir);
  config.station = settings::stationProfile(settings_);
  config.supervision = settings::supervisionConfig(settings_);
  for (const std::string& folder : settings_.scanFolders) config.scanFolders.emplace_back(folder);
  invoker_ = std::make_shared<UiInvoker>();
  engine_ = std::make_unique<engine::Engine>(config, invoker_, options.clock);
  wxLogMessage("OneWindow started: central %s, profile %s", settings_.centralUrl,
               paths_.profileDir.string());
  catalogSubscription_ = engine_->subscribe([this](const engine::Notification& notification) {
    if (const auto* loaded = std::get_if<engine::CatalogLoaded>(&notification))
      onCatalogLoaded(*loaded);
  });
}

Workstation::~Workstation() {
  catalogSubscription_.reset();
  invoker_->shutdown();
  engine_.reset();
}

LoginDialog* Workstation::createLoginDialog(wxWindow* parent) {
  const auto last = engine_->status().lastSession;
  const wxString lastClerk = last ? wxString::FromUTF8(last->clerkId) : wxString();
  return new LoginDialog(parent, *engine_, wxString::FromUTF8(settings_.windowCode), lastClerk);
}

MainFrame* Workstation::openMainWindow(const engine::ClerkSession& session) {
  MainFrameActions actions{[this] { openSettings(); }, [this] { logout(); }, [this] { quit(); },
                           [this] { return settings_; }};
  mainWindow_ = new MainFrame(*engine_, session, std::move(actions));
  mainWindow_->Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { showAboutBox(mainWindow_); }, wxID_ABOUT);
  mainWindow_->Bind(wxEVT_DESTROY, [this](wxWindowDestroyEvent& event) {
    if (event.GetWindow() == mainWindow_) mainWindow_ = nullptr;
    event.Skip();
  });
  mainWindow_->setCatalogLanguage(language_ == "en" ? "en" : "zh");
  showCatalogIn(mainWindow_);
  mainWindow_->Show();
  return mainWindow_;
}

void Workstation::useCatalog(const std::filesystem::path& file) {
  engine_->submit(engine::UseCatalog{file});
}

void Workstation::onCatalogLoaded(const engine::CatalogLoaded& loaded) {
  lastCatalogLoad_ = loaded;
  catalog_ = loaded.catalog;
  if (!loaded.problems.empty()) {
    wxLogWarning("catalog %s not loaded (%zu problem(s))", loaded.catalogFile.string(),
                 loaded.problems.size());
  }
  if (mainWindow_ != nullptr) showCatalogIn(mainWindow_);
}

void Workstation::showCatalogIn(MainFrame* frame) {
  if (!lastCatalogLoad_) {
    frame->catalog()->showLoading();
    return;
  }
  if (catalog_) frame->setCatalog(catalog_);
  if (!lastCatalogLoad_->problems.empty()) {
    frame->showCatalogFailure(*lastCatalogLoad_);
  } else if (!catalog_) {
    frame->showNoCatalog();
  }
}

void Workstation::applySettings(const settings::WorkstationSettings& settings) {
  settings::saveSettings(paths_.configFile, settings);
  if (settings.centralUrl != settings_.centralUrl) {
    engine_->submit(engine::SetCentralUrl{settings.centralUrl});
  }
  settings_ = settings;
}

bool Workstation::runLogin() {
  std::unique_ptr<LoginDialog> dialog(createLoginDialog());
  if (dialog->ShowModal() != wxID_OK || !dialog->session()) return false;
  const engine::ClerkSession session = *dialog->session();
  if (settings_.windowCode != session.windowCode) {
    settings::WorkstationSettings updated = settings_;
    updated.windowCode = session.windowCode;  // the next login offers the same window
    try {
      applySettings(updated);
    } catch (const std::exception& error) {
      wxLogError("%s", error.what());
    }
  }
  openMainWindow(session);
  return true;
}

void Workstation::openSettings() {
  SettingsDialog dialog(mainWindow_, settings_, engine_.get());
  if (dialog.ShowModal() != wxID_OK) return;
  try {
    applySettings(dialog.settings());
  } catch (const std::exception& error) {
    wxMessageBox(wxString::FromUTF8(error.what()), _("Settings not saved"), wxOK | wxICON_ERROR,
                 mainWindow_);
  }
}

void Workstation::logout() {
  engine_->submit(engine::Logout{});
  if (mainWindow_ != nullptr) mainWindow_->Destroy();
  mainWindow_ = nullptr;
  // Back to the login dialog once the main window is gone; cancelling it ends the program.
  wxTheApp->CallAfter([this] {
    if (!runLogin()) quit();
  });
}

void Workstation::quit() {
  if (mainWindow_ != nullptr) mainWindow_->Destroy();
  mainWindow_ = nullptr;
  wxTheApp->ExitMainLoop();
}

}  // namespace onewindow::app
