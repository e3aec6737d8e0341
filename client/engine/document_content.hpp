#pragma once
// What a printed document says about a case (printing/README.md, "Data"), decided here in the
// engine from the case as stored, the catalog and the station — never by a screen — so the GUI
// preview, `onewindow-ctl print` and the archived PDF say the same.
#include <string>

#include "client/engine/station_profile.hpp"
#include "forms/catalog.hpp"
#include "forms/civil_date.hpp"
#include "localdb/case_certificates.hpp"
#include "localdb/case_snapshot.hpp"
#include "printing/document_data.hpp"

namespace onewindow::engine {

struct DocumentContext {
  const localdb::CaseSnapshot* snapshot = nullptr;
  const forms::Catalog* catalog = nullptr;  // may be null: the matter's name from the case
  std::string clerkId, clerkName;
  StationProfile station;
  std::string kind;  // the template's kind
  std::string title;
  std::string documentNo;
  forms::CivilDate issued;
  std::string reprintReason;
  // Central's certificate of the case: its template's {certificate.*} data. Null: none issued.
  const localdb::CertificateRecord* certificate = nullptr;
};

printing::DocumentData documentData(const DocumentContext& context);

// The template kind of a decision's notice.
[[nodiscard]] std::string noticeKindFor(const std::string& decisionKind);
// Whether `kind` is one of the window's own documents (notices, receipts) rather than a
// matter's certificate, which only central's certificate data can fill.
[[nodiscard]] bool isWindowDocument(const std::string& kind);
// Two letters in a document number per kind: SL 受理, JS 接收, GZ 告知, RQ 容缺, BY 不予 …
[[nodiscard]] std::string documentCode(const std::string& kind);

// The short check code of the verification address: four characters derived from the case's
// UUID (which never leaves the window and central), so a guessed number alone shows nothing.
[[nodiscard]] std::string verificationCode(const std::string& caseUuid);
[[nodiscard]] std::string verificationUrl(const std::string& base, const std::string& caseNumber,
                                          const std::string& caseUuid);

}  // namespace onewindow::engine
