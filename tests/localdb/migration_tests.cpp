#include <array>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "localdb/migrations.hpp"
#include "temp_dir.hpp"

using namespace onewindow::localdb;
using onewindow::test::TempDir;

namespace {

constexpr std::int32_t kTestAppId = 0x54455354;
constexpr std::array kTwoMigrations{
    Migration{1, "CREATE TABLE a (x INTEGER);"},
    Migration{2, "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z INTEGER);"},
};
constexpr SchemaDefinition kSchema{kTestAppId, "test store", kTwoMigrations};
constexpr SchemaDefinition kOlderSchema{kTestAppId, "test store",
                                        std::span<const Migration>(kTwoMigrations.data(), 1)};

std::string bytesOf(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("a new database is stamped with our application id and the newest version",
          "[localdb][migrations]") {
  TempDir dir;
  Database db(dir / "s.db");
  CHECK(migrate(db, kSchema) == 0);
  CHECK(db.pragmaInt("application_id") == kTestAppId);
  CHECK(db.pragmaInt("user_version") == 2);
  CHECK(migrate(db, kSchema) == 2);  // idempotent
}

TEST_CASE("an older database is migrated step by step and keeps its rows",
          "[localdb][migrations]") {
  TempDir dir;
  {
    Database db(dir / "s.db");
    migrate(db, kOlderSchema);
    db.prepare("INSERT INTO a (x) VALUES (5)").run();
  }
  Database db(dir / "s.db");
  CHECK(migrate(db, kSchema) == 1);
  CHECK(db.pragmaInt("user_version") == 2);
  auto query = db.prepare("SELECT x, y FROM a");
  REQUIRE(query.step());
  CHECK(query.columnInt(0) == 5);
  CHECK(query.columnIsNull(1));
}

TEST_CASE("a database from a newer program is refused and left byte-for-byte untouched",
          "[localdb][migrations]") {
  TempDir dir;
  const auto file = dir / "s.db";
  {
    Database db(file);
    migrate(db, kSchema);
    db.setPragmaInt("user_version", 9);
  }
  const std::string before = bytesOf(file);
  Database db(file);
  try {
    migrate(db, kSchema);
    FAIL("a newer schema must be refused");
  } catch (const SchemaError& error) {
    CHECK(error.kind() == SchemaErrorKind::TooNew);
    CHECK_THAT(error.what(), Catch::Contains("newer") && Catch::Contains("version 9"));
  }
  CHECK(bytesOf(file) == before);
}

TEST_CASE("a SQLite file of another application is refused", "[localdb][migrations]") {
  TempDir dir;
  Database db(dir / "other.db");
  db.setPragmaInt("application_id", 1234);
  CHECK_THROWS_AS(migrate(db, kSchema), SchemaError);
}

TEST_CASE("a failing migration leaves the previous version in place", "[localdb][migrations]") {
  TempDir dir;
  Database db(dir / "s.db");
  migrate(db, kOlderSchema);
  constexpr std::array broken{
      Migration{1, "CREATE TABLE a (x INTEGER);"},
      Migration{2, "CREATE TABLE c (q INTEGER); SELECT * FROM missing_table;"}};
  const SchemaDefinition brokenSchema{kTestAppId, "test store", broken};
  CHECK_THROWS_AS(migrate(db, brokenSchema), SqliteError);
  CHECK(db.pragmaInt("user_version") == 1);
  CHECK_THROWS(db.prepare("SELECT q FROM c"));  // the half-applied step was rolled back
}
