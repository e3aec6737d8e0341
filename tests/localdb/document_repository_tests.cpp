#include <catch2/catch.hpp>

#include "case_fixture.hpp"
#include "localdb/audit_log.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/document_repository.hpp"

using namespace onewindow::localdb;
using onewindow::test::CaseFixture;

namespace {

std::int64_t count(Database& db, const std::string& sql) {
  Statement statement = db.prepare(sql);
  statement.step();
  return statement.columnInt(0);
}

void markSynced(Database& db, std::int64_t caseId) {
  db.prepare("UPDATE cases SET sync_state = 'confirmed' WHERE id = ?1").bind(1, caseId).run();
}

}  // namespace

TEST_CASE("documents: issuing numbers, archives and queues the case for sync",
          "[localdb][documents]") {
  CaseFixture f;
  const std::string uuid = f.intakeComplete();
  const CaseRecord record = *f.cases.findByUuid(uuid);
  markSynced(f.store.database(), record.id);
  DocumentRepository documents(f.store.database());
  const std::string number = documents.nextNumber(*record.provisionalNo, "SL");
  CHECK(number == *record.provisionalNo + "-SL1");
  const IssuedDocument issued =
      documents.issue(record.id, uuid, "acceptance-notice", "受理通知书", number,
                      std::string(64, 'c'), 5000, CaseFixture::clerk("2026-11-27T02:30:00Z"));
  CHECK(documents.find(record.id, "acceptance-notice")->documentNo == number);
  CHECK(documents.findByNumber(number)->pdfSha256 == std::string(64, 'c'));
  CHECK(documents.nextNumber(*record.provisionalNo, "SL") == *record.provisionalNo + "-SL2");
  CHECK(f.cases.findByUuid(uuid)->syncState == "queued");
  CHECK(count(f.store.database(),
              "SELECT count(*) FROM material_files WHERE media_type = 'application/pdf'") == 1);
  CHECK(count(f.store.database(),
              "SELECT count(*) FROM audit_log WHERE action = 'document.issue'") == 1);

  const auto snapshot = loadCaseSnapshot(f.store.database(), record.id);
  REQUIRE(snapshot);
  REQUIRE(snapshot->documents.size() == 1);
  CHECK(snapshot->documents[0].documentNo == number);
  CHECK(snapshot->documents[0].sizeBytes == 5000);
  CHECK_FALSE(snapshot->documents[0].reprint);
  (void)issued;
}

TEST_CASE("documents: prints and reprints are recorded, a reprint with its reason",
          "[localdb][documents]") {
  CaseFixture f;
  const std::string uuid = f.intakeComplete();
  const CaseRecord record = *f.cases.findByUuid(uuid);
  DocumentRepository documents(f.store.database());
  const IssuedDocument issued = documents.issue(record.id, uuid, "acceptance-notice", "受理通知书",
                                                documents.nextNumber(*record.provisionalNo, "SL"),
                                                std::string(64, 'c'), 5000, CaseFixture::clerk());
  const std::int64_t first = documents.recordPrint(
      issued, uuid, {std::string(64, 'c'), 5000, "PDF", 1, false, ""}, CaseFixture::clerk());
  documents.finishPrint(first, 17, "completed", "");
  CHECK_THROWS_WITH(
      documents.recordPrint(issued, uuid, {std::string(64, 'd'), 5100, "PDF", 1, true, ""},
                            CaseFixture::clerk()),
      Catch::Contains("reason"));
  markSynced(f.store.database(), record.id);
  const std::int64_t again = documents.recordPrint(
      issued, uuid, {std::string(64, 'd'), 5100, "PDF", 2, true, "申请人遗失"},
      CaseFixture::clerk("2026-11-28T01:00:00Z"));
  documents.finishPrint(again, std::nullopt, "failed", "print.scheduler_unreachable");

  const auto prints = documents.printsOf(issued.id);
  REQUIRE(prints.size() == 2);
  CHECK(prints[0].jobId == 17);
  CHECK(prints[0].outcome == "completed");
  CHECK(prints[1].reprint);
  CHECK(prints[1].reason == "申请人遗失");
  CHECK(prints[1].copies == 2);
  CHECK_FALSE(prints[1].jobId);
  CHECK(prints[1].outcome == "failed");
  // The reprint's PDF differs (a number bound since): it travels to central too.
  CHECK(f.cases.findByUuid(uuid)->syncState == "queued");
  const auto snapshot = loadCaseSnapshot(f.store.database(), record.id);
  REQUIRE(snapshot->documents.size() == 2);
  CHECK(snapshot->documents[1].reprint);
  CHECK(snapshot->documents[1].sha256 == std::string(64, 'd'));
  CHECK(count(f.store.database(),
              "SELECT count(*) FROM audit_log WHERE action = 'document.reprint' AND details LIKE "
              "'%申请人遗失%'") == 1);
  CHECK(AuditLog::verify(f.store.database()).firstBrokenSeq == std::nullopt);
}
