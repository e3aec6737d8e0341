#pragma once
// Everything the engine tells its front ends. Plain values: copied to the UI thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "client/engine/case_desk_values.hpp"
#include "client/engine/case_values.hpp"
#include "client/engine/supervision_values.hpp"
#include "forms/catalog.hpp"
#include "forms/diagnostics.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::engine {

enum class Connectivity { Unknown, Online, Offline };

struct ConnectivityChanged {
  Connectivity state = Connectivity::Unknown;
  std::chrono::system_clock::time_point since;  // when this state began
  std::string detail;                           // why offline, or the server's version
};

enum class Role { Clerk, Supervisor };

struct ClerkSession {
  std::string clerkId;
  std::string clerkName;
  Role role = Role::Clerk;
  std::string windowCode;
};

enum class LoginFailure {
  None,
  BadCredentials,
  ClerkInactive,
  Unreachable,  // central unreachable and no offline login possible (never logged in here)
  Tls,
  ServerError,
  Invalid,
  OfflineRefused,  // offline: wrong password, locked out, or cached credentials expired
  // Central has locked the clerk id after too many wrong passwords (lockedUntil says until
  // when); even the right password is refused meanwhile. An answer, not an outage: never
  // followed by an offline login.
  ClerkLocked,
  // Central refuses logins from this workstation's address for retryAfter after too many
  // failed ones (a flood, or many ids tried). Not an outage either.
  TooManyAttempts,
};

struct LoginFinished {
  LoginFailure failure = LoginFailure::None;
  std::string message;  // plain words when it failed
  std::optional<ClerkSession> session;
  bool offline = false;  // checked against the cached credentials, central unreachable
  // ClerkLocked: the first whole minute at which central opens the clerk id again (the screen
  // shows minutes), in the store's ISO form; empty when central did not say.
  std::string lockedUntil;
  // ClerkLocked, TooManyAttempts: how long central asks to wait (its Retry-After).
  std::optional<std::chrono::seconds> retryAfter;

  [[nodiscard]] bool ok() const { return failure == LoginFailure::None; }
};

struct LoggedOut {};

struct PendingCountChanged {
  int pending = 0;
  int quarantined = 0;
};

struct EngineError {
  std::string message;  // a failure the clerk must see (the local store cannot be opened, ...)
};

struct DraftStarted {
  std::uint64_t requestId = 0;
  std::string uuid;
  std::string matterCode;  // the basic or bundle code, as the catalog has it
  std::string matterName;
  forms::DueDates dueIfTakenInToday;
};

struct DraftSaved {
  std::uint64_t requestId = 0;
  std::string uuid;
  std::string savedAt;
};

struct MaterialStored {
  std::uint64_t requestId = 0;
  std::string sha256;
  std::uint64_t size = 0;
  std::string mediaType;  // from the file's extension: what a page of the material records
};

// The case as the engine took it in: what the decision is checked against.
struct CaseFinalized {
  std::uint64_t requestId = 0;
  std::string uuid;
  std::string provisionalNo;
  std::string intakeAt;
  forms::DueDates due;
  std::vector<forms::CaseSlot> slots;        // the material slots, checklist order
  std::vector<forms::Problem> formProblems;  // non-empty only for a case taken in for correction
  std::string legalBasis;                    // what a refusal cites, from the catalog
  forms::CivilDate correctionDeadline;       // the last day for a one-time correction notice
};

struct DecisionRecorded {
  std::uint64_t requestId = 0;
  std::string uuid;
  CaseState state = CaseState::Intake;
  std::string ratingVisit;  // the visit the applicant now rates (RecordRating::visit)
};

struct CasesFound {
  std::uint64_t requestId = 0;
  std::vector<CaseSummary> cases;
};

struct SyncQueueListed {
  std::uint64_t requestId = 0;
  std::vector<SyncListRow> rows;
};

// The sync queue paused (central unreachable, session ended, told to wait) or resumed.
struct SyncStateChanged {
  bool paused = false;
  std::string reason;
};

// The engine loaded the catalog it decides cases with: at start-up (the one pinned with
// --catalog, the release installed from central, or one an administrator put under the data
// directory), and again for each new release central publishes. The front ends show the same
// loaded catalog. When loading failed, `catalog` is the one still in use (or null) and
// `problems` locates every problem of the file.
struct CatalogLoaded {
  std::filesystem::path catalogFile;
  std::string release;
  std::shared_ptr<const forms::Catalog> catalog;
  std::vector<forms::Diagnostic> problems;
};

// A case reached central (with its official number), was refused for good, or central changed
// its state, or a supervisor marked it 督办 at central or lifted the mark: the clerk is told.
struct CaseSyncNews {
  enum class Kind {
    Confirmed,
    Quarantined,
    StateChanged,
    SubCaseRouted,
    CertificateIssued,
    Supervised  // detail: the note; empty when the mark was lifted
  };
  Kind kind = Kind::Confirmed;
  std::string uuid;
  std::string provisionalNo;
  std::string officialNo;
  std::string detail;  // quarantine reason, the new state, the certificate's number, the note
  std::optional<SubCaseRecord> subCase;  // SubCaseRouted: the part and its department
  std::string code;                      // Quarantined: the reason's machine code
};

