#pragma once
// A whole workstation (settings, engine, windows) in a private XDG home, against a real
// central server process on 127.0.0.1.

#include <cstdlib>
#include <memory>

#include <wx/button.h>
#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>

#include "central_process.hpp"
#include "client/app/login_dialog.hpp"
#include "client/app/main_frame.hpp"
#include "client/app/workstation.hpp"
#include "gui_fixture.hpp"
#include "sample_case.hpp"
#include "temp_dir.hpp"

namespace onewindow::test {

class WorkstationFixture {
 public:
  explicit WorkstationFixture(std::string language = "zh_CN", CentralOptions options = {})
      : central(dir / "central.db", std::move(options)), language_(std::move(language)) {
    ensureGui();
    ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    central.start();
  }

  ~WorkstationFixture() {
    if (workstation && workstation->mainWindow() != nullptr) workstation->mainWindow()->Destroy();
    pumpFor(std::chrono::milliseconds(50));
    workstation.reset();
  }

  // The workstation decides cases with `catalog` (pinned as --catalog pins it): the sample
  // catalog unless the test takes the release central publishes (nullopt).
  // `clock`: the engine's "today", when the test sets it.
  app::Workstation& start(std::optional<std::string> centralUrl = std::nullopt,
                          std::optional<std::filesystem::path> catalog = sampleCatalogFile(),
                          std::shared_ptr<const engine::Clock> clock = nullptr) {
    app::LaunchOptions options{centralUrl.value_or(central.baseUrl()), language_,
                               std::move(catalog)};
    if (clock) options.clock = std::move(clock);
    workstation = std::make_unique<app::Workstation>(options);
    return *workstation;
  }

  // Logs in through the real dialog by filling the fields and pressing its OK button.
  app::MainFrame* logIn(const std::string& clerk, const std::string& password,
                        const std::string& window) {
    app::LoginDialog* dialog = workstation->createLoginDialog();
    dialog->Show();
    dialog->clerkIdField()->SetValue(wxString::FromUTF8(clerk));
    dialog->passwordField()->SetValue(wxString::FromUTF8(password));
    dialog->windowField()->SetValue(wxString::FromUTF8(window));
    wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
    click.SetEventObject(dialog->FindWindow(wxID_OK));
    dialog->FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
    pumpUntil(
        [dialog] {
          return dialog->session().has_value() ||
                 !dialog->shownMessage().empty() && !dialog->waitingForCentral();
        },
        std::chrono::seconds(15));
    const auto session = dialog->session();
    dialog->Destroy();
    if (!session) return nullptr;
    return workstation->openMainWindow(*session);
  }

  // Logs the clerk out and closes the main window, as the menu's logout does, without the login
  // dialog that follows it there (the test logs the next clerk in with logIn).
  void logOut() {
    workstation->engine().submit(engine::Logout{});
    if (workstation->mainWindow() != nullptr) workstation->mainWindow()->Destroy();
    pumpUntil([&] { return workstation->mainWindow() == nullptr; }, std::chrono::seconds(10));
  }

  static wxString statusField(app::MainFrame* frame, int field) {
    return frame->GetStatusBar()->GetStatusText(field);
  }

  // True when the status bar shows "offline since HH:MM" with the time central went away.
  bool showsOffline(app::MainFrame* frame) const {
    const engine::StatusSnapshot status = workstation->engine().status();
    if (status.connectivity != engine::Connectivity::Offline) return false;
    const wxDateTime since(std::chrono::system_clock::to_time_t(status.connectivitySince));
    return statusField(frame, app::kConnectivityField) ==
           wxString::Format(_("Central: offline since %s"), since.Format("%H:%M"));
  }

  TempDir dir;
  CentralProcess central;
  std::unique_ptr<app::Workstation> workstation;

 private:
  std::string language_;
};

}  // namespace onewindow::test
