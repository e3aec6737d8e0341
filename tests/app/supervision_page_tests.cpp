// The supervisor console under Xvfb (issue 14): a quarantined case found, its reason read,
// sent again after the cause is fixed at the reference server, and gone from the queue; the
// overdue badge on the working-day calendar; a bad rating's follow-up recorded and closed; the
// figures with their chart and exports; a clerk's login without the console.

#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>

#include "case_driver.hpp"
#include "client/app/case_detail_dialog.hpp"
#include "client/app/case_text.hpp"
#include "client/app/cases_page.hpp"
#include "client/app/figure_chart_view.hpp"
#include "client/app/figures_panel.hpp"
#include "client/app/follow_up_panel.hpp"
#include "client/app/supervision_page.hpp"
#include "client/app/supervisor_queue_panel.hpp"
#include "pdf_tools.hpp"
#include "settable_clock.hpp"
#include "workstation_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::pumpUntil;
using test::WorkstationFixture;

namespace {

app::SupervisorQueuePanel* showQueue(app::MainFrame* frame, engine::SupervisorQueue queue) {
  frame->showPage(app::Page::Supervisor);
  app::SupervisionPage* page = frame->supervisionPage();
  REQUIRE(page != nullptr);
  page->showTab(app::SupervisionPage::Tab::Queues);
  app::SupervisorQueuePanel* queues = page->queues();
  queues->showQueue(queue);
  REQUIRE(pumpUntil([&] { return !queues->loading(); }, 10s));
  return queues;
}

}  // namespace

TEST_CASE(
    "a supervisor sends a case central refused again once the cause is fixed, and it "
    "leaves the queue",
    "[gui][supervisor]") {
  // Central's release is stricter than the window's about one form: the case is refused there.
  test::TempDir releases;
  const auto strict = test::stricterSampleCatalog(releases / "strict");
  WorkstationFixture fixture("zh_CN", test::CentralOptions{true, {"--catalog", strict.string()}});
  fixture.start();
  app::MainFrame* frame = fixture.logIn("s2001", "demo2001", "W01");
  REQUIRE(frame != nullptr);
  REQUIRE(frame->supervisionPage() != nullptr);
  test::CaseDriver cases(fixture.workstation->engine());
  const std::string refused = cases.takeCaseIn(fixture.dir / "scans", "张三");
  cases.call<engine::DecisionRecorded>(
      engine::RecordDecision{0, refused, {.kind = engine::DecisionKind::Accept}});
  REQUIRE(pumpUntil([&] { return fixture.workstation->engine().status().quarantined == 1; }, 60s));

  app::SupervisorQueuePanel* queues = showQueue(frame, engine::SupervisorQueue::SyncProblems);
  REQUIRE(queues->total() == 1);
  CHECK(queues->countOf(engine::SupervisorQueue::SyncProblems) == 1);
  CHECK_THAT(queues->sourceText().utf8_string(), Catch::Contains("本站数据"));
  REQUIRE(queues->selectCase(refused));
  // Central's located problem, as central said it.
  CHECK_THAT(queues->reasonText().utf8_string(), Catch::Contains("/data/business/employees"));
  test::saveScreenshot("supervisor-quarantined");

  // The cause fixed at central: a release that takes the form as the window does.
  const auto fixed = test::copySampleCatalog(
      releases / "fixed", {{"catalog.xml", "release=\"2026.12.1\"", "release=\"2026.12.2\""}});
  const test::CommandResult published =
      test::runCentralCommand({"admin", "--db", fixture.central.databaseFile().string(),
                               "publish-catalog", fixed.string()});
  INFO(published.standardError);
  REQUIRE(published.exitCode == 0);

  queues->retrySelected();
  REQUIRE(pumpUntil([&] { return fixture.workstation->engine().status().quarantined == 0; }, 30s));
  REQUIRE(pumpUntil(
      [&] {
        return !queues->loading() && queues->total() == 0 &&
               queues->countOf(engine::SupervisorQueue::SyncProblems) == 0;
      },
      30s));
  // Central took it: the case is confirmed with its official number.
  const auto confirmed = cases.call<engine::CaseDetailReady>(engine::ShowCase{0, refused});
  CHECK(pumpUntil(
      [&] {
        return cases.call<engine::CaseDetailReady>(engine::ShowCase{0, refused})
                   .detail.record.syncState == "confirmed";
      },
      30s));
  CHECK(confirmed.detail.timeline.size() >= 2);
  test::saveScreenshot("supervisor-quarantine-cleared");

  // The whole centre's cases from central; during an outage the station's, and the line says so.
  queues->showQueue(engine::SupervisorQueue::All);
  queues->showCentre(true);
  REQUIRE(pumpUntil([&] { return !queues->loading() && queues->centreShown(); }, 15s));
  CHECK(queues->total() == 1);
  CHECK_THAT(queues->sourceText().utf8_string(), Catch::Contains("全中心数据"));
  test::saveScreenshot("supervisor-centre");
  fixture.central.stop();
  queues->refresh();
  REQUIRE(pumpUntil([&] { return !queues->loading() && !queues->centreShown(); }, 15s));
  CHECK_THAT(queues->sourceText().utf8_string(), Catch::Contains("中心平台无法连接"));
  CHECK(queues->total() == 1);
  test::saveScreenshot("supervisor-centre-outage");
}

