#include "localdb/second_visit.hpp"

#include <array>

#include "forms/satisfaction.hpp"
#include "localdb/audit_log.hpp"
#include "localdb/material_files.hpp"

namespace onewindow::localdb {
namespace {

constexpr std::array<std::string_view, 4> kEventKindNames{"withdrawal", "void", "handover",
                                                          "posting"};

CaseEventKind eventKindFromName(const std::string& name) {
  for (std::size_t i = 0; i < kEventKindNames.size(); ++i)
    if (kEventKindNames[i] == name) return static_cast<CaseEventKind>(i);
  return CaseEventKind::Withdrawal;
}

CaseRecord requireCase(Database& db, const std::string& uuid) {
  auto record = CaseRepository(db).findByUuid(uuid);
  if (!record)
    throw CaseError(CaseError::Kind::NotFound, "no case " + uuid + " in the local store");
  return *record;
}

void queueForCentral(Database& db, std::int64_t caseId, const std::string& at) {
  db.prepare("UPDATE cases SET sync_state = 'queued', updated_at = ?2 WHERE id = ?1")
      .bind(1, caseId)
      .bind(2, at)
      .run();
}

const char* kRatingColumns =
    "r.uuid, r.stage, r.visit, r.label, r.reasons, r.comment, c.uuid, r.rated_at, r.clerk_id, "
    "r.window_code, r.synced, r.sync_error";

RatingRecord readRating(const Statement& row) {
  RatingRecord r;
  r.rating = {row.columnText(0),
              row.columnText(1),
              row.columnText(2),
              row.columnText(3),
              splitLines(row.columnText(4)),
              row.columnText(5)};
  r.caseUuid = row.columnText(6);
  r.ratedAt = row.columnText(7);
  r.clerkId = row.columnText(8);
  r.windowCode = row.columnText(9);
  r.synced = row.columnInt(10) != 0;
  r.syncError = row.columnText(11);
  return r;
}

}  // namespace

std::string_view caseEventKindName(CaseEventKind kind) {
  return kEventKindNames[static_cast<std::size_t>(kind)];
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? end : end - start);
    if (!line.empty()) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

void SecondVisitRepository::supplyMaterial(const std::string& uuid, const SupplyInput& supply,
                                           const Actor& actor,
                                           const std::optional<DecisionInput>& completion) {
  Transaction transaction(db_);
  const CaseRecord record = requireCase(db_, uuid);
  Statement slot = db_.prepare(
      "SELECT id, status, (SELECT count(*) FROM material_pages p WHERE p.slot_id = s.id) "
      "FROM material_slots s WHERE case_id = ?1 AND slot_key = ?2");
  slot.bind(1, record.id).bind(2, supply.slotKey);
  if (!slot.step()) {
    throw CaseError(CaseError::Kind::NotFound,
                    "case " + uuid + " has no material '" + supply.slotKey + "'");
  }
  const std::int64_t slotId = slot.columnInt(0);
  const std::string before = slot.columnText(1);
  if (before == "received" || before == "elicence") {
    throw CaseError(CaseError::Kind::WrongState,
                    "material '" + supply.slotKey + "' was supplied already");
  }
  if (supply.pages.empty())
    throw CaseError(CaseError::Kind::Invalid, "a supplied material needs its pages");
  const int pagesBefore = static_cast<int>(slot.columnInt(2));
  Statement decisions = db_.prepare("SELECT count(*) FROM decisions WHERE case_id = ?1");
  decisions.bind(1, record.id);
  const std::int64_t decided = decisions.step() ? decisions.columnInt(0) : 0;
  db_.prepare(
         "UPDATE material_slots SET status = 'received', supplied_at = ?2, supplied_by = ?3, "
         "status_before = ?4, original_count = max(original_count, 1), supplied_after = ?5 "
         "WHERE id = ?1")
      .bind(1, slotId)
      .bind(2, actor.at)
      .bind(3, actor.clerkId)
      .bind(4, before)
      .bind(5, decided)
      .run();
  appendSlotPages(db_, slotId, pagesBefore, supply.pages, actor.at);
  AuditLog::append(db_, {actor.at, actor.clerkId, "case.supply", uuid,
                         supply.slotKey + " (was " + before +
                             "): " + std::to_string(supply.pages.size()) + " page(s)",
                         actor.windowCode});
  queueForCentral(db_, record.id, actor.at);
  if (completion) appendDecision(db_, record, *completion, actor);
  transaction.commit();
}

std::vector<SupplyRecord> SecondVisitRepository::suppliesOf(std::int64_t caseId) {
  Statement query = db_.prepare(
      "SELECT slot_key, name, status_before, supplied_at, coalesce(supplied_by, '') "
      "FROM material_slots WHERE case_id = ?1 AND supplied_at IS NOT NULL ORDER BY supplied_at, "
      "id");
  query.bind(1, caseId);
  std::vector<SupplyRecord> supplies;
  while (query.step()) {
    supplies.push_back({query.columnText(0), query.columnText(1), query.columnText(2),
                        query.columnText(3), query.columnText(4)});
  }
  return supplies;
}

void SecondVisitRepository::recordEvent(const std::string& uuid, const CaseEventInput& event,
                                        CaseState to, const Actor& actor) {
  Transaction transaction(db_);
  const CaseRecord record = requireCase(db_, uuid);
  db_.prepare(
         "INSERT INTO case_events (case_id, kind, at, clerk_id, window_code, reason, "
         "collector_name, collector_id_type, collector_id_number, authorised, id_checked, "
         "documents, carrier, tracking_no) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")
      .bind(1, record.id)
      .bind(2, caseEventKindName(event.kind))
      .bind(3, actor.at)
      .bind(4, actor.clerkId)
      .bind(5, actor.windowCode)
      .bind(6, event.reason)
      .bind(7, event.collectorName)
      .bind(8, event.collectorIdType)
      .bind(9, event.collectorIdNumber)
      .bind(10, event.authorised ? 1 : 0)
      .bind(11, event.idChecked ? 1 : 0)
      .bind(12, joinLines(event.documents))
      .bind(13, event.carrier)
      .bind(14, event.trackingNo)
      .run();
  moveCaseState(db_, record, to, actor, CaseRepository::Origin::Window);
  std::string details = std::string(caseStateName(to));
  if (!event.reason.empty()) details += ": " + event.reason;
  if (event.kind == CaseEventKind::Handover)
    details += " to " + event.collectorName + (event.authorised ? " (authorised)" : "");
  if (event.kind == CaseEventKind::Posting) details += " " + event.carrier + " " + event.trackingNo;
  AuditLog::append(
      db_, {actor.at, actor.clerkId, "case." + std::string(caseEventKindName(event.kind)), uuid,
            details, actor.windowCode});
  transaction.commit();
}

std::vector<CaseEventRecord> SecondVisitRepository::eventsOf(std::int64_t caseId) {
  Statement query = db_.prepare(
      "SELECT kind, reason, collector_name, collector_id_type, collector_id_number, authorised, "
      "id_checked, documents, carrier, tracking_no, at, clerk_id, window_code FROM case_events "
      "WHERE case_id = ?1 ORDER BY id");
  query.bind(1, caseId);
  std::vector<CaseEventRecord> events;
  while (query.step()) {
    CaseEventRecord r;
    r.event = {eventKindFromName(query.columnText(0)),
               query.columnText(1),
               query.columnText(2),
               query.columnText(3),
               query.columnText(4),
               query.columnInt(5) != 0,
               query.columnInt(6) != 0,
               splitLines(query.columnText(7)),
               query.columnText(8),
               query.columnText(9)};
    r.at = query.columnText(10);
    r.clerkId = query.columnText(11);
    r.windowCode = query.columnText(12);
    events.push_back(std::move(r));
  }
  return events;
}

void SecondVisitRepository::recordRating(const std::string& caseUuid, const RatingInput& rating,
                                         const Actor& actor) {
  const auto level = forms::satisfactionGbLevel(rating.label);
  if (!level) throw CaseError(CaseError::Kind::Invalid, "unknown rating '" + rating.label + "'");
  Transaction transaction(db_);
  const CaseRecord record = requireCase(db_, caseUuid);
  Statement existing = db_.prepare("SELECT 1 FROM ratings WHERE case_id = ?1 AND visit = ?2");
  existing.bind(1, record.id).bind(2, rating.visit);
  if (existing.step()) {
    throw CaseError(CaseError::Kind::Conflict,
                    "this visit has been rated already: one rating per visit");
  }
  db_.prepare(
         "INSERT INTO ratings (case_id, stage, label, scale, level, reasons, rated_at, synced, "
         "uuid, visit, clerk_id, window_code, comment) "
         "VALUES (?1, ?2, ?3, 'gb', ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10, ?11)")
      .bind(1, record.id)
      .bind(2, rating.stage)
      .bind(3, rating.label)
      .bind(4, *level)
      .bind(5, joinLines(rating.reasons))
      .bind(6, actor.at)
      .bind(7, rating.uuid)
      .bind(8, rating.visit)
      .bind(9, actor.clerkId)
      .bind(10, actor.windowCode)
      .bind(11, rating.comment)
      .run();
  AuditLog::append(db_, {actor.at, actor.clerkId, "case.rating", caseUuid,
                         rating.stage + " " + rating.label, actor.windowCode});
  transaction.commit();
}

std::vector<RatingRecord> SecondVisitRepository::ratingsOf(std::int64_t caseId) {
  Statement query = db_.prepare(std::string("SELECT ") + kRatingColumns +
                                " FROM ratings r JOIN cases c ON c.id = r.case_id "
                                "WHERE r.case_id = ?1 ORDER BY r.id");
  query.bind(1, caseId);
  std::vector<RatingRecord> ratings;
  while (query.step()) ratings.push_back(readRating(query));
  return ratings;
}

std::vector<RatingRecord> SecondVisitRepository::unsyncedRatings(int limit) {
  Statement query = db_.prepare(std::string("SELECT ") + kRatingColumns +
                                " FROM ratings r JOIN cases c ON c.id = r.case_id "
                                "WHERE r.synced = 0 AND r.uuid IS NOT NULL AND r.sync_error = '' "
                                "ORDER BY r.id LIMIT ?1");
  query.bind(1, limit);
  std::vector<RatingRecord> ratings;
  while (query.step()) ratings.push_back(readRating(query));
  return ratings;
}

void SecondVisitRepository::markRatingSynced(const std::string& ratingUuid) {
  db_.prepare("UPDATE ratings SET synced = 1, sync_error = '' WHERE uuid = ?1")
      .bind(1, ratingUuid)
      .run();
}

void SecondVisitRepository::markRatingFailed(const std::string& ratingUuid,
                                             const std::string& error) {
  db_.prepare("UPDATE ratings SET sync_error = ?2 WHERE uuid = ?1")
      .bind(1, ratingUuid)
      .bind(2, error)
      .run();
}

}  // namespace onewindow::localdb
