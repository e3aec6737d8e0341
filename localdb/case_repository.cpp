#include "localdb/case_repository.hpp"

#include <cstdio>

#include "localdb/audit_log.hpp"
#include "localdb/case_name_index.hpp"
#include "localdb/material_files.hpp"

namespace onewindow::localdb {
namespace {

constexpr const char* kCaseColumns =
    "id, uuid, provisional_no, official_no, matter_code, matter_name, applicant_name, "
    "applicant_id_type, applicant_id_number, clerk_id, window_code, state, sync_state, revision, "
    "created_at, updated_at, intake_at, accepted_at, decided_at, legal_due_date, "
    "promised_due_date, scenario_answers, applicant_phone";

CaseRecord readCase(const Statement& row) {
  CaseRecord r;
  r.id = row.columnInt(0);
  r.uuid = row.columnText(1);
  r.provisionalNo = row.columnOptionalText(2);
  r.officialNo = row.columnOptionalText(3);
  r.matterCode = row.columnText(4);
  r.matterName = row.columnText(5);
  r.applicantName = row.columnText(6);
  r.applicantIdType = row.columnText(7);
  r.applicantIdNumber = row.columnText(8);
  r.clerkId = row.columnText(9);
  r.windowCode = row.columnText(10);
  r.state = caseStateFromName(row.columnText(11)).value_or(CaseState::Void);
  r.syncState = row.columnText(12);
  r.revision = static_cast<int>(row.columnInt(13));
  r.createdAt = row.columnText(14);
  r.updatedAt = row.columnText(15);
  r.intakeAt = row.columnOptionalText(16);
  r.acceptedAt = row.columnOptionalText(17);
  r.decidedAt = row.columnOptionalText(18);
  r.legalDueDate = row.columnOptionalText(19);
  r.promisedDueDate = row.columnOptionalText(20);
  r.scenarioAnswers = row.columnText(21);
  r.applicantPhone = row.columnText(22);
  return r;
}

std::optional<std::string> emptyAsNull(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

void bindOptional(Statement& statement, int index, const std::optional<std::string>& value) {
  if (value)
    statement.bind(index, *value);
  else
    statement.bindNull(index);
}

std::string decisionName(DecisionKind kind) { return std::string(decisionKindName(kind)); }

CaseState stateAfter(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::Accept:
      return CaseState::Accepted;
    case DecisionKind::AcceptWithGaps:
      return CaseState::AcceptedWithGaps;
    case DecisionKind::CorrectionNotice:
      return CaseState::AwaitingCorrection;
    case DecisionKind::Refuse:
      return CaseState::Refused;
  }
  return CaseState::Accepted;
}

[[noreturn]] void invalid(const std::string& why) {
  throw CaseError(CaseError::Kind::Invalid, why);
}

}  // namespace

std::string formatProvisionalNumber(const std::string& windowCode, const std::string& numberDate,
                                    std::int64_t sequence) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(sequence));
  return windowCode + "-" + numberDate + "-" + digits;
}

CaseRecord CaseRepository::require(const std::string& uuid) {
  auto record = findByUuid(uuid);
  if (!record)
    throw CaseError(CaseError::Kind::NotFound, "no case " + uuid + " in the local store");
  return *record;
}

void CaseRepository::createDraft(const DraftInput& draft, const Actor& actor) {
  Transaction transaction(db_);
  if (findByUuid(draft.uuid))
    throw CaseError(CaseError::Kind::Conflict, "case " + draft.uuid + " already exists");
  db_.prepare(
         "INSERT INTO cases (uuid, matter_code, matter_name, clerk_id, window_code, state, "
         "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?6)")
      .bind(1, draft.uuid)
      .bind(2, draft.matterCode)
      .bind(3, draft.matterName)
      .bind(4, actor.clerkId)
      .bind(5, draft.windowCode)
      .bind(6, actor.at)
      .run();
  AuditLog::append(
      db_, {actor.at, actor.clerkId, "case.draft", draft.uuid, draft.matterCode, actor.windowCode});
  transaction.commit();
}

