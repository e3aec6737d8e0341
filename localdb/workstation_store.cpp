#include "localdb/workstation_store.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>

#include "localdb/migrations.hpp"
#include "localdb/workstation_schema.hpp"

namespace onewindow::localdb {

WorkstationStore::WorkstationStore(const std::filesystem::path& file) : db_(file) {
  // FULL: a committed receipt survives a power cut (DESIGN.md §5). The schema is checked
  // before switching to WAL, which rewrites the file header: a database from a newer
  // program must be refused byte-for-byte untouched.
  db_.execute("PRAGMA synchronous = FULL");
  migrate(db_, workstationSchema());
  db_.execute("PRAGMA journal_mode = WAL");
}

void WorkstationStore::saveSession(const WindowSession& session) {
  db_.prepare(
         "INSERT INTO workstation_session (id, clerk_id, clerk_name, role, window_code, "
         "logged_in_at) VALUES (1, ?1, ?2, ?3, ?4, ?5) "
         "ON CONFLICT (id) DO UPDATE SET clerk_id = ?1, clerk_name = ?2, role = ?3, "
         "window_code = ?4, logged_in_at = ?5")
      .bind(1, session.clerkId)
      .bind(2, session.clerkName)
      .bind(3, session.role)
      .bind(4, session.windowCode)
      .bind(5, session.loggedInAt)
      .run();
}

std::optional<WindowSession> WorkstationStore::lastSession() {
  Statement query = db_.prepare(
      "SELECT clerk_id, clerk_name, role, window_code, logged_in_at FROM workstation_session");
  if (!query.step()) return std::nullopt;
  return WindowSession{query.columnText(0), query.columnText(1), query.columnText(2),
                       query.columnText(3), query.columnText(4)};
}

int WorkstationStore::pendingSyncCount() {
  Statement query = db_.prepare(
      "SELECT count(*) FROM cases WHERE sync_state IN ('queued', 'sending', 'sent_unconfirmed')");
  (void)query.step();
  return static_cast<int>(query.columnInt(0));
}

std::string WorkstationStore::stationId(const std::string& nowIso) {
  Statement existing = db_.prepare("SELECT station_id FROM station WHERE id = 1");
  if (existing.step()) return existing.columnText(0);
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  std::array<unsigned char, 12> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string id = "st-";
  for (unsigned char byte : bytes) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", byte);
    id += hex;
  }
  db_.prepare(
         "INSERT INTO station (id, station_id, created_at) VALUES (1, ?1, ?2) ON CONFLICT (id) DO "
         "NOTHING")
      .bind(1, id)
      .bind(2, nowIso)
      .run();
  Statement stored = db_.prepare("SELECT station_id FROM station WHERE id = 1");
  (void)stored.step();
  return stored.columnText(0);
}

}  // namespace onewindow::localdb
