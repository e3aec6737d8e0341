// Printing through the engine (DESIGN.md §10, issue 11): a case's document is laid out from its
// template with what the engine knows of the case, archived as a PDF in the material store the
// first time it is issued, and sent to a named printer on the printing thread, so a spooler
// that hangs never holds the engine or a window. Every issue, print and reprint is recorded.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <span>

#include "client/engine/document_content.hpp"
#include "client/engine/durable_file.hpp"
#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "forms/intake_rules.hpp"
#include "localdb/case_certificates.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/document_repository.hpp"
#include "localdb/iso_time.hpp"
#include "printing/cups_printer.hpp"
#include "printing/render.hpp"
#include "printing/specimen.hpp"
#include "printing/template_loader.hpp"
#include "printing/template_paths.hpp"

namespace onewindow::engine {
namespace {

constexpr const char* kReprintMark = "补打";

std::vector<DocumentPage> rasterise(const printing::LaidOutDocument& document, double dpi,
                                    const std::string& watermark) {
  std::vector<DocumentPage> pages;
  if (dpi <= 0) return pages;
  printing::RenderOptions options;
  options.watermark = watermark;
  for (std::size_t index = 0; index < document.pages.size(); ++index) {
    printing::RasterPage raster = printing::renderPage(document, index, dpi, options);
    pages.push_back({raster.width, raster.height, raster.stride, std::move(raster.pixels)});
  }
  return pages;
}

// PDF metadata dates without a zone (cairo's form): the issue time, so the same document
// issued at the same moment renders to the same bytes.
std::string pdfDate(const std::string& isoUtc) {
  std::string date = isoUtc;
  if (!date.empty() && date.back() == 'Z') date.pop_back();
  return date;
}

// Which of the station's printers a document goes to (DocumentReady::printerClass): a card
// printer takes pages at most 100 mm wide, pre-printed stock (套打) its own tray or printer.
std::string printerClassOf(const printing::LaidOutDocument& document) {
  if (!document.pages.empty() && document.pages.front().width <= 100.0) return "card";
  if (document.preprinted) return "stock";
  return "paper";
}

}  // namespace

const printing::Template& Engine::Impl::templateOf(const std::string& kind) {
  const auto found = templates_.find(kind);
  if (found != templates_.end()) return found->second;
  const std::filesystem::path directory =
      config_.templatesDir.empty() ? printing::defaultTemplatesDirectory() : config_.templatesDir;
  const std::filesystem::path file = directory / (kind + ".xml");
  if (!std::filesystem::exists(file))
    throw localdb::CaseError(
        localdb::CaseError::Kind::NotFound,
        "there is no document template '" + kind + "' in " + directory.string());
  return templates_.emplace(kind, printing::loadTemplate(file.string())).first->second;
}

Engine::Impl::LaidOut Engine::Impl::layOutDocument(const localdb::CaseRecord& record,
                                                   const std::string& kind,
                                                   const std::string& documentNo,
                                                   forms::CivilDate issued,
                                                   const std::string& reprintReason) {
  const auto snapshot = localdb::loadCaseSnapshot(store_->database(), record.id);
  if (!snapshot)
    throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "no case " + record.uuid);
  const printing::Template& document = templateOf(kind);
  // A certificate says what central issued, never blanks: without its data it is not printed.
  std::optional<localdb::CertificateRecord> certificate;
  if (!isWindowDocument(kind)) {
    certificate = localdb::certificateOf(store_->database(), record.id);
    if (!certificate)
      throw localdb::CaseError(localdb::CaseError::Kind::WrongState,
                               "central has not issued the certificate of case " +
                                   record.provisionalNo.value_or(record.uuid) +
                                   " yet: it is printed once central's data has arrived");
  }
  DocumentContext context;
  context.snapshot = &*snapshot;
  context.catalog = catalog_.get();
  context.clerkId = session_->clerkId;
  context.clerkName = session_->clerkName;
  context.station = config_.station;
  if (context.station.verifyBaseUrl.empty()) context.station.verifyBaseUrl = central_.baseUrl();
  context.kind = kind;
  context.title = document.name;
  context.documentNo = documentNo;
  context.issued = issued;
  context.reprintReason = reprintReason;
  context.certificate = certificate ? &*certificate : nullptr;
  LaidOut laidOut{record.uuid, kind, printing::layOut(document, documentData(context)),
                  reprintReason.empty() ? std::string() : kReprintMark};
  if (certificate) {
    std::string missing;
    for (const std::string& field : laidOut.document.missingFields)
      if (field.starts_with("certificate.")) missing += (missing.empty() ? "" : ", ") + field;
    if (!missing.empty())
      throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                               "central's certificate " + certificate->number + " lacks " +
                                   missing + " that " + document.name +
                                   " prints: ask the back office to issue it again");
  }
  return laidOut;
}

