#pragma once
// The engine's inside, shared by engine.cpp (threads, notifications, connectivity, store),
// engine_login.cpp (online and offline login) and engine_cases.cpp (the case lifecycle).
// Everything below runs on the engine thread unless it says otherwise.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "client/api/central_client.hpp"
#include "client/engine/central_sync_port.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/page_processing.hpp"
#include "client/engine/print_service.hpp"
#include "client/engine/scan_service.hpp"
#include "client/engine/work_queue.hpp"
#include "client/sync/catalog_updater.hpp"
#include "client/sync/sync_engine.hpp"
#include "forms/catalog.hpp"
#include "forms/intake_rules.hpp"
#include "forms/second_visit_rules.hpp"
#include "forms/xform_cache.hpp"
#include "localdb/case_queries.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/credential_cache.hpp"
#include "localdb/material_store.hpp"
#include "localdb/second_visit.hpp"
#include "localdb/workstation_store.hpp"
#include "printing/layout.hpp"
#include "printing/template_model.hpp"

namespace onewindow::engine {

// A case command refused by the rules of the window, or for want of a catalog to decide them.
class RefusedByRules : public std::runtime_error {
 public:
  RefusedByRules(CommandFailure failure, std::vector<forms::RuleProblem> problems);
  [[nodiscard]] CommandFailure failure() const { return failure_; }
  [[nodiscard]] const std::vector<forms::RuleProblem>& problems() const { return problems_; }

 private:
  CommandFailure failure_;
  std::vector<forms::RuleProblem> problems_;
};

// How the engine's transport talks to central (the sync engine sizes its uploads by it).
[[nodiscard]] api::TransportOptions transportOptions(const EngineConfig& config);

class Engine::Impl {
 public:
  Impl(EngineConfig config, std::shared_ptr<Invoker> invoker, std::shared_ptr<const Clock> clock);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void submit(Command command);
  Subscription subscribe(std::function<void(const Notification&)> callback);
  StatusSnapshot status() const;

 private:
  // engine.cpp
  void handle(Logout& command);
  void handle(SetCentralUrl& command);
  void handle(RefreshStatus& command);
  void probe();
  void onProbe(const api::Result<api::HealthInfo>& result);
  void openStore();
  void publishPendingCount();
  void setConnectivity(Connectivity state, const std::string& detail);
  void publish(const Notification& notification);
  void deliver(std::weak_ptr<detail::Subscriber> target, const Notification& notification);
  // Drops the subscribers gone and returns the others; the caller holds subscribersMutex_.
  std::vector<std::weak_ptr<detail::Subscriber>> liveSubscribers();
  void failStore(const std::string& message);
  void log(const std::string& line) const;
  void audit(const std::string& clerkId, const std::string& action, const std::string& details);

  // engine_login.cpp
  void handle(Login& command);
  void onLogin(const Login& attempt, const api::Result<api::SessionInfo>& result);
  void loginOffline(const Login& attempt, const api::ApiError& why);
  void startSession(const ClerkSession& session, bool offline);

  // engine_sync.cpp
  void startSync();
  void onSyncEvent(const sync::SyncEvent& event);
  void handle(ListSyncQueue& command);
  void handle(RetrySync& command);
  void handle(SyncNow& command);
  void startCatalog();
  void checkCatalog();

  // engine_catalog.cpp
  void catalogInstalled(const std::filesystem::path& file, const std::string& release);
  void loadStartCatalog();
  void handle(UseCatalog& command);
  void loadCatalog(const std::filesystem::path& file);
  void publishCatalog(CatalogLoaded loaded);

  // engine_cases.cpp
  void handle(StartDraft& command);
  void handle(SaveDraft& command);
  void handle(StoreMaterial& command);
  void handle(FinalizeIntake& command);
  void handle(RecordDecision& command);
  void handle(SearchApplicants& command);

  // Runs a case command with the logged-in clerk; turns every failure into CommandFailed.
  void withClerk(std::uint64_t requestId, const std::function<void()>& work);
  [[nodiscard]] localdb::Actor actor() const;

  // engine_documents.cpp: documents from templates, their archive and their prints.
  void handle(IssueDocument& command);
  void handle(RenderDocumentPages& command);
  void handle(PrintDocument& command);
  void handle(ListPrinters& command);
  struct LaidOut {  // a document as last laid out, for the preview's zoom and for printing
    std::string caseUuid;
    std::string kind;
    printing::LaidOutDocument document;
    std::string watermark;
  };
  [[nodiscard]] const printing::Template& templateOf(const std::string& kind);
  LaidOut layOutDocument(const localdb::CaseRecord& record, const std::string& kind,
                         const std::string& documentNo, forms::CivilDate issued,
                         const std::string& reprintReason);
  // The template of the certificate the case's matter issues (catalog as of intake); empty when
  // it issues none or the catalog does not know the matter.
  [[nodiscard]] std::string certificateTemplateOf(const localdb::CaseRecord& record) const;
  // What the hand-over prints: the matter's certificate once central issued it, else the
  // result notice.
  [[nodiscard]] std::string resultDocumentOf(const localdb::CaseRecord& record);
  void finishPrint(std::uint64_t requestId, std::int64_t printId, const DocumentPrinted& printed,
                   const PrintOutcome& outcome);
  PrintService& printService();
  void warmUpDocuments();