void CaseRepository::saveDraft(const std::string& uuid, const DraftContent& content,
                               const Actor& actor) {
  Transaction transaction(db_);
  const CaseRecord record = require(uuid);
  if (record.state != CaseState::Draft) {
    throw CaseError(CaseError::Kind::WrongState,
                    "case " + uuid + " was finalized; changes are revisions now");
  }
  db_.prepare(
         "UPDATE cases SET applicant_name = ?2, applicant_id_type = ?3, applicant_id_number = ?4, "
         "updated_at = ?5 WHERE id = ?1")
      .bind(1, record.id)
      .bind(2, content.applicantName)
      .bind(3, content.applicantIdType)
      .bind(4, content.applicantIdNumber)
      .bind(5, actor.at)
      .run();
  db_.prepare(
         "INSERT INTO form_instances (case_id, form_id, form_version, instance_xml, saved_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id) DO UPDATE SET form_id = ?2, "
         "form_version = ?3, instance_xml = ?4, saved_at = ?5")
      .bind(1, record.id)
      .bind(2, content.formId)
      .bind(3, content.formVersion)
      .bind(4, content.instanceXml)
      .bind(5, actor.at)
      .run();
  indexApplicantName(db_, record.id, content.applicantName);
  transaction.commit();
}

void CaseRepository::discardDraft(const std::string& uuid, const Actor& actor) {
  Transaction transaction(db_);
  const CaseRecord record = require(uuid);
  moveCaseState(db_, record, CaseState::Void, actor, Origin::Window);
  AuditLog::append(db_, {actor.at, actor.clerkId, "case.discard", uuid, "", actor.windowCode});
  transaction.commit();
}

