#include "central/central_store.hpp"

#include "central/case_listing.hpp"
#include "central/sql/schema_migration.hpp"
#include "localdb/password_hash.hpp"

namespace onewindow::central {
namespace {

std::int64_t toUnix(std::chrono::sys_seconds time) { return time.time_since_epoch().count(); }

std::chrono::sys_seconds fromUnix(std::int64_t seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

}  // namespace

void CentralStore::waitBeforeRetry(const sql::Error& error, int attempt) {
  using std::chrono::milliseconds;
  if (error.kind() == sql::ErrorKind::ConnectionLost) {
    // A restarting or promoted PostgreSQL: 0.2, 0.4, 0.8, 1.6, 2 s, about 5 s in all, before
    // the request fails with the database's reason and the window retries later.
    std::this_thread::sleep_for(std::min(milliseconds(200 << (attempt - 1)), milliseconds(2000)));
  } else {
    // Two writers met: a short pause that grows, so they do not meet again.
    std::this_thread::sleep_for(milliseconds(attempt * 3));
  }
}

CentralStore::CentralStore(const std::filesystem::path& file)
    : CentralStore(sql::DatabaseLocation{sql::Engine::Sqlite, file, {}}) {}

CentralStore::CentralStore(const sql::DatabaseLocation& location, int connections)
    : pool_(location, connections) {
  sql::ConnectionPool::Lease lease = pool_.acquire();
  sql::Connection& db = lease.connection();
  if (db.engine() == sql::Engine::Sqlite) db.execute("PRAGMA synchronous = FULL");
  // Schema check before switching to WAL: turning WAL on rewrites the file header, and a file
  // from a newer program must be refused without a single byte changed.
  sql::migrateSchema(db, centralSchema());
  if (db.engine() == sql::Engine::Sqlite) db.execute("PRAGMA journal_mode = WAL");
  // Schema 9's listing columns of rows stored before it: a migration cannot read the bodies.
  backfillCaseListings(db);
}

bool CentralStore::addClerkIfMissing(const ClerkRecord& clerk) {
  return withDatabase([&](sql::Connection& db) {
    sql::Statement insert = db.prepare(
        "INSERT INTO clerks (clerk_id, name, role, password_hash, active) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (clerk_id) DO NOTHING");
    insert.bind(1, clerk.clerkId)
        .bind(2, clerk.name)
        .bind(3, clerk.role)
        .bind(4, clerk.passwordHash)
        .bind(5, clerk.active ? 1 : 0)
        .run();
    return db.changes() > 0;
  });
}

void CentralStore::setClerkActive(std::string_view clerkId, bool active) {
  withDatabase([&](sql::Connection& db) {
    db.prepare("UPDATE clerks SET active = ?2 WHERE clerk_id = ?1")
        .bind(1, clerkId)
        .bind(2, active ? 1 : 0)
        .run();
  });
  forgetSessions();  // a deactivated clerk's sessions stop working now
}

std::optional<ClerkRecord> CentralStore::findClerk(std::string_view clerkId) {
  return withDatabase([&](sql::Connection& db) -> std::optional<ClerkRecord> {
    sql::Statement query = db.prepare(
        "SELECT clerk_id, name, role, password_hash, active FROM clerks WHERE clerk_id = ?1");
    query.bind(1, clerkId);
    if (!query.step()) return std::nullopt;
    return ClerkRecord{query.columnText(0), query.columnText(1), query.columnText(2),
                       query.columnText(3), query.columnInt(4) != 0};
  });
}

SessionRecord CentralStore::createSession(std::string_view tokenDigest, std::string_view clerkId,
                                          std::string_view windowCode,
                                          std::chrono::sys_seconds now) {
  const std::chrono::sys_seconds expires = now + kSessionLifetime;
  return withDatabase([&](sql::Connection& db) {
    sql::Transaction transaction(db);
    db.prepare(
          "INSERT INTO sessions (token_hash, clerk_id, window_code, created_at, expires_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, tokenDigest)
        .bind(2, clerkId)
        .bind(3, windowCode)
        .bind(4, toUnix(now))
        .bind(5, toUnix(expires))
        .run();
    sql::Statement clerk = db.prepare("SELECT name, role, active FROM clerks WHERE clerk_id = ?1");
    clerk.bind(1, clerkId);
    if (!clerk.step()) throw std::logic_error("session created for unknown clerk");
    SessionRecord session{std::string(clerkId),
                          clerk.columnText(0),
                          clerk.columnText(1),
                          std::string(windowCode),
                          now,
                          expires,
                          clerk.columnInt(2) != 0};
    transaction.commit();
    return session;
  });
}

std::optional<SessionRecord> CentralStore::findSession(std::string_view tokenDigest,
                                                       std::chrono::sys_seconds now) {
  const auto fresh = std::chrono::steady_clock::now() - kSessionCacheTtl;
  std::uint64_t generation = 0;
  {
    std::lock_guard cacheLock(rememberedMutex_);
    const auto cached = sessionCache_.find(std::string(tokenDigest));
    if (cached != sessionCache_.end() && cached->second.fetchedAt > fresh &&
        cached->second.session.expiresAt > now)
      return cached->second.session;
    generation = cacheGeneration_;
  }
  std::optional<SessionRecord> found = findSessionInDatabase(tokenDigest, now);
  if (found) {
    std::lock_guard cacheLock(rememberedMutex_);
    // A logout or deactivation since the lookup began: what was read may be gone already.
    if (generation != cacheGeneration_) return found;
    // Bounded: past this many live tokens the cache starts over (it only saves a lookup).
    if (sessionCache_.size() >= 4096) sessionCache_.clear();
    sessionCache_[std::string(tokenDigest)] = {*found, std::chrono::steady_clock::now()};
  }
  return found;
}

void CentralStore::touchStation(std::string_view stationId, std::chrono::sys_seconds now) {
  const std::int64_t second = toUnix(now);
  {
    std::lock_guard cacheLock(rememberedMutex_);
    if (stationSeen_.size() >= 4096) stationSeen_.clear();  // bounded; only saves a write
    std::int64_t& written = stationSeen_[std::string(stationId)];
    if (written == second) return;
    written = second;
  }
  withDatabase([&](sql::Connection& db) {
    db.prepare(
          "INSERT INTO stations (station_id, first_seen, last_seen) VALUES (?1, ?2, ?2) "
          "ON CONFLICT (station_id) DO UPDATE SET last_seen = excluded.last_seen "
          "WHERE stations.last_seen <> excluded.last_seen")
        .bind(1, stationId)
        .bind(2, second)
        .run();
  });
}

void CentralStore::forgetSessions() {
  std::lock_guard cacheLock(rememberedMutex_);
  sessionCache_.clear();
  ++cacheGeneration_;
}

std::optional<SessionRecord> CentralStore::findSessionInDatabase(std::string_view tokenDigest,
                                                                 std::chrono::sys_seconds now) {
  return withDatabase([&](sql::Connection& db) -> std::optional<SessionRecord> {
    sql::Statement query = db.prepare(
        "SELECT s.clerk_id, c.name, c.role, s.window_code, s.created_at, s.expires_at, c.active "
        "FROM sessions s JOIN clerks c ON c.clerk_id = s.clerk_id "
        "WHERE s.token_hash = ?1 AND s.expires_at > ?2");
    query.bind(1, tokenDigest).bind(2, toUnix(now));
    if (!query.step()) return std::nullopt;
    return SessionRecord{query.columnText(0),          query.columnText(1),
                         query.columnText(2),          query.columnText(3),
                         fromUnix(query.columnInt(4)), fromUnix(query.columnInt(5)),
                         query.columnInt(6) != 0};
  });
}

bool CentralStore::deleteSession(std::string_view tokenDigest) {
  const bool deleted = withDatabase([&](sql::Connection& db) {
    db.prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, tokenDigest).run();
    return db.changes() > 0;
  });
  forgetSessions();  // after the row is gone, so no lookup under way can bring it back
  return deleted;
}

int CentralStore::purgeExpiredSessions(std::chrono::sys_seconds now) {
  return withDatabase([&](sql::Connection& db) {
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(1, toUnix(now)).run();
    return db.changes();
  });
}

int CentralStore::clerkCount() {
  return withDatabase([&](sql::Connection& db) {
    sql::Statement query = db.prepare("SELECT count(*) FROM clerks");
    (void)query.step();
    return static_cast<int>(query.columnInt(0));
  });
}

}  // namespace onewindow::central
