// The central store in-process: schema, clerks, sessions, refusal of newer files.

#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "central/central_store.hpp"
#include "central/demo_data.hpp"
#include "central/session_token.hpp"
#include "localdb/migrations.hpp"
#include "localdb/password_hash.hpp"
#include "temp_dir.hpp"

using namespace onewindow::central;
using onewindow::localdb::Database;
using onewindow::localdb::SchemaError;
using onewindow::localdb::SchemaErrorKind;
using onewindow::test::TempDir;

namespace {

std::string fileBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::chrono::sys_seconds at(int hour, int minute) {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 27} + hours{hour} + minutes{minute};
}

}  // namespace

TEST_CASE("a new central store is stamped with its application id and schema version",
          "[central][store]") {
  TempDir dir;
  { CentralStore store(dir / "central.db"); }
  Database db(dir / "central.db");
  CHECK(db.pragmaInt("application_id") == kCentralApplicationId);
  CHECK(db.pragmaInt("user_version") == onewindow::localdb::latestVersion(centralSchema()));
}

TEST_CASE("the central store runs in WAL mode", "[central][store]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  Database db(dir / "central.db");
  onewindow::localdb::Statement mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.columnText(0) == "wal");
}

TEST_CASE("demo clerks are inserted once and kept as they are", "[central][store]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  CHECK(insertDemoClerks(store) == 3);
  CHECK(insertDemoClerks(store) == 0);
  CHECK(store.clerkCount() == 3);

  const std::optional<ClerkRecord> supervisor = store.findClerk("s2001");
  REQUIRE(supervisor);
  CHECK(supervisor->name == "李强");
  CHECK(supervisor->role == "supervisor");
  CHECK(supervisor->active);
  CHECK(onewindow::localdb::verifyPassword(supervisor->passwordHash, "demo2001"));
  CHECK_FALSE(store.findClerk("nobody"));
}

TEST_CASE("a clerk with an unknown role is refused by the schema", "[central][store]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  CHECK_THROWS_AS(store.addClerkIfMissing(ClerkRecord{"x1", "X", "admin", "hash", true}),
                  onewindow::central::sql::Error);
}

TEST_CASE("a session lives for twelve hours and ends when deleted", "[central][store]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  REQUIRE(store.addClerkIfMissing(ClerkRecord{"c1", "张敏", "clerk", "hash", true}));
  const std::string digest = tokenDigest(newSessionToken());

  const SessionRecord created = store.createSession(digest, "c1", "W03", at(10, 15));
  CHECK(created.expiresAt == at(22, 15));
  CHECK(created.name == "张敏");

  const std::optional<SessionRecord> found = store.findSession(digest, at(22, 14));
  REQUIRE(found);
  CHECK(found->clerkId == "c1");
  CHECK(found->windowCode == "W03");
  CHECK(found->role == "clerk");
  CHECK(found->createdAt == at(10, 15));

  CHECK_FALSE(store.findSession(digest, at(22, 15)));  // expired at its expiry second
  CHECK(store.findSession(digest, at(12, 0)));
  CHECK(store.deleteSession(digest));
  CHECK_FALSE(store.deleteSession(digest));
  CHECK_FALSE(store.findSession(digest, at(12, 0)));
}

TEST_CASE("expired sessions are purged, live ones kept", "[central][store]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  REQUIRE(store.addClerkIfMissing(ClerkRecord{"c1", "A", "clerk", "hash", true}));
  const std::string old = tokenDigest(newSessionToken());
  const std::string fresh = tokenDigest(newSessionToken());
  store.createSession(old, "c1", "W01", at(0, 0));
  store.createSession(fresh, "c1", "W01", at(9, 0));
  CHECK(store.purgeExpiredSessions(at(12, 0)) == 1);
  CHECK(store.findSession(fresh, at(12, 0)));
}

TEST_CASE("a deactivated clerk's session is reported as such", "[central][store]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  REQUIRE(store.addClerkIfMissing(ClerkRecord{"c1", "A", "clerk", "hash", true}));
  const std::string digest = tokenDigest(newSessionToken());
  store.createSession(digest, "c1", "W01", at(9, 0));
  store.setClerkActive("c1", false);
  const std::optional<SessionRecord> session = store.findSession(digest, at(9, 1));
  REQUIRE(session);
  CHECK_FALSE(session->clerkActive);
}

TEST_CASE("the database never holds a session token, only its digest", "[central][store]") {
  TempDir dir;
  const std::string token = newSessionToken();
  {
    CentralStore store(dir / "central.db");
    REQUIRE(store.addClerkIfMissing(ClerkRecord{"c1", "A", "clerk", "hash", true}));
    store.createSession(tokenDigest(token), "c1", "W01", at(9, 0));
  }
  // Closing the last connection checkpoints the WAL, so the main file holds everything.
  const std::string bytes = fileBytes(dir / "central.db");
  CHECK(bytes.find(token) == std::string::npos);
  CHECK(bytes.find(tokenDigest(token)) != std::string::npos);
}

TEST_CASE("a central store written by a newer program is refused and left untouched",
          "[central][store]") {
  TempDir dir;
  const std::filesystem::path file = dir / "central.db";
  { CentralStore store(file); }
  {
    Database db(file);
    db.setPragmaInt("user_version", onewindow::localdb::latestVersion(centralSchema()) + 1);
  }
  const std::string before = fileBytes(file);

  SECTION("by migrate()") {
    Database db(file);
    try {
      onewindow::localdb::migrate(db, centralSchema());
      FAIL("migrate accepted a newer schema");
    } catch (const SchemaError& error) {
      CHECK(error.kind() == SchemaErrorKind::TooNew);
      CHECK_THAT(error.what(), Catch::Contains("newer"));
    }
  }
  SECTION("by opening a CentralStore") {
    try {
      CentralStore store(file);
      FAIL("CentralStore opened a newer schema");
    } catch (const SchemaError& error) {
      CHECK(error.kind() == SchemaErrorKind::TooNew);
    }
  }
  CHECK(fileBytes(file) == before);
}

TEST_CASE("a file that is not a central store is refused", "[central][store]") {
  TempDir dir;
  const std::filesystem::path file = dir / "other.db";
  {
    Database db(file);
    db.setPragmaInt("application_id", 0x12345678);
  }
  try {
    CentralStore store(file);
    FAIL("CentralStore opened a foreign file");
  } catch (const SchemaError& error) {
    CHECK(error.kind() == SchemaErrorKind::ForeignFile);
  }
}
