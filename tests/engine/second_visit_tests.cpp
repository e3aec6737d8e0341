// The applicant's second visit through the engine (issue 13): each command checked with its
// rule in the engine, refused with a clear reason in a state the table forbids, audited, and
// queued for central as the case's next version — driven as a second front end would, with a
// clock the test sets, against the sample catalog and a reference central.

#include <fstream>

#include "localdb/sqlite.hpp"
#include "rules_fixture.hpp"
#include "scan_pages.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using forms::CivilDate;
using forms::Rule;
using test::kDisabilityCard;
using test::refusal;
using test::RulesFixture;
using test::rulesOf;
using namespace std::chrono_literals;

namespace {

struct DeskFixture : RulesFixture {
  // A page of the applicant's material, durable in the store (what a scan or an import gives).
  PageRef storedPage(const std::string& content) {
    const auto file = dir / ("page-" + std::to_string(++pages) + ".jpg");
    std::ofstream(file, std::ios::binary) << content;
    const auto stored = harness->call<MaterialStored>(StoreMaterial{0, file});
    REQUIRE(std::holds_alternative<MaterialStored>(stored));
    return {std::get<MaterialStored>(stored).sha256, std::get<MaterialStored>(stored).size,
            "image/jpeg"};
  }

  // A 容缺 case of the disability card: the assessment form owed by 20 October.
  CaseFinalized gapCase() {
    today({2026, 9, 30});
    const CaseFinalized taken = takeIn(kDisabilityCard, {{"assessment_form", MaterialStatus::Gap}});
    REQUIRE(std::holds_alternative<DecisionRecorded>(
        decide(taken.uuid, {.kind = DecisionKind::AcceptWithGaps,
                            .gapDeadline = "2026-10-20",
                            .commitmentSigned = true})));
    return taken;
  }

  // A case of the sample matter with its premises proof missing, answered by a correction notice.
  CaseFinalized correctionCase() {
    today({2026, 9, 30});
    const CaseFinalized taken =
        takeIn(test::kSampleMatter, {{"premises_proof", MaterialStatus::Missing}});
    REQUIRE(std::holds_alternative<DecisionRecorded>(
        decide(taken.uuid, {.kind = DecisionKind::CorrectionNotice})));
    return taken;
  }

  template <typename CommandT>
  std::variant<SecondVisitRecorded, CommandFailed> visit(CommandT command) {
    return harness->call<SecondVisitRecorded>(std::move(command));
  }

  CaseDetail show(const std::string& ref) {
    const auto shown = harness->call<CaseDetailReady>(ShowCase{0, ref});
    REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
    return std::get<CaseDetailReady>(shown).detail;
  }

