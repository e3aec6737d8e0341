#include "localdb/document_repository.hpp"

#include <stdexcept>

#include "localdb/audit_log.hpp"
#include "localdb/material_files.hpp"

namespace onewindow::localdb {
namespace {

constexpr const char* kDocumentColumns =
    "id, case_id, kind, title, document_no, issued_at, clerk_id, coalesce(pdf_sha256, '')";

IssuedDocument documentFrom(const Statement& row) {
  return IssuedDocument{row.columnInt(0),  row.columnInt(1),  row.columnText(2), row.columnText(3),
                        row.columnText(4), row.columnText(5), row.columnText(6), row.columnText(7)};
}

}  // namespace

std::optional<IssuedDocument> DocumentRepository::find(std::int64_t caseId,
                                                       const std::string& kind) {
  Statement row = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                              " FROM issued_documents WHERE case_id = ?1 AND kind = ?2 "
                              "ORDER BY id LIMIT 1");
  row.bind(1, caseId).bind(2, kind);
  if (!row.step()) return std::nullopt;
  return documentFrom(row);
}

std::optional<IssuedDocument> DocumentRepository::findByNumber(const std::string& documentNo) {
  Statement row = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                              " FROM issued_documents WHERE document_no = ?1");
  row.bind(1, documentNo);
  if (!row.step()) return std::nullopt;
  return documentFrom(row);
}

std::vector<IssuedDocument> DocumentRepository::documentsOf(std::int64_t caseId) {
  Statement rows = db_.prepare(std::string("SELECT ") + kDocumentColumns +
                               " FROM issued_documents WHERE case_id = ?1 ORDER BY id");
  rows.bind(1, caseId);
  std::vector<IssuedDocument> documents;
  while (rows.step()) documents.push_back(documentFrom(rows));
  return documents;
}

std::string DocumentRepository::nextNumber(const std::string& caseNumber, const std::string& code) {
  Statement count = db_.prepare("SELECT count(*) FROM issued_documents WHERE document_no LIKE ?1");
  count.bind(1, caseNumber + "-" + code + "%");
  count.step();
  return caseNumber + "-" + code + std::to_string(count.columnInt(0) + 1);
}

void DocumentRepository::rememberPdf(const std::string& sha256, std::uint64_t size,
                                     const std::string& at) {
  recordMaterialFile(db_, sha256, size, "application/pdf", at);
}

IssuedDocument DocumentRepository::issue(std::int64_t caseId, const std::string& caseUuid,
                                         const std::string& kind, const std::string& title,
                                         const std::string& documentNo,
                                         const std::string& pdfSha256, std::uint64_t pdfSize,
                                         const Actor& actor) {
  Transaction transaction(db_);
  rememberPdf(pdfSha256, pdfSize, actor.at);
  db_.prepare(
         "INSERT INTO issued_documents (case_id, kind, title, document_no, issued_at, "
         "clerk_id, pdf_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, caseId)
      .bind(2, kind)
      .bind(3, title)
      .bind(4, documentNo)
      .bind(5, actor.at)
      .bind(6, actor.clerkId)
      .bind(7, pdfSha256)
      .run();
  const std::int64_t id = db_.lastInsertRowId();
  // The archived PDF goes to central with the case: a new version of the case's body.
  db_.prepare(
         "UPDATE cases SET sync_state = 'queued', updated_at = ?2 WHERE id = ?1 AND "
         "state <> 'draft' AND sync_state <> 'quarantined'")
      .bind(1, caseId)
      .bind(2, actor.at)
      .run();
  AuditLog::append(db_, {actor.at, actor.clerkId, "document.issue", caseUuid,
                         kind + " " + documentNo + " pdf " + pdfSha256, actor.windowCode});
  transaction.commit();
  return IssuedDocument{id, caseId, kind, title, documentNo, actor.at, actor.clerkId, pdfSha256};
}

std::int64_t DocumentRepository::recordPrint(const IssuedDocument& document,
                                             const std::string& caseUuid, const PrintInput& print,
                                             const Actor& actor) {
  if (print.reprint && print.reason.empty())
    throw std::invalid_argument("a reprint needs a reason");
  Transaction transaction(db_);
  rememberPdf(print.pdfSha256, print.pdfSize, actor.at);
  db_.prepare(
         "INSERT INTO prints (document_id, printed_at, clerk_id, printer, is_reprint, reason, "
         "pdf_sha256, copies, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, document.id)
      .bind(2, actor.at)
      .bind(3, actor.clerkId)
      .bind(4, print.printer)
      .bind(5, print.reprint ? 1 : 0)
      .bind(6, print.reason)
      .bind(7, print.pdfSha256)
      .bind(8, print.copies)
      .bind(9, print.printer.empty() ? "saved" : "sent")
      .run();
  const std::int64_t id = db_.lastInsertRowId();
  if (print.pdfSha256 != document.pdfSha256) {
    // A reprint that differs (the official number bound since) is archived with the case too.
    db_.prepare(
           "UPDATE cases SET sync_state = 'queued', updated_at = ?2 WHERE id = ?1 AND "
           "state <> 'draft' AND sync_state <> 'quarantined'")
        .bind(1, document.caseId)
        .bind(2, actor.at)
        .run();
  }
  const std::string target = print.printer.empty() ? "a PDF file" : "printer " + print.printer;
  AuditLog::append(
      db_,
      {actor.at, actor.clerkId, print.reprint ? "document.reprint" : "document.print", caseUuid,
       document.documentNo + " to " + target + ", " + std::to_string(print.copies) + " copies" +
           (print.reprint ? ", reason: " + print.reason : ""),
       actor.windowCode});
  transaction.commit();
  return id;
}

void DocumentRepository::finishPrint(std::int64_t printId, std::optional<std::int64_t> jobId,
                                     const std::string& outcome, const std::string& detail) {
  Statement update =
      db_.prepare("UPDATE prints SET job_id = ?2, outcome = ?3, detail = ?4 WHERE id = ?1");
  update.bind(1, printId);
  if (jobId)
    update.bind(2, *jobId);
  else
    update.bindNull(2);
  update.bind(3, outcome).bind(4, detail).run();
}

std::vector<PrintRecord> DocumentRepository::printsOf(std::int64_t documentId) {
  Statement rows = db_.prepare(
      "SELECT id, document_id, printed_at, clerk_id, printer, copies, is_reprint, reason, "
      "coalesce(pdf_sha256, ''), job_id, outcome, detail FROM prints WHERE document_id = ?1 "
      "ORDER BY id");
  rows.bind(1, documentId);
  std::vector<PrintRecord> prints;
  while (rows.step()) {
    PrintRecord record;
    record.id = rows.columnInt(0);
    record.documentId = rows.columnInt(1);
    record.printedAt = rows.columnText(2);
    record.clerkId = rows.columnText(3);
    record.printer = rows.columnText(4);
    record.copies = static_cast<int>(rows.columnInt(5));
    record.reprint = rows.columnInt(6) != 0;
    record.reason = rows.columnText(7);
    record.pdfSha256 = rows.columnText(8);
    if (!rows.columnIsNull(9)) record.jobId = rows.columnInt(9);
    record.outcome = rows.columnText(10);
    record.detail = rows.columnText(11);
    prints.push_back(std::move(record));
  }
  return prints;
}

}  // namespace onewindow::localdb
