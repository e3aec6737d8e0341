#pragma once
// The central store's one SQL interface over two engines (issue 15, DESIGN.md §6): SQLite, the
// embedded default for ./x run, demos, tests and a single centre; PostgreSQL for a district,
// where several central processes share one database. Every central module talks to this
// interface only, with the same statements on both engines:
//  - parameters are numbered `?1 ?2 ...` and always bound, never spliced into SQL;
//  - only SQL both engines speak (ON CONFLICT ... DO UPDATE, RETURNING, COALESCE, substr);
//  - a Transaction rolls back unless committed, as localdb's does.
// A statement steps through rows as SQLite's do; on PostgreSQL the whole result arrives on the
// first step (central's queries are paged, so a result is never large).

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace onewindow::central::sql {

enum class Engine { Sqlite, Postgres };

enum class ErrorKind {
  Other,
  DiskFull,       // SQLITE_FULL, PostgreSQL 53100
  Conflict,       // unique violation, serialization failure, deadlock: the work may be retried
  ConnectionLost  // PostgreSQL went away (restart, failover): reconnect and retry
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const { return kind_; }
  [[nodiscard]] bool isDiskFull() const { return kind_ == ErrorKind::DiskFull; }
  // Whether running the same work again, from its start, may succeed.
  [[nodiscard]] bool isRetryable() const {
    return kind_ == ErrorKind::Conflict || kind_ == ErrorKind::ConnectionLost;
  }

 private:
  ErrorKind kind_;
};

// What one engine implements for one statement.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bindInt(int index, std::int64_t value) = 0;
  virtual void bindDouble(int index, double value) = 0;
  virtual void bindText(int index, std::string_view text) = 0;
  virtual void bindBlob(int index, std::string_view bytes) = 0;
  virtual void bindNull(int index) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  [[nodiscard]] virtual std::int64_t columnInt(int index) const = 0;
  [[nodiscard]] virtual double columnDouble(int index) const = 0;
  [[nodiscard]] virtual std::string columnText(int index) const = 0;
  [[nodiscard]] virtual std::string columnBlob(int index) const = 0;
  [[nodiscard]] virtual bool columnIsNull(int index) const = 0;
};

class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}

  // Parameters are 1-based (?1 is index 1). Each returns *this to chain binds.
  Statement& bind(int index, std::int64_t value) { return impl_->bindInt(index, value), *this; }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value) { return impl_->bindDouble(index, value), *this; }
  Statement& bind(int index, std::string_view text) { return impl_->bindText(index, text), *this; }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  // Bytes that need not be text (a catalog file): a BLOB in SQLite, BYTEA in PostgreSQL.
  Statement& bindBlob(int index, std::string_view bytes) {
    return impl_->bindBlob(index, bytes), *this;
  }
  Statement& bindNull(int index) { return impl_->bindNull(index), *this; }

  // Advances to the next row; false when the statement is done.
  [[nodiscard]] bool step() { return impl_->step(); }
  // Runs a statement and ignores any rows.
  void run() {
    while (impl_->step()) {
    }
  }
  // Ready to run again, with every parameter unbound.
  void reset() { impl_->reset(); }

  [[nodiscard]] std::int64_t columnInt(int index) const { return impl_->columnInt(index); }
  [[nodiscard]] double columnDouble(int index) const { return impl_->columnDouble(index); }
  [[nodiscard]] std::string columnText(int index) const { return impl_->columnText(index); }
  [[nodiscard]] std::string columnBlob(int index) const { return impl_->columnBlob(index); }
  [[nodiscard]] bool columnIsNull(int index) const { return impl_->columnIsNull(index); }
  [[nodiscard]] std::optional<std::string> columnOptionalText(int index) const {
    if (columnIsNull(index)) return std::nullopt;
    return columnText(index);
  }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  [[nodiscard]] virtual Engine engine() const = 0;
  // SQL without parameters (schema). Never pass user data here.
  virtual void execute(std::string_view sql) = 0;
  [[nodiscard]] virtual Statement prepare(std::string_view sql) = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE run on this connection.
  [[nodiscard]] virtual int changes() const = 0;
  // Where the data lives, for messages: a file, or a PostgreSQL URL without its password.
  [[nodiscard]] virtual std::string describe() const = 0;

  // Whether a transaction is open on this connection.
  [[nodiscard]] virtual bool inTransaction() const = 0;
  // A write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE); PostgreSQL
  // runs READ COMMITTED, and the rows every writer updates (official numbers, the change
  // feed's counter) are locked by the UPDATE itself, held to commit.
  virtual void begin() = 0;
  // A read-only transaction whose statements all see one snapshot (a page and its total).
  virtual void beginSnapshot() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
};

// Rolls back in the destructor unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) { connection_.begin(); }
  ~Transaction() {
    if (!done_) connection_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    connection_.commit();
    done_ = true;
  }

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace onewindow::central::sql
