#include <catch2/catch.hpp>
#include <wx/intl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "workstation_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::pumpFor;
using test::pumpUntil;
using test::saveScreenshot;
using test::WorkstationFixture;

TEST_CASE("a clerk types credentials into the login dialog and the status bar follows central",
          "[gui][login]") {
  WorkstationFixture fixture;
  app::Workstation& workstation = fixture.start();

  app::LoginDialog* dialog = workstation.createLoginDialog();
  dialog->Show();
  dialog->Raise();
  pumpFor(300ms);
  saveScreenshot("login-dialog");

  // Real key events through the X server, as a clerk would type them.
  wxUIActionSimulator keyboard;
  dialog->clerkIdField()->SetFocus();
  pumpFor(100ms);
  keyboard.Text("c1001");
  keyboard.Char(WXK_TAB);
  pumpFor(100ms);
  keyboard.Text("demo1001");
  keyboard.Char(WXK_TAB);
  pumpFor(100ms);
  keyboard.Text("W03");
  pumpFor(200ms);
  CHECK(dialog->clerkIdField()->GetValue() == "c1001");
  CHECK(dialog->passwordField()->GetValue() == "demo1001");
  CHECK(dialog->windowField()->GetValue() == "W03");
  saveScreenshot("login-dialog-filled");
  keyboard.Char(WXK_RETURN);

  REQUIRE(pumpUntil([dialog] { return dialog->session().has_value(); }, 15s));
  CHECK(dialog->GetReturnCode() == wxID_OK);
  const engine::ClerkSession session = *dialog->session();
  dialog->Destroy();
  app::MainFrame* frame = workstation.openMainWindow(session);

  REQUIRE(pumpUntil(
      [frame] {
        return WorkstationFixture::statusField(frame, app::kConnectivityField) ==
               _("Central: online");
      },
      10s));
  CHECK(
      WorkstationFixture::statusField(frame, app::kConnectivityField).utf8_string().find("在线") !=
      std::string::npos);
  CHECK_THAT(WorkstationFixture::statusField(frame, app::kClerkField).utf8_string(),
             Catch::Contains("c1001") && Catch::Contains("张敏"));
  CHECK_THAT(WorkstationFixture::statusField(frame, app::kWindowField).utf8_string(),
             Catch::Contains("W03"));
  CHECK_THAT(WorkstationFixture::statusField(frame, app::kPendingField).utf8_string(),
             Catch::Contains("0"));
  saveScreenshot("main-window");

  // Central goes away: "offline" within 10 s, and the UI keeps answering meanwhile.
  fixture.central.stop();
  test::PumpStats offlineStats;
  const auto stoppedAt = std::chrono::steady_clock::now();
  REQUIRE(pumpUntil([&] { return fixture.showsOffline(frame); }, 10s, &offlineStats));
  CHECK(
      WorkstationFixture::statusField(frame, app::kConnectivityField).utf8_string().find("离线") !=
      std::string::npos);
  CHECK(std::chrono::steady_clock::now() - stoppedAt < 10s);
  CHECK(offlineStats.longestStall < 500ms);
  saveScreenshot("main-window-offline");

  fixture.central.restart();
  test::PumpStats onlineStats;
  REQUIRE(pumpUntil(
      [frame] {
        return WorkstationFixture::statusField(frame, app::kConnectivityField) ==
               _("Central: online");
      },
      10s, &onlineStats));
  CHECK(onlineStats.longestStall < 500ms);
}

TEST_CASE("a wrong password keeps the dialog open with a message and no session", "[gui][login]") {
  WorkstationFixture fixture;
  fixture.start();
  CHECK(fixture.logIn("c1001", "wrong-password", "W03") == nullptr);
}

