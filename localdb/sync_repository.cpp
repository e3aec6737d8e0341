#include "localdb/sync_repository.hpp"

#include "localdb/audit_log.hpp"

namespace onewindow::localdb {

void SyncRepository::ensureRow(std::int64_t caseId) {
  db_.prepare("INSERT INTO case_sync (case_id) VALUES (?1) ON CONFLICT (case_id) DO NOTHING")
      .bind(1, caseId)
      .run();
}

std::optional<SyncItem> SyncRepository::nextDue(const std::string& nowIso) {
  Statement query = db_.prepare(
      "SELECT c.id, c.uuid, coalesce(c.provisional_no, ''), c.sync_state, "
      "coalesce(s.confirmed_version, 0), "
      "coalesce(s.confirmed_sha256, ''), s.pending_version, coalesce(s.pending_body, ''), "
      "coalesce(s.pending_sha256, ''), coalesce(s.attempts, 0) "
      "FROM cases c LEFT JOIN case_sync s ON s.case_id = c.id "
      "WHERE c.sync_state IN ('queued', 'sending', 'sent_unconfirmed') "
      "AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?1) "
      "ORDER BY c.id LIMIT 1");
  query.bind(1, nowIso);
  if (!query.step()) return std::nullopt;
  SyncItem item;
  item.caseId = query.columnInt(0);
  item.uuid = query.columnText(1);
  item.provisionalNo = query.columnText(2);
  item.syncState = query.columnText(3);
  item.confirmedVersion = static_cast<int>(query.columnInt(4));
  item.confirmedSha256 = query.columnText(5);
  if (!query.columnIsNull(6)) item.pendingVersion = static_cast<int>(query.columnInt(6));
  item.pendingBody = query.columnText(7);
  item.pendingSha256 = query.columnText(8);
  item.attempts = static_cast<int>(query.columnInt(9));
  return item;
}

std::vector<std::int64_t> SyncRepository::dueAfter(const std::string& nowIso,
                                                   std::int64_t afterCaseId, int limit) {
  Statement query = db_.prepare(
      "SELECT c.id FROM cases c LEFT JOIN case_sync s ON s.case_id = c.id "
      "WHERE c.sync_state IN ('queued', 'sending', 'sent_unconfirmed') AND c.id > ?2 "
      "AND s.pending_version IS NULL "
      "AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?1) "
      "ORDER BY c.id LIMIT ?3");
  query.bind(1, nowIso).bind(2, afterCaseId).bind(3, limit);
  std::vector<std::int64_t> ids;
  while (query.step()) ids.push_back(query.columnInt(0));
  return ids;
}

std::optional<std::string> SyncRepository::nextAttemptTime() {
  Statement query = db_.prepare(
      "SELECT min(s.next_attempt_at) FROM case_sync s JOIN cases c ON c.id = s.case_id "
      "WHERE c.sync_state IN ('queued', 'sending', 'sent_unconfirmed')");
  if (!query.step() || query.columnIsNull(0)) return std::nullopt;
  return query.columnText(0);
}

void SyncRepository::markInFlight(std::int64_t caseId, int version, const std::string& body,
                                  const std::string& sha256, const std::string& nowIso) {
  Transaction transaction(db_);
  ensureRow(caseId);
  db_.prepare(
         "UPDATE case_sync SET pending_version = ?2, pending_body = ?3, pending_sha256 = ?4, "
         "last_attempt_at = ?5 WHERE case_id = ?1")
      .bind(1, caseId)
      .bind(2, version)
      .bind(3, body)
      .bind(4, sha256)
      .bind(5, nowIso)
      .run();
  db_.prepare("UPDATE cases SET sync_state = 'sent_unconfirmed' WHERE id = ?1")
      .bind(1, caseId)
      .run();
  transaction.commit();
}

bool SyncRepository::confirm(std::int64_t caseId, int version, const std::string& sha256,
                             const std::string& currentSha256, const std::string& officialNo,
                             const std::string& nowIso) {
  Transaction transaction(db_);
  ensureRow(caseId);
  db_.prepare(
         "UPDATE case_sync SET confirmed_version = ?2, confirmed_sha256 = ?3, "
         "pending_version = NULL, pending_body = NULL, pending_sha256 = NULL, attempts = 0, "
         "next_attempt_at = NULL, last_error = '' WHERE case_id = ?1")
      .bind(1, caseId)
      .bind(2, version)
      .bind(3, sha256)
      .run();
  // Changed while the send was under way: the next version goes out.
  const char* state = currentSha256 == sha256 ? "confirmed" : "queued";
  db_.prepare("UPDATE cases SET sync_state = ?2, sync_error = NULL WHERE id = ?1")
      .bind(1, caseId)
      .bind(2, state)
      .run();
  bool boundNow = false;
  if (!officialNo.empty()) {
    Statement bound = db_.prepare("SELECT uuid, official_no FROM cases WHERE id = ?1");
    bound.bind(1, caseId);
    if (bound.step() && bound.columnIsNull(1)) {
      const std::string uuid = bound.columnText(0);
      db_.prepare("UPDATE cases SET official_no = ?2 WHERE id = ?1")
          .bind(1, caseId)
          .bind(2, officialNo)
          .run();
      AuditLog::append(db_, {nowIso, "sync", "case.official_number", uuid, officialNo});
      boundNow = true;
    }
  }
  transaction.commit();
  return boundNow;
}

void SyncRepository::scheduleRetry(std::int64_t caseId, const std::string& error,
                                   const std::string& errorCode,
                                   const std::string& nextAttemptIso) {
  Transaction transaction(db_);
  ensureRow(caseId);
  db_.prepare(
         "UPDATE case_sync SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3, "
         "last_error_code = ?4 WHERE case_id = ?1")
      .bind(1, caseId)
      .bind(2, nextAttemptIso)
      .bind(3, error)
      .bind(4, errorCode)
      .run();
  transaction.commit();
}

void SyncRepository::quarantine(std::int64_t caseId, const std::string& reason,
                                const std::string& code, const std::string& nowIso) {
  Transaction transaction(db_);
  ensureRow(caseId);
  db_.prepare(
         "UPDATE case_sync SET last_error = ?2, last_attempt_at = ?3, next_attempt_at = NULL, "
         "last_error_code = ?4 WHERE case_id = ?1")
      .bind(1, caseId)
      .bind(2, reason)
      .bind(3, nowIso)
      .bind(4, code)
      .run();
  db_.prepare("UPDATE cases SET sync_state = 'quarantined', sync_error = ?2 WHERE id = ?1")
      .bind(1, caseId)
      .bind(2, reason)
      .run();
  Statement uuid = db_.prepare("SELECT uuid FROM cases WHERE id = ?1");
  uuid.bind(1, caseId);
  if (uuid.step())
    AuditLog::append(db_, {nowIso, "sync", "case.quarantine", uuid.columnText(0), reason});
  transaction.commit();
}

void SyncRepository::requeue(std::int64_t caseId) {
  Transaction transaction(db_);
  ensureRow(caseId);
  db_.prepare(
         "UPDATE case_sync SET attempts = 0, next_attempt_at = NULL, pending_version = NULL, "
         "pending_body = NULL, "
         "pending_sha256 = NULL WHERE case_id = ?1")
      .bind(1, caseId)
      .run();
  db_.prepare("UPDATE cases SET sync_state = 'queued' WHERE id = ?1 AND sync_state = 'quarantined'")
      .bind(1, caseId)
      .run();
  transaction.commit();
}

void SyncRepository::adoptConfirmedVersion(std::int64_t caseId, int version,
                                           const std::string& sha256) {
  Transaction transaction(db_);
  ensureRow(caseId);
  db_.prepare(
         "UPDATE case_sync SET confirmed_version = ?2, confirmed_sha256 = ?3, pending_version = "
         "NULL, "
         "pending_body = NULL, pending_sha256 = NULL WHERE case_id = ?1")
      .bind(1, caseId)
      .bind(2, version)
      .bind(3, sha256)
      .run();
  db_.prepare("UPDATE cases SET sync_state = 'queued' WHERE id = ?1").bind(1, caseId).run();
  transaction.commit();
}

std::vector<SyncListRow> SyncRepository::list(bool includeConfirmed, int limit) {
  Statement query = db_.prepare(
      "SELECT c.id, c.uuid, coalesce(c.provisional_no, ''), coalesce(c.official_no, ''), "
      "c.matter_name, "
      "c.sync_state, coalesce(s.attempts, 0), coalesce(s.next_attempt_at, ''), "
      "coalesce(nullif(c.sync_error, ''), s.last_error, ''), coalesce(c.intake_at, ''), "
      "coalesce(s.last_error_code, '') "
      "FROM cases c LEFT JOIN case_sync s ON s.case_id = c.id "
      "WHERE c.sync_state <> 'local' AND (?1 OR c.sync_state <> 'confirmed') ORDER BY c.id LIMIT "
      "?2");
  query.bind(1, includeConfirmed ? 1 : 0).bind(2, limit);
  std::vector<SyncListRow> rows;
  while (query.step()) {
    rows.push_back({query.columnInt(0), query.columnText(1), query.columnText(2),
                    query.columnText(3), query.columnText(4), query.columnText(5),
                    static_cast<int>(query.columnInt(6)), query.columnText(7), query.columnText(8),
                    query.columnText(9), query.columnText(10)});
  }
  return rows;
}

int SyncRepository::countInState(const std::string& syncState) {
  Statement query = db_.prepare("SELECT count(*) FROM cases WHERE sync_state = ?1");
  query.bind(1, syncState);
  return query.step() ? static_cast<int>(query.columnInt(0)) : 0;
}

std::string SyncRepository::feedCursor() {
  Statement query = db_.prepare("SELECT cursor FROM sync_cursor WHERE id = 1");
  return query.step() ? query.columnText(0) : "0";
}

void SyncRepository::setFeedCursor(const std::string& cursor) {
  db_.prepare("UPDATE sync_cursor SET cursor = ?1 WHERE id = 1").bind(1, cursor).run();
}

}  // namespace onewindow::localdb
