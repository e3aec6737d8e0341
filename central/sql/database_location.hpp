#pragma once
// Where central keeps its data, as `--db` says it: `sqlite:FILE` or a plain file name for the
// embedded SQLite store, `postgresql://...` (or `postgres://...`) for a district's PostgreSQL.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "central/sql/sql.hpp"

namespace onewindow::central::sql {

struct DatabaseLocation {
  Engine engine = Engine::Sqlite;
  std::filesystem::path file = "central.db";  // SQLite
  std::string url;                            // PostgreSQL, as libpq takes it

  // A plain path is a SQLite file. Returns nullopt and sets `error` for an empty name or a URL
  // of another scheme.
  [[nodiscard]] static std::optional<DatabaseLocation> parse(std::string_view text,
                                                             std::string& error);
  // For logs and messages: the file, or the URL without its password.
  [[nodiscard]] std::string describe() const;
  // Materials and catalog files live beside a SQLite file unless told otherwise; PostgreSQL
  // has no such place (empty).
  [[nodiscard]] std::filesystem::path defaultDataDirectory() const;
};

}  // namespace onewindow::central::sql
