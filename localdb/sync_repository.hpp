#pragma once
// The outbox (DESIGN.md §7): the local store itself, no second queue. This keeps each case's
// sync bookkeeping — what central confirmed, the exact body in flight, when to try again, why
// it failed — and answers "what is due next", oldest first.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct SyncItem {
  std::int64_t caseId = 0;
  std::string uuid;
  std::string provisionalNo;
  std::string syncState;
  int confirmedVersion = 0;
  std::string confirmedSha256;
  std::optional<int> pendingVersion;
  std::string pendingBody;
  std::string pendingSha256;
  int attempts = 0;
};

struct SyncListRow {
  std::int64_t caseId = 0;
  std::string uuid;
  std::string provisionalNo;
  std::string officialNo;
  std::string matterName;
  std::string syncState;
  int attempts = 0;
  std::string nextAttemptAt;
  std::string lastError;  // central's text (English) or the station's own
  std::string intakeAt;
  std::string lastErrorCode;  // central's machine code ("case.rule_violation"), or "client.…"
};

class SyncRepository {
 public:
  explicit SyncRepository(Database& db) : db_(db) {}

  // The oldest case that needs sending and whose retry time has come (nowIso: ISO 8601 UTC).
  [[nodiscard]] std::optional<SyncItem> nextDue(const std::string& nowIso);
  // The ids of up to `limit` cases due after `afterCaseId` in the same oldest-first order that
  // have never been sent under their next version (no body in flight): the sync engine uploads
  // their materials ahead while an older case is being sent.
  [[nodiscard]] std::vector<std::int64_t> dueAfter(const std::string& nowIso,
                                                   std::int64_t afterCaseId, int limit);
  // Earliest retry time among waiting cases, for the scheduler; nullopt when none waits.
  [[nodiscard]] std::optional<std::string> nextAttemptTime();

  // Durably records the body about to be sent, before the request leaves: after a crash or a
  // lost reply, the same bytes go again under the same version.
  void markInFlight(std::int64_t caseId, int version, const std::string& body,
                    const std::string& sha256, const std::string& nowIso);
  // Central confirmed `version`. The case is done unless it changed since (currentSha256).
  // Returns true when this call bound the official number (it may have come by the feed first).
  bool confirm(std::int64_t caseId, int version, const std::string& sha256,
               const std::string& currentSha256, const std::string& officialNo,
               const std::string& nowIso);
  void scheduleRetry(std::int64_t caseId, const std::string& error, const std::string& errorCode,
                     const std::string& nextAttemptIso);
  // A permanent refusal: never retried on its own, never blocks the others.
  // `code`: the machine code of the reason (central's, or "client.…"), for the window to say it
  // in the clerk's language.
  void quarantine(std::int64_t caseId, const std::string& reason, const std::string& code,
                  const std::string& nowIso);
  // The clerk's "retry" on a quarantined case: a fresh version is built from the current data.
  void requeue(std::int64_t caseId);
  // Central already had `version` (version gap after a lost reply): continue after it.
  void adoptConfirmedVersion(std::int64_t caseId, int version, const std::string& sha256);

  [[nodiscard]] std::vector<SyncListRow> list(bool includeConfirmed = false, int limit = 500);
  [[nodiscard]] int countInState(const std::string& syncState);

  [[nodiscard]] std::string feedCursor();
  void setFeedCursor(const std::string& cursor);

 private:
  void ensureRow(std::int64_t caseId);
  Database& db_;
};

}  // namespace onewindow::localdb
