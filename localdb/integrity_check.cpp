#include "localdb/integrity_check.hpp"

#include "localdb/audit_log.hpp"
#include "localdb/case_state.hpp"
#include "localdb/migrations.hpp"
#include "localdb/workstation_schema.hpp"

namespace onewindow::localdb {
namespace {

void checkSqlite(Database& db, IntegrityReport& report) {
  Statement integrity = db.prepare("PRAGMA integrity_check");
  while (integrity.step()) {
    const std::string line = integrity.columnText(0);
    if (line != "ok") report.problems.push_back({"sqlite", db.file().string(), line});
  }
  Statement foreignKeys = db.prepare("PRAGMA foreign_key_check");
  while (foreignKeys.step()) {
    report.problems.push_back({"sqlite",
                               foreignKeys.columnText(0) + " row " + foreignKeys.columnText(1),
                               "refers to a missing row in " + foreignKeys.columnText(2)});
  }
}

void checkSchema(Database& db, IntegrityReport& report) {
  const SchemaDefinition& schema = workstationSchema();
  if (db.pragmaInt("application_id") != schema.applicationId) {
    report.problems.push_back({"schema", db.file().string(), "not a OneWindow workstation store"});
  }
  const auto version = db.pragmaInt("user_version");
  if (version != latestVersion(schema)) {
    report.problems.push_back({"schema", db.file().string(),
                               "schema version " + std::to_string(version) + ", expected " +
                                   std::to_string(latestVersion(schema))});
  }
}

void checkMaterials(Database& db, const MaterialStore& materials, IntegrityReport& report) {
  // Every file a row refers to: pages and archived documents.
  Statement files = db.prepare(
      "SELECT f.sha256, f.size_bytes, (SELECT coalesce(c.provisional_no, c.uuid) FROM "
      "material_pages p "
      "JOIN material_slots s ON s.id = p.slot_id JOIN cases c ON c.id = s.case_id "
      "WHERE p.sha256 = f.sha256 LIMIT 1) FROM material_files f ORDER BY f.sha256");
  while (files.step()) {
    ++report.materialsChecked;
    const std::string sha = files.columnText(0);
    const std::string where =
        "material " + sha + (files.columnIsNull(2) ? "" : " (case " + files.columnText(2) + ")");
    const VerifyResult result = materials.verify(sha);
    if (result.status == VerifyResult::Status::Missing) {
      report.problems.push_back(
          {"material", where, "the file is missing: " + materials.pathOf(sha).string()});
    } else if (result.status == VerifyResult::Status::Mismatch) {
      report.problems.push_back(
          {"material", where,
           "the file's content changed (it now hashes to " + result.actualSha256 + ")"});
    } else if (materials.sizeOf(sha) != static_cast<std::uint64_t>(files.columnInt(1))) {
      report.problems.push_back({"material", where, "the recorded size does not match the file"});
    }
  }
}

void checkAudit(Database& db, IntegrityReport& report) {
  const AuditVerification audit = AuditLog::verify(db);
  report.auditEntries = audit.entries;
  if (!audit.intact()) report.problems.push_back({"audit", "audit_log", audit.problem});
}

void checkCases(Database& db, IntegrityReport& report) {
  Statement cases = db.prepare(
      "SELECT c.id, c.uuid, coalesce(c.provisional_no, ''), c.state, c.revision, "
      "(SELECT count(*) FROM case_revisions r WHERE r.case_id = c.id), "
      "(SELECT count(*) FROM decisions d WHERE d.case_id = c.id) FROM cases c ORDER BY c.id");
  while (cases.step()) {
    ++report.casesChecked;
    const std::string number = cases.columnText(2);
    const std::string where = "case " + (number.empty() ? cases.columnText(1) : number);
    const auto state = caseStateFromName(cases.columnText(3));
    const std::int64_t revision = cases.columnInt(4);
    const std::int64_t revisions = cases.columnInt(5);
    if (!state) {
      report.problems.push_back({"case", where, "unknown state " + cases.columnText(3)});
      continue;
    }
    // Cases finalized by this schema carry revision >= 1; rows migrated from version 1 predate
    // revisions and decisions and are not held to these rules.
    if (revision == 0) continue;
    if (revisions != revision) {
      report.problems.push_back({"case", where,
                                 "records revision " + std::to_string(revision) + " but has " +
                                     std::to_string(revisions) + " revision rows"});
    }
    const bool decidedAtWindow =
        *state == CaseState::Accepted || *state == CaseState::AcceptedWithGaps ||
        *state == CaseState::AwaitingCorrection || *state == CaseState::Refused;
    if (decidedAtWindow && cases.columnInt(6) == 0) {
      report.problems.push_back(
          {"case", where, "is " + cases.columnText(3) + " without a recorded decision"});
    }
  }
}

}  // namespace

IntegrityReport checkIntegrity(Database& db, const MaterialStore& materials) {
  IntegrityReport report;
  checkSqlite(db, report);
  checkSchema(db, report);
  checkMaterials(db, materials, report);
  checkAudit(db, report);
  checkCases(db, report);
  return report;
}

}  // namespace onewindow::localdb
