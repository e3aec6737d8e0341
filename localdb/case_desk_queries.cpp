#include "localdb/case_desk_queries.hpp"

namespace onewindow::localdb {

std::vector<TimelineEntry> caseTimeline(Database& db, const std::string& caseUuid) {
  Statement query = db.prepare(
      "SELECT at, clerk_id, window_code, action, details FROM audit_log WHERE case_uuid = ?1 "
      "ORDER BY seq");
  query.bind(1, caseUuid);
  std::vector<TimelineEntry> entries;
  while (query.step()) {
    entries.push_back({query.columnText(0), query.columnText(1), query.columnText(2),
                       query.columnText(3), query.columnText(4)});
  }
  return entries;
}

std::optional<CaseSyncStatus> caseSyncStatus(Database& db, std::int64_t caseId) {
  Statement query = db.prepare(
      "SELECT confirmed_version, attempts, last_error, last_error_code, "
      "coalesce(next_attempt_at, '') FROM case_sync WHERE case_id = ?1");
  query.bind(1, caseId);
  if (!query.step()) return std::nullopt;
  CaseSyncStatus status;
  status.confirmedVersion = static_cast<int>(query.columnInt(0));
  status.attempts = static_cast<int>(query.columnInt(1));
  status.lastError = query.columnText(2);
  status.lastErrorCode = query.columnText(3);
  status.nextAttemptAt = query.columnText(4);
  return status;
}

}  // namespace onewindow::localdb
