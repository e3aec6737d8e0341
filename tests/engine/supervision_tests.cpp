// The supervisor console in the engine (issue 14): the role decided in the engine, the deadline
// queues counted on the working-day calendar (National Day and its make-up workdays), the 督办
// mark the clerk's detail shows, a bad rating's follow-up with its deadline, and the figures over
// real cases — driven as a front end would, with a clock the test sets.

#include <algorithm>
#include <thread>

#include "localdb/sqlite.hpp"
#include "rules_fixture.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using forms::CivilDate;
using test::kDisabilityCard;
using test::RulesFixture;

namespace {

struct ConsoleFixture : RulesFixture {
  void logInAs(const std::string& clerk, const std::string& password) {
    harness->engine().submit(Logout{});
    REQUIRE(harness->login(clerk, password, "W03").ok());
  }

  CaseFinalized accepted(const std::string& code) {
    const CaseFinalized taken = takeIn(code);
    REQUIRE(std::holds_alternative<DecisionRecorded>(
        decide(taken.uuid, {.kind = DecisionKind::Accept})));
    return taken;
  }

  SupervisorQueueListed queue(SupervisorQueue which) {
    const auto listed = harness->call<SupervisorQueueListed>(ListSupervisorQueue{0, which});
    if (const auto* failed = std::get_if<CommandFailed>(&listed)) FAIL(failed->message);
    return std::get<SupervisorQueueListed>(listed);
  }

  static const SupervisorRow* rowOf(const SupervisorQueueListed& listed, const std::string& uuid) {
    for (const SupervisorRow& row : listed.rows)
      if (row.row.summary.uuid == uuid) return &row;
    return nullptr;
  }

  void waitConfirmed(const std::string& uuid) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string syncState;
    while (syncState != "confirmed" && std::chrono::steady_clock::now() < deadline) {
      const auto shown = harness->call<CaseDetailReady>(ShowCase{0, uuid});
      REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
      syncState = std::get<CaseDetailReady>(shown).detail.record.syncState;
      if (syncState != "confirmed") std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(syncState == "confirmed");
  }

  // The case's detail once the station has read central's feed far enough for `seen`: the
  // feed is read at most every 10 s of the engine's clock, which the test moves on.
  template <typename Seen>
  CaseDetail detailOnceFeedSays(const std::string& uuid, Seen seen) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      const auto shown = harness->call<CaseDetailReady>(ShowCase{0, uuid});
      REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
      if (seen(std::get<CaseDetailReady>(shown).detail))
        return std::get<CaseDetailReady>(shown).detail;
      clock->set(clock->now() + std::chrono::seconds(11));
      harness->engine().submit(SyncNow{});
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    FAIL("the station never read it from central's feed");
    return {};
  }

  FollowUpsListed followUps(bool all = false) {
    const auto listed = harness->call<FollowUpsListed>(ListFollowUps{0, all});
    if (const auto* failed = std::get_if<CommandFailed>(&listed)) FAIL(failed->message);
    return std::get<FollowUpsListed>(listed);
  }
};

template <typename T>
CommandFailure failureOf(const std::variant<T, CommandFailed>& answer) {
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  return std::get<CommandFailed>(answer).failure;
}

}  // namespace

TEST_CASE("a clerk's login is refused every supervisor command in the engine",
          "[engine][supervisor]") {
  ConsoleFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized taken = fixture.accepted(test::kSampleMatter);
  auto& h = *fixture.harness;
  CHECK(failureOf(h.call<SupervisorQueueListed>(ListSupervisorQueue{})) ==
        CommandFailure::NotAllowed);
  CHECK(failureOf(h.call<SupervisorQueuesCounted>(CountSupervisorQueues{})) ==
        CommandFailure::NotAllowed);
  CHECK(failureOf(h.call<FiguresComputed>(ComputeFigures{})) == CommandFailure::NotAllowed);
  CHECK(failureOf(h.call<FollowUpsListed>(ListFollowUps{})) == CommandFailure::NotAllowed);
  CHECK(failureOf(h.call<FollowUpsListed>(RecordFollowUp{0, "x", "phone", "called", "", true})) ==
        CommandFailure::NotAllowed);
  const auto mark = h.call<CaseDetailReady>(MarkSupervised{0, taken.uuid, "催办"});
  REQUIRE(failureOf(mark) == CommandFailure::NotAllowed);
  CHECK_THAT(std::get<CommandFailed>(mark).message, Catch::Contains("for supervisors"));
  CHECK(failureOf(h.call<CaseDetailReady>(VoidQuarantined{0, taken.uuid, "x"})) ==
        CommandFailure::NotAllowed);
  // Nothing of it was written.
  const auto shown = h.call<CaseDetailReady>(ShowCase{0, taken.uuid});
  REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
  CHECK_FALSE(std::get<CaseDetailReady>(shown).detail.supervision);
}