namespace {

// Logs in through the real dialog and returns what it shows when central refuses.
wxString refusalShown(app::Workstation& workstation, const std::string& clerk,
                      const std::string& password, const std::string& screenshot = {}) {
  app::LoginDialog* dialog = workstation.createLoginDialog();
  dialog->Show();
  dialog->clerkIdField()->SetValue(wxString::FromUTF8(clerk));
  dialog->passwordField()->SetValue(wxString::FromUTF8(password));
  dialog->windowField()->SetValue("W03");
  wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
  click.SetEventObject(dialog->FindWindow(wxID_OK));
  dialog->FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
  pumpUntil([dialog] { return !dialog->waitingForCentral(); }, 15s);
  if (!screenshot.empty()) {
    pumpFor(200ms);
    saveScreenshot(screenshot);
  }
  const wxString shown = dialog->shownMessage();
  CHECK_FALSE(dialog->session().has_value());
  dialog->Destroy();
  return shown;
}

}  // namespace

TEST_CASE("central's lock of a clerk id and its limit per workstation are explained",
          "[gui][login]") {
  test::CentralOptions options;
  options.extraArguments = {"--login-burst", "6"};
  WorkstationFixture fixture("zh_CN", options);
  app::Workstation& workstation = fixture.start();
  for (int i = 0; i < 4; ++i) {
    CHECK(refusalShown(workstation, "c1001", "wrong").utf8_string() == "工号或密码错误。");
  }
  // The fifth wrong password locks the id; the dialog says until when, in China time.
  const std::string locked =
      refusalShown(workstation, "c1001", "wrong", "login-dialog-clerk-locked").utf8_string();
  CHECK_THAT(locked, Catch::Contains("已将该工号锁定至") && Catch::Contains("年") &&
                         Catch::Contains("即使密码正确"));
  // The sixth failure (the right password, refused) used this workstation's last attempt.
  CHECK(refusalShown(workstation, "c1001", "demo1001").utf8_string() == locked);
  const std::string flooded =
      refusalShown(workstation, "c1002", "demo1002", "login-dialog-too-many-attempts")
          .utf8_string();
  CHECK_THAT(flooded, Catch::StartsWith("本工作站登录失败次数过多，请等待 ") &&
                          Catch::EndsWith(" 秒后再试。"));
  // Both are central's answers: the workstation did not go offline over them.
  CHECK(workstation.engine().status().connectivity != engine::Connectivity::Offline);
}

TEST_CASE("the login dialog checks the window code before asking central", "[gui][login]") {
  WorkstationFixture fixture;
  app::Workstation& workstation = fixture.start();
  app::LoginDialog* dialog = workstation.createLoginDialog();
  dialog->Show();
  dialog->clerkIdField()->SetValue("c1001");
  dialog->passwordField()->SetValue("demo1001");
  dialog->windowField()->SetValue("W 03; drop");
  wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
  dialog->FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
  pumpFor(200ms);
  CHECK_FALSE(dialog->waitingForCentral());
  CHECK_FALSE(dialog->shownMessage().empty());
  CHECK_FALSE(dialog->session().has_value());
  dialog->Destroy();
}

TEST_CASE("a supervisor sees the Supervisor page and a clerk does not", "[gui][roles]") {
  WorkstationFixture fixture;
  fixture.start();
  app::MainFrame* supervisorFrame = fixture.logIn("s2001", "demo2001", "W01");
  REQUIRE(supervisorFrame != nullptr);
  CHECK(supervisorFrame->hasPage(app::Page::Supervisor));
  CHECK(supervisorFrame->pages()->GetPageCount() == 4);
  CHECK(supervisorFrame->pages()->GetPageText(3) == _("Supervisor"));
  supervisorFrame->showPage(app::Page::Supervisor);
  saveScreenshot("main-window-supervisor");
  supervisorFrame->Destroy();
  pumpFor(100ms);

  app::MainFrame* clerkFrame = fixture.logIn("c1001", "demo1001", "W03");
  REQUIRE(clerkFrame != nullptr);
  CHECK_FALSE(clerkFrame->hasPage(app::Page::Supervisor));
  CHECK(clerkFrame->pages()->GetPageCount() == 3);
  for (size_t i = 0; i < clerkFrame->pages()->GetPageCount(); ++i) {
    CHECK(clerkFrame->pages()->GetPageText(i) != _("Supervisor"));
  }
  // Nor can the keyboard reach it: the View menu has no Supervisor item for a clerk.
  wxMenuBar* menus = clerkFrame->GetMenuBar();
  CHECK(menus->FindMenuItem(_("&View"), _("Su&pervisor")) == wxNOT_FOUND);
}
