#include <catch2/catch.hpp>

#include "localdb/audit_log.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow::localdb;

namespace {

void appendEntries(Database& db, int n) {
  for (int i = 0; i < n; ++i) {
    Transaction transaction(db);
    AuditLog::append(db, {"2026-11-27T02:00:0" + std::to_string(i) + "Z", "c1001", "case.intake",
                          "uuid-" + std::to_string(i), "W03-20261127-00000" + std::to_string(i)});
    transaction.commit();
  }
}

// Tampering needs the triggers out of the way, as an attacker with the file would do.
void tamper(Database& db, const std::string& sql) {
  db.execute("DROP TRIGGER audit_log_append_only_update");
  db.execute("DROP TRIGGER audit_log_append_only_delete");
  db.execute(sql);
}

}  // namespace

TEST_CASE("the audit chain verifies when untouched", "[localdb][audit]") {
  onewindow::test::TempDir dir;
  WorkstationStore store(dir / "w.db");
  appendEntries(store.database(), 5);
  const auto result = AuditLog::verify(store.database());
  CHECK(result.intact());
  CHECK(result.entries == 5);
}

TEST_CASE("the audit log refuses updates and deletes", "[localdb][audit]") {
  onewindow::test::TempDir dir;
  WorkstationStore store(dir / "w.db");
  appendEntries(store.database(), 2);
  CHECK_THROWS_WITH(store.database().execute("UPDATE audit_log SET clerk_id = 'x'"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(store.database().execute("DELETE FROM audit_log"), Catch::Contains("append-only"));
}

TEST_CASE("a changed entry is found and named", "[localdb][audit]") {
  onewindow::test::TempDir dir;
  WorkstationStore store(dir / "w.db");
  appendEntries(store.database(), 5);
  tamper(store.database(), "UPDATE audit_log SET clerk_id = 'c9999' WHERE seq = 3");
  const auto result = AuditLog::verify(store.database());
  CHECK(result.firstBrokenSeq == std::optional<std::int64_t>(3));
  CHECK_THAT(result.problem, Catch::Contains("changed"));
}

TEST_CASE("a removed entry is found", "[localdb][audit]") {
  onewindow::test::TempDir dir;
  WorkstationStore store(dir / "w.db");
  appendEntries(store.database(), 5);
  tamper(store.database(), "DELETE FROM audit_log WHERE seq = 2");
  const auto result = AuditLog::verify(store.database());
  CHECK(result.firstBrokenSeq == std::optional<std::int64_t>(3));
  CHECK_THAT(result.problem, Catch::Contains("missing"));
}

TEST_CASE("a rewritten chain tail is found at the first rewritten link", "[localdb][audit]") {
  onewindow::test::TempDir dir;
  WorkstationStore store(dir / "w.db");
  appendEntries(store.database(), 4);
  tamper(store.database(), "UPDATE audit_log SET prev_hash = hash WHERE seq = 4");
  CHECK(AuditLog::verify(store.database()).firstBrokenSeq == std::optional<std::int64_t>(4));
}