TEST_CASE("the deadline queues count working days across National Day and its make-up workdays",
          "[engine][supervisor]") {
  ConsoleFixture fixture;
  // Wednesday 30 September: the business licence is promised for Saturday 10 October (a make-up
  // workday after the holiday), the disability card for 20 October.
  fixture.today({2026, 9, 30});
  const CaseFinalized business = fixture.accepted(test::kSampleMatter);
  const CaseFinalized card = fixture.accepted(kDisabilityCard);
  REQUIRE(business.due.promised == CivilDate{2026, 10, 10});
  REQUIRE(card.due.promised == CivilDate{2026, 10, 20});
  fixture.logInAs("s2001", "demo2001");

  // Ten calendar days away, but three working days (8, 9 and the make-up Saturday 10 October):
  // near due already.
  const SupervisorQueueListed nearOnThe30th = fixture.queue(SupervisorQueue::NearDue);
  const SupervisorRow* near = ConsoleFixture::rowOf(nearOnThe30th, business.uuid);
  REQUIRE(near != nullptr);
  CHECK(near->row.badge.kind == DueBadgeKind::WorkingDaysLeft);
  CHECK(near->row.badge.workingDays == 3);
  CHECK(ConsoleFixture::rowOf(nearOnThe30th, card.uuid) == nullptr);
  CHECK(nearOnThe30th.total == 1);
  CHECK(nearOnThe30th.source == "station");
  CHECK_FALSE(nearOnThe30th.asOf.empty());

  fixture.today({2026, 10, 10});
  const SupervisorQueueListed dueToday = fixture.queue(SupervisorQueue::DueToday);
  REQUIRE(dueToday.rows.size() == 1);
  CHECK(dueToday.rows[0].row.summary.uuid == business.uuid);
  CHECK(dueToday.rows[0].row.badge.kind == DueBadgeKind::DueToday);

  // Monday 12 October: Sunday the 11th is no working day, so one working day overdue.
  fixture.today({2026, 10, 12});
  const SupervisorQueueListed overdue = fixture.queue(SupervisorQueue::Overdue);
  REQUIRE(overdue.rows.size() == 1);
  CHECK(overdue.rows[0].row.summary.uuid == business.uuid);
  CHECK(overdue.rows[0].row.badge.kind == DueBadgeKind::Overdue);
  CHECK(overdue.rows[0].row.badge.workingDays == 1);
  CHECK(fixture.queue(SupervisorQueue::NearDue).total == 0);  // the card: 6 working days left

  const auto counted = fixture.harness->call<SupervisorQueuesCounted>(CountSupervisorQueues{});
  REQUIRE(std::holds_alternative<SupervisorQueuesCounted>(counted));
  const auto countOf = [&](SupervisorQueue queue) {
    for (const QueueCount& c : std::get<SupervisorQueuesCounted>(counted).queues)
      if (c.queue == queue) return c.count;
    return std::int64_t{-1};
  };
  CHECK(countOf(SupervisorQueue::All) == 2);
  CHECK(countOf(SupervisorQueue::Overdue) == 1);
  CHECK(countOf(SupervisorQueue::DueToday) == 0);
  CHECK(countOf(SupervisorQueue::SyncProblems) == 0);
}

