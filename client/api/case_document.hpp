#pragma once
// The <case> body of PUT /api/v1/cases/{uuid}?version={n} (API.md §4.5) as a plain struct, and
// its XML. toXml is deterministic — the same struct gives byte-identical output — because
// (uuid, version) is the idempotency key: a resend after a lost reply must be the same body,
// or central answers 409 case.conflict.
//
// Times go on the wire as YYYYMMDDThhmmss (UTC) and dates as YYYYMMDD. toXml accepts either
// that form or ISO 8601 ("2026-11-27T02:15:00Z", "2026-12-18") in the struct and writes the
// wire form; a value it cannot read is written unchanged (central then answers case.invalid).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onewindow::api {

struct CaseApplicant {
  std::string name;
  std::string idType;  // "id_card", ...
  std::string idNumber;
};

struct CaseForm {
  std::string id;  // empty: no <form> element
  std::string version;
  std::string instanceXml;  // the ODK instance, sent as CDATA
  std::string revisedAt;    // the latest revision's time; empty when never revised
  int revisedAfter = 0;     // how many decisions had been taken when it was revised
};

struct CasePage {
  std::string sha256;
  std::uint64_t size = 0;
};

struct CaseSlot {
  std::string key;
  std::string name;
  bool mandatory = false;
  std::string status;  // "received", "missing", "waived", ...
  int originals = 0;
  int copies = 0;
  std::vector<CasePage> pages;
  std::string suppliedAt;  // supplied after the decision: when (a time), what it was, and
  std::string was;         // how many decisions had been taken then
  int suppliedAfter = 0;
};

struct CaseDecision {
  std::string kind;  // "accept", "accept_with_gaps", "refuse", "correction", ...
  std::string decidedAt;
  std::string clerkId;
  std::string grounds;            // optional
  std::string legalBasis;         // optional
  std::string gapDeadline;        // optional, a date (or a time)
  bool commitmentSigned = false;  // accept_with_gaps: the applicant signed the commitment
};

// An issued document's archived PDF (API.md §4.5.2): the first issue, or a reprint whose PDF
// differs. The PDF is a material, uploaded by its SHA-256 before the body that names it.
struct CaseIssuedDocument {
  std::string kind;  // the print template's kind: "acceptance-notice", ...
  std::string number;
  std::string issuedAt;  // a time (ISO 8601 or the wire form)
  std::string sha256;
  std::uint64_t size = 0;
  bool reprint = false;
};

// What happened after the decision at the window (API.md §4.5.3): withdrawal, void, handover,
// posting. None: no <events> element.
struct CaseEvent {
  std::string kind;
  std::string at;
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

// One chosen answer to a scenario question (情形引导): central derives the material list again.
struct CaseScenarioAnswer {
  std::string question;
  std::string answer;
};

struct CaseDocument {
  std::string uuid;
  std::int64_t version = 1;
  std::string provisionalNo;
  std::string window;
  std::string clerkId;
  std::string matterCode;
  std::string matterName;
  std::string state;
  std::string intakeAt;
  std::string acceptedAt;   // optional
  std::string promisedDue;  // optional, a date
  std::string legalDue;     // optional, a date
  CaseApplicant applicant;
  std::vector<CaseScenarioAnswer> scenario;  // in question order
  CaseForm form;
  std::vector<CaseSlot> slots;
  std::vector<CaseDecision> decisions;
  std::vector<CaseIssuedDocument> documents;  // none: no <documents> element at all
  std::vector<CaseEvent> events;              // none: no <events> element at all
};

[[nodiscard]] std::string toXml(const CaseDocument& document);

// "2026-11-27T02:15:00Z" → "20261127T021500". Accepts a space for 'T', fractional seconds
// (dropped), 'Z', "+hh:mm"/"-hh:mm" (converted to UTC) or no zone (taken as UTC), and the wire
// form itself. nullopt for anything else.
[[nodiscard]] std::optional<std::string> wireTimeFromIso(std::string_view iso);
// The other way, for what central sends: any form wireTimeFromIso accepts → the store's ISO form
// "2026-11-27T02:15:00Z". nullopt for anything else.
[[nodiscard]] std::optional<std::string> isoFromWireTime(std::string_view wire);
// "2026-12-18" → "20261218"; the wire form passes unchanged; nullopt otherwise.
[[nodiscard]] std::optional<std::string> wireDateFromIso(std::string_view iso);

}  // namespace onewindow::api