  int pages = 0;
};

const DeskActionState& actionOf(const CaseDetail& detail, DeskAction action) {
  for (const DeskActionState& state : detail.actions)
    if (state.action == action) return state;
  FAIL("no action state");
  return detail.actions.front();
}

CaseDetail recorded(const std::variant<SecondVisitRecorded, CommandFailed>& answer) {
  if (const auto* failed = std::get_if<CommandFailed>(&answer)) FAIL(failed->message);
  return std::get<SecondVisitRecorded>(answer).detail;
}

CommandFailed failedWith(const std::variant<SecondVisitRecorded, CommandFailed>& answer,
                         CommandFailure failure) {
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  const CommandFailed failed = std::get<CommandFailed>(answer);
  CHECK(failed.failure == failure);
  CHECK_FALSE(failed.message.empty());
  return failed;
}

std::vector<std::string> auditActions(const CaseDetail& detail) {
  std::vector<std::string> actions;
  for (const TimelineEntry& entry : detail.timeline) actions.push_back(entry.action);
  return actions;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("a 容缺 case is found by its provisional number, its gap supplied, and it is accepted",
          "[engine][desk]") {
  DeskFixture fixture;
  const CaseFinalized taken = fixture.gapCase();
  fixture.today({2026, 10, 12});

  const auto found = fixture.harness->call<CaseDetailReady>(FindCase{0, taken.provisionalNo});
  REQUIRE(std::holds_alternative<CaseDetailReady>(found));
  const CaseDetail before = std::get<CaseDetailReady>(found).detail;
  CHECK(before.record.state == CaseState::AcceptedWithGaps);
  CHECK(before.gapDeadline == "2026-10-20");
  CHECK(actionOf(before, DeskAction::Supply).allowed);
  CHECK_FALSE(actionOf(before, DeskAction::HandOver).allowed);
  CHECK_THAT(actionOf(before, DeskAction::HandOver).why, Catch::Contains("not ready"));
  CHECK_THAT(before.record.applicantIdNumber, Catch::Contains("*"));  // masked on the way out
  const auto owed = std::find_if(before.slots.begin(), before.slots.end(),
                                 [](const SlotView& s) { return s.slot.key == "assessment_form"; });
  REQUIRE(owed != before.slots.end());
  CHECK(owed->owed);

  const CaseDetail after = recorded(fixture.visit(
      SupplyMaterial{0, taken.provisionalNo, "assessment_form", {fixture.storedPage("评估表")}}));
  CHECK(after.record.state == CaseState::Accepted);
  CHECK(after.record.syncState == "queued");
  const auto supplied = std::find_if(after.slots.begin(), after.slots.end(), [](const SlotView& s) {
    return s.slot.key == "assessment_form";
  });
  REQUIRE(supplied->supplied);
  CHECK(supplied->supplied->before == "gap");
  CHECK(supplied->slot.status == "received");
  CHECK(supplied->slot.pageHashes.size() == 1);
  const auto actions = auditActions(after);
  CHECK(contains(actions, "case.supply"));
  CHECK(actions.back() == "case.decision");  // the full acceptance the last gap completes
  CHECK(after.timeline.back().windowCode == "W03");
  CHECK(after.pendingRatingVisit == "decision:2");

  // Nothing is owed any more.
  const CommandFailed again = failedWith(
      fixture.visit(SupplyMaterial{0, taken.uuid, "assessment_form", {fixture.storedPage("x")}}),
      CommandFailure::WrongState);
  CHECK_THAT(again.message, Catch::Contains("awaits no supplement"));
}

TEST_CASE(
    "a gap supplied after its deadline is refused, and the overdue case is voided with a reason",
    "[engine][desk]") {
  DeskFixture fixture;
  const CaseFinalized taken = fixture.gapCase();

  fixture.today({2026, 10, 20});  // the deadline itself: not overdue, nothing to void yet
  const CommandFailed early =
      refusal(fixture.visit(VoidOverdueCase{0, taken.uuid, "申请人未按承诺补齐材料"}));
  CHECK(rulesOf(early) == std::vector<Rule>{Rule::VoidNotOverdue});

  fixture.today({2026, 10, 21});
  const CommandFailed late = refusal(fixture.visit(
      SupplyMaterial{0, taken.uuid, "assessment_form", {fixture.storedPage("迟交的评估表")}}));
  CHECK(rulesOf(late) == std::vector<Rule>{Rule::SupplyLate});
  CHECK(late.problems[0].detail == "2026-10-20");
  CHECK(late.problems[0].where == "material.assessment_form");
  const CaseDetail overdue = fixture.show(taken.provisionalNo);
  CHECK_FALSE(actionOf(overdue, DeskAction::Supply).allowed);
  CHECK(actionOf(overdue, DeskAction::VoidOverdue).allowed);

  CHECK(rulesOf(refusal(fixture.visit(VoidOverdueCase{0, taken.uuid, " "}))) ==
        std::vector<Rule>{Rule::ReasonMissing});
  const CaseDetail voided =
      recorded(fixture.visit(VoidOverdueCase{0, taken.uuid, "申请人未按承诺补齐材料"}));
  CHECK(voided.record.state == CaseState::Void);
  REQUIRE(voided.events.size() == 1);
  CHECK(voided.events[0].event.reason == "申请人未按承诺补齐材料");
  CHECK(auditActions(voided).back() == "case.void");
}

TEST_CASE("a correction notice is answered in the same case, which is then accepted",
          "[engine][desk]") {
  DeskFixture fixture;
  const CaseFinalized taken = fixture.correctionCase();
  fixture.today({2026, 10, 9});
  const CaseDetail notice = fixture.show(taken.uuid);
  CHECK(notice.correctionDeadline == "2026-10-13");
  CHECK(actionOf(notice, DeskAction::AnswerCorrection).allowed);

  // Accepting before the missing material came is refused at that material.
  const CommandFailed early =
      refusal(fixture.visit(AnswerCorrection{0, taken.uuid, {.kind = DecisionKind::Accept}, {}}));
  CHECK(rulesOf(early) == std::vector<Rule>{Rule::NotSupplied});
  CHECK(early.problems[0].where == "material.premises_proof");
  // A one-time notice is issued once.
  CHECK(rulesOf(refusal(fixture.visit(AnswerCorrection{
            0, taken.uuid, {.kind = DecisionKind::CorrectionNotice, .grounds = "再补"}, {}}))) ==
        std::vector<Rule>{Rule::CorrectionTwice});

  recorded(fixture.visit(
      SupplyMaterial{0, taken.uuid, "premises_proof", {fixture.storedPage("租赁合同")}}));
  const CaseDetail accepted =
      recorded(fixture.visit(AnswerCorrection{0, taken.uuid, {.kind = DecisionKind::Accept}, {}}));
  CHECK(accepted.record.state == CaseState::Accepted);
  CHECK(accepted.record.acceptedAt.has_value());
  const auto actions = auditActions(accepted);
  CHECK(contains(actions, "case.supply"));
  CHECK(actions.back() == "case.decision");
}

TEST_CASE("an answer after the correction deadline is refused: the application counts as withdrawn",
          "[engine][desk]") {
  DeskFixture fixture;
  const CaseFinalized taken = fixture.correctionCase();
  fixture.today({2026, 10, 14});
  const CommandFailed late = refusal(fixture.visit(
      SupplyMaterial{0, taken.uuid, "premises_proof", {fixture.storedPage("租赁合同")}}));
  CHECK(rulesOf(late) == std::vector<Rule>{Rule::SupplyLate});
  CHECK_FALSE(actionOf(fixture.show(taken.uuid), DeskAction::AnswerCorrection).allowed);
  const CaseDetail withdrawn =
      recorded(fixture.visit(WithdrawCase{0, taken.uuid, "逾期未补正，视为撤回申请"}));
  CHECK(withdrawn.record.state == CaseState::Withdrawn);
}

TEST_CASE("every second-visit command is refused in a state the table forbids, with its reason",
          "[engine][desk]") {
  DeskFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized accepted = fixture.takeIn(test::kSampleMatter);
  REQUIRE(std::holds_alternative<DecisionRecorded>(
      fixture.decide(accepted.uuid, {.kind = DecisionKind::Accept})));
  const CaseFinalized refused = fixture.takeIn(test::kSampleMatter);
  REQUIRE(std::holds_alternative<DecisionRecorded>(
      fixture.decide(refused.uuid, {.kind = DecisionKind::Refuse, .grounds = "不属于本机关职权"})));

  const Collector applicant{"张三", "id_card", test::kSampleIdNumber, false, true};
  CHECK_THAT(failedWith(fixture.visit(SupplyMaterial{0, accepted.uuid, "id_card", {}}),
                        CommandFailure::WrongState)
                 .message,
             Catch::Contains("awaits no supplement"));
  CHECK_THAT(failedWith(fixture.visit(AnswerCorrection{0, accepted.uuid, {}, {}}),
                        CommandFailure::WrongState)
                 .message,
             Catch::Contains("awaiting correction"));
  CHECK_THAT(failedWith(fixture.visit(HandOverResult{0, accepted.uuid, applicant, {"X"}}),
                        CommandFailure::WrongState)
                 .message,
             Catch::Contains("not ready for pick-up"));
  CHECK_THAT(failedWith(fixture.visit(PostResult{0, accepted.uuid, "EMS", "1234"}),
                        CommandFailure::WrongState)
                 .message,
             Catch::Contains("not ready to post"));
  CHECK_THAT(
      failedWith(fixture.visit(WithdrawCase{0, refused.uuid, "不办了"}), CommandFailure::WrongState)
          .message,
      Catch::Contains("can no longer be withdrawn"));
  failedWith(fixture.visit(VoidOverdueCase{0, accepted.uuid, "x"}), CommandFailure::WrongState);
  CHECK(rulesOf(refusal(fixture.visit(WithdrawCase{0, accepted.uuid, "\u3000"}))) ==
        std::vector<Rule>{Rule::ReasonMissing});
  failedWith(fixture.visit(ShowCase{0, "W99-20260101-000001"}), CommandFailure::NotFound);
}

TEST_CASE("a result ready at central is posted with its tracking number and central has it",
          "[engine][desk]") {
  DeskFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  REQUIRE(std::holds_alternative<DecisionRecorded>(
      fixture.decide(taken.uuid, {.kind = DecisionKind::Accept})));
  REQUIRE(fixture.harness->until(
      [&] {
        fixture.harness->engine().submit(SyncNow{});
        return fixture.harness->engine().status().pendingSync == 0;
      },
      60s));
  REQUIRE(test::makeReadyForPickup(fixture.dir / "central.db", taken.uuid).empty());
  REQUIRE(fixture.harness->until(
      [&] {
        fixture.harness->engine().submit(SyncNow{});
        return fixture.show(taken.uuid).record.state == CaseState::AwaitingPickup;
      },
      60s));
  CHECK(actionOf(fixture.show(taken.uuid), DeskAction::Post).allowed);

  // Without the tracking number the applicant could not follow the parcel: refused.
  CHECK(rulesOf(refusal(fixture.visit(PostResult{0, taken.uuid, "EMS", " "}))) ==
        std::vector<Rule>{Rule::TrackingMissing});
  const CaseDetail posted =
      recorded(fixture.visit(PostResult{0, taken.uuid, "EMS", "1151234567890"}));
  CHECK(posted.record.state == CaseState::Posted);
  REQUIRE(posted.events.size() == 1);
  CHECK(posted.events[0].event.kind == CaseEventKind::Posting);
  CHECK(posted.events[0].event.carrier == "EMS");
  CHECK(posted.events[0].event.trackingNo == "1151234567890");
  CHECK(posted.events[0].windowCode == "W03");
  CHECK(contains(auditActions(posted), "case.posting"));
  // Posted once: the case can be neither handed over nor posted again.
  failedWith(fixture.visit(PostResult{0, taken.uuid, "EMS", "1151234567891"}),
             CommandFailure::WrongState);

  // The new version reaches central, which keeps the posting with the case.
  REQUIRE(fixture.harness->until(
      [&] {
        fixture.harness->engine().submit(SyncNow{});
        return fixture.harness->engine().status().pendingSync == 0;
      },
      60s));
  CHECK(fixture.harness->engine().status().quarantined == 0);
  localdb::Database central(fixture.dir / "central.db", localdb::OpenMode::ReadOnly);
  localdb::Statement row = central.prepare("SELECT state, body FROM cases WHERE case_uuid = ?1");
  row.bind(1, taken.uuid);
  REQUIRE(row.step());
  CHECK(row.columnText(0) == "posted");
  CHECK_THAT(row.columnText(1), Catch::Contains("1151234567890"));
}

TEST_CASE("a rating of 不满意 needs reasons, and one rating per visit", "[engine][desk]") {
  DeskFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  REQUIRE(std::holds_alternative<DecisionRecorded>(
      fixture.decide(taken.uuid, {.kind = DecisionKind::Accept})));
  const CaseDetail decided = fixture.show(taken.uuid);
  REQUIRE(decided.pendingRatingVisit == "decision:1");
  CHECK(actionOf(decided, DeskAction::Rate).allowed);

  CHECK(rulesOf(
            refusal(fixture.visit(RecordRating{0, taken.uuid, "decision:1", "不满意", {}, ""}))) ==
        std::vector<Rule>{Rule::RatingReasons});
  CHECK(
      rulesOf(refusal(fixture.visit(RecordRating{0, taken.uuid, "decision:1", "还行", {}, ""}))) ==
      std::vector<Rule>{Rule::RatingLabel});
  failedWith(fixture.visit(RecordRating{0, taken.uuid, "decision:7", "满意", {}, ""}),
             CommandFailure::NotFound);
  const CaseDetail rated = recorded(fixture.visit(
      RecordRating{0, taken.uuid, "decision:1", "不满意", {"等候时间长"}, "排队一个小时"}));
  REQUIRE(rated.ratings.size() == 1);
  CHECK(rated.ratings[0].rating.stage == "acceptance");
  CHECK(rated.ratings[0].rating.reasons == std::vector<std::string>{"等候时间长"});
  CHECK(rated.ratings[0].windowCode == "W03");
  CHECK(rated.pendingRatingVisit.empty());
  CHECK(auditActions(rated).back() == "case.rating");
  failedWith(fixture.visit(RecordRating{0, taken.uuid, "decision:1", "满意", {}, ""}),
             CommandFailure::Invalid);
}

TEST_CASE("the window's list: its cases with due badges, filters and a search as one types",
          "[engine][desk]") {
  DeskFixture fixture;
  fixture.today({2026, 9, 30});
  const CaseFinalized first = fixture.takeIn(test::kSampleMatter);  // 3 working days: 10 Oct
  const CaseFinalized second = fixture.takeIn(kDisabilityCard);     // 10 working days: 20 Oct
  fixture.today({2026, 10, 9});  // after National Day, both still running
  const auto listed = fixture.harness->call<CasesListed>(ListCases{0, {}, 0, 50});
  REQUIRE(std::holds_alternative<CasesListed>(listed));
  const CasesListed& rows = std::get<CasesListed>(listed);
  CHECK(rows.total == 2);
  REQUIRE(rows.rows.size() == 2);
  CHECK(rows.rows[0].summary.uuid == second.uuid);  // newest first
  for (const CaseListRow& row : rows.rows) {
    CHECK(row.summary.applicantIdNumber.empty());
    CHECK_THAT(row.maskedIdNumber, Catch::Contains("****"));
    CHECK(row.badge.kind != DueBadgeKind::None);
  }

  ListCases byMatter{0, {}, 0, 50};
  byMatter.query.matterCode = kDisabilityCard;
  CHECK(std::get<CasesListed>(fixture.harness->call<CasesListed>(byMatter)).total == 1);
  ListCases byNumber{0, {}, 0, 50};
  byNumber.query.lookup = first.provisionalNo.substr(0, first.provisionalNo.size() - 1);
  CHECK(std::get<CasesListed>(fixture.harness->call<CasesListed>(byNumber)).total >= 1);
  ListCases byId{0, {}, 0, 50};
  byId.query.lookup = std::string(test::kSampleIdNumber).substr(0, 10);
  CHECK(std::get<CasesListed>(fixture.harness->call<CasesListed>(byId)).total == 2);
  ListCases byDate{0, {}, 0, 50};
  byDate.query.intakeFrom = "2026-10-01";
  CHECK(std::get<CasesListed>(fixture.harness->call<CasesListed>(byDate)).total == 0);
  byDate.query.intakeFrom = "2026-09-30";
  byDate.query.intakeTo = "2026-09-30";
  CHECK(std::get<CasesListed>(fixture.harness->call<CasesListed>(byDate)).total == 2);
}

TEST_CASE("a correction of the form's answers is a revision, and central takes the accepted case",
          "[engine][desk]") {
  DeskFixture fixture;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, fixture.clock->now());
  DraftContent wrong = test::sampleDraft(intake, "张三");
  // The check digit of this ID number is wrong (it should be X).
  wrong.instanceXml =
      test::answeredInstance(intake, "/data/applicant/id_number", "440305199001011234");
  const std::string uuid = fixture.draft(test::kSampleMatter, wrong);
  REQUIRE(std::holds_alternative<CaseFinalized>(fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, intake.scenarios, test::sampleMaterials(intake), true})));
  REQUIRE(std::holds_alternative<DecisionRecorded>(
      fixture.decide(uuid, {.kind = DecisionKind::CorrectionNotice})));

  // Still wrong: refused at the field.
  const CommandFailed still =
      refusal(fixture.visit(AnswerCorrection{0, uuid, {.kind = DecisionKind::Accept}, wrong}));
  CHECK(rulesOf(still) == std::vector<Rule>{Rule::FormInvalid, Rule::FormAnswer});
  // Another applicant is not a correction of the answers.
  DraftContent other = test::sampleDraft(intake, "李四");
  failedWith(fixture.visit(AnswerCorrection{0, uuid, {.kind = DecisionKind::Accept}, other}),
             CommandFailure::Invalid);

  // What a front end corrects: the form as of intake and its answers as they stand.
  const CaseDetail open = fixture.show(uuid);
  REQUIRE(open.correctionForm != nullptr);
  CHECK_THAT(open.correctionAnswers, Catch::Contains("440305199001011234"));
  // Only the answers, corrected: the applicant and the form stay the case's.
  const CaseDetail accepted =
      recorded(fixture.visit(AnswerCorrection{0,
                                              uuid,
                                              {.kind = DecisionKind::Accept},
                                              std::nullopt,
                                              test::sampleDraft(intake, "张三").instanceXml}));
  CHECK(accepted.record.state == CaseState::Accepted);
  CHECK(accepted.record.revision == 2);
  CHECK(accepted.correctionForm == nullptr);  // nothing more to correct
  CHECK(accepted.correctionAnswers.empty());
  CHECK(contains(auditActions(accepted), "case.revision"));
  // Central checks the notice on answers it no longer has, and the acceptance on the corrected.
  REQUIRE(fixture.harness->until(
      [&] { return fixture.harness->engine().status().pendingSync == 0; }, 60s));
  CHECK(fixture.harness->engine().status().quarantined == 0);
}

