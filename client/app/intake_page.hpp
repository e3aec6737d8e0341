#pragma once
// The Intake page: the guide of the matter chosen in the catalog pane, then one case from
// start to decision. Start intake asks the engine for a draft (StartDraft); the clerk fills
// in the form with the applicant, answers the scenario questions and checks the tailored
// materials; the draft is autosaved every few seconds and on Ctrl+S (SaveDraft); Finalize
// intake (FinalizeIntake) sends the scenario answers and what was recorded per material — the
// engine checks the applicant and the form, makes the material slots and counts the due dates,
// and answers with the provisional number or the rules broken, which are shown at their fields;
// then the decision (RecordDecision), checked by the engine the same way.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>
#include <wx/timer.h>
#include <wx/weakref.h>

#include "client/app/capture_dialog.hpp"
#include "client/app/document_preview.hpp"
#include "client/app/matter_catalog_source.hpp"
#include "client/app/rating_dialog.hpp"
#include "client/engine/engine.hpp"
#include "forms/form_session.hpp"

class wxButton;
class wxChoice;
class wxScrolledWindow;
class wxSimplebook;
class wxSplitterWindow;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class ApprovalTraceView;
class DecisionPanel;
class FormView;
class GuideView;
class MaterialChecklist;
class ScenarioQuestions;

enum class CaseStage { None, Starting, Draft, Finalizing, Finalized, Deciding, Decided };

class IntakePage final : public wxPanel {
 public:
  IntakePage(wxWindow* parent, engine::Engine& engine);
  ~IntakePage() override;

  void setLanguage(const std::string& language) { language_ = language; }
  // The clock of the window: "today" (China Standard Time) for due dates, and today()/now()
  // inside the form. The system clock unless a test fixes it.
  void setClock(std::function<std::chrono::system_clock::time_point()> clock) {
    clock_ = std::move(clock);
  }
  [[nodiscard]] forms::CivilDate today() const { return forms::chinaDate(clock_()); }
  void setAutosaveInterval(int milliseconds);
  // The station's printers and the way to Settings, for the previews of documents.
  void setPrinting(PrintingContext printing) { printing_ = std::move(printing); }

  // From the catalog pane: a selection previews the guide (unless a case is being taken in),
  // opening shows the guide with the focus on "Start intake".
  void showChoice(const CatalogChoice& choice, bool open);
  // Called by the main window for every engine notification.
  void onNotification(const engine::Notification& notification);

  void startIntake();
  void saveNow();  // Ctrl+S
  // `forCorrection`: the clerk takes in a case whose only problems are the form's answers, to
  // hand out a one-time correction notice (the engine refuses it otherwise).
  void finalizeIntake(bool forCorrection = false);
  // The form changed (called by the form widget after each answer).
  void formChanged();
  void backToCase();
  // After the decision: the document of the case (kind empty: the notice of the decision) is
  // issued by the engine and opens in a preview window.
  void issueDocument(const std::string& kind);

  [[nodiscard]] CaseStage stage() const { return stage_; }
  [[nodiscard]] const std::string& caseUuid() const { return uuid_; }
  [[nodiscard]] const std::string& provisionalNo() const { return provisionalNo_; }
  [[nodiscard]] std::optional<engine::CaseState> decidedState() const { return decided_; }
  [[nodiscard]] const std::string& lastSavedAt() const { return lastSavedAt_; }
  [[nodiscard]] const std::optional<forms::DueDates>& dueDates() const { return due_; }
  [[nodiscard]] const CatalogChoice& caseChoice() const { return caseChoice_; }

  [[nodiscard]] GuideView* guide() const { return guide_; }
  [[nodiscard]] MaterialChecklist* checklist() const { return checklist_; }
  [[nodiscard]] ScenarioQuestions* scenarios() const { return scenarios_; }
  [[nodiscard]] DecisionPanel* decisions() const { return decisions_; }
  [[nodiscard]] ApprovalTraceView* approvalTrace() const { return trace_; }
  [[nodiscard]] forms::FormSession* formSession() const { return session_.get(); }
  [[nodiscard]] FormView* formView() const { return formView_; }
  [[nodiscard]] wxTextCtrl* applicantNameField() const { return applicantName_; }
  [[nodiscard]] wxChoice* applicantIdTypeField() const { return applicantIdType_; }
  [[nodiscard]] wxTextCtrl* applicantIdField() const { return applicantId_; }
  [[nodiscard]] wxButton* finalizeButton() const { return finalize_; }
  [[nodiscard]] wxButton* finalizeForCorrectionButton() const { return finalizeForCorrection_; }
  [[nodiscard]] wxButton* printNoticeButton() const { return printNotice_; }
  [[nodiscard]] wxButton* printReceiptButton() const { return printReceipt_; }
  // After the decision: the applicant rates the visit (好差评), on the second screen at once when
  // there is one, else when the clerk presses Rate and turns the screen to them.
  [[nodiscard]] wxButton* rateButton() const { return rate_; }
  [[nodiscard]] RatingDialog* ratingDialog() const { return rating_.get(); }
  void askRating();
  // The preview opened last (null once it is closed).
  [[nodiscard]] DocumentPreview* preview() const { return preview_.get(); }
  // The capture window of a material of the draft (the checklist row's Scan… button); null
  // once it is closed.
  void openCapture(const std::string& materialKey);
  [[nodiscard]] CaptureDialog* capture() const { return capture_.get(); }
  [[nodiscard]] bool issuingDocument() const { return documentRequest_ != 0; }
  [[nodiscard]] wxString statusText() const;
  [[nodiscard]] wxString finalizeMessage() const;
  // Every problem of the form now, one "label: message" a line.
  [[nodiscard]] wxString formProblemsText() const;
  // True when the case view (not the guide or the empty page) is showing.
  [[nodiscard]] bool showingCase() const;
  // Told when the case view comes into sight (true) or leaves it (false): the main window
  // gives a case the catalog's width meanwhile.
  void onCaseView(std::function<void(bool showing)> callback) { onCaseView_ = std::move(callback); }

