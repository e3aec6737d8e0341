#include "localdb/case_snapshot.hpp"

#include "localdb/case_repository.hpp"

namespace onewindow::localdb {

std::vector<DecisionSnapshot> decisionsOfCase(Database& db, std::int64_t caseId) {
  Statement decisions = db.prepare(
      "SELECT kind, decided_at, clerk_id, grounds, legal_basis, coalesce(gap_deadline, ''), "
      "commitment_signed, details_xml FROM decisions WHERE case_id = ?1 ORDER BY id");
  decisions.bind(1, caseId);
  std::vector<DecisionSnapshot> result;
  while (decisions.step()) {
    result.push_back({decisions.columnText(0), decisions.columnText(1), decisions.columnText(2),
                      decisions.columnText(3), decisions.columnText(4), decisions.columnText(5),
                      decisions.columnInt(6) != 0, decisions.columnText(7)});
  }
  return result;
}

std::optional<CaseSnapshot> loadCaseSnapshot(Database& db, std::int64_t caseId) {
  db.execute("BEGIN");  // a read transaction: one consistent view of the case's rows
  struct End {
    Database& db;
    ~End() {
      try {
        db.execute("COMMIT");
      } catch (const SqliteError&) {
      }
    }
  } end{db};

  Statement uuid = db.prepare("SELECT uuid FROM cases WHERE id = ?1");
  uuid.bind(1, caseId);
  if (!uuid.step()) return std::nullopt;
  CaseRepository cases(db);
  const auto record = cases.findByUuid(uuid.columnText(0));
  if (!record) return std::nullopt;

  CaseSnapshot snapshot;
  snapshot.record = *record;
  Statement revision = db.prepare(
      "SELECT form_id, form_version, instance_xml, revision, created_at, "
      "coalesce(decisions_before, 0) FROM case_revisions "
      "WHERE case_id = ?1 ORDER BY revision DESC LIMIT 1");
  revision.bind(1, caseId);
  if (revision.step()) {
    snapshot.formId = revision.columnText(0);
    snapshot.formVersion = revision.columnText(1);
    snapshot.instanceXml = revision.columnText(2);
    if (revision.columnInt(3) > 1) {
      snapshot.formRevisedAt = revision.columnText(4);
      snapshot.formRevisedAfter = static_cast<int>(revision.columnInt(5));
    }
  }

  Statement slots = db.prepare(
      "SELECT id, slot_key, name, mandatory, status, original_count, copy_count, "
      "coalesce(supplied_at, ''), coalesce(status_before, ''), coalesce(supplied_after, 0) "
      "FROM material_slots "
      "WHERE case_id = ?1 ORDER BY id");
  slots.bind(1, caseId);
  while (slots.step()) {
    SlotSnapshot slot{slots.columnText(1),
                      slots.columnText(2),
                      slots.columnInt(3) != 0,
                      slots.columnText(4),
                      static_cast<int>(slots.columnInt(5)),
                      static_cast<int>(slots.columnInt(6)),
                      {},
                      slots.columnText(7),
                      slots.columnText(8),
                      static_cast<int>(slots.columnInt(9))};
    Statement pages = db.prepare(
        "SELECT p.sha256, f.size_bytes FROM material_pages p JOIN material_files f ON f.sha256 = "
        "p.sha256 "
        "WHERE p.slot_id = ?1 ORDER BY p.page_no");
    pages.bind(1, slots.columnInt(0));
    while (pages.step()) {
      slot.pages.push_back({pages.columnText(0), static_cast<std::uint64_t>(pages.columnInt(1))});
    }
    snapshot.slots.push_back(std::move(slot));
  }

  snapshot.decisions = decisionsOfCase(db, caseId);
  Statement documents = db.prepare(
      "SELECT d.kind, d.document_no, d.issued_at, d.pdf_sha256, f.size_bytes, 0 "
      "FROM issued_documents d JOIN material_files f ON f.sha256 = d.pdf_sha256 "
      "WHERE d.case_id = ?1 "
      "UNION ALL "
      "SELECT d.kind, d.document_no, min(p.printed_at), p.pdf_sha256, f.size_bytes, 1 "
      "FROM prints p JOIN issued_documents d ON d.id = p.document_id "
      "JOIN material_files f ON f.sha256 = p.pdf_sha256 "
      "WHERE d.case_id = ?1 AND p.pdf_sha256 <> d.pdf_sha256 GROUP BY p.pdf_sha256 "
      "ORDER BY 3, 2");
  documents.bind(1, caseId);
  while (documents.step()) {
    snapshot.documents.push_back({documents.columnText(0), documents.columnText(1),
                                  documents.columnText(2), documents.columnText(3),
                                  static_cast<std::uint64_t>(documents.columnInt(4)),
                                  documents.columnInt(5) != 0});
  }
  snapshot.events = SecondVisitRepository(db).eventsOf(caseId);
  return snapshot;
}

}  // namespace onewindow::localdb