  // engine_scan.cpp: capture into a draft's material slots, the page editor, the material's
  // files at intake.
  void handle(ListScanDevices& command);
  void handle(StartCapture& command);
  void handle(CancelCapture& command);
  void handle(ListCapturedPages& command);
  void handle(ArrangeCapturedPages& command);
  void handle(RenderCapturedPage& command);
  void handle(StartCameraPreview& command);
  void handle(StopCameraPreview& command);
  struct CaptureSlot {  // a material slot of a draft, as capture and processing need it
    std::string caseUuid;
    std::string slotKey;
    std::string materialName;
    forms::ScanPolicy policy;
    std::string clerkId;  // who captures: a logout mid-batch does not move the pages to another
  };
  struct RunningCapture {
    std::shared_ptr<scan::CancelFlag> cancel;
    std::string caseUuid;
  };
  // Stops every capture (logout, shutdown); `forGood` refuses new ones from then on.
  void cancelCaptures(bool forGood);
  class CaptureToStore;
  [[nodiscard]] CaptureSlot requireCaptureSlot(const std::string& caseUuid,
                                               const std::string& slotKey);
  // Engine thread: the page's row, once its source is durable; then its processing is queued.
  int keepCapturedPage(std::uint64_t requestId, const CaptureSlot& slot,
                       const std::string& sourceSha256, std::uint64_t sourceBytes,
                       const std::string& mediaType, const std::string& device);
  void queueProcessing(const CaptureSlot& slot, const localdb::CapturedPage& page,
                       int thumbnailSide);
  void publishCapturedPages(std::uint64_t requestId, const CaptureSlot& slot, int thumbnailSide);
  [[nodiscard]] MaterialOutputSummary summarize(const CaptureSlot& slot,
                                                const std::vector<localdb::CapturedPage>& pages);
  // At intake: the slot's captured pages as the material's files (processed now if a crash or
  // an edit left any unprocessed), durable in the store.
  [[nodiscard]] std::vector<PageRef> capturedMaterial(const CaptureSlot& slot);
  [[nodiscard]] std::vector<std::uint8_t> readMaterial(const std::string& sha256) const;
  // A page processed to its slot's policy, its output durable in the store (any thread).
  [[nodiscard]] ProcessedPage processAndStore(const CaptureSlot& slot,
                                              const localdb::CapturedPage& page, int thumbnailSide);
  // Page thread only: thumbnails of processed pages, so a listing after each edit does not
  // decode every full-resolution page again.
  void rememberThumbnail(const std::string& sha256, int side, const PageRaster& thumbnail);
  [[nodiscard]] PageRaster outputThumbnail(const std::string& sha256, int side);
  ScanService& scanService();

  // engine_rules.cpp: the rules of the window over the catalog in use.
  struct CaseRules {  // a case taken in, as its decisions are checked
    forms::IntakeSubject subject;
    forms::CaseFacts facts;
    std::vector<forms::Problem> formProblems;  // the form's, as taken in
    std::string legalBasis;
  };
  [[nodiscard]] const forms::Catalog& requireCatalog() const;
  [[nodiscard]] forms::IntakeSubject requireSubject(const std::string& code,
                                                    forms::CivilDate date) const;
  // The subject's intake form, loaded once; null when the subject has none.
  [[nodiscard]] std::shared_ptr<const forms::XFormDefinition> formOf(
      const forms::IntakeSubject& subject);
  [[nodiscard]] CaseRules rulesOf(const localdb::CaseRecord& record);

  // engine_case_desk.cpp, engine_case_detail.cpp, engine_second_visit.cpp: the case desk.
  void handle(ListCases& command);
  void handle(FindCase& command);
  void handle(ShowCase& command);
  void handle(SupplyMaterial& command);
  void handle(AnswerCorrection& command);
  void handle(WithdrawCase& command);
  void handle(VoidOverdueCase& command);
  void handle(HandOverResult& command);
  void handle(PostResult& command);
  void handle(RecordRating& command);

