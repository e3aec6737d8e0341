// Central's store on PostgreSQL next to SQLite (issue 15): the same migrations give the same
// tables, and the two things several writers could break — official numbers and the change
// feed's cursor — hold when writers of two stores (two central processes) run at once, commit
// in any order and sometimes roll back. A real PostgreSQL (PostgresCluster), never a mock.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "central/central_schema.hpp"
#include "central/central_store.hpp"
#include "central/change_feed.hpp"
#include "central/official_number.hpp"
#include "central/sql/postgres_connection.hpp"
#include "postgres_cluster.hpp"
#include "temp_dir.hpp"

using namespace onewindow::central;
using onewindow::test::PostgresCluster;
using onewindow::test::TempDir;

namespace {

sql::DatabaseLocation postgresAt(const std::string& url) {
  return sql::DatabaseLocation{sql::Engine::Postgres, {}, url};
}

// table -> its columns, as the engine's own catalog lists them.
using Columns = std::map<std::string, std::set<std::string>>;

Columns sqliteColumns(CentralStore& store) {
  return store.withDatabase([](sql::Connection& db) {
    Columns columns;
    sql::Statement tables = db.prepare(
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
    while (tables.step()) columns[tables.columnText(0)].insert(tables.columnText(1));
    return columns;
  });
}

Columns postgresColumns(CentralStore& store) {
  return store.withDatabase([](sql::Connection& db) {
    Columns columns;
    sql::Statement tables = db.prepare(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name <> 'onewindow_schema'");
    while (tables.step()) columns[tables.columnText(0)].insert(tables.columnText(1));
    return columns;
  });
}

std::chrono::sys_seconds day(int hour) {
  using namespace std::chrono;
  return sys_days{year{2026} / December / 7} + hours{hour};
}

}  // namespace

TEST_CASE("the same numbered migrations give SQLite and PostgreSQL the same tables and columns",
          "[central][store][postgresql]") {
  TempDir dir;
  PostgresCluster cluster;
  CentralStore sqlite(dir / "central.db");
  CentralStore postgres(postgresAt(cluster.createDatabase("central")), 2);
  const Columns fromSqlite = sqliteColumns(sqlite);
  CHECK(fromSqlite.size() > 10);
  CHECK(postgresColumns(postgres) == fromSqlite);
  CHECK(cluster.psql("central", "SELECT version FROM onewindow_schema") ==
        std::to_string(onewindow::localdb::latestVersion(centralSchema())) + "\n");

  // A second process starting on the migrated database finds the work done.
  CentralStore again(postgresAt(cluster.url("central")), 1);
  CHECK(postgresColumns(again) == fromSqlite);
}

TEST_CASE("central refuses a PostgreSQL database that holds other tables or a newer schema",
          "[central][store][postgresql]") {
  PostgresCluster cluster;
  const std::string foreign = cluster.createDatabase("other_app");
  cluster.psql("other_app", "CREATE TABLE accounts (id integer)");
  CHECK_THROWS_WITH(CentralStore(postgresAt(foreign), 1),
                    Catch::Contains("already holds tables that are not a OneWindow"));

  const std::string newer = cluster.createDatabase("newer");
  { CentralStore store(postgresAt(newer), 1); }
  cluster.psql("newer", "UPDATE onewindow_schema SET version = 999");
  CHECK_THROWS_WITH(
      CentralStore(postgresAt(newer), 1),
      Catch::Contains("written by a newer OneWindow") && Catch::Contains("left untouched"));
  CHECK(cluster.psql("newer", "SELECT version FROM onewindow_schema") == "999\n");
}

TEST_CASE("a PostgreSQL server that is not there is a clear error at start",
          "[central][store][postgresql]") {
  PostgresCluster cluster;
  const std::string url = cluster.url("central");
  cluster.stop();
  CHECK_THROWS_WITH(CentralStore(postgresAt(url), 1),
                    Catch::Contains("cannot connect to PostgreSQL at postgresql://"));
}

TEST_CASE("official numbers stay unique and gapless when two stores' writers run at once",
          "[central][store][postgresql]") {
  PostgresCluster cluster;
  const std::string url = cluster.createDatabase("central");
  // Two stores are two central processes: each its own pool of connections.
  CentralStore first(postgresAt(url), 4);
  CentralStore second(postgresAt(url), 4);

  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::mutex mutex;
  std::vector<std::string> committed;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      CentralStore& store = t % 2 == 0 ? first : second;
      std::mt19937 random(static_cast<unsigned>(t));
      for (int i = 0; i < kEach; ++i) {
        // Every fifth is rolled back, as when a case is refused after its number was drawn:
        // its number must go back, not leave a gap.
        const bool keep = i % 5 != 4;
        std::optional<std::string> number = store.withDatabase([&](sql::Connection& db) {
          sql::Transaction transaction(db);
          std::string drawn = allocateOfficialNumber(db, kDefaultImplementingCode, day(9));
          std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
          if (!keep) return std::optional<std::string>{};
          transaction.commit();
          return std::optional<std::string>{drawn};
        });
        if (number) {
          std::lock_guard lock(mutex);
          committed.push_back(*number);
        }
      }
    });
  }
  for (std::thread& writer : writers) writer.join();

  const std::size_t expected = kThreads * (kEach - kEach / 5);
  REQUIRE(committed.size() == expected);
  std::sort(committed.begin(), committed.end());
  CHECK(std::adjacent_find(committed.begin(), committed.end()) == committed.end());
  // Gapless: the last four digits are exactly 1..n.
  for (std::size_t i = 0; i < committed.size(); ++i) {
    INFO(committed[i]);
    CHECK(std::stoi(committed[i].substr(committed[i].size() - 4)) == static_cast<int>(i + 1));
  }
}

