// The supervisor's writes in the store (schema v11): voiding a case central refused for good
// only when its refusal proves central kept nothing, with its event and audit entry; a 督办 mark
// set, replaced and lifted.
#include <functional>

#include <catch2/catch.hpp>

#include "case_fixture.hpp"
#include "localdb/supervision.hpp"
#include "localdb/sync_repository.hpp"

using namespace onewindow::localdb;
using onewindow::test::CaseFixture;

namespace {

const Actor kSupervisor{"s2001", "2026-11-28T02:00:00Z", "W01"};

std::string lastAudit(Database& db, const std::string& uuid) {
  Statement query = db.prepare(
      "SELECT action || ' ' || clerk_id || ' ' || details FROM audit_log WHERE case_uuid = ?1 "
      "ORDER BY seq DESC LIMIT 1");
  query.bind(1, uuid);
  REQUIRE(query.step());
  return query.columnText(0);
}

CaseError::Kind kindOf(const std::function<void()>& work) {
  try {
    work();
  } catch (const CaseError& error) {
    return error.kind();
  }
  FAIL("no CaseError");
  return CaseError::Kind::Invalid;
}

}  // namespace

TEST_CASE_METHOD(CaseFixture, "a case central refused by its rules is voided with its reason",
                 "[localdb][supervision]") {
  const std::string uuid = intakeComplete();
  const CaseRecord record = *cases.findByUuid(uuid);
  SyncRepository sync(store.database());
  // Not refused: nothing to void here.
  CHECK(kindOf([&] { voidQuarantinedCase(store.database(), record, "作废", kSupervisor); }) ==
        CaseError::Kind::WrongState);
  sync.quarantine(record.id, "/data/business/employees: 从业人数应为1至999", "case.rule_violation",
                  "2026-11-27T03:00:00Z");
  CHECK(sync.countInState("quarantined") == 1);
  CHECK(kindOf([&] { voidQuarantinedCase(store.database(), record, "  ", kSupervisor); }) ==
        CaseError::Kind::Invalid);

  voidQuarantinedCase(store.database(), record, "申请人已另行办理，本件作废", kSupervisor);
  const CaseRecord voided = *cases.findByUuid(uuid);
  CHECK(voided.state == CaseState::Void);
  CHECK(voided.syncState == "local");  // out of the outbox and of the refused count
  CHECK(sync.countInState("quarantined") == 0);
  CHECK(lastAudit(store.database(), uuid) ==
        "supervisor.void_quarantined s2001 申请人已另行办理，本件作废");
  Statement event =
      store.database().prepare("SELECT kind, reason, clerk_id FROM case_events WHERE case_id = ?1");
  event.bind(1, record.id);
  REQUIRE(event.step());
  CHECK(event.columnText(0) == "void");
  CHECK(event.columnText(1) == "申请人已另行办理，本件作废");
  CHECK(event.columnText(2) == "s2001");
  // Once is enough.
  CHECK(kindOf([&] { voidQuarantinedCase(store.database(), voided, "again", kSupervisor); }) ==
        CaseError::Kind::WrongState);
}

TEST_CASE_METHOD(CaseFixture,
                 "a refusal that does not prove central kept nothing is not voided here",
                 "[localdb][supervision]") {
  const std::string uuid = intakeComplete();
  const CaseRecord record = *cases.findByUuid(uuid);
  // A conflict after a lost reply: central may hold the first version though none is confirmed.
  SyncRepository(store.database())
      .quarantine(record.id, "central has another body for version 1", "case.conflict",
                  "2026-11-27T03:00:00Z");
  try {
    voidQuarantinedCase(store.database(), record, "作废", kSupervisor);
    FAIL("voided");
  } catch (const CaseError& error) {
    CHECK(error.kind() == CaseError::Kind::WrongState);
    CHECK_THAT(error.what(),
               Catch::Contains("case.conflict") && Catch::Contains("settle it at central"));
  }
  CHECK(cases.findByUuid(uuid)->state != CaseState::Void);
}

TEST_CASE_METHOD(CaseFixture, "a 督办 mark is set, replaced and lifted, each audited",
                 "[localdb][supervision]") {
  const std::string uuid = intakeComplete();
  const CaseRecord record = *cases.findByUuid(uuid);
  CHECK_FALSE(supervisionMark(store.database(), record.id));
  CHECK(kindOf([&] { markSupervised(store.database(), record, " \n", kSupervisor); }) ==
        CaseError::Kind::Invalid);
  markSupervised(store.database(), record, "请今日联系申请人", kSupervisor);
  markSupervised(store.database(), record, "已联系，明日补件", kSupervisor);
  const auto mark = supervisionMark(store.database(), record.id);
  REQUIRE(mark);
  CHECK(mark->note == "已联系，明日补件");
  CHECK(mark->markedBy == "s2001");
  CHECK(lastAudit(store.database(), uuid) == "supervisor.mark s2001 已联系，明日补件");
  CHECK(clearSupervised(store.database(), record, "已补件", kSupervisor));
  CHECK_FALSE(supervisionMark(store.database(), record.id));
  CHECK(lastAudit(store.database(), uuid) == "supervisor.unmark s2001 已补件");
  CHECK_FALSE(clearSupervised(store.database(), record, "again", kSupervisor));
}

TEST_CASE_METHOD(CaseFixture, "central's 督办 changes apply in seq order, each audited once",
                 "[localdb][supervision]") {
  const std::string uuid = intakeComplete();
  const CaseRecord record = *cases.findByUuid(uuid);
  Database& db = store.database();
  const auto audits = [&] {
    Statement query = db.prepare(
        "SELECT count(*) FROM audit_log WHERE case_uuid = ?1 AND action LIKE 'supervisor.%'");
    query.bind(1, uuid);
    REQUIRE(query.step());
    return query.columnInt(0);
  };
  // Kept at once from central's reply (seq 7), then the feed brings seq 5 (an older note), 7
  // (the same change) and 9 (the lift).
  CHECK(applyCentralSupervision(db, record, true, "乙：今日办结", kSupervisor, 7));
  CHECK_FALSE(applyCentralSupervision(db, record, true, "甲：先核对材料", kSupervisor, 5));
  CHECK_FALSE(applyCentralSupervision(db, record, true, "乙：今日办结", kSupervisor, 7));
  CHECK(supervisionMark(db, record.id)->note == "乙：今日办结");
  CHECK(audits() == 1);
  // A newer change that says what the store says already moves the seq and audits nothing.
  CHECK_FALSE(applyCentralSupervision(db, record, true, "乙：今日办结", kSupervisor, 8));
  CHECK(audits() == 1);
  CHECK(applyCentralSupervision(db, record, false, "已办结", kSupervisor, 9));
  CHECK_FALSE(supervisionMark(db, record.id));
  CHECK(lastAudit(db, uuid) == "supervisor.unmark s2001 已办结");
  CHECK_FALSE(applyCentralSupervision(db, record, true, "乙：今日办结", kSupervisor, 8));
  CHECK_FALSE(supervisionMark(db, record.id));
  CHECK(audits() == 2);
  // A mark kept here during an outage, then lifted once central answers again: central had
  // nothing to lift and names its last change (9), which still clears the mark kept here.
  markSupervised(db, record, "丁：停电期间督办", kSupervisor);
  CHECK(applyCentralSupervision(db, record, false, "已处理", kSupervisor, 9));
  CHECK_FALSE(supervisionMark(db, record.id));
  CHECK(audits() == 4);
}
