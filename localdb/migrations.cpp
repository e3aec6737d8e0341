#include "localdb/migrations.hpp"

#include <algorithm>

namespace onewindow::localdb {

int latestVersion(const SchemaDefinition& schema) {
  return schema.migrations.empty() ? 0 : schema.migrations.back().version;
}

std::span<const Migration> pendingMigrations(const SchemaDefinition& schema, int found) {
  int expected = 1;
  for (const Migration& migration : schema.migrations) {
    if (migration.version != expected++) {
      throw std::logic_error("migrations of " + std::string(schema.name) +
                             " are not numbered 1..N");
    }
  }
  const auto first = static_cast<std::size_t>(std::clamp(found, 0, latestVersion(schema)));
  return schema.migrations.subspan(first);
}

int migrate(Database& db, const SchemaDefinition& schema) {
  const auto applicationId = static_cast<std::int32_t>(db.pragmaInt("application_id"));
  const int found = static_cast<int>(db.pragmaInt("user_version"));
  const int latest = latestVersion(schema);
  const std::string where = db.file().string();

  if (applicationId != 0 && applicationId != schema.applicationId) {
    throw SchemaError(SchemaErrorKind::ForeignFile,
                      where + " is not a OneWindow " + std::string(schema.name) +
                          " (application_id " + std::to_string(applicationId) + ")");
  }
  if (applicationId == 0 && found != 0) {
    throw SchemaError(SchemaErrorKind::ForeignFile,
                      where + " has a schema version but no OneWindow application_id");
  }
  if (found > latest) {
    throw SchemaError(SchemaErrorKind::TooNew,
                      where + " was written by a newer OneWindow (" + std::string(schema.name) +
                          " schema version " + std::to_string(found) +
                          "; this program knows up to " + std::to_string(latest) +
                          "). Install the newer version; the file was left untouched.");
  }

  for (const Migration& migration : pendingMigrations(schema, found)) {
    Transaction transaction(db);
    db.execute(migration.sql);
    db.setPragmaInt("application_id", schema.applicationId);
    db.setPragmaInt("user_version", migration.version);
    transaction.commit();
  }
  return found;
}

}  // namespace onewindow::localdb