std::string Engine::Impl::certificateTemplateOf(const localdb::CaseRecord& record) const {
  if (!catalog_ || !record.intakeAt) return {};
  const auto intakeAt = localdb::parseIsoUtc(*record.intakeAt);
  if (!intakeAt) return {};
  const auto subject = forms::subjectOn(*catalog_, record.matterCode, forms::chinaDate(*intakeAt));
  return subject && subject->matter ? subject->matter->certificateTemplate : std::string();
}

std::string Engine::Impl::resultDocumentOf(const localdb::CaseRecord& record) {
  const std::string certificate = certificateTemplateOf(record);
  if (!certificate.empty() && localdb::certificateOf(store_->database(), record.id))
    return certificate;
  return "completion-notice";
}

void Engine::Impl::handle(IssueDocument& command) {
  withClerk(command.requestId, [&] {
    auto record = cases_->findByUuid(command.caseRef);
    if (!record) record = cases_->findByNumber(command.caseRef);
    if (!record || !record->intakeAt)
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound,
                               "no case taken in with the number or id " + command.caseRef);
    std::string kind = command.kind;
    if (kind.empty()) {
      const auto snapshot = localdb::loadCaseSnapshot(store_->database(), record->id);
      if (!snapshot || snapshot->decisions.empty())
        throw localdb::CaseError(localdb::CaseError::Kind::WrongState,
                                 "case " + command.caseRef + " has no decision to give notice of");
      kind = noticeKindFor(snapshot->decisions.back().kind);
    }
    templateOf(kind);  // a kind with no template at all is said so first
    if (!isWindowDocument(kind)) {
      const std::string own = certificateTemplateOf(*record);
      if (kind != own)
        throw localdb::CaseError(
            localdb::CaseError::Kind::Invalid,
            "'" + kind + "' is not a document of case " + command.caseRef +
                (own.empty() ? std::string(": its matter issues no certificate")
                             : ": its matter's certificate is '" + own + "'"));
    }
    localdb::DocumentRepository documents(store_->database());
    std::optional<localdb::IssuedDocument> existing = documents.find(record->id, kind);
    // A certificate is the document printed from central's certificate as it stands: after a
    // reissue it is a new document (never a 补打 of the old data).
    std::optional<localdb::CertificateRecord> certificate;
    if (!isWindowDocument(kind)) {
      certificate = localdb::certificateOf(store_->database(), record->id);
      existing = certificate && !certificate->documentNo.empty()
                     ? documents.findByNumber(certificate->documentNo)
                     : std::nullopt;
    }
    const localdb::Actor by = actor();
    const std::string documentNo =
        existing ? existing->documentNo
                 : documents.nextNumber(record->provisionalNo.value_or(record->uuid),
                                        documentCode(kind));
    const std::string issuedAt = existing ? existing->issuedAt : by.at;
    const forms::CivilDate issued = forms::chinaDate(*localdb::parseIsoUtc(issuedAt));
    LaidOut laidOut = layOutDocument(*record, kind, documentNo, issued, "");
    bool printedBefore = false;
    std::filesystem::path pdf;
    if (existing) {
      for (const auto& print : documents.printsOf(existing->id))
        printedBefore = printedBefore || (!print.printer.empty() && print.outcome != "failed");
      pdf = materials_->pathOf(existing->pdfSha256);
    } else {
      printing::RenderOptions options;
      options.creationDate = pdfDate(issuedAt);
      const std::string bytes = printing::renderPdf(laidOut.document, options);
      const localdb::StoredFile stored =
          materials_->put(std::as_bytes(std::span(bytes.data(), bytes.size())));
      documents.issue(record->id, record->uuid, kind, laidOut.document.name, documentNo,
                      stored.sha256, stored.size, by);
      if (certificate) localdb::bindCertificateDocument(store_->database(), record->id, documentNo);
      pdf = materials_->pathOf(stored.sha256);
      publishPendingCount();
    }
    if (printedBefore) laidOut.watermark = kReprintMark;  // what the next print will show
    DocumentReady ready{command.requestId,
                        record->uuid,
                        documentNo,
                        kind,
                        laidOut.document.name,
                        static_cast<int>(laidOut.document.pages.size()),
                        laidOut.document.copies,
                        printedBefore,
                        pdf,
                        command.previewDpi,
                        rasterise(laidOut.document, command.previewDpi, laidOut.watermark),
                        printerClassOf(laidOut.document)};
    laidOut_[documentNo] = std::move(laidOut);
    publish(ready);
  });
}