  // engine_supervision.cpp: the supervisor console.
  void withSupervisor(std::uint64_t requestId, const std::function<void()>& work);
  void handle(ListSupervisorQueue& command);
  void handle(CountSupervisorQueues& command);
  void handle(MarkSupervised& command);
  void handle(ClearSupervised& command);
  void handle(VoidQuarantined& command);
  void handle(ListFollowUps& command);
  void handle(RecordFollowUp& command);
  void handle(ComputeFigures& command);
  void handle(ExportFigures& command);
  [[nodiscard]] FigureTable figureTable(FigurePeriod period, FigureGrouping grouping);
  // The calendar the station counts its own deadlines on: the catalog's first, else weekdays.
  [[nodiscard]] const forms::WorkingCalendar& stationCalendar() const;
  [[nodiscard]] localdb::CaseFilter supervisorFilter(SupervisorQueue queue, forms::CivilDate today);
  [[nodiscard]] std::vector<FollowUpItem> followUpItems(bool includeClosed);
  void publishStationQueue(const ListSupervisorQueue& command,
                           SupervisorQueueListed::CentreUnavailable why,
                           const std::string& fallback);
  void changeSupervision(std::uint64_t requestId, const std::string& caseRef,
                         const api::SupervisionRequest& what);
  void onSupervisionChanged(std::uint64_t requestId, const std::string& uuid,
                            const api::SupervisionRequest& what, const localdb::Actor& who,
                            const api::Result<api::SupervisionState>& result);
  void superviseAtStation(std::uint64_t requestId, const localdb::CaseRecord& record,
                          const api::SupervisionRequest& what, const localdb::Actor& who,
                          SupervisionChanged::Where where, const std::string& why);
  void askCentre(const ListSupervisorQueue& command);
  void onCentreCases(const ListSupervisorQueue& command, const std::string& key,
                     const api::Result<api::CentreCasePage>& result);
  struct CentrePage {  // central's last answer to one question, for its ETag
    std::string etag;
    api::CentreCasePage page;
  };
  std::map<std::string, CentrePage> centrePages_;  // by the question's path
  struct VisitFacts {  // a case taken in, as its second visit is checked
    localdb::CaseRecord record;
    CaseRules rules;
    std::optional<forms::LastDecision> last;
    forms::CivilDate today;
    [[nodiscard]] std::optional<forms::DecisionKind> lastKind() const {
      return last ? std::optional(last->kind) : std::nullopt;
    }
  };
  struct RatedVisit {   // a visit the applicant may rate
    std::string key;    // "decision:1", "handover:2"
    std::string stage;  // "acceptance", "completion"
    std::string at;
  };
  // By UUID, provisional or official number; NotFound otherwise.
  // A case of this station by UUID or number (provisional or official).
  [[nodiscard]] std::optional<localdb::CaseRecord> findCase(const std::string& ref);
  [[nodiscard]] localdb::CaseRecord requireCase(const std::string& ref);
  // CaseError::WrongState unless a taken-in case still owes the material (pages may join it).
  void requirePagesWelcome(const localdb::CaseRecord& record, const std::string& slotKey);
  // CaseError::Conflict while a capture into the case runs (its pages belong in the material).
  void requireNoCaptureInto(const std::string& caseUuid, const std::string& then);
  [[nodiscard]] VisitFacts visitFacts(const localdb::CaseRecord& record,
                                      const std::vector<localdb::DecisionSnapshot>& decisions);
  [[nodiscard]] VisitFacts visitFacts(const localdb::CaseRecord& record);
  // The rated visit of a case's n-th decision (1-based): "decision:n".
  [[nodiscard]] static std::string decisionVisit(std::size_t number);
  [[nodiscard]] static std::vector<RatedVisit> visitsOf(
      const std::vector<localdb::DecisionSnapshot>& decisions,
      const std::vector<localdb::CaseEventRecord>& events);
  [[nodiscard]] std::vector<DeskActionState> deskActions(const VisitFacts& facts,
                                                         const std::string& pendingVisit);
  [[nodiscard]] CaseDetail caseDetail(const localdb::CaseRecord& record);
  // The working calendar a case's dates count on (its matter's as taken in); null when the
  // catalog cannot say.
  [[nodiscard]] const forms::WorkingCalendar* caseCalendar(const std::string& matterCode,
                                                           forms::CivilDate intakeDate);
  using CalendarOf = std::function<const forms::WorkingCalendar*(forms::CivilDate intakeDate)>;
  // The badge of a date on a calendar, seen `today` (the case's, the follow-up's).
  [[nodiscard]] static DueBadge dateBadge(const forms::WorkingCalendar& calendar,
                                          forms::CivilDate due, forms::CivilDate today);
  [[nodiscard]] DueBadge dueBadge(localdb::CaseState state, const std::string& intakeAt,
                                  const std::string& promisedDue, forms::CivilDate today,
                                  const CalendarOf& calendarOf);
  [[nodiscard]] std::vector<CaseListRow> listRows(std::vector<localdb::CaseSummary> summaries);
  // Answers a second-visit command with the case as it now stands; `askRating`: the command made a
  // visit the applicant rates now (a decision, a hand-over).
  void recordedVisit(std::uint64_t requestId, const std::string& action, const std::string& uuid,
                     bool askRating = false);

