#include "localdb/sqlite.hpp"

#include <utility>

#include <sqlite3.h>

namespace onewindow::localdb {
namespace {

std::string describe(sqlite3* db, int rc, std::string_view action) {
  std::string text(action);
  text += ": ";
  text += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  text += " (SQLite code ";
  text += std::to_string(rc);
  text += ")";
  return text;
}

// Pragma names are identifiers, which SQLite cannot bind as parameters; accept only the
// characters a pragma name can have so this can never carry anything else.
std::string checkedPragmaName(std::string_view name) {
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!ok) throw std::invalid_argument("invalid pragma name: " + std::string(name));
  }
  return std::string(name);
}

}  // namespace

bool SqliteError::isDiskFull() const { return (code_ & 0xff) == SQLITE_FULL; }

Database::Database(const std::filesystem::path& file, OpenMode mode) : file_(file) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  switch (mode) {
    case OpenMode::ReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case OpenMode::ReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case OpenMode::ReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = describe(db_, rc, "opening database " + file.string());
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Another process (onewindow-ctl beside the workstation) may hold the lock briefly.
  sqlite3_busy_timeout(db_, 5000);
  execute("PRAGMA foreign_keys = ON");
}

Database::~Database() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

void Database::execute(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = "executing \"" + text + "\": " + (error != nullptr ? error : "?") +
                          " (SQLite code " + std::to_string(rc) + ")";
    sqlite3_free(error);
    throw SqliteError(rc, message);
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

std::int64_t Database::pragmaInt(std::string_view name) {
  Statement statement = prepare("PRAGMA " + checkedPragmaName(name));
  if (!statement.step()) return 0;
  return statement.columnInt(0);
}

void Database::setPragmaInt(std::string_view name, std::int64_t value) {
  execute("PRAGMA " + checkedPragmaName(name) + " = " + std::to_string(value));
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    throw SqliteError(rc, describe(db_, rc, "preparing \"" + std::string(sql) + "\""));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

void Statement::fail(int rc, std::string_view action) const {
  const char* sql = stmt_ != nullptr ? sqlite3_sql(stmt_) : "";
  throw SqliteError(rc, describe(db_, rc, std::string(action) + " \"" + sql + "\""));
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc, "binding parameter in");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc, "binding parameter in");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(rc, "binding parameter in");
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(rc, "binding parameter in");
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(rc, "binding parameter in");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(rc, "running");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::columnInt(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::columnDouble(int index) const { return sqlite3_column_double(stmt_, index); }

std::string Statement::columnText(int index) const {
  const auto* text = sqlite3_column_text(stmt_, index);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

bool Statement::columnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::optional<std::string> Statement::columnOptionalText(int index) const {
  if (columnIsNull(index)) return std::nullopt;
  return columnText(index);
}

Transaction::Transaction(Database& db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.execute("ROLLBACK");
  } catch (const SqliteError&) {
    // SQLite already rolled back (for example after SQLITE_FULL); nothing is left to undo.
  }
}

void Transaction::commit() {
  db_.execute("COMMIT");
  done_ = true;
}

}  // namespace onewindow::localdb
