#include "central/central_store.hpp"

#include "central/case_listing.hpp"
#include "localdb/password_hash.hpp"

namespace onewindow::central {
namespace {

std::int64_t toUnix(std::chrono::sys_seconds time) { return time.time_since_epoch().count(); }

std::chrono::sys_seconds fromUnix(std::int64_t seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

}  // namespace

CentralStore::CentralStore(const std::filesystem::path& file) : db_(file) {
  db_.execute("PRAGMA synchronous = FULL");
  // Schema check before switching to WAL: turning WAL on rewrites the file header, and a file
  // from a newer program must be refused without a single byte changed.
  localdb::migrate(db_, centralSchema());
  db_.execute("PRAGMA journal_mode = WAL");
  // Schema 9's listing columns of rows stored before it: a migration cannot read the bodies.
  backfillCaseListings(db_);
}

bool CentralStore::addClerkIfMissing(const ClerkRecord& clerk) {
  std::lock_guard lock(mutex_);
  localdb::Statement insert = db_.prepare(
      "INSERT INTO clerks (clerk_id, name, role, password_hash, active) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (clerk_id) DO NOTHING");
  insert.bind(1, clerk.clerkId)
      .bind(2, clerk.name)
      .bind(3, clerk.role)
      .bind(4, clerk.passwordHash)
      .bind(5, clerk.active ? 1 : 0)
      .run();
  return db_.changes() > 0;
}

void CentralStore::setClerkActive(std::string_view clerkId, bool active) {
  {
    std::lock_guard lock(mutex_);
    db_.prepare("UPDATE clerks SET active = ?2 WHERE clerk_id = ?1")
        .bind(1, clerkId)
        .bind(2, active ? 1 : 0)
        .run();
  }
  forgetSessions();  // a deactivated clerk's sessions stop working now
}

std::optional<ClerkRecord> CentralStore::findClerk(std::string_view clerkId) {
  std::lock_guard lock(mutex_);
  localdb::Statement query = db_.prepare(
      "SELECT clerk_id, name, role, password_hash, active FROM clerks WHERE clerk_id = ?1");
  query.bind(1, clerkId);
  if (!query.step()) return std::nullopt;
  return ClerkRecord{query.columnText(0), query.columnText(1), query.columnText(2),
                     query.columnText(3), query.columnInt(4) != 0};
}

SessionRecord CentralStore::createSession(std::string_view tokenDigest, std::string_view clerkId,
                                          std::string_view windowCode,
                                          std::chrono::sys_seconds now) {
  const std::chrono::sys_seconds expires = now + kSessionLifetime;
  std::lock_guard lock(mutex_);
  localdb::Transaction transaction(db_);
  db_.prepare(
         "INSERT INTO sessions (token_hash, clerk_id, window_code, created_at, expires_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, tokenDigest)
      .bind(2, clerkId)
      .bind(3, windowCode)
      .bind(4, toUnix(now))
      .bind(5, toUnix(expires))
      .run();
  localdb::Statement clerk =
      db_.prepare("SELECT name, role, active FROM clerks WHERE clerk_id = ?1");
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
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT INTO stations (station_id, first_seen, last_seen) VALUES (?1, ?2, ?2) "
         "ON CONFLICT (station_id) DO UPDATE SET last_seen = excluded.last_seen "
         "WHERE last_seen <> excluded.last_seen")
      .bind(1, stationId)
      .bind(2, second)
      .run();
}

void CentralStore::forgetSessions() {
  std::lock_guard cacheLock(rememberedMutex_);
  sessionCache_.clear();
  ++cacheGeneration_;
}

std::optional<SessionRecord> CentralStore::findSessionInDatabase(std::string_view tokenDigest,
                                                                 std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  localdb::Statement query = db_.prepare(
      "SELECT s.clerk_id, c.name, c.role, s.window_code, s.created_at, s.expires_at, c.active "
      "FROM sessions s JOIN clerks c ON c.clerk_id = s.clerk_id "
      "WHERE s.token_hash = ?1 AND s.expires_at > ?2");
  query.bind(1, tokenDigest).bind(2, toUnix(now));
  if (!query.step()) return std::nullopt;
  return SessionRecord{query.columnText(0),          query.columnText(1),
                       query.columnText(2),          query.columnText(3),
                       fromUnix(query.columnInt(4)), fromUnix(query.columnInt(5)),
                       query.columnInt(6) != 0};
}

bool CentralStore::deleteSession(std::string_view tokenDigest) {
  bool deleted = false;
  {
    std::lock_guard lock(mutex_);
    db_.prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, tokenDigest).run();
    deleted = db_.changes() > 0;
  }
  forgetSessions();  // after the row is gone, so no lookup under way can bring it back
  return deleted;
}

int CentralStore::purgeExpiredSessions(std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(1, toUnix(now)).run();
  return db_.changes();
}

int CentralStore::clerkCount() {
  std::lock_guard lock(mutex_);
  localdb::Statement query = db_.prepare("SELECT count(*) FROM clerks");
  (void)query.step();
  return static_cast<int>(query.columnInt(0));
}

}  // namespace onewindow::central
