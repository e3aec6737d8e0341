#pragma once
// Issued documents and their prints (DESIGN.md §10): each document of a case (受理通知书 …) is
// numbered once, its PDF kept in the material store (content-addressed), and every print or
// reprint recorded — who, when, which printer, the job, how it ended and, for a reprint, why.
// Issuing or reprinting queues the case for sync: the PDFs travel to central with the case.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct IssuedDocument {
  std::int64_t id = 0;
  std::int64_t caseId = 0;
  std::string kind;  // the template's kind: acceptance-notice …
  std::string title;
  std::string documentNo;
  std::string issuedAt;
  std::string clerkId;
  std::string pdfSha256;  // the PDF as first issued
};

struct PrintInput {
  std::string pdfSha256;  // what went out (already in the material store)
  std::uint64_t pdfSize = 0;
  std::string printer;  // empty: saved as a PDF file
  int copies = 1;
  bool reprint = false;
  std::string reason;  // required for a reprint
};

struct PrintRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::string printedAt;
  std::string clerkId;
  std::string printer;
  int copies = 1;
  bool reprint = false;
  std::string reason;
  std::string pdfSha256;
  std::optional<std::int64_t> jobId;
  std::string outcome;  // sent, completed, failed, saved
  std::string detail;
};

class DocumentRepository {
 public:
  explicit DocumentRepository(Database& db) : db_(db) {}

  [[nodiscard]] std::optional<IssuedDocument> find(std::int64_t caseId, const std::string& kind);
  [[nodiscard]] std::optional<IssuedDocument> findByNumber(const std::string& documentNo);
  [[nodiscard]] std::vector<IssuedDocument> documentsOf(std::int64_t caseId);
  // The next free number of a kind for a case: "<case number>-<code><n>".
  [[nodiscard]] std::string nextNumber(const std::string& caseNumber, const std::string& code);

  // Numbers and archives a document; the PDF is already durable in the material store.
  IssuedDocument issue(std::int64_t caseId, const std::string& caseUuid, const std::string& kind,
                       const std::string& title, const std::string& documentNo,
                       const std::string& pdfSha256, std::uint64_t pdfSize, const Actor& actor);
  // A print (or a save to a file) of an issued document, outcome 'sent' (or 'saved').
  std::int64_t recordPrint(const IssuedDocument& document, const std::string& caseUuid,
                           const PrintInput& print, const Actor& actor);
  // How the job ended, as the printer said.
  void finishPrint(std::int64_t printId, std::optional<std::int64_t> jobId,
                   const std::string& outcome, const std::string& detail);
  [[nodiscard]] std::vector<PrintRecord> printsOf(std::int64_t documentId);

 private:
  void rememberPdf(const std::string& sha256, std::uint64_t size, const std::string& at);
  Database& db_;
};

}  // namespace onewindow::localdb
