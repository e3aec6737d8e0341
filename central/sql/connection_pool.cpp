#include "central/sql/connection_pool.hpp"

#include "central/sql/postgres_connection.hpp"
#include "central/sql/sqlite_connection.hpp"

namespace onewindow::central::sql {

ConnectionPool::ConnectionPool(const DatabaseLocation& location, int size)
    : location_(location), size_(location.engine == Engine::Sqlite ? 1 : std::max(1, size)) {
  idle_.push_back(open());
  opened_ = 1;
}

ConnectionPool::~ConnectionPool() = default;

std::unique_ptr<Connection> ConnectionPool::open() const {
  if (location_.engine == Engine::Sqlite) return std::make_unique<SqliteConnection>(location_.file);
  return std::make_unique<PostgresConnection>(location_.url);
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_ptr<Connection> connection;
  bool openNew = false;
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++opened_;
      openNew = true;
    }
  }
  if (openNew) {
    try {
      connection = open();
    } catch (...) {
      std::lock_guard lock(mutex_);
      --opened_;
      returned_.notify_one();
      throw;
    }
  }
  if (auto* postgres = dynamic_cast<PostgresConnection*>(connection.get());
      postgres != nullptr && !postgres->healthy()) {
    try {
      postgres->reconnect();
    } catch (...) {
      giveBack(std::move(connection));  // kept, to be tried again by the next request
      throw;
    }
  }
  return Lease(*this, std::move(connection));
}

void ConnectionPool::giveBack(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
  returned_.notify_one();
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && connection_) pool_->giveBack(std::move(connection_));
}

}  // namespace onewindow::central::sql
