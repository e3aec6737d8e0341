#pragma once
// The workstation's own SQLite database (one per profile). Issue 3 grows this schema into
// the full case store; the foundation keeps the session of the clerk at the window and the
// case rows whose sync state makes up the pending-sync count.

#include <filesystem>
#include <optional>
#include <string>

#include "localdb/sqlite.hpp"
#include "localdb/workstation_schema.hpp"

namespace onewindow::localdb {

struct WindowSession {
  std::string clerkId;
  std::string clerkName;
  std::string role;  // "clerk" or "supervisor"
  std::string windowCode;
  std::string loggedInAt;  // ISO 8601, UTC
};

class WorkstationStore {
 public:
  // Opens (creating if needed) and migrates the store; throws SchemaError or SqliteError.
  explicit WorkstationStore(const std::filesystem::path& file);

  void saveSession(const WindowSession& session);
  [[nodiscard]] std::optional<WindowSession> lastSession();

  // This workstation's identity towards central: made once, kept for the life of the profile.
  [[nodiscard]] std::string stationId(const std::string& nowIso);

  // Cases a citizen holds a receipt for that central has not confirmed yet.
  [[nodiscard]] int pendingSyncCount();

  [[nodiscard]] Database& database() { return db_; }

 private:
  Database db_;
};

}  // namespace onewindow::localdb
