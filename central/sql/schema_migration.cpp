#include "central/sql/schema_migration.hpp"

#include "central/sql/sqlite_connection.hpp"

namespace onewindow::central::sql {
namespace {

std::int64_t singleInt(Connection& connection, std::string_view sql) {
  Statement query = connection.prepare(sql);
  return query.step() ? query.columnInt(0) : 0;
}

// Releases the session-level advisory lock however the migration ends.
class AdvisoryLock {
 public:
  AdvisoryLock(Connection& connection, std::int32_t key) : connection_(connection), key_(key) {
    connection_.prepare("SELECT pg_advisory_lock(?1)").bind(1, key_).run();
  }
  ~AdvisoryLock() {
    try {
      connection_.prepare("SELECT pg_advisory_unlock(?1)").bind(1, key_).run();
    } catch (const Error&) {
      // The connection is gone, and the lock with it.
    }
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  Connection& connection_;
  std::int32_t key_;
};

int migratePostgres(Connection& db, const localdb::SchemaDefinition& schema) {
  const std::string where = db.describe();
  AdvisoryLock lock(db, schema.applicationId);
  const bool stamped =
      singleInt(db,
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_name = 'onewindow_schema'") > 0;
  int found = 0;
  if (stamped) {
    Statement stamp = db.prepare("SELECT application_id, version FROM onewindow_schema");
    if (stamp.step()) {
      if (stamp.columnInt(0) != schema.applicationId) {
        throw localdb::SchemaError(localdb::SchemaErrorKind::ForeignFile,
                                   where + " is not a OneWindow " + std::string(schema.name) +
                                       " (application id " + std::to_string(stamp.columnInt(0)) +
                                       ")");
      }
      found = static_cast<int>(stamp.columnInt(1));
    }
  } else if (singleInt(db,
                       "SELECT count(*) FROM information_schema.tables "
                       "WHERE table_schema = current_schema()") > 0) {
    throw localdb::SchemaError(localdb::SchemaErrorKind::ForeignFile,
                               where + " already holds tables that are not a OneWindow " +
                                   std::string(schema.name) + "; give central its own database");
  }
  const int latest = localdb::latestVersion(schema);
  if (found > latest) {
    throw localdb::SchemaError(
        localdb::SchemaErrorKind::TooNew,
        where + " was written by a newer OneWindow (" + std::string(schema.name) +
            " schema version " + std::to_string(found) + "; this program knows up to " +
            std::to_string(latest) +
            "). Install the newer version; the database was left untouched.");
  }
  if (!stamped) {
    Transaction transaction(db);
    db.execute(
        "CREATE TABLE onewindow_schema (application_id INTEGER NOT NULL, "
        "version INTEGER NOT NULL)");
    db.prepare("INSERT INTO onewindow_schema (application_id, version) VALUES (?1, 0)")
        .bind(1, static_cast<std::int64_t>(schema.applicationId))
        .run();
    transaction.commit();
  }
  for (const localdb::Migration& migration : localdb::pendingMigrations(schema, found)) {
    Transaction transaction(db);
    db.execute(migration.sql);
    db.prepare("UPDATE onewindow_schema SET version = ?1").bind(1, migration.version).run();
    transaction.commit();
  }
  return found;
}

}  // namespace

int migrateSchema(Connection& connection, const localdb::SchemaDefinition& schema) {
  if (auto* sqlite = dynamic_cast<SqliteConnection*>(&connection)) {
    try {
      return localdb::migrate(sqlite->database(), schema);
    } catch (const localdb::SqliteError& error) {
      rethrowSqlite(error);
    }
  }
  return migratePostgres(connection, schema);
}

}  // namespace onewindow::central::sql
