#include <catch2/catch.hpp>

#include "localdb/sqlite.hpp"
#include "temp_dir.hpp"

using onewindow::localdb::Database;
using onewindow::localdb::SqliteError;
using onewindow::localdb::Transaction;
using onewindow::test::TempDir;

namespace {

int rowCount(Database& db) {
  auto query = db.prepare("SELECT count(*) FROM t");
  REQUIRE(query.step());
  return static_cast<int>(query.columnInt(0));
}

}  // namespace

TEST_CASE("bound parameters round-trip text, numbers and NULL", "[localdb][sqlite]") {
  TempDir dir;
  Database db(dir / "a.db");
  db.execute("CREATE TABLE t (name TEXT, n INTEGER, x REAL, maybe TEXT)");
  // A value that would break string-built SQL is stored as data.
  const std::string hostile = "张三'); DROP TABLE t; --";
  db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
      .bind(1, hostile)
      .bind(2, 42)
      .bind(3, 2.5)
      .bindNull(4)
      .run();

  auto query = db.prepare("SELECT name, n, x, maybe FROM t");
  REQUIRE(query.step());
  CHECK(query.columnText(0) == hostile);
  CHECK(query.columnInt(1) == 42);
  CHECK(query.columnDouble(2) == 2.5);
  CHECK(query.columnIsNull(3));
  CHECK_FALSE(query.columnOptionalText(3).has_value());
  CHECK_FALSE(query.step());
}

TEST_CASE("a transaction rolls back unless committed", "[localdb][sqlite]") {
  TempDir dir;
  Database db(dir / "a.db");
  db.execute("CREATE TABLE t (v INTEGER)");
  {
    Transaction transaction(db);
    db.prepare("INSERT INTO t VALUES (1)").run();
  }
  CHECK(rowCount(db) == 0);
  {
    Transaction transaction(db);
    db.prepare("INSERT INTO t VALUES (1)").run();
    transaction.commit();
  }
  CHECK(rowCount(db) == 1);
}

TEST_CASE("errors name the statement and the SQLite reason", "[localdb][sqlite]") {
  TempDir dir;
  Database db(dir / "a.db");
  db.execute("CREATE TABLE t (v INTEGER NOT NULL UNIQUE)");
  db.prepare("INSERT INTO t VALUES (7)").run();
  try {
    db.prepare("INSERT INTO t VALUES (7)").run();
    FAIL("a duplicate insert must throw");
  } catch (const SqliteError& error) {
    const std::string what = error.what();
    CHECK_THAT(what, Catch::Contains("INSERT INTO t VALUES (7)"));
    CHECK_THAT(what, Catch::Contains("UNIQUE"));
    CHECK_FALSE(error.isDiskFull());
  }
  CHECK_THROWS_WITH(db.prepare("SELECT nonsense FROM nowhere"), Catch::Contains("no such table"));
}

TEST_CASE("opening a missing file read-only fails with the file name", "[localdb][sqlite]") {
  TempDir dir;
  CHECK_THROWS_WITH(Database(dir / "missing.db", onewindow::localdb::OpenMode::ReadOnly),
                    Catch::Contains("missing.db"));
}

TEST_CASE("pragma names are checked before they reach SQL", "[localdb][sqlite]") {
  TempDir dir;
  Database db(dir / "a.db");
  db.setPragmaInt("user_version", 3);
  CHECK(db.pragmaInt("user_version") == 3);
  CHECK_THROWS_AS(db.pragmaInt("user_version; DROP TABLE x"), std::invalid_argument);
}
