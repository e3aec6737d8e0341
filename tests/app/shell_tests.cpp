#include <fstream>
#include <memory>

#include <catch2/catch.hpp>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/textctrl.h>

#include "client/app/settings_dialog.hpp"
#include "client/settings/settings.hpp"
#include "raw_tcp_server.hpp"
#include "workstation_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::pumpFor;
using test::pumpUntil;
using test::WorkstationFixture;

namespace {

engine::ClerkSession demoClerk() { return {"c1001", "张敏", engine::Role::Clerk, "W03"}; }

}  // namespace

TEST_CASE("a central that accepts and never answers shows offline and never freezes the window",
          "[gui][connectivity]") {
  WorkstationFixture fixture;
  test::RawTcpServer hung(test::RawTcpServer::Behaviour::NeverAnswer);
  app::Workstation& workstation = fixture.start(hung.baseUrl());
  app::MainFrame* frame = workstation.openMainWindow(demoClerk());
  test::PumpStats stats;
  CHECK(pumpUntil([&] { return fixture.showsOffline(frame); }, 10s, &stats));
  CHECK(stats.longestStall < 500ms);
  // F5 asks for a refresh while the server still hangs: the window keeps answering.
  frame->ProcessCommand(app::kIdRefresh);
  test::PumpStats refreshStats;
  pumpUntil([] { return false; }, 2s, &refreshStats);
  CHECK(refreshStats.longestStall < 500ms);
}

TEST_CASE("notifications for a closed main window are dropped", "[gui][engine]") {
  WorkstationFixture fixture;
  app::Workstation& workstation = fixture.start();
  app::MainFrame* frame = workstation.openMainWindow(demoClerk());
  pumpFor(100ms);
  // Results are in flight while the window closes ...
  workstation.engine().submit(engine::RefreshStatus{});
  workstation.engine().submit(engine::SetCentralUrl{"http://127.0.0.1:1"});
  frame->Close(true);
  // ... and land after it is gone: nothing may touch it (ASan in the asan preset).
  pumpFor(3s);
  CHECK(workstation.mainWindow() == nullptr);
}

TEST_CASE("the settings dialog refuses a bad central URL at the field and saves good values",
          "[gui][settings]") {
  WorkstationFixture fixture;
  app::Workstation& workstation = fixture.start();
  {
    app::SettingsDialog dialog(nullptr, workstation.settings());
    dialog.Show();
    auto* url = dynamic_cast<wxTextCtrl*>(dialog.FindWindowByName("central-url"));
    REQUIRE(url != nullptr);
    url->SetValue("ftp://central");
    wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
    dialog.FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
    pumpFor(100ms);
    CHECK(dialog.IsShown());
    CHECK(wxWindow::FindFocus() == url);
    test::saveScreenshot("settings-dialog-error");

    url->SetValue("https://central.example.invalid:8443");
    dynamic_cast<wxTextCtrl*>(dialog.FindWindowByName("window-code"))->SetValue("W07");
    dialog.FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
    pumpFor(100ms);
    CHECK(dialog.GetReturnCode() == wxID_OK);
    workstation.applySettings(dialog.settings());
  }
  const settings::WorkstationSettings saved =
      settings::loadSettings(workstation.paths().configFile);
  CHECK(saved.centralUrl == "https://central.example.invalid:8443");
  CHECK(saved.windowCode == "W07");
  CHECK(saved.uiLanguage == "zh_CN");
  // The engine takes the new URL on its own thread.
  CHECK(pumpUntil(
      [&] {
        return workstation.engine().status().centralUrl == "https://central.example.invalid:8443";
      },
      5s));
}

TEST_CASE("every page and action is reachable from a menu with an accelerator", "[gui][menus]") {
  WorkstationFixture fixture;
  app::Workstation& workstation = fixture.start();
  app::MainFrame* frame =
      workstation.openMainWindow({"s2001", "李强", engine::Role::Supervisor, "W01"});
  wxMenuBar* menus = frame->GetMenuBar();
  int items = 0;
  for (size_t m = 0; m < menus->GetMenuCount(); ++m) {
    for (wxMenuItem* item : menus->GetMenu(m)->GetMenuItems()) {
      if (item->IsSeparator()) continue;
      ++items;
      INFO("menu item " << item->GetItemLabelText().utf8_string());
      const std::unique_ptr<wxAcceleratorEntry> accelerator(item->GetAccel());  // ours to delete
      CHECK(accelerator != nullptr);
    }
  }
  CHECK(items >= 10);
  frame->ProcessCommand(app::kIdPageQueue);  // View > Queue (Ctrl+2)
  CHECK(frame->pages()->GetSelection() == 1);
}

TEST_CASE("the English interface is available as the second language", "[gui][language]") {
  WorkstationFixture fixture("en");
  app::Workstation& workstation = fixture.start();
  app::MainFrame* frame = workstation.openMainWindow(demoClerk());
  CHECK(pumpUntil(
      [frame] {
        return WorkstationFixture::statusField(frame, app::kConnectivityField) == "Central: online";
      },
      10s));
  CHECK(frame->pages()->GetPageText(0) == "Intake");
  test::saveScreenshot("main-window-english");
}

TEST_CASE("the workstation writes its log file under the data directory", "[gui][log]") {
  WorkstationFixture fixture;
  app::Workstation& workstation = fixture.start();
  app::MainFrame* frame = workstation.openMainWindow(demoClerk());
  pumpUntil(
      [frame] {
        return WorkstationFixture::statusField(frame, app::kConnectivityField) ==
               _("Central: online");
      },
      10s);
  const auto log = workstation.paths().logFile;
  REQUIRE(std::filesystem::exists(log));
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK_THAT(text, Catch::Contains("OneWindow started"));
  CHECK_THAT(text, Catch::Contains("is now online"));
}