FinalizedCase CaseRepository::finalizeIntake(const std::string& uuid, const FinalizeInput& input,
                                             const Actor& actor) {
  Transaction transaction(db_);
  const CaseRecord record = require(uuid);
  if (record.state != CaseState::Draft) {
    throw CaseError(CaseError::Kind::WrongState,
                    "case " + uuid + " is already " + std::string(caseStateName(record.state)));
  }
  if (record.windowCode.empty()) invalid("the case has no window code");
  if (input.numberDate.size() != 8) invalid("the number date must be YYYYMMDD");

  // The counter and the case commit together: a crash loses both or neither, and the counter
  // never goes back, whatever the clock does.
  db_.prepare("UPDATE provisional_sequence SET last_value = last_value + 1 WHERE id = 1").run();
  Statement sequence = db_.prepare("SELECT last_value FROM provisional_sequence WHERE id = 1");
  if (!sequence.step())
    throw CaseError(CaseError::Kind::Invalid, "the provisional sequence is missing");
  const std::string number =
      formatProvisionalNumber(record.windowCode, input.numberDate, sequence.columnInt(0));

  Statement update = db_.prepare(
      "UPDATE cases SET state = 'intake', sync_state = 'queued', provisional_no = ?2, intake_at = "
      "?3, updated_at = ?3, revision = 1, legal_due_date = ?4, promised_due_date = ?5, "
      "scenario_answers = ?6, applicant_phone = ?7 WHERE id = ?1");
  update.bind(1, record.id).bind(2, number).bind(3, actor.at);
  bindOptional(update, 4, emptyAsNull(input.legalDueDate));
  bindOptional(update, 5, emptyAsNull(input.promisedDueDate));
  update.bind(6, input.scenarioAnswers).bind(7, input.applicantPhone);
  update.run();

  // Revision 1: the form exactly as taken in.
  db_.prepare(
         "INSERT INTO case_revisions (case_id, revision, replaces_revision, form_id, form_version, "
         "instance_xml, reason, clerk_id, created_at) "
         "SELECT ?1, 1, NULL, coalesce(f.form_id, ''), coalesce(f.form_version, ''), "
         "coalesce(f.instance_xml, ''), 'intake', ?2, ?3 "
         "FROM (SELECT 1) LEFT JOIN form_instances f ON f.case_id = ?1")
      .bind(1, record.id)
      .bind(2, actor.clerkId)
      .bind(3, actor.at)
      .run();
  db_.prepare("DELETE FROM form_instances WHERE case_id = ?1").bind(1, record.id).run();

  for (const SlotInput& slot : input.slots) {
    db_.prepare(
           "INSERT INTO material_slots (case_id, slot_key, name, mandatory, status, "
           "original_count, "
           "copy_count, elicence_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .bind(1, record.id)
        .bind(2, slot.key)
        .bind(3, slot.name)
        .bind(4, slot.mandatory ? 1 : 0)
        .bind(5, std::string(materialStatusName(slot.status)))
        .bind(6, slot.originals)
        .bind(7, slot.copies)
        .bind(8, slot.eLicenceId)
        .bind(9, slot.note)
        .run();
    appendSlotPages(db_, db_.lastInsertRowId(), 0, slot.pages, actor.at);
  }
  AuditLog::append(db_, {actor.at, actor.clerkId, "case.intake", uuid, number, actor.windowCode});
  transaction.commit();
  return FinalizedCase{record.id, uuid, number, actor.at};
}

CaseState CaseRepository::recordDecision(const std::string& uuid, const DecisionInput& decision,
                                         const Actor& actor) {
  Transaction transaction(db_);
  const CaseState target = appendDecision(db_, require(uuid), decision, actor);
  transaction.commit();
  return target;
}

CaseState appendDecision(Database& db, const CaseRecord& record, const DecisionInput& decision,
                         const Actor& actor) {
  const CaseState target = stateAfter(decision.kind);
  if (!isAllowedTransition(record.state, target)) {
    throw CaseError(CaseError::Kind::WrongState,
                    std::string("a case that is ") + std::string(caseStateName(record.state)) +
                        " cannot take the decision " + decisionName(decision.kind));
  }

  Statement insert = db.prepare(
      "INSERT INTO decisions (case_id, kind, decided_at, clerk_id, grounds, legal_basis, "
      "gap_deadline, commitment_signed, details_xml) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert.bind(1, record.id)
      .bind(2, decisionName(decision.kind))
      .bind(3, actor.at)
      .bind(4, actor.clerkId)
      .bind(5, decision.grounds)
      .bind(6, decision.legalBasis);
  bindOptional(insert, 7, emptyAsNull(decision.gapDeadline));
  insert.bind(8, decision.commitmentSigned ? 1 : 0).bind(9, decision.detailsXml).run();

  moveCaseState(db, record, target, actor, CaseRepository::Origin::Window);
  if (target == CaseState::Accepted || target == CaseState::AcceptedWithGaps) {
    // Acceptance time is its own legal fact, distinct from intake time; set once.
    db.prepare("UPDATE cases SET accepted_at = coalesce(accepted_at, ?2) WHERE id = ?1")
        .bind(1, record.id)
        .bind(2, actor.at)
        .run();
  }
  AuditLog::append(db, {actor.at, actor.clerkId, "case.decision", record.uuid,
                        decisionName(decision.kind), actor.windowCode});
  return target;
}

void CaseRepository::changeState(const std::string& uuid, CaseState to, const Actor& actor,
                                 const std::string& reason, Origin origin) {
  Transaction transaction(db_);
  stepState(require(uuid), to, actor, reason, origin);
  transaction.commit();
}

bool CaseRepository::walkToState(const std::string& uuid, CaseState to, const Actor& actor,
                                 const std::string& reason, Origin origin) {
  Transaction transaction(db_);
  CaseRecord record = require(uuid);
  const std::vector<CaseState> path = transitionPath(record.state, to);
  if (path.empty()) return false;
  for (const CaseState step : path) {
    stepState(record, step, actor,
              step == to ? reason : "on the way to " + std::string(caseStateName(to)), origin);
    record.state = step;
  }
  transaction.commit();
  return true;
}

void CaseRepository::stepState(const CaseRecord& record, CaseState to, const Actor& actor,
                               const std::string& reason, Origin origin) {
  moveCaseState(db_, record, to, actor, origin);
  if (to == CaseState::Decided) {
    db_.prepare("UPDATE cases SET decided_at = ?2 WHERE id = ?1")
        .bind(1, record.id)
        .bind(2, actor.at)
        .run();
  }
  AuditLog::append(db_, {actor.at, actor.clerkId, "case.state", record.uuid,
                         std::string(caseStateName(to)) + (reason.empty() ? "" : ": " + reason),
                         actor.windowCode});
}

void moveCaseState(Database& db, const CaseRecord& record, CaseState to, const Actor& actor,
                   CaseRepository::Origin origin) {
  if (!isAllowedTransition(record.state, to)) {
    throw CaseError(CaseError::Kind::WrongState, "case " + record.uuid + " cannot go from " +
                                                     std::string(caseStateName(record.state)) +
                                                     " to " + std::string(caseStateName(to)));
  }
  // A change made at the window goes to central again; a draft stays local; a change that
  // came from central leaves the sync state as it is.
  const char* sql =
      origin == CaseRepository::Origin::Central
          ? "UPDATE cases SET state = ?2, updated_at = ?3 WHERE id = ?1"
          : "UPDATE cases SET state = ?2, updated_at = ?3, sync_state = CASE WHEN ?2 = 'void' AND "
            "provisional_no IS NULL THEN 'local' ELSE 'queued' END WHERE id = ?1";
  db.prepare(sql).bind(1, record.id).bind(2, caseStateName(to)).bind(3, actor.at).run();
}

int CaseRepository::reviseCase(const std::string& uuid, const DraftContent& content,
                               const std::string& reason, const Actor& actor) {
  Transaction transaction(db_);
  const int revision = appendRevision(db_, require(uuid), content, reason, actor);
  transaction.commit();
  return revision;
}

CaseState CaseRepository::reviseAndDecide(const std::string& uuid, const DraftContent& content,
                                          const std::string& reason, const DecisionInput& decision,
                                          const Actor& actor) {
  Transaction transaction(db_);
  appendRevision(db_, require(uuid), content, reason, actor);
  const CaseState state = appendDecision(db_, require(uuid), decision, actor);
  transaction.commit();
  return state;
}

int appendRevision(Database& db, const CaseRecord& record, const DraftContent& content,
                   const std::string& reason, const Actor& actor) {
  if (record.state == CaseState::Draft || record.state == CaseState::Void) {
    throw CaseError(CaseError::Kind::WrongState,
                    "only a finalized case takes revisions; save the draft instead");
  }
  if (reason.empty()) invalid("a revision needs a reason");
  const int revision = record.revision + 1;
  db.prepare(
        "INSERT INTO case_revisions (case_id, revision, replaces_revision, form_id, form_version, "
        "instance_xml, reason, clerk_id, created_at, decisions_before) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, (SELECT count(*) FROM decisions WHERE case_id = ?1))")
      .bind(1, record.id)
      .bind(2, revision)
      .bind(3, revision - 1)
      .bind(4, content.formId)
      .bind(5, content.formVersion)
      .bind(6, content.instanceXml)
      .bind(7, reason)
      .bind(8, actor.clerkId)
      .bind(9, actor.at)
      .run();
  db.prepare("UPDATE cases SET revision = ?2, updated_at = ?3, sync_state = 'queued' WHERE id = ?1")
      .bind(1, record.id)
      .bind(2, revision)
      .bind(3, actor.at)
      .run();
  AuditLog::append(db, {actor.at, actor.clerkId, "case.revision", record.uuid,
                        std::to_string(revision) + ": " + reason, actor.windowCode});
  return revision;
}

void CaseRepository::bindOfficialNumber(const std::string& uuid, const std::string& officialNo,
                                        const Actor& actor) {
  Transaction transaction(db_);
  const CaseRecord record = require(uuid);
  if (record.officialNo == officialNo) return;  // idempotent: the feed may repeat itself
  if (record.officialNo) {
    throw CaseError(CaseError::Kind::Conflict,
                    "case " + uuid + " is already bound to " + *record.officialNo);
  }
  if (!record.provisionalNo)
    throw CaseError(CaseError::Kind::WrongState, "a draft has no number to bind");
  db_.prepare("UPDATE cases SET official_no = ?2 WHERE id = ?1")
      .bind(1, record.id)
      .bind(2, officialNo)
      .run();
  AuditLog::append(
      db_, {actor.at, actor.clerkId, "case.official_number", uuid, officialNo, actor.windowCode});
  transaction.commit();
}

bool CaseRepository::recordSubCase(const std::string& uuid, const SubCaseRecord& subCase,
                                   const Actor& actor) {
  Transaction transaction(db_);
  const CaseRecord record = require(uuid);
  Statement known = db_.prepare("SELECT case_id, state FROM case_sub_cases WHERE sub_no = ?1");
  known.bind(1, subCase.subNo);
  if (known.step()) {
    if (known.columnInt(0) != record.id) {
      throw CaseError(CaseError::Kind::Conflict,
                      "sub-case " + subCase.subNo + " belongs to another case");
    }
    if (known.columnText(1) == subCase.state) return false;
    db_.prepare("UPDATE case_sub_cases SET state = ?2 WHERE sub_no = ?1")
        .bind(1, subCase.subNo)
        .bind(2, subCase.state)
        .run();
  } else {
    db_.prepare(
           "INSERT INTO case_sub_cases (sub_no, case_id, matter_code, matter_name, department, "
           "state, routed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, subCase.subNo)
        .bind(2, record.id)
        .bind(3, subCase.matterCode)
        .bind(4, subCase.matterName)
        .bind(5, subCase.department)
        .bind(6, subCase.state)
        .bind(7, subCase.routedAt)
        .run();
  }
  AuditLog::append(db_, {actor.at, actor.clerkId, "case.sub_case", uuid,
                         subCase.subNo + " " + subCase.matterCode + " → " + subCase.department +
                             ": " + subCase.state,
                         actor.windowCode});
  transaction.commit();
  return true;
}

std::vector<SubCaseRecord> CaseRepository::subCasesOf(const std::string& uuid) {
  Statement query = db_.prepare(
      "SELECT s.sub_no, s.matter_code, s.matter_name, s.department, s.state, s.routed_at "
      "FROM case_sub_cases s JOIN cases c ON c.id = s.case_id WHERE c.uuid = ?1 "
      "ORDER BY s.sub_no");
  query.bind(1, uuid);
  std::vector<SubCaseRecord> subCases;
  while (query.step()) {
    subCases.push_back(SubCaseRecord{query.columnText(0), query.columnText(1), query.columnText(2),
                                     query.columnText(3), query.columnText(4),
                                     query.columnText(5)});
  }
  return subCases;
}

std::optional<CaseRecord> CaseRepository::findByUuid(const std::string& uuid) {
  Statement query =
      db_.prepare(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE uuid = ?1");
  query.bind(1, uuid);
  if (!query.step()) return std::nullopt;
  return readCase(query);
}

std::optional<CaseRecord> CaseRepository::findByNumber(const std::string& number) {
  Statement query = db_.prepare(std::string("SELECT ") + kCaseColumns +
                                " FROM cases WHERE provisional_no = ?1 OR official_no = ?1");
  query.bind(1, number);
  if (!query.step()) return std::nullopt;
  return readCase(query);
}

std::vector<SlotRecord> CaseRepository::slotsOf(std::int64_t caseId) {
  std::vector<SlotRecord> slots;
  Statement query = db_.prepare(
      "SELECT id, slot_key, name, mandatory, status, original_count, copy_count FROM "
      "material_slots "
      "WHERE case_id = ?1 ORDER BY id");
  query.bind(1, caseId);
  while (query.step()) {
    slots.push_back({query.columnInt(0),
                     query.columnText(1),
                     query.columnText(2),
                     query.columnInt(3) != 0,
                     query.columnText(4),
                     static_cast<int>(query.columnInt(5)),
                     static_cast<int>(query.columnInt(6)),
                     {}});
  }
  for (SlotRecord& slot : slots) {
    Statement pages =
        db_.prepare("SELECT sha256 FROM material_pages WHERE slot_id = ?1 ORDER BY page_no");
    pages.bind(1, slot.id);
    while (pages.step()) slot.pageHashes.push_back(pages.columnText(0));
  }
  return slots;
}

std::optional<std::string> CaseRepository::draftInstance(const std::string& uuid) {
  Statement query = db_.prepare(
      "SELECT f.instance_xml FROM form_instances f JOIN cases c ON c.id = f.case_id WHERE c.uuid = "
      "?1");
  query.bind(1, uuid);
  if (!query.step()) return std::nullopt;
  return query.columnText(0);
}

std::optional<DraftContent> CaseRepository::contentOf(const std::string& uuid) {
  const std::optional<CaseRecord> record = findByUuid(uuid);
  if (!record) return std::nullopt;
  DraftContent content{
      record->applicantName, record->applicantIdType, record->applicantIdNumber, "", "", ""};
  // A draft's form is the autosaved instance; a finalized case's its latest revision.
  Statement query = db_.prepare(
      record->state == CaseState::Draft
          ? "SELECT form_id, form_version, instance_xml FROM form_instances WHERE case_id = ?1"
          : "SELECT form_id, form_version, instance_xml FROM case_revisions WHERE case_id = ?1 "
            "ORDER BY revision DESC LIMIT 1");
  query.bind(1, record->id);
  if (query.step()) {
    content.formId = query.columnText(0);
    content.formVersion = query.columnText(1);
    content.instanceXml = query.columnText(2);
  }
  return content;
}

std::vector<std::string> CaseRepository::revisionsOf(std::int64_t caseId) {
  std::vector<std::string> revisions;
  Statement query =
      db_.prepare("SELECT instance_xml FROM case_revisions WHERE case_id = ?1 ORDER BY revision");
  query.bind(1, caseId);
  while (query.step()) revisions.push_back(query.columnText(0));
  return revisions;
}

}  // namespace onewindow::localdb
