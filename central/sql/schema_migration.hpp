#pragma once
// One list of numbered migrations for both engines (DESIGN.md §5–6). SQLite keeps the version
// in PRAGMA user_version (localdb::migrate); PostgreSQL in the table onewindow_schema, each
// migration in its own transaction (PostgreSQL's DDL is transactional), translated by
// toPostgresDialect. Central processes starting together on one PostgreSQL database take an
// advisory lock, so exactly one of them migrates and the others find the work done.

#include "central/sql/sql.hpp"
#include "localdb/migrations.hpp"

namespace onewindow::central::sql {

// Brings the database to the newest version; returns the version found on entry. Throws
// localdb::SchemaError for a database that is not ours or is newer than this program.
int migrateSchema(Connection& connection, const localdb::SchemaDefinition& schema);

}  // namespace onewindow::central::sql