TEST_CASE("a feed reader never skips an entry while writers of two stores commit out of order",
          "[central][store][postgresql]") {
  PostgresCluster cluster;
  const std::string url = cluster.createDatabase("central");
  CentralStore first(postgresAt(url), 4);
  CentralStore second(postgresAt(url), 4);
  CentralStore reader(postgresAt(url), 1);

  constexpr int kWriters = 6;
  constexpr int kEach = 40;
  std::atomic<int> writersLeft{kWriters};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      CentralStore& store = w % 2 == 0 ? first : second;
      std::mt19937 random(static_cast<unsigned>(w) + 100U);
      for (int i = 0; i < kEach; ++i) {
        store.withDatabase([&](sql::Connection& db) {
          sql::Transaction transaction(db);
          Change change;
          change.station = "station-1";
          change.caseUuid = "case-" + std::to_string(w) + "-" + std::to_string(i);
          change.kind = "status";
          change.state = "in_progress";
          change.at = day(10);
          appendChange(db, change);
          // Hold the transaction open a while: with seqs handed out at once (a sequence),
          // a later seq would commit first here and a reader would step over this one.
          std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
          if (i % 7 == 6) return;  // rolled back: its seq is given back, never seen
          transaction.commit();
        });
      }
      --writersLeft;
    });
  }

  // The station's way of reading: pages after its cursor, the cursor moved to each page's end.
  std::vector<std::int64_t> seen;
  std::int64_t cursor = 0;
  auto readAll = [&] {
    for (;;) {
      const ChangePage page = reader.withDatabase(
          [&](sql::Connection& db) { return readChanges(db, "station-1", cursor, 50); });
      for (const Change& change : page.changes) seen.push_back(change.seq);
      if (page.changes.empty()) return;
      cursor = page.next;
    }
  };
  while (writersLeft > 0) readAll();
  for (std::thread& writer : writers) writer.join();
  readAll();

  const std::string all =
      cluster.psql("central", "SELECT count(*), count(DISTINCT case_uuid) FROM changes");
  const int committedCount = kWriters * (kEach - kEach / 7);
  CHECK(all == std::to_string(committedCount) + "|" + std::to_string(committedCount) + "\n");
  CHECK(seen.size() == static_cast<std::size_t>(committedCount));
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
}

TEST_CASE("the dialect of central's fixed SQL for PostgreSQL", "[central][store][postgresql]") {
  using sql::toPostgresDialect;
  CHECK(toPostgresDialect("SELECT a FROM t WHERE b = ?1 AND c > ?12") ==
        "SELECT a FROM t WHERE b = $1 AND c > $12");
  CHECK(toPostgresDialect("VALUES (?, ?)") == "VALUES ($1, $2)");
  CHECK(toPostgresDialect("seq INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER, b BLOB") ==
        "seq BIGINT PRIMARY KEY, n BIGINT, b BYTEA");
  // Quoted text and longer words are left alone.
  CHECK(toPostgresDialect("SELECT 'a ?1 INTEGER', INTEGERS, instr(x, 'y')") ==
        "SELECT 'a ?1 INTEGER', INTEGERS, strpos(x, 'y')");
  CHECK(sql::withoutPassword("postgresql://u:secret@h:5432/d") == "postgresql://u:***@h:5432/d");
  CHECK(sql::withoutPassword("postgresql://u@h/d") == "postgresql://u@h/d");
}
