#include "central/sql/sqlite_connection.hpp"

#include <sqlite3.h>

namespace onewindow::central::sql {

void rethrowSqlite(const localdb::SqliteError& error) {
  ErrorKind kind = ErrorKind::Other;
  if (error.isDiskFull()) kind = ErrorKind::DiskFull;
  // A unique constraint met by a race cannot happen here (one connection, one writer); BUSY
  // from another process (an admin command) is worth another try.
  if ((error.code() & 0xff) == SQLITE_BUSY) kind = ErrorKind::Conflict;
  throw Error(kind, error.what());
}

namespace {

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(localdb::Database& db, std::string_view sql) : statement_(db.prepare(sql)) {}

  void bindInt(int index, std::int64_t value) override {
    guard([&] { statement_.bind(index, value); });
  }
  void bindDouble(int index, double value) override {
    guard([&] { statement_.bind(index, value); });
  }
  void bindText(int index, std::string_view text) override {
    guard([&] { statement_.bind(index, text); });
  }
  void bindBlob(int index, std::string_view bytes) override {
    guard([&] { statement_.bindBlob(index, bytes); });
  }
  void bindNull(int index) override {
    guard([&] { statement_.bindNull(index); });
  }
  bool step() override {
    bool row = false;
    guard([&] { row = statement_.step(); });
    return row;
  }
  void reset() override { statement_.reset(); }
  [[nodiscard]] std::int64_t columnInt(int index) const override {
    return statement_.columnInt(index);
  }
  [[nodiscard]] double columnDouble(int index) const override {
    return statement_.columnDouble(index);
  }
  [[nodiscard]] std::string columnText(int index) const override {
    return statement_.columnText(index);
  }
  [[nodiscard]] std::string columnBlob(int index) const override {
    return statement_.columnText(index);
  }
  [[nodiscard]] bool columnIsNull(int index) const override {
    return statement_.columnIsNull(index);
  }

 private:
  template <class Work>
  static void guard(Work&& work) {
    try {
      work();
    } catch (const localdb::SqliteError& error) {
      rethrowSqlite(error);
    }
  }

  localdb::Statement statement_;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& file) : db_(file) {}

void SqliteConnection::execute(std::string_view sql) {
  try {
    db_.execute(sql);
  } catch (const localdb::SqliteError& error) {
    rethrowSqlite(error);
  }
}

Statement SqliteConnection::prepare(std::string_view sql) {
  try {
    return Statement(std::make_unique<SqliteStatement>(db_, sql));
  } catch (const localdb::SqliteError& error) {
    rethrowSqlite(error);
  }
}

bool SqliteConnection::inTransaction() const { return sqlite3_get_autocommit(db_.handle()) == 0; }

void SqliteConnection::begin() { execute("BEGIN IMMEDIATE"); }

void SqliteConnection::beginSnapshot() { execute("BEGIN DEFERRED"); }

void SqliteConnection::commit() { execute("COMMIT"); }

void SqliteConnection::rollback() noexcept {
  try {
    db_.execute("ROLLBACK");
  } catch (const localdb::SqliteError&) {
    // SQLite already rolled back (for example after SQLITE_FULL); nothing is left to undo.
  }
}

}  // namespace onewindow::central::sql
