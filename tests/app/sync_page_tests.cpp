#include <fstream>
#include <random>

#include <catch2/catch.hpp>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>

#include "case_driver.hpp"
#include "client/app/sync_page.hpp"
#include "client/app/verdict_text.hpp"
#include "sample_engine_case.hpp"
#include "workstation_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::pumpUntil;
using test::WorkstationFixture;

TEST_CASE(
    "offline the status bar counts the waiting cases and back online they drain and a refused one "
    "shows why",
    "[gui][sync]") {
  // Central's release is stricter than the station's about one matter's form (a firm needs at
  // least five employees): a case of it that the window took in is refused there, located.
  test::TempDir releases;
  const auto strict = test::stricterSampleCatalog(releases / "central");
  WorkstationFixture fixture("zh_CN", test::CentralOptions{true, {"--catalog", strict.string()}});
  fixture.start();
  app::MainFrame* frame = fixture.logIn("c1001", "demo1001", "W03");
  REQUIRE(frame != nullptr);
  test::CaseDriver cases(fixture.workstation->engine());

  fixture.central.stop();
  REQUIRE(pumpUntil([&] { return fixture.showsOffline(frame); }, 10s));
  for (int i = 0; i < 3; ++i)
    cases.takeCaseIn(fixture.dir / "scans", "申请人" + std::to_string(i), test::kSeniorCard);
  // Accepted at the window; central's release refuses the acceptance of its form.
  const std::string refused = cases.takeCaseIn(fixture.dir / "scans", "张三");
  cases.call<engine::DecisionRecorded>(
      engine::RecordDecision{0, refused, {.kind = engine::DecisionKind::Accept}});
  const wxString fourWaiting = wxString::Format(_("Pending sync: %d"), 4);
  CHECK(pumpUntil(
      [&] { return WorkstationFixture::statusField(frame, app::kPendingField) == fourWaiting; },
      10s));
  frame->showPage(app::Page::Sync);
  test::saveScreenshot("sync-offline-pending");

  fixture.central.restart();
  const wxString drained =
      wxString::Format(_("Pending sync: %d"), 0) + " " + wxString::Format(_("(%d refused)"), 1);
  REQUIRE(pumpUntil(
      [&] { return WorkstationFixture::statusField(frame, app::kPendingField) == drained; }, 60s));
  CHECK(pumpUntil(
      [&] {
        return fixture.workstation->engine().status().connectivity == engine::Connectivity::Online;
      },
      10s));

  app::SyncPage* page = frame->syncPage();
  REQUIRE(pumpUntil([&] { return page->rows().size() == 1; }, 10s));
  CHECK(page->rows()[0].syncState == "quarantined");
  CHECK_FALSE(page->rows()[0].lastError.empty());
  CHECK(page->list()->GetItemText(0, 2) == app::syncStateLabel("quarantined"));
  // Central's code, said in the clerk's language; central's located problems as the detail.
  CHECK(page->rows()[0].lastErrorCode == "case.rule_violation");
  CHECK_THAT(page->rows()[0].lastError, Catch::Contains("/data/business/employees"));
  CHECK(page->list()->GetItemText(0, 4) ==
        app::syncErrorText("case.rule_violation", "").BeforeFirst('\n'));
  CHECK(page->list()->GetItemText(0, 4) != wxString::FromUTF8(page->rows()[0].lastError));
  page->list()->Select(0);
  CHECK_THAT(page->detailsOfSelected().utf8_string(), Catch::Contains(page->rows()[0].lastError));
  test::saveScreenshot("sync-page-refused-case");
  // The clerk also saw the news of an official number arriving.
  CHECK_FALSE(frame->lastNews().empty());
}
