#pragma once
// Numbered schema migrations (DESIGN.md §5). A database is stamped with our own
// application_id and its schema version in user_version. Each migration runs in its own
// transaction, so a crash between two migrations leaves a consistent, older schema that the
// next start continues from. A database written by a newer program is refused and left
// untouched: it is never dropped and recreated.

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct Migration {
  int version;           // 1, 2, 3 ... in order, no gaps
  std::string_view sql;  // schema statements; never user data
};

struct SchemaDefinition {
  std::int32_t applicationId;  // PRAGMA application_id that marks our files
  std::string_view name;       // for messages: "workstation store", "central store"
  std::span<const Migration> migrations;
};

enum class SchemaErrorKind { ForeignFile, TooNew, Corrupt };

class SchemaError : public std::runtime_error {
 public:
  SchemaError(SchemaErrorKind kind, const std::string& what)
      : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] SchemaErrorKind kind() const { return kind_; }

 private:
  SchemaErrorKind kind_;
};

// Brings the database to the newest version; returns the version it found on entry.
int migrate(Database& db, const SchemaDefinition& schema);

[[nodiscard]] int latestVersion(const SchemaDefinition& schema);

// The migrations after version `found`, in order; throws std::logic_error when the list is not
// numbered 1..N. Shared with central's PostgreSQL store, which keeps its version elsewhere.
[[nodiscard]] std::span<const Migration> pendingMigrations(const SchemaDefinition& schema,
                                                           int found);

}  // namespace onewindow::localdb