// A page of a document as pixels for the preview: cairo ARGB32 words (0xAARRGGBB, native
// endian), `stride` bytes a row.
struct DocumentPage {
  int width = 0, height = 0, stride = 0;
  std::vector<std::uint8_t> pixels;
};

struct DocumentReady {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string documentNo;
  std::string kind;
  std::string title;
  int pageCount = 0;
  int copies = 1;              // what printing it asks for
  bool printedBefore = false;  // the next print is a reprint: it needs a reason
  std::filesystem::path pdf;   // the archived PDF
  double dpi = 0;
  std::vector<DocumentPage> pages;  // empty unless a preview was asked for
  // Which of the station's printers takes it: "card" (a page at most 100 mm wide), "stock"
  // (pre-printed stock, 套打) or "paper" (plain A4).
  std::string printerClass = "paper";
};

struct DocumentPagesRendered {
  std::uint64_t requestId = 0;
  std::string documentNo;
  double dpi = 0;
  std::vector<DocumentPage> pages;
};

struct DocumentPrinted {
  std::uint64_t requestId = 0;
  std::string documentNo;
  std::string printer;  // empty: saved to `savedTo`
  std::filesystem::path savedTo;
  std::optional<std::int64_t> jobId;
  bool reprint = false;
  int copies = 1;
};

struct PrinterDescription {
  std::string name;
  std::string description;  // make and model, or the administrator's info
  std::string location;
  bool ready = false;  // idle or printing, and accepting jobs
  std::string state;   // as the spooler says it, for the settings list
};

struct PrintersListed {
  std::uint64_t requestId = 0;
  std::vector<PrinterDescription> printers;
  std::string error;      // the spooler could not be asked: why, in English
  std::string errorCode;  // print.* (verdict_text translates it)
};

enum class CommandFailure {
  NotLoggedIn,
  NotAllowed,
  NotFound,
  WrongState,
  Invalid,
  BrokenRules,  // a rule of the window refused it: `problems` says which, and where
  NoCatalog,    // the engine has no catalog to decide the case with
  DiskFull,
  Storage,
  PrintFailed,    // the printer or the spooler failed: `code` says how (print.*)
  CentralRefused  // central could not be reached for, or refused, what only central can do
};

// A case command could not be done; nothing of it was saved.
struct CommandFailed {
  std::uint64_t requestId = 0;
  CommandFailure failure = CommandFailure::Storage;
  std::string message;                       // every problem, one a line, in English
  std::vector<forms::RuleProblem> problems;  // BrokenRules: each located
  std::string code;                          // PrintFailed: the machine code (print.*)
};

// Scanning.
struct ScanDeviceEntry {
  ScanDevice device;  // device.id is what StartCapture takes
  ScanCapabilities capabilities;
};

struct ScanDevicesListed {
  std::uint64_t requestId = 0;
  std::vector<ScanDeviceEntry> devices;
  std::vector<std::string> problems;  // a driver that could not list (its devices are missing)
};

struct CaptureProgress {
  std::uint64_t requestId = 0;
  int pageIndex = 0;     // within the batch, from 0
  double fraction = -1;  // 0..1; -1: a page started, its length unknown
};

struct CapturedPageView {
  std::int64_t pageId = 0;
  int position = 0;
  int quarterTurns = 0;
  std::optional<PixelCrop> crop;
  std::optional<localdb::PageOutput> output;  // none while it is being processed
  PageRaster thumbnail;
  std::string problem;  // processing failed: why (the page stays; a new turn or crop retries)
};

// A page is in the store (its source durable, its row committed): nothing can lose it now.
struct CapturedPageStored {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  std::int64_t pageId = 0;
  int position = 0;
};

struct CapturedPageProcessed {
  std::string caseUuid;
  std::string slotKey;
  CapturedPageView page;
};

struct CaptureEnded {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  int pagesCaptured = 0;  // in this batch, all kept
  int pagesInSlot = 0;
  bool cancelled = false;
  std::optional<ScanErrorKind> error;
  std::string message;  // the clerk's sentence: "卡纸：请清除卡纸后按继续 — 已保留第 1–3 页"
};

// How a material's pages meet its policy.
struct MaterialOutputSummary {
  int pages = 0;
  int processed = 0;
  std::uint64_t bytes = 0;  // the processed pages together
  std::uint64_t maxBytes = 0;
  bool withinLimit = true;  // every page within its limit and the whole within the attachment's
  int blankPages = 0;
  std::vector<std::string> warnings;
};

