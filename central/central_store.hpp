#pragma once
// The reference server's store: clerks and their sessions here, the other tables through
// withDatabase. On SQLite one connection guarded by a mutex (every statement is short); on
// PostgreSQL a pool, so the request threads run side by side and several central processes
// share the database. Slow work (password hashing) is done by the callers outside the lease.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

#include "central/central_schema.hpp"
#include "central/sql/connection_pool.hpp"
#include "central/sql/database_location.hpp"
#include "central/sql/sql.hpp"
#include "localdb/migrations.hpp"

namespace onewindow::central {

// A working day: a clerk logs in once in the morning and is never asked again before closing.
inline constexpr std::chrono::hours kSessionLifetime{12};

struct ClerkRecord {
  std::string clerkId;
  std::string name;
  std::string role;  // "clerk" | "supervisor"
  std::string passwordHash;
  bool active = true;
};

struct SessionRecord {
  std::string clerkId;
  std::string name;
  std::string role;
  std::string windowCode;
  std::chrono::sys_seconds createdAt;
  std::chrono::sys_seconds expiresAt;
  bool clerkActive = true;
};

class CentralStore {
 public:
  // Opens or creates the file and brings its schema up to date. Throws localdb::SchemaError
  // for a foreign or newer file (left untouched) and sql::Error for I/O problems.
  explicit CentralStore(const std::filesystem::path& file);
  // `connections`: the PostgreSQL pool's size (SQLite always has one). Throws sql::Error when
  // the PostgreSQL server cannot be reached.
  CentralStore(const sql::DatabaseLocation& location, int connections = kDefaultConnections);
  static constexpr int kDefaultConnections = 8;

  [[nodiscard]] sql::Engine engine() const { return pool_.engine(); }
  [[nodiscard]] std::string describeDatabase() const { return pool_.location().describe(); }

  // Returns false when the clerk id already exists (nothing is changed then).
  bool addClerkIfMissing(const ClerkRecord& clerk);
  void setClerkActive(std::string_view clerkId, bool active);
  [[nodiscard]] std::optional<ClerkRecord> findClerk(std::string_view clerkId);

  // Stores the digest of a new token; returns the session as a client will see it.
  SessionRecord createSession(std::string_view tokenDigest, std::string_view clerkId,
                              std::string_view windowCode, std::chrono::sys_seconds now);
  // Only sessions that have not expired at `now` are found. Every request asks, so a session
  // found is remembered for a few seconds (kSessionCacheTtl) without touching the database,
  // where each lookup waited behind other requests' commits. A logout or a clerk deactivated
  // through this store takes effect at once; one done by another process (an admin command)
  // within that time.
  [[nodiscard]] std::optional<SessionRecord> findSession(std::string_view tokenDigest,
                                                         std::chrono::sys_seconds now);
  static constexpr std::chrono::seconds kSessionCacheTtl{5};
  // Returns false when there was no such session.
  bool deleteSession(std::string_view tokenDigest);
  // Returns how many expired sessions were removed.
  int purgeExpiredSessions(std::chrono::sys_seconds now);

  [[nodiscard]] int clerkCount();

  // Records that a station called now. Seconds resolution, remembered in memory: a request in
  // the same second as the station's last one neither writes nor waits for the database, and
  // last_seen still always says when the station last called.
  void touchStation(std::string_view stationId, std::chrono::sys_seconds now);

  // Runs `work` with a connection of its own; the other central tables (materials, cases,
  // changes, ratings) are reached this way by their own modules. Work that meets a conflict
  // (two processes inserting the same case at once) or a lost PostgreSQL connection (restart,
  // failover) is run again from its start, a few times: `work` must therefore do its writes in
  // the database, or be harmless to repeat (content-addressed files).
  template <class Work>
  decltype(auto) withDatabase(Work&& work) {
    for (int attempt = 1;; ++attempt) {
      try {
        sql::ConnectionPool::Lease lease = pool_.acquire();
        return work(lease.connection());
      } catch (const sql::Error& error) {
        if (!error.isRetryable() || attempt >= kAttempts) throw;
        waitBeforeRetry(error, attempt);
      }
    }
  }
  static constexpr int kAttempts = 6;

 private:
  [[nodiscard]] std::optional<SessionRecord> findSessionInDatabase(std::string_view tokenDigest,
                                                                   std::chrono::sys_seconds now);
  void forgetSessions();

  static void waitBeforeRetry(const sql::Error& error, int attempt);

  sql::ConnectionPool pool_;

  struct CachedSession {
    SessionRecord session;
    std::chrono::steady_clock::time_point fetchedAt;
  };
  // Guards what is remembered in memory (sessions, stations' last second); never held while
  // waiting for mutex_.
  std::mutex rememberedMutex_;
  std::unordered_map<std::string, CachedSession> sessionCache_;  // by token digest
  std::uint64_t cacheGeneration_ = 0;  // bumped by every logout and clerk change
  std::unordered_map<std::string, std::int64_t> stationSeen_;  // last second written
};

}  // namespace onewindow::central
