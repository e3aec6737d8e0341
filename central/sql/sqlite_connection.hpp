#pragma once
// sql::Connection on SQLite: localdb's wrappers, one file, WAL. The store guards it with one
// mutex (SQLite serializes writers anyway), so it is never used by two threads at once.

#include <filesystem>
#include <memory>

#include "central/sql/sql.hpp"
#include "localdb/migrations.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::central::sql {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::filesystem::path& file);

  [[nodiscard]] Engine engine() const override { return Engine::Sqlite; }
  void execute(std::string_view sql) override;
  [[nodiscard]] Statement prepare(std::string_view sql) override;
  [[nodiscard]] int changes() const override { return db_.changes(); }
  [[nodiscard]] std::string describe() const override { return db_.file().string(); }
  [[nodiscard]] bool inTransaction() const override;
  void begin() override;
  void beginSnapshot() override;
  void commit() override;
  void rollback() noexcept override;

  // Schema upkeep reaches the file itself (PRAGMA user_version, application_id).
  [[nodiscard]] localdb::Database& database() { return db_; }

 private:
  localdb::Database db_;
};

// localdb's errors in the interface's terms.
[[noreturn]] void rethrowSqlite(const localdb::SqliteError& error);

}  // namespace onewindow::central::sql
