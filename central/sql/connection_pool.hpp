#pragma once
// The store's connections. SQLite: one connection behind a mutex (SQLite serializes writers,
// and the statements are short). PostgreSQL: up to `size` connections, each lent to one
// thread at a time, so requests of several workers run side by side in the database; a
// connection the server dropped (restart, failover) is reopened when next lent.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "central/sql/database_location.hpp"
#include "central/sql/sql.hpp"

namespace onewindow::central::sql {

class ConnectionPool {
 public:
  // Opens the first connection at once, so a wrong path or an unreachable server is reported
  // at start. Throws Error or localdb's errors for SQLite.
  ConnectionPool(const DatabaseLocation& location, int size);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    [[nodiscard]] Connection& connection() { return *connection_; }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Waits for a free connection; a PostgreSQL connection found broken is reopened first.
  [[nodiscard]] Lease acquire();
  [[nodiscard]] Engine engine() const { return location_.engine; }
  [[nodiscard]] const DatabaseLocation& location() const { return location_; }

 private:
  void giveBack(std::unique_ptr<Connection> connection);
  [[nodiscard]] std::unique_ptr<Connection> open() const;

  DatabaseLocation location_;
  int size_;
  int opened_ = 0;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace onewindow::central::sql