void Engine::Impl::handle(RenderDocumentPages& command) {
  withClerk(command.requestId, [&] {
    const auto found = laidOut_.find(command.documentNo);
    if (found == laidOut_.end())
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound,
                               "document " + command.documentNo + " is not open; issue it first");
    publish(DocumentPagesRendered{
        command.requestId, command.documentNo, command.dpi,
        rasterise(found->second.document, command.dpi, found->second.watermark)});
  });
}

void Engine::Impl::handle(PrintDocument& command) {
  withClerk(command.requestId, [&] {
    localdb::DocumentRepository documents(store_->database());
    const auto document = documents.findByNumber(command.documentNo);
    if (!document)
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound,
                               "no issued document " + command.documentNo);
    const auto record = cases_->findByUuid([&] {
      localdb::Statement uuid = store_->database().prepare("SELECT uuid FROM cases WHERE id = ?1");
      uuid.bind(1, document->caseId);
      return uuid.step() ? uuid.columnText(0) : std::string();
    }());
    if (!record)
      throw localdb::CaseError(localdb::CaseError::Kind::NotFound, "the document's case is gone");
    bool printedBefore = false;
    for (const auto& print : documents.printsOf(document->id))
      printedBefore = printedBefore || (!print.printer.empty() && print.outcome != "failed");
    const bool toPrinter = command.toFile.empty();
    if (toPrinter && command.printer.empty())
      throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                               "no printer is chosen for " + document->title +
                                   "; choose one in the settings (a document never goes to the "
                                   "default printer)");
    const bool reprint = toPrinter && printedBefore;
    if (reprint && command.reprintReason.empty())
      throw localdb::CaseError(localdb::CaseError::Kind::Invalid,
                               document->title + " " + document->documentNo +
                                   " was printed before: a reprint needs a reason");
    const localdb::Actor by = actor();
    const forms::CivilDate issued = forms::chinaDate(*localdb::parseIsoUtc(document->issuedAt));
    // A reprint is laid out again: it says 补打 and shows the official number if bound since.
    LaidOut laidOut = layOutDocument(*record, document->kind, document->documentNo, issued,
                                     reprint ? command.reprintReason : std::string());
    printing::RenderOptions archive;
    archive.creationDate = pdfDate(reprint ? by.at : document->issuedAt);
    archive.watermark = laidOut.watermark;
    const std::string bytes = printing::renderPdf(laidOut.document, archive);
    const localdb::StoredFile stored =
        materials_->put(std::as_bytes(std::span(bytes.data(), bytes.size())));
    const int copies = command.copies > 0 ? command.copies : laidOut.document.copies;
    const std::int64_t printId = documents.recordPrint(
        *document, record->uuid,
        {stored.sha256, stored.size, toPrinter ? command.printer : std::string(), copies, reprint,
         reprint ? command.reprintReason : std::string()},
        by);
    DocumentPrinted printed{command.requestId,
                            document->documentNo,
                            toPrinter ? command.printer : std::string(),
                            command.toFile,
                            std::nullopt,
                            reprint,
                            copies};
    laidOut_[document->documentNo] = laidOut;
    if (!toPrinter) {
      writeFileDurably(command.toFile, bytes);
      publish(printed);
      return;
    }
    // On pre-printed stock the printer gets the values only, moved by its calibration.
    // The paper and sides go with the job: an A5 receipt must not come out scaled onto A4,
    // and a printer without the template's paper or duplex refuses before printing anything.
    const auto& pages = laidOut.document.pages;
    PrintJob job{
        command.printer,
        materials_->pathOf(stored.sha256),
        document->title + " " + document->documentNo,
        copies,
        pages.empty() ? std::string() : printing::mediaForPageSize(pages[0].width, pages[0].height),
        laidOut.document.sides,
        printStop_.get_token()};
    std::string printerBytes;
    if (laidOut.document.preprinted || command.offsetX != 0 || command.offsetY != 0) {
      printing::RenderOptions forPrinter = archive;
      forPrinter.includeStock = !laidOut.document.preprinted;
      forPrinter.offsetX = command.offsetX;
      forPrinter.offsetY = command.offsetY;
      job.pdf = config_.profileDir / "print" / (document->documentNo + ".pdf");
      std::filesystem::create_directories(job.pdf.parent_path());
      writeFileDurably(job.pdf, printing::renderPdf(laidOut.document, forPrinter));
    }
    printQueue_.post([this, job, printed, printId, requestId = command.requestId] {
      const PrintOutcome outcome = printService().print(job);
      queue_.post([this, printed, printId, requestId, outcome] {
        finishPrint(requestId, printId, printed, outcome);
      });
    });
  });
}