TEST_CASE("an owed material is scanned into the taken-in case and supplied from its pages",
          "[engine][desk][scan]") {
  DeskFixture fixture;
  const CaseFinalized taken = fixture.gapCase();
  fixture.today({2026, 10, 12});
  const auto file = fixture.dir / "import" / "assessment.png";
  test::writeMarkedPage(file, test::MarkColour::Blue);
  StartCapture capture;
  capture.caseUuid = taken.uuid;
  capture.device = "files";
  capture.settings.source = scan::PaperSource::Files;
  capture.settings.dpi = 150;
  capture.files = {file};

  // The materials received at intake are frozen: no pages go into them.
  StartCapture frozen = capture;
  frozen.slotKey = "id_card";
  CHECK_THAT(std::get<CommandFailed>(fixture.harness->call<CaptureEnded>(frozen)).message,
             Catch::Contains("only a material it still owes"));

  capture.slotKey = "assessment_form";
  const auto ended = fixture.harness->call<CaptureEnded>(capture);
  REQUIRE(std::holds_alternative<CaptureEnded>(ended));
  CHECK(std::get<CaptureEnded>(ended).pagesInSlot == 1);
  REQUIRE(fixture.harness->until(
      [&] {
        const auto listed = fixture.harness->call<CapturedPagesListed>(
            ListCapturedPages{0, taken.uuid, "assessment_form", 64});
        const auto& pages = std::get<CapturedPagesListed>(listed).summary;
        return pages.processed == pages.pages;
      },
      30s));
  const CaseDetail after =
      recorded(fixture.visit(SupplyMaterial{0, taken.uuid, "assessment_form", {}}));
  CHECK(after.record.state == CaseState::Accepted);
  const auto slot = std::find_if(after.slots.begin(), after.slots.end(),
                                 [](const SlotView& s) { return s.slot.key == "assessment_form"; });
  REQUIRE(slot != after.slots.end());
  CHECK(slot->slot.pageHashes.size() == 1);  // the scanned pages as the material's one file
}
