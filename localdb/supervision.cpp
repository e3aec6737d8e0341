#include "localdb/supervision.hpp"

#include <algorithm>
#include <array>

#include "localdb/audit_log.hpp"
#include "localdb/second_visit.hpp"

namespace onewindow::localdb {
namespace {

void requireText(const std::string& text, const std::string& what) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw CaseError(CaseError::Kind::Invalid, what + " is empty");
}

constexpr const char* kBadRatingColumns =
    "r.id, coalesce(r.uuid, ''), c.uuid, coalesce(c.official_no, c.provisional_no, ''), "
    "c.matter_code, c.matter_name, c.applicant_name, r.clerk_id, r.window_code, r.label, "
    "r.reasons, r.comment, r.rated_at";

BadRatingItem readBadRating(const Statement& row) {
  BadRatingItem item;
  item.ratingId = row.columnInt(0);
  item.ratingUuid = row.columnText(1);
  item.caseUuid = row.columnText(2);
  item.caseNumber = row.columnText(3);
  item.matterCode = row.columnText(4);
  item.matterName = row.columnText(5);
  item.applicantName = row.columnText(6);
  item.clerkId = row.columnText(7);
  item.windowCode = row.columnText(8);
  item.label = row.columnText(9);
  item.reasons = splitLines(row.columnText(10));
  item.comment = row.columnText(11);
  item.ratedAt = row.columnText(12);
  return item;
}

std::vector<FollowUpEntry> followUpsOf(Database& db, std::int64_t ratingId) {
  Statement query = db.prepare(
      "SELECT at, supervisor_id, contact, outcome, text, closes FROM rating_follow_ups "
      "WHERE rating_id = ?1 ORDER BY id");
  query.bind(1, ratingId);
  std::vector<FollowUpEntry> entries;
  while (query.step()) {
    entries.push_back({query.columnText(0), query.columnText(1), query.columnText(2),
                       query.columnText(3), query.columnText(4), query.columnInt(5) != 0});
  }
  return entries;
}

// Central refused the body as sent — its rules, its shape, its size, or a material this station
// could not send — so it stored no version (API.md §4.5); any other refusal may follow a version
// central kept (a conflict after a lost reply).
bool isRefusalOfTheBody(const std::string& code) {
  static constexpr std::array<std::string_view, 8> kCodes{
      "case.rule_violation",       "case.invalid",           "request.malformed_xml",
      "request.wrong_document",    "request.missing_field",  "request.invalid_field",
      "request.payload_too_large", "client.material_missing"};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

}  // namespace

std::optional<SupervisionMark> supervisionMark(Database& db, std::int64_t caseId) {
  Statement query =
      db.prepare("SELECT note, marked_by, marked_at FROM supervision_marks WHERE case_id = ?1");
  query.bind(1, caseId);
  if (!query.step()) return std::nullopt;
  return SupervisionMark{query.columnText(0), query.columnText(1), query.columnText(2)};
}

namespace {

// The mark's row and its audit entry, inside the caller's transaction.
void writeMark(Database& db, const CaseRecord& record, const std::string& note,
               const Actor& supervisor) {
  db.prepare(
        "INSERT INTO supervision_marks (case_id, note, marked_by, marked_at) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (case_id) DO UPDATE SET note = excluded.note, "
        "marked_by = excluded.marked_by, marked_at = excluded.marked_at")
      .bind(1, record.id)
      .bind(2, note)
      .bind(3, supervisor.clerkId)
      .bind(4, supervisor.at)
      .run();
  AuditLog::append(db, {supervisor.at, supervisor.clerkId, "supervisor.mark", record.uuid, note,
                        supervisor.windowCode});
}

}  // namespace

void markSupervised(Database& db, const CaseRecord& record, const std::string& note,
                    const Actor& supervisor) {
  requireText(note, "the supervision note");
  Transaction transaction(db);
  writeMark(db, record, note, supervisor);
  transaction.commit();
}

bool clearSupervised(Database& db, const CaseRecord& record, const std::string& reason,
                     const Actor& supervisor) {
  requireText(reason, "the reason for lifting the supervision mark");
  Transaction transaction(db);
  Statement remove = db.prepare("DELETE FROM supervision_marks WHERE case_id = ?1");
  remove.bind(1, record.id).run();
  if (db.changes() == 0) return false;
  AuditLog::append(db, {supervisor.at, supervisor.clerkId, "supervisor.unmark", record.uuid, reason,
                        supervisor.windowCode});
  transaction.commit();
  return true;
}

bool applyCentralSupervision(Database& db, const CaseRecord& record, bool marked,
                             const std::string& text, const Actor& supervisor, std::int64_t seq) {
  Transaction transaction(db);
  Statement known = db.prepare("SELECT seq FROM supervision_central_seq WHERE case_id = ?1");
  known.bind(1, record.id);
  if (known.step() && seq < known.columnInt(0)) return false;
  db.prepare(
        "INSERT INTO supervision_central_seq (case_id, seq) VALUES (?1, ?2) "
        "ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq")
      .bind(1, record.id)
      .bind(2, seq)
      .run();
  const std::optional<SupervisionMark> current = supervisionMark(db, record.id);
  bool changed = false;
  if (!marked && current) {
    db.prepare("DELETE FROM supervision_marks WHERE case_id = ?1").bind(1, record.id).run();
    AuditLog::append(db, {supervisor.at, supervisor.clerkId, "supervisor.unmark", record.uuid, text,
                          supervisor.windowCode});
    changed = true;
  } else if (marked && (!current || current->note != text)) {
    requireText(text, "the supervision note");
    writeMark(db, record, text, supervisor);
    changed = true;
  }
  transaction.commit();
  return changed;
}

bool isFollowUpContact(const std::string& contact) {
  static constexpr std::array<std::string_view, 4> kContacts{"phone", "visit", "message", "none"};
  return std::find(kContacts.begin(), kContacts.end(), contact) != kContacts.end();
}

bool BadRatingItem::closed() const {
  return std::any_of(entries.begin(), entries.end(),
                     [](const FollowUpEntry& entry) { return entry.closes; });
}

std::vector<BadRatingItem> badRatings(Database& db, bool includeClosed) {
  Statement query =
      db.prepare(std::string("SELECT ") + kBadRatingColumns +
                 " FROM ratings r JOIN cases c ON c.id = r.case_id "
                 "WHERE r.label IN ('不满意', '非常不满意') AND (?1 OR NOT EXISTS (SELECT 1 FROM "
                 "rating_follow_ups f WHERE f.rating_id = r.id AND f.closes = 1)) "
                 "ORDER BY r.rated_at, r.id");
  query.bind(1, includeClosed ? 1 : 0);
  std::vector<BadRatingItem> items;
  while (query.step()) items.push_back(readBadRating(query));
  for (BadRatingItem& item : items) item.entries = followUpsOf(db, item.ratingId);
  return items;
}

std::optional<BadRatingItem> badRating(Database& db, const std::string& ratingUuid) {
  Statement query = db.prepare(std::string("SELECT ") + kBadRatingColumns +
                               " FROM ratings r JOIN cases c ON c.id = r.case_id "
                               "WHERE r.uuid = ?1 AND r.label IN ('不满意', '非常不满意')");
  query.bind(1, ratingUuid);
  if (!query.step()) return std::nullopt;
  BadRatingItem item = readBadRating(query);
  item.entries = followUpsOf(db, item.ratingId);
  return item;
}

void appendFollowUp(Database& db, const BadRatingItem& item, const FollowUpEntry& entry,
                    const Actor& supervisor) {
  if (!isFollowUpContact(entry.contact))
    throw CaseError(CaseError::Kind::Invalid,
                    "'" + entry.contact + "' is no way of contact (phone, visit, message, none)");
  if (entry.outcome.find_first_not_of(" \t\r\n") == std::string::npos &&
      entry.text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw CaseError(CaseError::Kind::Invalid, "a follow-up step says its outcome or a text");
  if (entry.closes && entry.outcome.find_first_not_of(" \t\r\n") == std::string::npos)
    throw CaseError(CaseError::Kind::Invalid, "a follow-up is closed with its outcome");
  Transaction transaction(db);
  // Read inside the transaction: two supervisors closing the same item close it once.
  const std::vector<FollowUpEntry> sofar = followUpsOf(db, item.ratingId);
  if (std::any_of(sofar.begin(), sofar.end(), [](const FollowUpEntry& e) { return e.closes; }))
    throw CaseError(CaseError::Kind::WrongState, "the follow-up of this rating was closed already");
  db.prepare(
        "INSERT INTO rating_follow_ups (rating_id, at, supervisor_id, contact, outcome, text, "
        "closes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, item.ratingId)
      .bind(2, supervisor.at)
      .bind(3, supervisor.clerkId)
      .bind(4, entry.contact)
      .bind(5, entry.outcome)
      .bind(6, entry.text)
      .bind(7, entry.closes ? 1 : 0)
      .run();
  AuditLog::append(
      db, {supervisor.at, supervisor.clerkId,
           entry.closes ? "supervisor.follow_up_closed" : "supervisor.follow_up", item.caseUuid,
           item.ratingUuid + " " + entry.contact + ": " + entry.outcome +
               (entry.text.empty() ? "" : " — " + entry.text),
           supervisor.windowCode});
  transaction.commit();
}

void voidQuarantinedCase(Database& db, const CaseRecord& record, const std::string& reason,
                         const Actor& supervisor) {
  requireText(reason, "the reason for voiding");
  Transaction transaction(db);
  Statement state = db.prepare(
      "SELECT c.sync_state, c.state, coalesce(s.confirmed_version, 0), "
      "coalesce(s.last_error_code, '') FROM cases c "
      "LEFT JOIN case_sync s ON s.case_id = c.id WHERE c.id = ?1");
  state.bind(1, record.id);
  if (!state.step()) throw CaseError(CaseError::Kind::NotFound, "no case " + record.uuid);
  if (state.columnText(0) != "quarantined")
    throw CaseError(CaseError::Kind::WrongState,
                    "case " + record.uuid +
                        " is not quarantined: only a case central refused "
                        "for good is voided here");
  if (state.columnText(1) == "void")
    throw CaseError(CaseError::Kind::WrongState, "case " + record.uuid + " is void already");
  if (const std::int64_t confirmed = state.columnInt(2); confirmed > 0)
    throw CaseError(CaseError::Kind::WrongState,
                    "central holds version " + std::to_string(confirmed) + " of case " +
                        record.uuid + ": settle it at central, not by voiding it here");
  // A confirmed version of 0 is not proof: a reply lost after central stored the first version
  // leaves it 0 here. Only a refusal of the body itself proves central kept nothing of it.
  if (const std::string code = state.columnText(3); !isRefusalOfTheBody(code))
    throw CaseError(CaseError::Kind::WrongState,
                    "central's refusal (" + (code.empty() ? std::string("no code") : code) +
                        ") does not prove it kept nothing of case " + record.uuid +
                        ": settle it at central, not by voiding it here");
  db.prepare(
        "INSERT INTO case_events (case_id, kind, at, clerk_id, window_code, reason) "
        "VALUES (?1, 'void', ?2, ?3, ?4, ?5)")
      .bind(1, record.id)
      .bind(2, supervisor.at)
      .bind(3, supervisor.clerkId)
      .bind(4, supervisor.windowCode)
      .bind(5, reason)
      .run();
  // Out of the outbox and of the quarantine count: nothing of it goes to central any more.
  db.prepare("UPDATE cases SET state = 'void', sync_state = 'local', updated_at = ?2 WHERE id = ?1")
      .bind(1, record.id)
      .bind(2, supervisor.at)
      .run();
  AuditLog::append(db, {supervisor.at, supervisor.clerkId, "supervisor.void_quarantined",
                        record.uuid, reason, supervisor.windowCode});
  transaction.commit();
}

std::vector<FigureCase> figureCases(Database& db, const std::string& from,
                                    const std::string& before) {
  Statement query = db.prepare(
      "SELECT window_code, clerk_id, matter_code, matter_name, state, intake_at, "
      "coalesce(accepted_at, ''), coalesce(decided_at, ''), coalesce(promised_due_date, ''), "
      "coalesce(legal_due_date, '') FROM cases "
      "WHERE state <> 'draft' AND ((intake_at >= ?1 AND intake_at < ?2) OR "
      "(decided_at >= ?1 AND decided_at < ?2))");
  query.bind(1, from).bind(2, before);
  std::vector<FigureCase> rows;
  while (query.step()) {
    rows.push_back({query.columnText(0), query.columnText(1), query.columnText(2),
                    query.columnText(3), query.columnText(4), query.columnText(5),
                    query.columnText(6), query.columnText(7), query.columnText(8),
                    query.columnText(9)});
  }
  return rows;
}

std::vector<FigureRating> figureRatings(Database& db, const std::string& from,
                                        const std::string& before) {
  Statement query = db.prepare(
      "SELECT r.window_code, r.clerk_id, c.matter_code, c.matter_name, r.label "
      "FROM ratings r JOIN cases c ON c.id = r.case_id WHERE r.rated_at >= ?1 AND r.rated_at < ?2");
  query.bind(1, from).bind(2, before);
  std::vector<FigureRating> rows;
  while (query.step()) {
    rows.push_back({query.columnText(0), query.columnText(1), query.columnText(2),
                    query.columnText(3), query.columnText(4)});
  }
  return rows;
}

}  // namespace onewindow::localdb
