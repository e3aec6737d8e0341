#pragma once
// Everything a front end asks the engine to do. Each is handled on the engine thread and
// answered, if at all, by a notification.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "client/engine/case_desk_values.hpp"
#include "client/engine/case_values.hpp"
#include "client/engine/supervision_values.hpp"
#include "forms/catalog.hpp"

namespace onewindow::engine {

struct Login {
  std::string clerkId;
  std::string password;
  std::string windowCode;
};

struct Logout {};

struct SetCentralUrl {
  std::string url;
};

// Probe central now and republish connectivity and the pending count.
struct RefreshStatus {};

// Case commands carry a requestId chosen by the caller; the answer (or CommandFailed) carries it
// back. They need a logged-in clerk: the clerk and window are taken from the session.

// A new case of a matter or bundle (basic, implementation or bundle code) in effect today in the
// engine's catalog; DraftStarted says what it is and when it would be due.
struct StartDraft {
  std::uint64_t requestId = 0;
  std::string matterCode;
};

// Autosave of the form being typed: durable when DraftSaved arrives.
struct SaveDraft {
  std::uint64_t requestId = 0;
  std::string uuid;
  DraftContent content;
};

// A scanned or imported page into the material store (file I/O stays off the UI thread).
struct StoreMaterial {
  std::uint64_t requestId = 0;
  std::filesystem::path source;
};

// Intake (收件) of the draft as last saved: the engine checks the applicant and the form's
// answers with the matter's form in force today, makes the material slots from the catalog and
// the scenario answers, computes the due dates on the matter's calendar, then numbers the case.
// A broken rule refuses it (CommandFailed with the located problems). With `forCorrection` the
// clerk takes in a case whose only problems are the form's answers, to hand out a one-time
// correction notice listing them; such a case cannot be accepted.
struct FinalizeIntake {
  std::uint64_t requestId = 0;
  std::string uuid;
  forms::ScenarioAnswers scenarios;
  std::vector<MaterialAnswer> materials;
  bool forCorrection = false;
};

// A decision on a case taken in, checked against the rules of the window (intake_rules.hpp).
// `caseRef`: the case's UUID or its provisional number.
struct RecordDecision {
  std::uint64_t requestId = 0;
  std::string caseRef;
  DecisionAnswer decision;
};

// Load this catalog file and use it from now on, instead of releases from central (what
// --catalog does at start-up; an administrator installing a catalog by hand).
struct UseCatalog {
  std::filesystem::path file;
};

struct SearchApplicants {
  std::uint64_t requestId = 0;
  std::string typed;
};

// Sync: the Sync page's list, the clerk's retry of a quarantined case, "send now".
struct ListSyncQueue {
  std::uint64_t requestId = 0;
  bool includeConfirmed = false;
};

struct RetrySync {
  std::uint64_t requestId = 0;
  std::string uuid;
};

struct SyncNow {};

// Printing (DESIGN.md §10). A document of a case from its template: numbered and archived
// (its PDF in the material store, sent to central with the case) the first time, the same
// number afterwards. `kind` empty: the notice of the case's latest decision. `previewDpi` > 0:
// DocumentReady carries the pages rasterised for the preview.
struct IssueDocument {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string kind;
  double previewDpi = 0;
};

// The pages of an issued document again, at another resolution (the preview's zoom).
struct RenderDocumentPages {
  std::uint64_t requestId = 0;
  std::string documentNo;
  double dpi = 96;
};

// An issued document to a named printer (never the default one) or, with `toFile`, to a PDF
// file. A document printed before is reprinted: the reason is required, the page says 补打 and
// shows the official number if central has bound it since. The printer's calibration offset
// (millimetres) moves the values on pre-printed stock (套打).
struct PrintDocument {
  std::uint64_t requestId = 0;
  std::string documentNo;
  std::string printer;
  std::filesystem::path toFile;
  int copies = 0;  // 0: as many as the document asks for
  std::string reprintReason;
  double offsetX = 0, offsetY = 0;
};

struct ListPrinters {
  std::uint64_t requestId = 0;
};

// Scanning (DESIGN.md §9). The devices of every driver (SANE scanners, document cameras, the
// watched folders of network scanners); the first listing may take seconds (SANE looks on the
// network), so it runs on the scan thread.
struct ListScanDevices {
  std::uint64_t requestId = 0;
};

// Capture into a material slot of a draft: each page is kept in the store the moment it
// arrives, processed to the material's policy and announced (CapturedPageStored, then
// CapturedPageProcessed); the batch ends with CaptureEnded. `device` is an id from
// ScanDevicesListed; for file import it is "files" and `files` lists what to import.
struct StartCapture {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  std::string device;
  ScanSettings settings;
  std::vector<std::filesystem::path> files;
};

// Stops the capture of that request at the next point the device allows; pages done are kept.
struct CancelCapture {
  std::uint64_t requestId = 0;
};

// The slot's pages with thumbnails, the policy and how the pages meet it.
struct ListCapturedPages {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  int thumbnailSide = 160;
};

// The page editor's new order, turns and crops (pages left out are removed; an undo lists them
// again). Answered by CapturedPagesListed. With `interleaveDuplex` the engine orders the
// slot's pages itself for a manual duplex: the first half are the fronts, the second half the
// backs as the feeder gave them (last page first), and `pages` is not used.
struct ArrangeCapturedPages {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  std::vector<PageArrangement> pages;
  int thumbnailSide = 160;
  bool interleaveDuplex = false;
};

// The live picture of a document camera (高拍仪) for the capture window, until StopCameraPreview
// or another preview; frames arrive as CameraFrame, fitted into `maxSide`, as fast as the
// window takes them. A capture from the same camera stops the preview first (a camera streams
// to one reader); the window starts it again after CaptureEnded.
struct StartCameraPreview {
  std::uint64_t requestId = 0;
  std::string device;  // "camera:/dev/video0"
  int maxSide = 480;
};

struct StopCameraPreview {};

// A page as the clerk crops it (turned, not cropped), fitted into `maxSide`. Answered by
// CapturedPageRendered.
struct RenderCapturedPage {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  std::int64_t pageId = 0;
  int maxSide = 800;
};

// The case desk: the window's cases and the applicant's second visit. `caseRef` is a case's
// UUID, provisional or official number. Each second-visit command is checked in the engine
// with the rules of forms/second_visit_rules.hpp, audited, queued for central as the case's next
// version, and answered by SecondVisitRecorded with the case as it now stands.

// A page of the list (the list is virtual: it asks for the rows it shows), with the total.
struct ListCases {
  std::uint64_t requestId = 0;
  CaseListQuery query;
  int offset = 0;
  int limit = 200;
};

// What the clerk typed or a keyboard-wedge scanner sent with Enter: a provisional or official
// number, an ID number, a mobile number, or the text of a notice's QR code (its address
// <base>/v/<number>?c=<code>). Exactly one case: CaseDetailReady; otherwise CasesListed.
struct FindCase {
  std::uint64_t requestId = 0;
  std::string typed;
};

struct ShowCase {
  std::uint64_t requestId = 0;
  std::string caseRef;
};

// A material the applicant owes (a 容缺 gap by its deadline, or one a correction notice asked
// for by the notice's date) supplied now: `pages` stored with StoreMaterial, plus the pages
// captured into the slot (StartCapture works on an owed slot). The last gap of a 容缺 case
// makes it accepted.
struct SupplyMaterial {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string slotKey;
  std::vector<PageRef> pages;
};

// The decision on the supplements of a correction notice (accept, 容缺 or refuse), with the form
// as corrected when its answers were what the notice listed: the whole content, or only the
// answers (instance XML; the applicant and the form stay the case's).
struct AnswerCorrection {
  std::uint64_t requestId = 0;
  std::string caseRef;
  DecisionAnswer decision;
  std::optional<DraftContent> correctedForm;
  std::optional<std::string> correctedAnswers;
};

struct WithdrawCase {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string reason;
};

// A 容缺 case whose deadline passed with a gap still owed: voided, with the reason.
struct VoidOverdueCase {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string reason;
};

// 出件: the result handed over; `documents` are the numbers of the documents handed (printed
// with IssueDocument/PrintDocument first).
struct HandOverResult {
  std::uint64_t requestId = 0;
  std::string caseRef;
  Collector collector;
  std::vector<std::string> documents;
};

struct PostResult {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string carrier;
  std::string trackingNo;
};

// 好差评 of one visit (CaseDetail::pendingRatingVisit): one of the five labels; 不满意 and below
// need reasons or a text.
struct RecordRating {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string visit;
  std::string label;
  std::vector<std::string> reasons;
  std::string comment;
};

// The supervisor console (supervision_values.hpp). Each command is refused (NotAllowed) in the
// engine unless a supervisor is logged in; each change is audited with who, when and why.

// A page of one of the station's queues, or of the whole centre's from central (`centre`):
// SupervisorQueueListed. Central not reachable, an offline login, or a queue only the station
// knows (sync problems, 督办): the station's own rows, and the answer says why.
struct ListSupervisorQueue {
  std::uint64_t requestId = 0;
  SupervisorQueue queue = SupervisorQueue::All;
  bool centre = false;
  std::string matterCode;  // empty: any matter
  std::string lookup;      // the start of a number, an ID number or a mobile number
  int offset = 0;
  int limit = 200;
};

// How many cases each queue and each state holds now: SupervisorQueuesCounted.
struct CountSupervisorQueues {
  std::uint64_t requestId = 0;
};

// 督办: the case marked with a note that the clerk's case detail shows (SupervisionChanged). The
// case is any of the centre's (by UUID) while central answers, else one of this station's.
struct MarkSupervised {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string note;
};

struct ClearSupervised {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string reason;
};

// A case central refused for good before it had any version of it: voided with the reason
// (CaseDetailReady). Retrying one after its cause is fixed is RetrySync.
struct VoidQuarantined {
  std::uint64_t requestId = 0;
  std::string caseRef;
  std::string reason;
};

// The bad ratings to follow up (FollowUpsListed); closed ones too when asked.
struct ListFollowUps {
  std::uint64_t requestId = 0;
  bool includeClosed = false;
};

// A step of a bad rating's follow-up: the call made, its outcome, a text; `closes` ends it.
// Answered by FollowUpsListed (the open items as they now stand).
struct RecordFollowUp {
  std::uint64_t requestId = 0;
  std::string ratingUuid;
  std::string contact = "phone";  // phone, visit, message, none
  std::string outcome;
  std::string text;
  bool closes = false;
};

// Today's, this week's or this month's figures by window, clerk or matter: FiguresComputed.
struct ComputeFigures {
  std::uint64_t requestId = 0;
  FigurePeriod period = FigurePeriod::Today;
  FigureGrouping grouping = FigureGrouping::Window;
};

// The same figures written to a file the supervisor chose, on the engine's thread: CSV (UTF-8
// with a byte-order mark) or a PDF report with the chart of `chartFigure` (an index of the
// definitions). Answered by FiguresExported.
struct ExportFigures {
  std::uint64_t requestId = 0;
  FigurePeriod period = FigurePeriod::Today;
  FigureGrouping grouping = FigureGrouping::Window;
  enum class Format { Csv, Pdf } format = Format::Csv;
  std::size_t chartFigure = 0;
  std::filesystem::path file;
};

using Command =
    std::variant<Login, Logout, SetCentralUrl, RefreshStatus, StartDraft, SaveDraft, StoreMaterial,
                 FinalizeIntake, RecordDecision, SearchApplicants, ListSyncQueue, RetrySync,
                 SyncNow, UseCatalog, IssueDocument, RenderDocumentPages, PrintDocument,
                 ListPrinters, ListScanDevices, StartCapture, CancelCapture, ListCapturedPages,
                 ArrangeCapturedPages, RenderCapturedPage, StartCameraPreview, StopCameraPreview,
                 ListCases, FindCase, ShowCase, SupplyMaterial, AnswerCorrection, WithdrawCase,
                 VoidOverdueCase, HandOverResult, PostResult, RecordRating, ListSupervisorQueue,
                 CountSupervisorQueues, MarkSupervised, ClearSupervised, VoidQuarantined,
                 ListFollowUps, RecordFollowUp, ComputeFigures, ExportFigures>;

}  // namespace onewindow::engine
