#include <catch2/catch.hpp>

#include "case_fixture.hpp"
#include "localdb/audit_log.hpp"

using namespace onewindow::localdb;
using onewindow::test::CaseFixture;
using MS = MaterialStatus;

TEST_CASE_METHOD(CaseFixture, "a draft is saved and read back, and has no number yet",
                 "[localdb][cases]") {
  const std::string uuid = draft("李四");
  const auto record = cases.findByUuid(uuid);
  REQUIRE(record.has_value());
  CHECK(record->state == CaseState::Draft);
  CHECK(record->applicantName == "李四");
  CHECK_FALSE(record->provisionalNo.has_value());
  CHECK(record->syncState == "local");
  CHECK(cases.draftInstance(uuid) == std::optional<std::string>("<data/>"));
  CHECK(store.pendingSyncCount() == 0);
}

TEST_CASE_METHOD(CaseFixture, "finalizing numbers the case, freezes the form and queues it",
                 "[localdb][cases]") {
  const std::string uuid = intakeComplete();
  const auto record = cases.findByUuid(uuid);
  REQUIRE(record.has_value());
  CHECK(record->state == CaseState::Intake);
  CHECK(record->provisionalNo == std::optional<std::string>("W03-20261127-000001"));
  CHECK(record->intakeAt == std::optional<std::string>("2026-11-27T02:05:00Z"));
  CHECK_FALSE(record->acceptedAt.has_value());
  CHECK(record->revision == 1);
  CHECK(record->syncState == "queued");
  CHECK(cases.revisionsOf(record->id) == std::vector<std::string>{"<data/>"});
  CHECK_FALSE(cases.draftInstance(uuid).has_value());
  const auto slots = cases.slotsOf(record->id);
  REQUIRE(slots.size() == 2);
  CHECK(slots[0].pageHashes == std::vector<std::string>{std::string(64, 'a')});
  CHECK(store.pendingSyncCount() == 1);
}

TEST_CASE_METHOD(CaseFixture,
                 "provisional numbers keep growing across reopen, dates and clock changes",
                 "[localdb][cases]") {
  const std::string first = intakeComplete();
  // The clock jumps back a day: the counter, not the date, makes the number unique.
  const std::string second = draft();
  cases.finalizeIntake(second, {"20261126", {}, "", ""}, clerk("2026-11-26T09:00:00Z"));
  std::string third;
  {
    WorkstationStore reopened(dir / "workstation.db");
    CaseRepository again(reopened.database());
    third = "00000000-0000-4000-8000-999999999999";
    again.createDraft({third, "m", "m", "W05"}, clerk());
    again.finalizeIntake(third, {"20261127", {}, "", ""}, clerk());
    CHECK(again.findByUuid(third)->provisionalNo ==
          std::optional<std::string>("W05-20261127-000003"));
  }
  CHECK(cases.findByUuid(second)->provisionalNo ==
        std::optional<std::string>("W03-20261126-000002"));
}

TEST_CASE_METHOD(CaseFixture, "a finalized case cannot be edited, only revised",
                 "[localdb][cases]") {
  const std::string uuid = intakeComplete();
  CHECK_THROWS_AS(cases.saveDraft(uuid, {"王五", "", "", "", "", "<x/>"}, clerk()), CaseError);
  CHECK_THROWS_AS(cases.finalizeIntake(uuid, {"20261127", {}, "", ""}, clerk()), CaseError);
  // Even raw SQL cannot change the frozen fields or remove the case.
  auto& db = store.database();
  CHECK_THROWS_WITH(db.execute("UPDATE cases SET applicant_name = 'x'"),
                    Catch::Contains("immutable"));
  CHECK_THROWS_WITH(db.execute("DELETE FROM cases"), Catch::Contains("never deleted"));
  CHECK_THROWS_WITH(db.execute("UPDATE case_revisions SET instance_xml = 'x'"),
                    Catch::Contains("append-only"));

  const int revision = cases.reviseCase(uuid, {"", "", "", "residence", "1", "<data fixed='1'/>"},
                                        "applicant corrected the address", clerk());
  CHECK(revision == 2);
  const auto record = cases.findByUuid(uuid);
  CHECK(record->revision == 2);
  CHECK(cases.revisionsOf(record->id) == std::vector<std::string>{"<data/>", "<data fixed='1'/>"});
  CHECK_THROWS_AS(cases.reviseCase(uuid, {}, "", clerk()), CaseError);  // a reason is required
}

TEST_CASE_METHOD(CaseFixture, "accepting sets acceptance time apart from intake time",
                 "[localdb][cases][decisions]") {
  const std::string uuid = intakeComplete();
  CHECK(cases.recordDecision(uuid, {.kind = DecisionKind::Accept}, clerk("2026-11-27T03:00:00Z")) ==
        CaseState::Accepted);
  const auto record = cases.findByUuid(uuid);
  CHECK(record->intakeAt == std::optional<std::string>("2026-11-27T02:05:00Z"));
  CHECK(record->acceptedAt == std::optional<std::string>("2026-11-27T03:00:00Z"));
}