struct CapturedPagesListed {
  std::uint64_t requestId = 0;
  std::string caseUuid;
  std::string slotKey;
  std::vector<CapturedPageView> pages;
  MaterialOutputSummary summary;
};

struct CameraFrame {
  std::uint64_t requestId = 0;
  PageRaster frame;
};

// The preview stopped by itself: the camera could not be opened or went away.
struct CameraPreviewEnded {
  std::uint64_t requestId = 0;
  ScanErrorKind error = ScanErrorKind::Offline;
  std::string message;  // the clerk's sentence
};

struct CapturedPageRendered {
  std::uint64_t requestId = 0;
  std::int64_t pageId = 0;
  PageRaster preview;
  int width = 0, height = 0;  // the page's pixels, in which a crop is given
  std::optional<PixelCrop> crop;
  int quarterTurns = 0;  // the turns it was rendered with: a crop is drawn on the page so turned
};

// The case desk.
struct CasesListed {
  std::uint64_t requestId = 0;
  std::int64_t total = 0;  // rows the query matches; -1 on a later page (counted with the first)
  int offset = 0;
  std::vector<CaseListRow> rows;
};

struct CaseDetailReady {
  std::uint64_t requestId = 0;
  CaseDetail detail;
};

// A second-visit command done; the case as it stands now.
struct SecondVisitRecorded {
  std::uint64_t requestId = 0;
  std::string action;  // supply, correction, withdrawal, void, handover, posting, rating
  CaseDetail detail;
  // The command made a visit the applicant rates now (a decision taken, a result handed over):
  // detail.pendingRatingVisit names it.
  bool askRating = false;
};

// The supervisor console. `asOf` is when the view was read (ISO 8601 UTC); `source` says whose
// cases it shows: "station" (this workstation's store) or "centre" (central's list).
struct SupervisorQueueListed {
  std::uint64_t requestId = 0;
  SupervisorQueue queue = SupervisorQueue::All;
  std::int64_t total = 0;  // -1 on a later page (counted with the first)
  int offset = 0;
  std::vector<SupervisorRow> rows;
  std::string asOf;
  std::string source = "station";
  // The centre's view was asked for and the station's is shown: why (English, for logs and
  // ctl; the console says it by `centreUnavailable`).
  std::string fallback;
  enum class CentreUnavailable { None, OfflineLogin, Unreachable, StationQueue, Refused };
  CentreUnavailable centreUnavailable = CentreUnavailable::None;
  std::vector<StateCount> centreStates;  // "centre": the whole centre's cases by state
};

struct SupervisorQueuesCounted {
  std::uint64_t requestId = 0;
  std::vector<QueueCount> queues;
  std::vector<StateCount> states;  // every state with at least one case, drafts left out
  std::string asOf;
  std::string source = "station";
};

// A 督办 mark set or lifted (MarkSupervised, ClearSupervised). `where` Centre: central holds it
// and passes it by its feed to the case's own station, where the clerk sees it; otherwise only
// this station has it, and `where` says why (`why`: central's words, if any).
struct SupervisionChanged {
  enum class Where {
    Centre,
    OfflineLogin,  // logged in offline: central was not asked
    CentreUnreachable,
    NotAtCentre  // central does not have the case yet (it has not been sent)
  };
  std::uint64_t requestId = 0;
  std::string caseUuid;
  bool marked = false;
  std::string text;  // the note, or why it was lifted
  Where where = Where::Centre;
  std::string why;
  std::optional<CaseDetail> detail;  // the case as this station has it, when it is this station's
};

struct FollowUpsListed {
  std::uint64_t requestId = 0;
  std::vector<FollowUpItem> items;  // oldest first
  int followUpWorkingDays = 0;      // the deadline they were counted with
};

struct FiguresComputed {
  std::uint64_t requestId = 0;
  FigureTable table;
};

struct FiguresExported {
  std::uint64_t requestId = 0;
  std::filesystem::path file;
  FigureTable table;  // what was written
};

using Notification =
    std::variant<ConnectivityChanged, LoginFinished, LoggedOut, PendingCountChanged, EngineError,
                 DraftStarted, DraftSaved, MaterialStored, CaseFinalized, DecisionRecorded,
                 CasesFound, CommandFailed, SyncQueueListed, SyncStateChanged, CaseSyncNews,
                 CatalogLoaded, DocumentReady, DocumentPagesRendered, DocumentPrinted,
                 PrintersListed, ScanDevicesListed, CaptureProgress, CapturedPageStored,
                 CapturedPageProcessed, CaptureEnded, CapturedPagesListed, CapturedPageRendered,
                 CameraFrame, CameraPreviewEnded, CasesListed, CaseDetailReady, SecondVisitRecorded,
                 SupervisorQueueListed, SupervisorQueuesCounted, FollowUpsListed, FiguresComputed,
                 FiguresExported, SupervisionChanged>;

}  // namespace onewindow::engine