 private:
  void buildCaseView();
  void showBookPage(int page);
  void placeSash();
  void resetCase();
  void openForm();
  void tailorMaterials();
  void evaluateRules();
  void markDirty();
  void autosave();
  void sendDraft();
  void showStatus(const wxString& text, bool error);
  // Scrolls the work side so that `window` (one of its descendants) is in view.
  void scrollIntoView(wxWindow* window);
  // Scrolls the work side to its end, where the buttons after the decision are.
  void scrollWorkToEnd();
  void showFinalizeMessage(const wxString& text, bool error);
  // The engine made the draft: the case view is set up for the chosen matter.
  void onDraftStarted(const engine::DraftStarted& started);
  void onFinalized(const engine::CaseFinalized& finalized);
  // The engine refused the intake: each problem at its field, the list beside the button.
  void showFinalizeRefusal(const engine::CommandFailed& failed);
  void decide(const engine::DecisionAnswer& decision);
  // A file attached at one of the form's upload controls goes into the material store (off the
  // UI thread); once durable it is the material's page in the checklist.
  void storeUpload(const std::string& materialKey, const std::filesystem::path& file);
  void onUploadStored(const engine::MaterialStored& stored);
  void copyApplicantFromForm();
  [[nodiscard]] engine::DraftContent draftContent() const;
  [[nodiscard]] std::vector<std::string> formProblemLines() const;
  [[nodiscard]] std::uint64_t nextRequestId();

  engine::Engine& engine_;
  std::string language_ = "zh";
  std::function<std::chrono::system_clock::time_point()> clock_;

  // Pages of the book: nothing chosen, the guide, the case.
  wxSimplebook* book_ = nullptr;
  std::function<void(bool)> onCaseView_;
  bool sashMovedByClerk_ = false;
  GuideView* guide_ = nullptr;
  wxButton* backToCase_ = nullptr;
  wxPanel* casePage_ = nullptr;

  // The case view.
  wxSplitterWindow* split_ = nullptr;
  wxPanel* formSide_ = nullptr;
  wxWindow* formWidget_ = nullptr;  // the form view, or why the form could not be opened
  FormView* formView_ = nullptr;
  wxScrolledWindow* workSide_ = nullptr;
  wxStaticText* caseTitle_ = nullptr;
  wxStaticText* formNote_ = nullptr;
  wxStaticText* status_ = nullptr;
  wxTextCtrl* applicantName_ = nullptr;
  wxChoice* applicantIdType_ = nullptr;
  wxTextCtrl* applicantId_ = nullptr;
  wxPanel* scenarioSlot_ = nullptr;
  ScenarioQuestions* scenarios_ = nullptr;
  MaterialChecklist* checklist_ = nullptr;
  wxButton* allReceived_ = nullptr;
  wxPanel* traceBox_ = nullptr;
  ApprovalTraceView* trace_ = nullptr;
  wxStaticText* dueText_ = nullptr;
  wxButton* finalize_ = nullptr;
  wxButton* finalizeForCorrection_ = nullptr;
  wxStaticText* finalizeMessage_ = nullptr;
  wxPanel* decisionBox_ = nullptr;
  DecisionPanel* decisions_ = nullptr;
  wxButton* nextIntake_ = nullptr;
  wxButton* printNotice_ = nullptr;
  wxButton* printReceipt_ = nullptr;
  wxButton* rate_ = nullptr;
  wxWeakRef<RatingDialog> rating_;
  std::string ratingVisit_;  // the engine's: which visit the applicant rates
  std::uint64_t ratingRequest_ = 0;
  PrintingContext printing_;
  wxWeakRef<DocumentPreview> preview_;
  wxWeakRef<CaptureDialog> capture_;
  std::uint64_t documentRequest_ = 0;

  // The case.
  CaseStage stage_ = CaseStage::None;
  CatalogChoice caseChoice_;
  std::string uuid_;
  std::string provisionalNo_;
  std::optional<engine::CaseState> decided_;
  std::optional<forms::DueDates> due_;
  std::shared_ptr<const forms::XFormDefinition> form_;
  std::unique_ptr<forms::FormSession> session_;
  bool dirty_ = false;
  bool saveInFlight_ = false;
  std::string lastSavedAt_;
  wxTimer autosave_;
  int autosaveMs_ = 3000;

  std::uint64_t requestCounter_ = 0;
  std::uint64_t startRequest_ = 0;
  std::uint64_t saveRequest_ = 0;
  std::uint64_t finalizeRequest_ = 0;
  std::uint64_t decideRequest_ = 0;
  struct PendingUpload {
    std::string materialKey;
    wxString fileName;
  };
  std::map<std::uint64_t, PendingUpload> uploads_;  // by StoreMaterial request
  wxString copiedName_;  // what copyApplicantFromForm() last put in the applicant fields
  wxString copiedIdNumber_;
};

}  // namespace onewindow::app