TEST_CASE("during an outage a 督办 mark is kept at the station, audited and shown to its clerk",
          "[engine][supervisor]") {
  ConsoleFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized taken = fixture.accepted(test::kSampleMatter);
  fixture.logInAs("s2001", "demo2001");
  fixture.central.stop();
  auto& h = *fixture.harness;
  CHECK(failureOf(h.call<SupervisionChanged>(MarkSupervised{0, taken.uuid, "  "})) ==
        CommandFailure::Invalid);
  // Not this station's, and central, which may have it, cannot be asked.
  CHECK(failureOf(h.call<SupervisionChanged>(MarkSupervised{
            0, "5b0e6a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "催办"})) == CommandFailure::CentralRefused);
  const auto marked =
      h.call<SupervisionChanged>(MarkSupervised{0, taken.provisionalNo, "请于今日联系申请人"});
  REQUIRE(std::holds_alternative<SupervisionChanged>(marked));
  const SupervisionChanged& changed = std::get<SupervisionChanged>(marked);
  CHECK(changed.where == SupervisionChanged::Where::CentreUnreachable);
  CHECK(changed.marked);
  REQUIRE(changed.detail);
  const CaseDetail& detail = *changed.detail;
  REQUIRE(detail.supervision);
  CHECK(detail.supervision->note == "请于今日联系申请人");
  CHECK(detail.supervision->markedBy == "s2001");
  CHECK(detail.timeline.back().action == "supervisor.mark");
  CHECK(detail.timeline.back().clerkId == "s2001");
  CHECK(detail.timeline.back().details == "请于今日联系申请人");
  const SupervisorQueueListed supervised = fixture.queue(SupervisorQueue::Supervised);
  REQUIRE(supervised.rows.size() == 1);
  CHECK(supervised.rows[0].supervised);
  CHECK(supervised.rows[0].supervisionNote == "请于今日联系申请人");

  fixture.logInAs("c1001", "demo1001");
  const auto shown = h.call<CaseDetailReady>(ShowCase{0, taken.uuid});
  REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
  REQUIRE(std::get<CaseDetailReady>(shown).detail.supervision);
  CHECK(std::get<CaseDetailReady>(shown).detail.supervision->note == "请于今日联系申请人");
  // A clerk cannot lift it.
  CHECK(failureOf(h.call<SupervisionChanged>(ClearSupervised{0, taken.uuid, "done"})) ==
        CommandFailure::NotAllowed);

  fixture.logInAs("s2001", "demo2001");
  CHECK(failureOf(h.call<SupervisionChanged>(ClearSupervised{0, taken.uuid, ""})) ==
        CommandFailure::Invalid);
  const auto cleared = h.call<SupervisionChanged>(ClearSupervised{0, taken.uuid, "已联系"});
  REQUIRE(std::holds_alternative<SupervisionChanged>(cleared));
  CHECK(std::get<SupervisionChanged>(cleared).where == SupervisionChanged::Where::OfflineLogin);
  REQUIRE(std::get<SupervisionChanged>(cleared).detail);
  CHECK_FALSE(std::get<SupervisionChanged>(cleared).detail->supervision);
  CHECK(std::get<SupervisionChanged>(cleared).detail->timeline.back().action ==
        "supervisor.unmark");
  CHECK(failureOf(h.call<SupervisionChanged>(ClearSupervised{0, taken.uuid, "again"})) ==
        CommandFailure::WrongState);
  // Voiding is only for a case central refused for good.
  CHECK(failureOf(h.call<CaseDetailReady>(VoidQuarantined{0, taken.uuid, "作废"})) ==
        CommandFailure::WrongState);
}

TEST_CASE("a 督办 mark set at another station reaches the case's clerk through central",
          "[engine][supervisor]") {
  ConsoleFixture fixture;
  const CaseFinalized taken = fixture.accepted(test::kSampleMatter);
  auto& clerk = *fixture.harness;
  fixture.waitConfirmed(taken.uuid);
  // The supervisor's own workstation: another profile, another station, the same central.
  test::EngineHarness supervisorDesk(fixture.dir / "supervisor-profile", fixture.central.baseUrl(),
                                     false, test::sampleCatalogFile(), fixture.clock);
  REQUIRE(supervisorDesk.login("s2001", "demo2001", "W09").ok());

  const auto marked =
      supervisorDesk.call<SupervisionChanged>(MarkSupervised{0, taken.uuid, "请今日回电申请人"});
  REQUIRE(std::holds_alternative<SupervisionChanged>(marked));
  CHECK(std::get<SupervisionChanged>(marked).where == SupervisionChanged::Where::Centre);
  CHECK(std::get<SupervisionChanged>(marked).marked);
  CHECK_FALSE(std::get<SupervisionChanged>(marked).detail);  // not this station's case
  // The same note again (a retry) is no second change.
  const auto repeated =
      supervisorDesk.call<SupervisionChanged>(MarkSupervised{0, taken.uuid, "请今日回电申请人"});
  REQUIRE(std::holds_alternative<SupervisionChanged>(repeated));
  CHECK(std::get<SupervisionChanged>(repeated).where == SupervisionChanged::Where::Centre);

  // The centre's 督办 queue shows it with its note.
  ListSupervisorQueue centreQueue{0, SupervisorQueue::Supervised};
  centreQueue.centre = true;
  const auto listed = supervisorDesk.call<SupervisorQueueListed>(centreQueue);
  REQUIRE(std::holds_alternative<SupervisorQueueListed>(listed));
  CHECK(std::get<SupervisorQueueListed>(listed).source == "centre");
  const SupervisorRow* row =
      ConsoleFixture::rowOf(std::get<SupervisorQueueListed>(listed), taken.uuid);
  REQUIRE(row != nullptr);
  CHECK(row->supervised);
  CHECK(row->supervisionNote == "请今日回电申请人");

  // The clerk's station reads central's feed and shows the mark in the case's detail, once.
  const CaseDetail atClerk = fixture.detailOnceFeedSays(
      taken.uuid, [](const CaseDetail& detail) { return detail.supervision.has_value(); });
  CHECK(atClerk.supervision->note == "请今日回电申请人");
  CHECK(atClerk.supervision->markedBy == "s2001");
  CHECK(std::count_if(atClerk.timeline.begin(), atClerk.timeline.end(),
                      [](const auto& entry) { return entry.action == "supervisor.mark"; }) == 1);
  CHECK(clerk
            .waitFor<CaseSyncNews>(
                [](const CaseSyncNews& news) {
                  return news.kind == CaseSyncNews::Kind::Supervised &&
                         news.detail == "请今日回电申请人";
                },
                std::chrono::seconds(1))
            .has_value());

  // Lifted at the supervisor's desk: gone at the clerk's.
  const auto lifted =
      supervisorDesk.call<SupervisionChanged>(ClearSupervised{0, taken.uuid, "已回电"});
  REQUIRE(std::holds_alternative<SupervisionChanged>(lifted));
  CHECK_FALSE(std::get<SupervisionChanged>(lifted).marked);
  const CaseDetail after = fixture.detailOnceFeedSays(
      taken.uuid, [](const CaseDetail& detail) { return !detail.supervision.has_value(); });
  CHECK(after.timeline.back().action == "supervisor.unmark");
  CHECK(after.timeline.back().details == "已回电");

  // A clerk's session is refused by the engine before central is asked.
  CHECK(failureOf(clerk.call<SupervisionChanged>(MarkSupervised{0, taken.uuid, "x"})) ==
        CommandFailure::NotAllowed);

  // A supervisor at the case's own station: kept here at once, and the feed, read later, never
  // brings the older notes back or audits them twice.
  fixture.logInAs("s2001", "demo2001");
  for (const char* note : {"甲：先核对材料", "乙：今日办结"}) {
    const auto here = clerk.call<SupervisionChanged>(MarkSupervised{0, taken.uuid, note});
    REQUIRE(std::holds_alternative<SupervisionChanged>(here));
    CHECK(std::get<SupervisionChanged>(here).where == SupervisionChanged::Where::Centre);
    REQUIRE(std::get<SupervisionChanged>(here).detail);
    CHECK(std::get<SupervisionChanged>(here).detail->supervision->note == note);
  }
  REQUIRE(std::holds_alternative<SupervisionChanged>(
      clerk.call<SupervisionChanged>(ClearSupervised{0, taken.uuid, "已办结"})));
  // A later mark from the other desk: once it is here, the feed was read past the older ones.
  REQUIRE(std::holds_alternative<SupervisionChanged>(
      supervisorDesk.call<SupervisionChanged>(MarkSupervised{0, taken.uuid, "丙：回访"})));
  const CaseDetail last = fixture.detailOnceFeedSays(taken.uuid, [](const CaseDetail& detail) {
    return detail.supervision && detail.supervision->note == "丙：回访";
  });
  std::vector<std::string> story;
  for (const auto& entry : last.timeline)
    if (entry.action.starts_with("supervisor."))
      story.push_back(entry.action + " " + entry.details);
  CHECK(story ==
        std::vector<std::string>{"supervisor.mark 请今日回电申请人", "supervisor.unmark 已回电",
                                 "supervisor.mark 甲：先核对材料", "supervisor.mark 乙：今日办结",
                                 "supervisor.unmark 已办结", "supervisor.mark 丙：回访"});
}

TEST_CASE("a bad rating becomes a follow-up item due in working days, recorded and closed",
          "[engine][supervisor]") {
  ConsoleFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized taken = fixture.accepted(test::kSampleMatter);
  const CaseFinalized liked = fixture.accepted(kDisabilityCard);
  REQUIRE(std::holds_alternative<SecondVisitRecorded>(fixture.harness->call<SecondVisitRecorded>(
      RecordRating{0, taken.uuid, "decision:1", "非常不满意", {"态度不好"}, "窗口人员不耐烦"})));
  REQUIRE(std::holds_alternative<SecondVisitRecorded>(fixture.harness->call<SecondVisitRecorded>(
      RecordRating{0, liked.uuid, "decision:1", "满意", {}, ""})));
  fixture.logInAs("s2001", "demo2001");

  // Five working days after Wednesday 30 September, the holiday skipped: 8, 9, 10 (make-up),
  // 12 and 13 October.
  fixture.today({2026, 10, 9});
  FollowUpsListed open = fixture.followUps();
  CHECK(open.followUpWorkingDays == 5);
  REQUIRE(open.items.size() == 1);  // the good rating is no work order
  const FollowUpItem& item = open.items[0];
  CHECK(item.rating.caseUuid == taken.uuid);
  CHECK(item.rating.label == "非常不满意");
  CHECK(item.rating.reasons == std::vector<std::string>{"态度不好"});
  CHECK(item.rating.windowCode == "W03");
  CHECK(item.dueDate == "2026-10-13");
  CHECK(item.badge.kind == DueBadgeKind::WorkingDaysLeft);
  CHECK(item.badge.workingDays == 3);  // 10, 12, 13
  CHECK_FALSE(item.urgent);
  const std::string rating = item.rating.ratingUuid;
  REQUIRE_FALSE(rating.empty());

  fixture.today({2026, 10, 16});
  open = fixture.followUps();
  REQUIRE(open.items.size() == 1);
  CHECK(open.items[0].badge.kind == DueBadgeKind::Overdue);
  CHECK(open.items[0].badge.workingDays == 3);  // 14, 15, 16
  CHECK(open.items[0].urgent);

  auto& h = *fixture.harness;
  CHECK(failureOf(h.call<FollowUpsListed>(RecordFollowUp{0, rating, "fax", "x", "", false})) ==
        CommandFailure::Invalid);
  CHECK(failureOf(h.call<FollowUpsListed>(RecordFollowUp{0, rating, "phone", "", "", false})) ==
        CommandFailure::Invalid);
  CHECK(failureOf(h.call<FollowUpsListed>(RecordFollowUp{0, "no-such", "phone", "x", "", false})) ==
        CommandFailure::NotFound);
  const auto called =
      h.call<FollowUpsListed>(RecordFollowUp{0, rating, "phone", "未接通", "下午再打", false});
  REQUIRE(std::holds_alternative<FollowUpsListed>(called));
  REQUIRE(std::get<FollowUpsListed>(called).items.size() == 1);
  CHECK(std::get<FollowUpsListed>(called).items[0].rating.entries.size() == 1);
  const auto closed = h.call<FollowUpsListed>(
      RecordFollowUp{0, rating, "phone", "已致歉，申请人接受", "已对窗口人员提醒", true});
  REQUIRE(std::holds_alternative<FollowUpsListed>(closed));
  CHECK(std::get<FollowUpsListed>(closed).items.empty());  // no longer open
  CHECK(failureOf(h.call<FollowUpsListed>(RecordFollowUp{0, rating, "phone", "again", "", true})) ==
        CommandFailure::WrongState);

  const FollowUpsListed all = fixture.followUps(true);
  REQUIRE(all.items.size() == 1);
  CHECK(all.items[0].rating.closed());
  CHECK(all.items[0].badge.kind == DueBadgeKind::None);
  REQUIRE(all.items[0].rating.entries.size() == 2);
  CHECK(all.items[0].rating.entries[1].supervisorId == "s2001");
  CHECK(all.items[0].rating.entries[1].outcome == "已致歉，申请人接受");
  const auto shown = h.call<CaseDetailReady>(ShowCase{0, taken.uuid});
  REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
  CHECK(std::get<CaseDetailReady>(shown).detail.timeline.back().action ==
        "supervisor.follow_up_closed");
}

TEST_CASE("today's figures by window over the cases and ratings taken in", "[engine][supervisor]") {
  ConsoleFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized one = fixture.accepted(test::kSampleMatter);
  fixture.accepted(kDisabilityCard);
  const CaseFinalized notice =
      fixture.takeIn(test::kSampleMatter, {{"premises_proof", MaterialStatus::Missing}});
  REQUIRE(std::holds_alternative<DecisionRecorded>(
      fixture.decide(notice.uuid, {.kind = DecisionKind::CorrectionNotice})));
  REQUIRE(std::holds_alternative<SecondVisitRecorded>(fixture.harness->call<SecondVisitRecorded>(
      RecordRating{0, one.uuid, "decision:1", "不满意", {"等候时间长"}, ""})));
  REQUIRE(std::holds_alternative<SecondVisitRecorded>(fixture.harness->call<SecondVisitRecorded>(
      RecordRating{0, notice.uuid, "decision:1", "基本满意", {}, ""})));
  fixture.logInAs("s2001", "demo2001");
  const auto computed = fixture.harness->call<FiguresComputed>(
      ComputeFigures{0, FigurePeriod::Today, FigureGrouping::Window});
  REQUIRE(std::holds_alternative<FiguresComputed>(computed));
  const FigureTable& table = std::get<FiguresComputed>(computed).table;
  CHECK(table.from == "2026-09-30");
  CHECK(table.to == "2026-09-30");
  REQUIRE(table.definitions.size() == 5);
  CHECK(table.definitions[0].key == "accepted");
  CHECK(table.definitions[4].key == "good_rating_rate");
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].group == "W03");
  // Two of three cases accepted (the third got a correction notice); none decided yet; one of
  // two ratings at 基本满意 or above.
  CHECK(table.total.values[0].value == 2);
  CHECK_FALSE(table.total.values[2].value);  // nothing decided: no overdue rate
  REQUIRE(table.total.values[4].value);
  CHECK(*table.total.values[4].value == Approx(0.5));
  CHECK(table.total.values[4].numerator == 1);
  CHECK(table.total.values[4].denominator == 2);
  REQUIRE(table.days.size() == 1);
  CHECK(table.days[0].accepted == 2);
}

TEST_CASE("the centre's view comes from central and falls back to the station's during an outage",
          "[engine][supervisor]") {
  ConsoleFixture fixture;
  const CaseFinalized taken = fixture.accepted(test::kSampleMatter);
  auto& h = *fixture.harness;
  // Central has it once sync confirmed it.
  fixture.waitConfirmed(taken.uuid);
  fixture.logInAs("s2001", "demo2001");

  ListSupervisorQueue centre{0, SupervisorQueue::All};
  centre.centre = true;
  const auto first = h.call<SupervisorQueueListed>(centre);
  REQUIRE(std::holds_alternative<SupervisorQueueListed>(first));
  const SupervisorQueueListed& live = std::get<SupervisorQueueListed>(first);
  CHECK(live.source == "centre");
  CHECK(live.fallback.empty());
  CHECK(live.total == 1);
  const SupervisorRow* row = ConsoleFixture::rowOf(live, taken.uuid);
  REQUIRE(row != nullptr);
  CHECK_FALSE(row->station.empty());
  CHECK(row->row.summary.windowCode == "W03");
  CHECK(row->row.summary.promisedDueDate == taken.due.promised.iso());
  CHECK(row->row.badge.kind == DueBadgeKind::WorkingDaysLeft);
  CHECK_FALSE(live.centreStates.empty());
  CHECK_FALSE(live.asOf.empty());

  // Asked again: central says nothing changed (304) and the kept page is shown as of now.
  const auto again = h.call<SupervisorQueueListed>(centre);
  REQUIRE(std::holds_alternative<SupervisorQueueListed>(again));
  CHECK(std::get<SupervisorQueueListed>(again).source == "centre");
  CHECK(std::get<SupervisorQueueListed>(again).rows.size() == live.rows.size());

  // A queue only the station keeps.
  ListSupervisorQueue refused{0, SupervisorQueue::SyncProblems};
  refused.centre = true;
  const auto stationOnly = h.call<SupervisorQueueListed>(refused);
  REQUIRE(std::holds_alternative<SupervisorQueueListed>(stationOnly));
  CHECK(std::get<SupervisorQueueListed>(stationOnly).source == "station");
  CHECK(std::get<SupervisorQueueListed>(stationOnly).centreUnavailable ==
        SupervisorQueueListed::CentreUnavailable::StationQueue);

  // The outage: the station's own cases, and why.
  fixture.central.stop();
  const auto during = h.call<SupervisorQueueListed>(centre);
  REQUIRE(std::holds_alternative<SupervisorQueueListed>(during));
  const SupervisorQueueListed& fallback = std::get<SupervisorQueueListed>(during);
  CHECK(fallback.source == "station");
  CHECK(fallback.centreUnavailable == SupervisorQueueListed::CentreUnavailable::Unreachable);
  CHECK_THAT(fallback.fallback, Catch::Contains("central did not give"));
  CHECK(ConsoleFixture::rowOf(fallback, taken.uuid) != nullptr);
}
