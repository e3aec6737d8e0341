#pragma once
// Small RAII wrappers over the SQLite C API (DESIGN.md §5): a connection, a prepared
// statement with bound parameters only (never SQL built from user data), and a transaction
// that rolls back unless committed. Errors are thrown as SqliteError with the SQLite code
// and the statement that failed, so a caller can say precisely what went wrong.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace onewindow::localdb {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  [[nodiscard]] int code() const { return code_; }
  // SQLITE_FULL: the disk (or the quota) is full.
  [[nodiscard]] bool isDiskFull() const;

 private:
  int code_;
};

enum class OpenMode { ReadWriteCreate, ReadWrite, ReadOnly };

class Statement;

class Database {
 public:
  Database(const std::filesystem::path& file, OpenMode mode = OpenMode::ReadWriteCreate);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;

  // Runs SQL without parameters (schema, pragmas). Never pass user data here.
  void execute(std::string_view sql);
  [[nodiscard]] Statement prepare(std::string_view sql);
  [[nodiscard]] std::int64_t lastInsertRowId() const;
  [[nodiscard]] int changes() const;
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }
  [[nodiscard]] sqlite3* handle() const { return db_; }

  // PRAGMA helpers for integer-valued pragmas (user_version, application_id, ...).
  [[nodiscard]] std::int64_t pragmaInt(std::string_view name);
  void setPragmaInt(std::string_view name, std::int64_t value);

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) = delete;

  // Parameters are 1-based, as in SQLite. Each returns *this to chain binds.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bindNull(int index);
  // Bytes that need not be valid text; columnText reads them back.
  Statement& bindBlob(int index, std::string_view bytes);

  // Advances to the next row; false when the statement is done.
  [[nodiscard]] bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  [[nodiscard]] std::int64_t columnInt(int index) const;
  [[nodiscard]] double columnDouble(int index) const;
  [[nodiscard]] std::string columnText(int index) const;
  [[nodiscard]] bool columnIsNull(int index) const;
  [[nodiscard]] std::optional<std::string> columnOptionalText(int index) const;

 private:
  [[noreturn]] void fail(int rc, std::string_view action) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Rolls back in the destructor unless commit() was called. IMMEDIATE takes the write lock at
// the start, so two writers fail fast instead of deadlocking on upgrade.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace onewindow::localdb