// The rules of each decision (every material for an acceptance, 容缺 only for secondary
// materials, the deadline, the commitment, grounds) are decided by the engine over the catalog
// (tests/forms/intake_rules_tests.cpp, tests/engine/intake_rules_tests.cpp); the store keeps the
// decision as decided and checks only the state table.
TEST_CASE_METHOD(CaseFixture, "a decision is stored as decided, with its state and its time",
                 "[localdb][cases][decisions]") {
  const std::string uuid = intake({slot("id", true, MS::Received), slot("photo", false, MS::Gap)});
  DecisionInput gaps{DecisionKind::AcceptWithGaps,
                     "",
                     "",
                     "2026-12-18",
                     true,
                     "<gap-acceptance deadline=\"2026-12-18\"/>"};
  CHECK(cases.recordDecision(uuid, gaps, clerk()) == CaseState::AcceptedWithGaps);
  CHECK(cases.findByUuid(uuid)->acceptedAt.has_value());
  Statement stored = store.database().prepare(
      "SELECT kind, gap_deadline, commitment_signed, details_xml FROM decisions");
  REQUIRE(stored.step());
  CHECK(stored.columnText(0) == "accept_with_gaps");
  CHECK(stored.columnText(1) == "2026-12-18");
  CHECK(stored.columnInt(2) == 1);
  CHECK(stored.columnText(3) == "<gap-acceptance deadline=\"2026-12-18\"/>");
  // A decision is taken once: the state table refuses a second one.
  CHECK_THROWS_AS(
      cases.recordDecision(uuid, {.kind = DecisionKind::Refuse, .grounds = "x"}, clerk()),
      CaseError);
}

TEST_CASE_METHOD(CaseFixture, "a refused case takes no other decision",
                 "[localdb][cases][decisions]") {
  const std::string refused = intakeComplete();
  CHECK(cases.recordDecision(refused,
                             {.kind = DecisionKind::Refuse,
                              .grounds = "不属于本机关职权范围",
                              .legalBasis = "行政许可法第三十二条"},
                             clerk()) == CaseState::Refused);
  CHECK_THROWS_AS(cases.recordDecision(refused, {.kind = DecisionKind::Accept}, clerk()),
                  CaseError);
  const std::string missing =
      intake({slot("id", true, MS::Received), slot("lease", true, MS::Missing)});
  CHECK(cases.recordDecision(missing, {.kind = DecisionKind::CorrectionNotice}, clerk()) ==
        CaseState::AwaitingCorrection);
}

TEST_CASE_METHOD(CaseFixture, "state changes from central follow the table", "[localdb][cases]") {
  const std::string uuid = intakeComplete();
  cases.recordDecision(uuid, {.kind = DecisionKind::Accept}, clerk());
  cases.changeState(uuid, CaseState::InProgress, clerk(), "routed to the department");
  CHECK_THROWS_AS(cases.changeState(uuid, CaseState::Collected, clerk(), ""), CaseError);
  cases.changeState(uuid, CaseState::Decided, clerk("2026-12-01T08:00:00Z"), "granted");
  CHECK(cases.findByUuid(uuid)->decidedAt == std::optional<std::string>("2026-12-01T08:00:00Z"));
}

TEST_CASE_METHOD(CaseFixture, "the official number is bound once and both numbers find the case",
                 "[localdb][cases]") {
  const std::string uuid = intakeComplete();
  const std::string official = "4403050000000000000000000000012026112700001";
  cases.bindOfficialNumber(uuid, official, clerk());
  cases.bindOfficialNumber(uuid, official, clerk());  // the feed may repeat: idempotent
  CHECK_THROWS_AS(cases.bindOfficialNumber(uuid, "OTHER", clerk()), CaseError);
  CHECK(cases.findByNumber(official)->uuid == uuid);
  CHECK(cases.findByNumber("W03-20261127-000001")->uuid == uuid);
  CHECK_FALSE(cases.findByNumber("nope").has_value());
}

TEST_CASE_METHOD(CaseFixture, "every change leaves an intact audit trail",
                 "[localdb][cases][audit]") {
  const std::string uuid = intakeComplete();
  cases.recordDecision(uuid, {.kind = DecisionKind::Accept}, clerk());
  const AuditVerification audit = AuditLog::verify(store.database());
  CHECK(audit.intact());
  CHECK(audit.entries == 3);  // draft, intake, decision
}

TEST_CASE_METHOD(CaseFixture, "a draft can be discarded but a finalized case cannot",
                 "[localdb][cases]") {
  const std::string keep = intakeComplete();
  const std::string throwAway = draft();
  cases.discardDraft(throwAway, clerk());
  CHECK(cases.findByUuid(throwAway)->state == CaseState::Void);
  CHECK(cases.findByUuid(throwAway)->syncState == "local");
  CHECK_THROWS_AS(cases.discardDraft(keep, clerk()), CaseError);
}