void Engine::Impl::finishPrint(std::uint64_t requestId, std::int64_t printId,
                               const DocumentPrinted& printed, const PrintOutcome& outcome) {
  try {
    localdb::DocumentRepository(store_->database())
        .finishPrint(printId, outcome.jobId, outcome.code.empty() ? "completed" : "failed",
                     outcome.code.empty() ? std::string() : outcome.code + ": " + outcome.message);
  } catch (const std::exception& error) {
    log(std::string("recording how print ") + std::to_string(printId) +
        " ended failed: " + error.what());
  }
  if (!outcome.code.empty()) {
    log("print of " + printed.documentNo + " to " + printed.printer +
        " failed: " + outcome.message);
    CommandFailed failed{requestId, CommandFailure::PrintFailed, outcome.message};
    failed.code = outcome.code;
    publish(failed);
    return;
  }
  DocumentPrinted done = printed;
  done.jobId = outcome.jobId;
  publish(done);
}

void Engine::Impl::handle(ListPrinters& command) {
  printQueue_.post([this, requestId = command.requestId] {
    const PrinterList list = printService().listPrinters();
    queue_.post([this, requestId, list] {
      publish(PrintersListed{requestId, list.printers, list.message, list.code});
    });
  });
}

void Engine::Impl::warmUpDocuments() {
  try {
    const auto started = std::chrono::steady_clock::now();
    printing::RenderOptions options;
    options.watermark = "样本";
    (void)printing::renderPdf(
        printing::layOut(templateOf("acceptance-notice"), printing::specimenData()), options);
    log("document fonts loaded in " +
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count()) +
        " ms");
  } catch (const std::exception& error) {
    log(std::string("the document templates could not be prepared: ") + error.what());
  }
}

PrintService& Engine::Impl::printService() {
  if (!printService_) printService_ = makeCupsPrintService();
  return *printService_;
}

}  // namespace onewindow::engine
