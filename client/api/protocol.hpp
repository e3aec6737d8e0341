#pragma once
// The XML bodies of central/API.md, read and written with pugixml. Parsing is strict: a
// reply without the elements the contract promises is Malformed, with a message that says
// which element was missing, never a half-filled struct. Elements and attributes the contract
// does not name are ignored (API.md §1, Evolution).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "client/api/api_error.hpp"

namespace onewindow::api {

struct HealthInfo {
  std::string status;
  std::string service;
  std::string version;
  std::string apiVersion;
  std::string serverTime;  // YYYYMMDDThhmmss, UTC
};

struct LoginRequest {
  std::string clerkId;
  std::string password;
  std::string windowCode;
};

struct SessionInfo {
  std::string token;
  std::string clerkId;
  std::string clerkName;
  std::string role;  // "clerk" | "supervisor"
  std::string windowCode;
  std::string expires;  // YYYYMMDDThhmmss, UTC
};

// GET /api/v1/limits (API.md §4.2). Read once per session and honour.
struct Limits {
  std::uint64_t maxRequestBytes = 0;
  std::uint64_t maxMaterialBytes = 0;
  std::uint64_t chunkBytes = 0;
  std::uint64_t maxCaseBytes = 0;
};

// HEAD /api/v1/materials/{sha256} (API.md §4.3).
struct MaterialStatus {
  bool present = false;
  std::uint64_t size = 0;          // when present
  std::uint64_t uploadOffset = 0;  // when absent: bytes of an interrupted upload central keeps
};

// The result of CentralClient::uploadMaterial.
struct UploadOutcome {
  bool alreadyPresent = false;    // central had the file before this call (HEAD 200, PUT 200)
  std::uint64_t bytesSent = 0;    // file bytes this call handed to the network
  std::uint64_t resumedFrom = 0;  // where the chunked upload started (HEAD's Upload-Offset)
  std::size_t largestRead = 0;    // largest single read from the file (curl's upload buffer)
};

// <case-receipt> (API.md §4.5, §4.6).
struct CaseReceipt {
  std::string uuid;
  std::int64_t version = 0;
  std::string officialNo;
  std::string receivedAt;  // YYYYMMDDThhmmss, UTC
  std::string state;
  std::string bodySha256;
  bool created = false;  // 201: this version was new; 200: a repeat (or GET)
};

// One entry of the change feed (API.md §4.7). Fields a kind does not use are empty; kinds this
// client does not know are passed on unchanged (the sync engine skips them).
struct Change {
  std::int64_t seq = 0;
  std::string kind;  // "official-number" | "status" | "decision" | "certificate" | "sub-case" | ...
  std::string caseUuid;
  std::string officialNo;
  std::string state;
  std::string result;
  std::string number;      // certificate: its number; sub-case: the sub-case number
  std::string matterCode;  // sub-case: the part's matter
  std::string department;  // sub-case: where central routed it
  std::string at;          // YYYYMMDDThhmmss, UTC
  std::string text;        // the element's text (a decision's wording)
  std::string issuer;      // certificate: the issuing body (may be empty)
  std::string validUntil;  // certificate: YYYY-MM-DD, empty when it does not expire
  std::vector<std::pair<std::string, std::string>> fields;  // certificate: template data
  std::string by;  // supervision: the supervisor's clerk id
};

struct ChangePage {
  std::string next;  // opaque cursor: pass as `since` of the next call
  std::vector<Change> changes;
};

// POST /api/v1/ratings (API.md §4.8).
struct Rating {
  std::string id;  // uuid, the idempotency key
  std::string caseUuid;
  std::string stage;  // "acceptance" | "completion" | "visit"
  std::string label;
  std::string scale;  // "gb" | "device"
  int level = 0;
  std::string ratedAt;               // YYYYMMDDThhmmss, UTC
  std::vector<std::string> reasons;  // the ticked reasons (a bad rating needs them or a comment)
  std::string comment;
};

// GET /api/v1/catalog (API.md §4.9). `notModified`: the If-None-Match tag still names the
// current release (304); nothing else is set then.
struct CatalogManifestFile {
  std::string path;
  std::string sha256;
  std::uint64_t bytes = 0;
};

struct CatalogManifest {
  bool notModified = false;
  std::string release;  // also the ETag
  std::string published;
  std::vector<CatalogManifestFile> files;
};

// GET /api/v1/centre/cases (API.md §4.12): every station's cases, for a supervisor. Empty
// fields and zero numbers are left out of the request (central's defaults apply).
enum class CentreCaseSort {
  Intake,  // newest intake first (central's default)
  Due,     // nearest promised date first, cases without one last
};

struct CentreCaseQuery {
  std::vector<std::string> states;  // DESIGN.md §4 state names; empty: every state
  std::string matter;               // a matter code
  std::string dueFrom;              // YYYY-MM-DD, on the promised date, inclusive
  std::string dueTo;                // YYYY-MM-DD, inclusive
  std::string lookup;  // prefix of the official or provisional number or the applicant's name
  bool supervisedOnly = false;  // only cases with a 督办 mark
  CentreCaseSort sort = CentreCaseSort::Intake;
  std::int64_t offset = 0;
  int limit = 0;  // 1..500; 0: central's default (200)
};

struct CentreCaseRow {
  std::string uuid;
  std::string officialNo;
  std::string provisionalNo;
  std::string station;
  std::string window;
  std::string clerkId;
  std::string matterCode;
  std::string matterName;
  std::string applicantName;
  std::string state;        // central's current state
  std::string intakeAt;     // YYYYMMDDThhmmss, UTC
  std::string promisedDue;  // YYYY-MM-DD, empty when the case has none
  std::string legalDue;     // YYYY-MM-DD, empty when the case has none
  std::string updatedAt;    // YYYYMMDDThhmmss, UTC
  // The 督办 mark central keeps (§4.13): its note, who set it, when (YYYYMMDDThhmmss, UTC);
  // all empty when the case is not marked.
  std::string supervisionNote;
  std::string supervisedBy;
  std::string supervisedAt;
};

struct CentreStateCount {
  std::string state;
  std::int64_t count = 0;
};

// `notModified`: the known ETag is still current (304); only `etag` is set then, and the
// caller keeps the page it has.
struct CentreCasePage {
  bool notModified = false;
  std::int64_t total = 0;  // rows the filter selects, over all pages
  std::int64_t offset = 0;
  std::string asOf;  // YYYYMMDDThhmmss, UTC: when central read them
  std::vector<CentreCaseRow> rows;
  std::vector<CentreStateCount> stateCounts;  // the whole centre's, whatever the filter
  std::string etag;  // as central sent it, quotes included: pass back as knownEtag
};

// POST /api/v1/centre/cases/{uuid}/supervision (API.md §4.13): a supervisor sets, replaces or
// lifts a case's 督办 mark at central, which passes it to the case's own station by its feed.
struct SupervisionRequest {
  bool lift = false;
  std::string text;  // the mark's note, or why it is lifted
};

// The mark as central holds it after the request.
struct SupervisionState {
  std::string caseUuid;
  bool marked = false;
  std::string by;
  std::string at;    // YYYYMMDDThhmmss, UTC
  std::string text;  // the note, or the reason it was lifted
  // The seq of the case's latest supervision change in its station's feed (0: none yet).
  std::int64_t seq = 0;
};

enum class Stored {
  Created,       // 201
  AlreadyThere,  // 200: the same thing was received before
};

[[nodiscard]] std::string loginBody(const LoginRequest& request);
[[nodiscard]] std::string ratingBody(const Rating& rating);
// What may stand for a case in a path: hex digits and dashes (central checks the form).
[[nodiscard]] bool isCaseUuid(const std::string& uuid);
[[nodiscard]] std::string supervisionBody(const SupervisionRequest& request);

[[nodiscard]] Result<HealthInfo> parseHealth(const HttpResponse& response);
[[nodiscard]] Result<SessionInfo> parseSession(const HttpResponse& response);
[[nodiscard]] Result<Limits> parseLimits(const HttpResponse& response);
[[nodiscard]] Result<MaterialStatus> parseMaterialStatus(const HttpResponse& response);
[[nodiscard]] Result<CaseReceipt> parseCaseReceipt(const HttpResponse& response);
[[nodiscard]] Result<ChangePage> parseChangePage(const HttpResponse& response);
[[nodiscard]] Result<Stored> parseStored(const HttpResponse& response);
[[nodiscard]] Result<CatalogManifest> parseCatalogManifest(const HttpResponse& response);
[[nodiscard]] Result<CentreCasePage> parseCentreCasePage(const HttpResponse& response);
[[nodiscard]] Result<SupervisionState> parseSupervisionState(const HttpResponse& response);

// "/api/v1/centre/cases?..." with every value percent-encoded (RFC 3986: all but unreserved).
[[nodiscard]] std::string centreCasesPath(const CentreCaseQuery& query);

// Turns any non-success response into an ApiError (transport failure, XML error body, or a
// status without a body), with Retry-After and the missing materials of
// case.missing_materials.
[[nodiscard]] ApiError errorFrom(const HttpResponse& response);

// An ApiError for a reply that does not follow the contract.
[[nodiscard]] ApiError malformedReply(const HttpResponse& response, const std::string& what);

// The 64-hex-digit sha256 values in a text (case.missing_materials lists them one per line).
[[nodiscard]] std::vector<std::string> sha256ValuesIn(const std::string& text);

// 64 lowercase hex digits.
[[nodiscard]] bool isSha256Name(const std::string& text);

}  // namespace onewindow::api
