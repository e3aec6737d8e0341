#pragma once
// Reading the body of PUT /api/v1/cases/{uuid}?version=n (central/API.md §4.5) and checking
// the rules a case must keep. Kept apart from HTTP and the database, so every way a case can
// be wrong is tested without a server.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "forms/case_vocabulary.hpp"
#include "forms/civil_date.hpp"

namespace onewindow::central {

struct CaseSlotEntry {
  std::string key;
  std::string name;
  bool mandatory = false;
  forms::MaterialStatus status = forms::MaterialStatus::Pending;
  std::size_t pages = 0;
  // Supplied after the decision at the window (a 容缺 gap, a correction): when, and what before.
  std::optional<std::chrono::sys_seconds> suppliedAt;
  forms::MaterialStatus suppliedFrom = forms::MaterialStatus::Gap;
  int suppliedAfter = 0;  // how many decisions had been taken when it was supplied
};

struct CaseDecisionEntry {
  forms::DecisionKind kind = forms::DecisionKind::Accept;
  std::chrono::sys_seconds decidedAt{};
  std::string grounds;
  std::optional<forms::CivilDate> gapDeadline;
  bool commitmentSigned = false;
};

// What happened to the case after its decision at the window (<events>, API.md §4.5.3).
struct CaseEventEntry {
  std::string kind;  // withdrawal | void | handover | posting
  std::chrono::sys_seconds at{};
  std::string clerkId;
  std::string reason;
  std::string collectorName;
  std::string collectorIdType;
  std::string collectorIdNumber;
  bool authorised = false;
  bool idChecked = false;
  std::vector<std::string> documents;
  std::string carrier;
  std::string trackingNo;
};

// An issued document's archived PDF named by <documents> (central/API.md §4.5.2).
struct CaseIssuedDocument {
  std::string kind;
  std::string number;
  std::chrono::sys_seconds issuedAt{};
  std::string sha256;
  std::uint64_t size = 0;
  bool reprint = false;
};

struct CaseDocument {
  std::string uuid;
  int version = 0;
  std::string state;
  std::string provisionalNo;  // the window's number, printed on notices before central's
  std::string matterCode;
  std::string matterName;  // as the window's catalog named it (optional in the body)
  std::chrono::sys_seconds intakeAt{};
  std::optional<forms::CivilDate> promisedDue;
  std::optional<forms::CivilDate> legalDue;
  std::string applicantName;
  std::string applicantIdType;
  std::string applicantIdNumber;
  std::string formId;
  std::string formVersion;
  std::string formInstanceXml;  // the intake form's instance, as the window filled it in
  // When the form was last revised (a correction); decisions before it were taken on answers
  // central does not have.
  std::optional<std::chrono::sys_seconds> formRevisedAt;
  int formRevisedAfter = 0;  // decisions taken before the revision (they saw other answers)
  std::vector<std::pair<std::string, std::string>> scenario;  // (question, answer), in order
  std::vector<CaseSlotEntry> slots;
  std::vector<CaseDecisionEntry> decisions;
  std::vector<std::string> pageSha256s;       // in document order, each once
  std::vector<CaseIssuedDocument> documents;  // in document order; none for an older body
  std::vector<CaseEventEntry> events;         // in order; none before the second visit
};

// Every material the case names, each once: its pages, then its documents' PDFs. Central must
// hold each of them before it stores the case.
[[nodiscard]] std::vector<std::string> materialSha256s(const CaseDocument& document);

struct CaseProblem {
  std::string message;  // for <message> of 422 case.invalid
};

// True for a canonical UUID: 8-4-4-4-12 lowercase hex digits.
[[nodiscard]] bool isCanonicalUuid(std::string_view text);

// `uuid` and `version` come from the path and query; the body must agree with them.
[[nodiscard]] std::variant<CaseDocument, CaseProblem> parseCaseDocument(std::string_view body,
                                                                        std::string_view uuid,
                                                                        int version);

}  // namespace onewindow::central
