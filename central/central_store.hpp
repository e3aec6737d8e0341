#pragma once
// The reference server's SQLite store: clerks and their sessions. One connection guarded by a
// mutex: the request threads of the HTTP server share it, and every statement here is short.
// Slow work (password hashing) is done by the callers outside the lock.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "central/central_schema.hpp"
#include "localdb/migrations.hpp"
#include "localdb/sqlite.hpp"

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
  // for a foreign or newer file (left untouched) and localdb::SqliteError for I/O problems.
  explicit CentralStore(const std::filesystem::path& file);

  // Returns false when the clerk id already exists (nothing is changed then).
  bool addClerkIfMissing(const ClerkRecord& clerk);
  void setClerkActive(std::string_view clerkId, bool active);
  [[nodiscard]] std::optional<ClerkRecord> findClerk(std::string_view clerkId);

  // Stores the digest of a new token; returns the session as a client will see it.
  SessionRecord createSession(std::string_view tokenDigest, std::string_view clerkId,
                              std::string_view windowCode, std::chrono::sys_seconds now);
  // Only sessions that have not expired at `now` are found.
  [[nodiscard]] std::optional<SessionRecord> findSession(std::string_view tokenDigest,
                                                         std::chrono::sys_seconds now);
  // Returns false when there was no such session.
  bool deleteSession(std::string_view tokenDigest);
  // Returns how many expired sessions were removed.
  int purgeExpiredSessions(std::chrono::sys_seconds now);

  [[nodiscard]] int clerkCount();

  // Runs `work` with the connection under the store's lock; the other central tables
  // (materials, cases, changes, ratings) are reached this way by their own modules.
  template <class Work>
  decltype(auto) withDatabase(Work&& work) {
    std::lock_guard lock(mutex_);
    return std::forward<Work>(work)(db_);
  }

 private:
  std::mutex mutex_;
  localdb::Database db_;
};

}  // namespace onewindow::central
