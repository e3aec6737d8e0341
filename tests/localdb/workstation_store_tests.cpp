#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "localdb/case_repository.hpp"
#include "localdb/migrations.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow::localdb;
using onewindow::test::TempDir;

TEST_CASE("the store remembers the last clerk session across reopen", "[localdb][store]") {
  TempDir dir;
  {
    WorkstationStore store(dir / "workstation.db");
    CHECK_FALSE(store.lastSession().has_value());
    store.saveSession({"c1001", "张敏", "clerk", "W03", "2026-11-27T02:00:00Z"});
    store.saveSession({"s2001", "李强", "supervisor", "W01", "2026-11-27T03:00:00Z"});
  }
  WorkstationStore store(dir / "workstation.db");
  const auto session = store.lastSession();
  REQUIRE(session.has_value());
  CHECK(session->clerkId == "s2001");
  CHECK(session->clerkName == "李强");
  CHECK(session->role == "supervisor");
  CHECK(session->windowCode == "W01");
}

TEST_CASE("an unknown role cannot be stored", "[localdb][store]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CHECK_THROWS_AS(store.saveSession({"x", "", "admin", "W1", "t"}), SqliteError);
}

TEST_CASE("pending sync counts cases central has not confirmed", "[localdb][store]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CaseRepository cases(store.database());
  CHECK(store.pendingSyncCount() == 0);
  const Actor clerk{"c1001", "2026-11-27T02:00:00Z"};
  for (int n = 1; n <= 3; ++n) {
    const std::string uuid = "uuid-" + std::to_string(n);
    cases.createDraft({uuid, "m", "matter", "W03"}, clerk);
    if (n < 3) cases.finalizeIntake(uuid, {"20261127", {}, "", ""}, clerk);
  }
  CHECK(store.pendingSyncCount() == 2);  // the draft is not pending
  store.database().execute("UPDATE cases SET sync_state = 'confirmed' WHERE uuid = 'uuid-1'");
  CHECK(store.pendingSyncCount() == 1);
}

TEST_CASE("the store uses WAL, full sync and its own application id", "[localdb][store]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  auto& db = store.database();
  auto mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.columnText(0) == "wal");
  CHECK(db.pragmaInt("synchronous") == 2);  // FULL
  CHECK(db.pragmaInt("application_id") == kWorkstationApplicationId);
}

TEST_CASE("a workstation store from a newer program is refused and left untouched",
          "[localdb][store]") {
  TempDir dir;
  const auto file = dir / "workstation.db";
  {
    Database db(file);
    db.setPragmaInt("application_id", kWorkstationApplicationId);
    db.setPragmaInt("user_version", 99);
  }
  std::ifstream before(file, std::ios::binary);
  const std::string bytesBefore((std::istreambuf_iterator<char>(before)), {});
  CHECK_THROWS_AS(WorkstationStore(file), SchemaError);
  std::ifstream after(file, std::ios::binary);
  const std::string bytesAfter((std::istreambuf_iterator<char>(after)), {});
  CHECK(bytesAfter == bytesBefore);
}
