#pragma once
// sql::Connection on PostgreSQL through libpq. One connection serves one thread at a time; the
// store keeps a pool of them (ConnectionPool). Statements are sent with PQexecParams: values
// travel apart from the SQL text, as with SQLite's bound parameters.

#include <memory>
#include <string>

#include "central/sql/sql.hpp"

struct pg_conn;

namespace onewindow::central::sql {

class PostgresConnection final : public Connection {
 public:
  // Connects at once; throws Error (ConnectionLost) with libpq's reason when it cannot.
  explicit PostgresConnection(const std::string& url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  [[nodiscard]] Engine engine() const override { return Engine::Postgres; }
  void execute(std::string_view sql) override;
  [[nodiscard]] Statement prepare(std::string_view sql) override;
  [[nodiscard]] int changes() const override { return changes_; }
  [[nodiscard]] std::string describe() const override { return where_; }
  [[nodiscard]] bool inTransaction() const override;
  void begin() override;
  void beginSnapshot() override;
  void commit() override;
  void rollback() noexcept override;

  // False after the server went away; reconnect() tries again (a restarted or promoted server).
  [[nodiscard]] bool healthy() const;
  void reconnect();

  // Used by this connection's statements.
  [[nodiscard]] pg_conn* handle() const { return conn_; }
  void noteChanges(int rows) { changes_ = rows; }

 private:
  pg_conn* conn_ = nullptr;
  std::string url_;
  std::string where_;
  int changes_ = 0;
};

// `?1 ?2` become `$1 $2`, a bare `?` the next number; SQLite's type names in our own schema
// statements become PostgreSQL's (INTEGER → BIGINT, BLOB → BYTEA, instr( → strpos(). Quoted
// text is left alone. Applied to our fixed SQL only, never to user data.
[[nodiscard]] std::string toPostgresDialect(std::string_view sql);

// A URL as it may be written in a log: the password, if any, replaced by ***.
[[nodiscard]] std::string withoutPassword(const std::string& url);

}  // namespace onewindow::central::sql