TEST_CASE(
    "the overdue badge on the working-day calendar, the 督办 mark the clerk sees, a bad "
    "rating followed up and closed, the figures",
    "[gui][supervisor]") {
  // Wednesday 30 September: the business licence is promised for Saturday 10 October, a make-up
  // workday after National Day.
  auto clock = std::make_shared<test::SettableClock>(test::noonInShenzhenOn({2026, 9, 30}));
  WorkstationFixture fixture;
  fixture.start(std::nullopt, test::sampleCatalogFile(), clock);
  app::MainFrame* clerkFrame = fixture.logIn("c1001", "demo1001", "W03");
  REQUIRE(clerkFrame != nullptr);
  // A clerk's login has no console.
  CHECK(clerkFrame->supervisionPage() == nullptr);
  CHECK_FALSE(clerkFrame->hasPage(app::Page::Supervisor));
  test::CaseDriver cases(fixture.workstation->engine());
  const std::string taken =
      cases.takeCaseIn(fixture.dir / "scans", "李四", test::kSampleMatter, clock->now());
  const auto accepted = cases.call<engine::DecisionRecorded>(
      engine::RecordDecision{0, taken, {.kind = engine::DecisionKind::Accept}});
  cases.call<engine::SecondVisitRecorded>(
      engine::RecordRating{0, taken, "decision:1", "不满意", {"等候时间长"}, "排队一个多小时"});
  fixture.logOut();

  app::MainFrame* frame = fixture.logIn("s2001", "demo2001", "W01");
  REQUIRE(frame != nullptr);

  // Today's figures, with their chart and both exports.
  frame->showPage(app::Page::Supervisor);
  frame->supervisionPage()->showTab(app::SupervisionPage::Tab::Figures);
  app::FiguresPanel* figures = frame->supervisionPage()->figures();
  REQUIRE(pumpUntil([&] { return figures->table().has_value(); }, 10s));
  CHECK(figures->list()->GetItemText(0, 0) == "W03");
  CHECK(figures->list()->GetItemText(0, 1) == "1");
  CHECK_THAT(figures->formulasText().utf8_string(),
             Catch::Contains("好评率 = 评价为“基本满意”及以上"));
  figures->chartFigure(4);
  REQUIRE(figures->chart()->bars().bars.size() == 1);
  CHECK(figures->chart()->bars().bars[0].valueText == "0.0%");  // the one rating was bad
  test::saveScreenshot("supervisor-figures");
  const auto csv = fixture.dir / "figures.csv";
  figures->exportCsv(csv);
  REQUIRE(pumpUntil([&] { return figures->exported() == csv; }, 10s));
  std::ifstream in(csv, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.compare(0, 3, "\xEF\xBB\xBF") == 0);
  CHECK_THAT(text, Catch::Contains("\r\nW03,1,"));
  const auto pdf = fixture.dir / "figures.pdf";
  figures->exportPdf(pdf);
  REQUIRE(pumpUntil([&] { return figures->exported() == pdf; }, 10s));
  // A file that cannot be written is said under the table; nothing else changes.
  figures->exportCsv(fixture.dir / "no-such-folder" / "figures.csv");
  REQUIRE(pumpUntil([&] { return figures->messageText().Contains("no-such-folder"); }, 10s));
  CHECK(figures->exported() == pdf);
  CHECK_THAT(test::pdfText(pdf), Catch::Contains("好评率"));

  // Monday 12 October: the promised date passed one working day ago (Sunday the 11th is none).
  clock->set(test::noonInShenzhenOn({2026, 10, 12}));
  app::SupervisorQueuePanel* queues = showQueue(frame, engine::SupervisorQueue::Overdue);
  REQUIRE(queues->total() == 1);
  REQUIRE(queues->selectCase(taken));
  CHECK(queues->row(0)->row.badge.kind == engine::DueBadgeKind::Overdue);
  CHECK(queues->row(0)->row.badge.workingDays == 1);
  CHECK(queues->cellText(0, 6) == "2026-10-10");
  CHECK(queues->cellText(0, 7) == app::dueBadgeLabel(queues->row(0)->row.badge));
  CHECK(accepted.requestId != 0);
  test::saveScreenshot("supervisor-overdue");

  queues->markSelected(queues->selectedUuid(),
                       wxString::FromUTF8("请今日内联系申请人，说明办理进度"));
  REQUIRE(
      pumpUntil([&] { return queues->countOf(engine::SupervisorQueue::Supervised) == 1; }, 10s));
  queues->showQueue(engine::SupervisorQueue::Supervised);
  REQUIRE(pumpUntil([&] { return !queues->loading() && queues->total() == 1; }, 10s));
  CHECK(queues->cellText(0, 0).utf8_string().find("【督办】") == 0);
  REQUIRE(queues->selectCase(taken));
  CHECK_THAT(queues->reasonText().utf8_string(),
             Catch::Contains("请今日内联系申请人，说明办理进度"));
  test::saveScreenshot("supervisor-supervised");

  // The bad rating's follow-up: due five working days after 30 September (13 October).
  frame->supervisionPage()->showTab(app::SupervisionPage::Tab::FollowUps);
  app::FollowUpPanel* followUps = frame->supervisionPage()->followUps();
  REQUIRE(pumpUntil([&] { return followUps->items().size() == 1; }, 10s));
  CHECK(followUps->items()[0].dueDate == "2026-10-13");
  CHECK(followUps->list()->GetItemText(0, 5) == wxString::FromUTF8("不满意"));
  followUps->select(0);
  CHECK_THAT(followUps->detailText().utf8_string(), Catch::Contains("等候时间长"));
  followUps->record(0, wxString::FromUTF8("未接通"), wxString::FromUTF8("下午再打"), false);
  REQUIRE(pumpUntil(
      [&] {
        return followUps->items().size() == 1 && followUps->items()[0].rating.entries.size() == 1;
      },
      10s));
  followUps->select(0);
  test::saveScreenshot("supervisor-follow-up");
  followUps->record(0, wxString::FromUTF8("已致歉，申请人表示理解"), wxEmptyString, true);
  REQUIRE(pumpUntil([&] { return followUps->items().empty(); }, 10s));
  followUps->showClosed()->SetValue(true);
  followUps->refresh();
  REQUIRE(pumpUntil([&] { return followUps->items().size() == 1; }, 10s));
  CHECK(followUps->items()[0].rating.closed());

  // The clerk's case window shows the mark.
  fixture.logOut();
  clerkFrame = fixture.logIn("c1001", "demo1001", "W03");
  REQUIRE(clerkFrame != nullptr);
  clerkFrame->showPage(app::Page::Queue);
  app::CasesPage* casesPage = clerkFrame->casesPage();
  REQUIRE(pumpUntil([&] { return !casesPage->loading() && casesPage->total() == 1; }, 10s));
  casesPage->openRow(0);
  REQUIRE(pumpUntil([&] { return casesPage->detail() != nullptr; }, 10s));
  CHECK_THAT(casesPage->detail()->supervisionText().utf8_string(),
             Catch::Contains("请今日内联系申请人") && Catch::Contains("s2001"));
  test::saveScreenshot("clerk-case-supervised");
}