  EngineConfig config_;
  std::shared_ptr<Invoker> invoker_;
  std::shared_ptr<const Clock> clock_;
  std::unique_ptr<api::HttpTransport> transport_;
  api::CentralClient central_;

  std::unique_ptr<localdb::WorkstationStore> store_;
  std::unique_ptr<localdb::MaterialStore> materials_;
  std::unique_ptr<localdb::CaseRepository> cases_;
  std::unique_ptr<localdb::CredentialCache> credentials_;
  std::string stationId_;
  std::unique_ptr<CentralSyncPort> syncPort_;
  std::unique_ptr<sync::SyncEngine> sync_;
  std::unique_ptr<sync::CatalogUpdater> catalogUpdater_;
  std::shared_ptr<const forms::Catalog> catalog_;  // what cases are decided with; null: none
  bool catalogAttempted_ = false;
  std::optional<CatalogLoaded> lastCatalog_;  // for late subscribers (subscribersMutex_)
  forms::XFormCache forms_;
  std::chrono::steady_clock::time_point lastCatalogCheck_{};
  std::optional<ClerkSession> session_;
  std::string token_;  // empty after an offline login: sync needs an online login
  bool probeInFlight_ = false;
  std::uint64_t probeGeneration_ = 0;
  bool pendingPublished_ = false;
  std::map<std::string, printing::Template> templates_;  // by kind, loaded once
  std::map<std::string, LaidOut> laidOut_;               // by document number, the latest
  std::unique_ptr<PrintService> printService_;           // used on printQueue_ only
  std::stop_source printStop_;                           // a print being followed gives up
  std::unique_ptr<ScanService> scanService_;             // used on scanQueue_ only
  // The capture running, by request: one at a time per window (engine thread; the destructor
  // cancels them from its own, hence the lock).
  std::mutex capturesMutex_;
  std::map<std::uint64_t, RunningCapture> captures_;
  bool capturesClosed_ = false;        // the engine is shutting down (capturesMutex_)
  std::set<std::int64_t> processing_;  // pages queued on pageQueue_ (engine thread)
  std::map<std::pair<std::string, int>, PageRaster> thumbnails_;  // pageQueue_ only
  // A camera frame is on its way to the engine thread: the camera's thread drops the next ones
  // meanwhile, so a slow window never builds a backlog of frames.
  std::shared_ptr<std::atomic<bool>> frameInFlight_ = std::make_shared<std::atomic<bool>>(false);

  mutable std::mutex snapshotMutex_;  // any thread
  StatusSnapshot snapshot_;
  std::mutex subscribersMutex_;  // any thread
  std::vector<std::weak_ptr<detail::Subscriber>> subscribers_;

  WorkQueue printQueue_;  // the spooler's calls: seconds at worst, never on queue_
  WorkQueue scanQueue_;   // a capture blocks until its batch ends
  WorkQueue pageQueue_;   // image processing of captured pages: CPU, never on queue_
  WorkQueue queue_;       // last: its thread starts after everything it touches exists
};

// The 容缺 deadline as typed (YYYY-MM-DD); anything else is a problem at the deadline field.
[[nodiscard]] std::optional<forms::CivilDate> gapDeadlineOf(
    const DecisionAnswer& answer, std::vector<forms::RuleProblem>& problems);
// What the store records of a decision the rules allowed, with the details its notice prints.
[[nodiscard]] localdb::DecisionInput decisionInput(const DecisionAnswer& answer,
                                                   const forms::DecisionRequest& request,
                                                   const std::string& legalBasis,
                                                   const std::vector<forms::CaseSlot>& slots,
                                                   const std::vector<forms::Problem>& formProblems);
// The applicant's second visit: whether the case may still take supplements, and whether it owes
// a material now (a 容缺 gap, or anything a correction notice asked for). One rule for the scan,
// the supply and the case window.
[[nodiscard]] bool awaitsSupplements(localdb::CaseState state);
[[nodiscard]] bool owesMaterial(localdb::CaseState state,
                                std::optional<forms::DecisionKind> lastDecision,
                                forms::MaterialStatus status);

// An applicant's ID number as it leaves the engine for a list or a case window.
[[nodiscard]] std::string maskedIdNumber(const std::string& idNumber);

}  // namespace onewindow::engine
