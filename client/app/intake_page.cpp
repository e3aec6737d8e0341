#include "client/app/intake_page.hpp"

#include <algorithm>
#include <cctype>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datetime.h>
#include <wx/radiobox.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/applicant_id_types.hpp"
#include "client/app/approval_trace_view.hpp"
#include "client/app/decision_panel.hpp"
#include "client/app/form_view.hpp"
#include "client/app/guide_view.hpp"
#include "client/app/material_checklist.hpp"
#include "client/app/section_heading.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"
#include "forms/xform.hpp"

namespace onewindow::app {
namespace {

enum BookPage : size_t { kEmptyPage = 0, kGuidePage, kCasePage };

// Request ids of this page: their own range, apart from the Sync page's.
constexpr std::uint64_t kRequestBase = 0x6000000000000000ULL;

wxString decisionOutcome(engine::CaseState state) {
  switch (state) {
    case engine::CaseState::Accepted:
      return _("Recorded: the case is accepted.");
    case engine::CaseState::AcceptedWithGaps:
      return _("Recorded: the case is accepted with gaps.");
    case engine::CaseState::AwaitingCorrection:
      return _("Recorded: the correction notice is issued.");
    case engine::CaseState::Refused:
      return _("Recorded: the application is refused.");
    default:
      return wxString::Format(_("Recorded: the case is now %s."),
                              wx(std::string(engine::caseStateName(state))));
  }
}

// "2026-11-27T02:15:00Z" (UTC) as the local time of day the clerk reads.
wxString localTimeOfDay(const std::string& isoUtc) {
  wxDateTime when;
  const wxString text = wx(isoUtc).BeforeFirst('Z');
  if (!when.ParseISOCombined(text)) return wx(isoUtc);
  return when.FromTimezone(wxDateTime::UTC).Format("%H:%M:%S");
}

}  // namespace

IntakePage::IntakePage(wxWindow* parent, engine::Engine& engine)
    : wxPanel(parent, wxID_ANY), engine_(engine), autosave_(this) {
  SetName("intake-page");
  clock_ = [] { return std::chrono::system_clock::now(); };
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  book_ = new wxSimplebook(this, wxID_ANY);
  sizer->Add(book_, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  auto* empty = new wxPanel(book_);
  auto* emptySizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(empty, wxID_ANY, _("Intake"));
  title->SetFont(title->GetFont().Scale(1.25).Bold());
  emptySizer->Add(title, wxSizerFlags().Border(wxALL, FromDIP(10)));
  emptySizer->Add(new wxStaticText(empty, wxID_ANY,
                                   _("Find the matter in the catalog (Ctrl+F), then fill in the "
                                     "intake form with the applicant.")),
                  wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(10)));
  empty->SetSizer(emptySizer);
  book_->AddPage(empty, wxEmptyString);

  guide_ = new GuideView(book_);
  guide_->onStart([this] { startIntake(); });
  guide_->onBack([this] { backToCase(); });
  book_->AddPage(guide_, wxEmptyString);

  buildCaseView();
  book_->AddPage(casePage_, wxEmptyString);
  showBookPage(kEmptyPage);

  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { autosave(); });
}

IntakePage::~IntakePage() { autosave_.Stop(); }

void IntakePage::setAutosaveInterval(int milliseconds) {
  autosaveMs_ = milliseconds;
  if (autosave_.IsRunning()) autosave_.Start(autosaveMs_);
}

std::uint64_t IntakePage::nextRequestId() { return kRequestBase | ++requestCounter_; }

void IntakePage::showChoice(const CatalogChoice& choice, bool open) {
  const bool caseActive = stage_ != CaseStage::None && stage_ != CaseStage::Decided;
  if (caseActive && !open) return;  // browsing the catalog never hides the case being taken in
  if (choice.empty()) return;
  guide_->show(choice, today(), language_);
  guide_->showBackToCase(caseActive);
  showBookPage(kGuidePage);
  if (open) guide_->focusStart();
}

void IntakePage::backToCase() {
  if (stage_ == CaseStage::None) return;
  showBookPage(kCasePage);
  casePage_->Layout();
}

// The split was made while the page was hidden. The form gets the width it needs to show
// whole (no sideways scrolling) as long as the checklist keeps enough for its status and count
// columns (its spin controls are wide in GTK); otherwise a little less than half.
void IntakePage::placeSash() {
  if (!split_->IsSplit()) return;
  const int total = split_->GetClientSize().x;
  int position = total * 45 / 100;
  if (formView_ != nullptr) {
    const int formWants = formView_->GetBestVirtualSize().x +
                          wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, formView_) + FromDIP(24);
    if (formWants > position)
      position = std::max(position, std::min(formWants, total - FromDIP(600)));
  }
  split_->SetSashPosition(std::max(FromDIP(320), position));
}

bool IntakePage::showingCase() const { return book_->GetSelection() == kCasePage; }

void IntakePage::showBookPage(int page) {
  const bool wasCase = showingCase();
  book_->ChangeSelection(static_cast<std::size_t>(page));
  if (onCaseView_ && wasCase != showingCase()) onCaseView_(showingCase());
}

void IntakePage::askRating() {
  if (ratingVisit_.empty() || uuid_.empty()) return;
  if (rating_) rating_->Destroy();
  rating_ = new RatingDialog(wxGetTopLevelParent(this), uuid_, ratingVisit_,
                             [this](engine::Command command) {
                               ratingRequest_ = nextRequestId();
                               std::get<engine::RecordRating>(command).requestId = ratingRequest_;
                               engine_.submit(std::move(command));
                             });
  rating_->Show();
}

void IntakePage::resetCase() {
  autosave_.Stop();
  stage_ = CaseStage::None;
  caseChoice_ = {};
  uuid_.clear();
  provisionalNo_.clear();
  decided_.reset();
  finalizeForCorrection_->Hide();
  due_.reset();
  dirty_ = false;
  saveInFlight_ = false;
  lastSavedAt_.clear();
  uploads_.clear();      // a file still being stored is not this case's any more
  documentRequest_ = 0;  // nor a document still being issued (its preview would not open)
  ratingVisit_.clear();  // an unrated visit stays rateable in the case window
  ratingRequest_ = 0;
  if (rating_) rating_->Destroy();
  if (rate_ != nullptr) rate_->Hide();
  copiedName_.clear();
  copiedIdNumber_.clear();
  if (capture_) capture_->Destroy();  // its pages stay with the draft they were captured into
  if (formWidget_ != nullptr) {
    // Back to the empty slot: the widget goes, a stretch spacer holds its place.
    formSide_->GetSizer()->Detach(formWidget_);
    formWidget_->Destroy();
    formWidget_ = nullptr;
    formView_ = nullptr;
    formSide_->GetSizer()->InsertStretchSpacer(1, 1);
  }
  session_.reset();
  form_.reset();
}

void IntakePage::startIntake() {
  const CatalogChoice choice = guide_->choice();
  if (choice.empty()) return;
  if (stage_ == CaseStage::Starting || stage_ == CaseStage::Finalizing ||
      stage_ == CaseStage::Deciding) {
    guide_->showMessage(_("Wait until the engine has answered the current case."), true);
    return;
  }
  // A draft left for another applicant stays in the local store with its last answers.
  if (stage_ == CaseStage::Draft && dirty_) sendDraft();
  resetCase();
  caseChoice_ = choice;
  stage_ = CaseStage::Starting;
  sashMovedByClerk_ = false;
  startRequest_ = nextRequestId();
  guide_->showMessage(_("Starting the intake..."), false);
  engine_.submit(engine::StartDraft{startRequest_, choice.code()});
}

void IntakePage::openCapture(const std::string& materialKey) {
  if (stage_ != CaseStage::Draft || uuid_.empty()) return;
  const auto& materials = checklist_->materials();
  const auto found = std::find_if(materials.begin(), materials.end(), [&](const auto& entry) {
    return entry.material.key == materialKey;
  });
  if (found == materials.end()) return;
  if (capture_) capture_->Destroy();  // one capture window at a time
  capture_ =
      new CaptureDialog(wxGetTopLevelParent(this), engine_, uuid_, found->material, language_,
                        printing_.settings ? printing_.settings().scanner : std::string());
  capture_->onClosed([this, materialKey](int pages, bool next) {
    checklist_->setScannedPages(materialKey, pages);
    // The window is gone after this event; the next material's opens once it is.
    CallAfter([this, materialKey, next] {
      if (capture_) capture_->Destroy();
      if (!next) return;
      const auto& list = checklist_->materials();
      for (std::size_t i = 0; i + 1 < list.size(); ++i) {
        if (list[i].material.key == materialKey) {
          openCapture(list[i + 1].material.key);
          return;
        }
      }
    });
  });
  capture_->Show();
  capture_->Raise();
}

void IntakePage::onNotification(const engine::Notification& notification) {
  if (capture_) capture_->onNotification(notification);
  if (const auto* started = std::get_if<engine::DraftStarted>(&notification)) {
    if (started->requestId == startRequest_ && stage_ == CaseStage::Starting)
      onDraftStarted(*started);
  } else if (const auto* saved = std::get_if<engine::DraftSaved>(&notification)) {
    if (saved->requestId != saveRequest_) return;
    saveInFlight_ = false;
    lastSavedAt_ = saved->savedAt;
    if (stage_ == CaseStage::Draft)
      showStatus(wxString::Format(_("Draft saved at %s."), localTimeOfDay(saved->savedAt)), false);
  } else if (const auto* finalized = std::get_if<engine::CaseFinalized>(&notification)) {
    if (finalized->requestId == finalizeRequest_) onFinalized(*finalized);
  } else if (const auto* recorded = std::get_if<engine::DecisionRecorded>(&notification)) {
    if (recorded->requestId != decideRequest_) return;
    stage_ = CaseStage::Decided;
    decided_ = recorded->state;
    decisions_->showRecorded(decisionOutcome(recorded->state));
    showStatus(wxString::Format(_("Provisional no. %s: %s"), wx(provisionalNo_),
                                decisionOutcome(recorded->state)),
               false);
    printNotice_->Show();
    printReceipt_->Show();
    nextIntake_->Show();
    ratingVisit_ = recorded->ratingVisit;
    rate_->Show(!ratingVisit_.empty());
    rate_->Enable();
    if (RatingDialog::applicantScreenConnected()) askRating();  // no need to turn the clerk's
    // The buttons after the decision are the last row of the work side: scroll to its end
    // (GTK places widgets just shown on its next pass, so their positions are not known yet).
    printNotice_->SetFocus();
    scrollWorkToEnd();
  } else if (const auto* ready = std::get_if<engine::DocumentReady>(&notification)) {
    if (ready->requestId != documentRequest_) return;
    documentRequest_ = 0;
    printNotice_->Enable();
    printReceipt_->Enable();
    showStatus(wxString::Format(_("%s %s is issued: the preview is open."), wx(ready->title),
                                wx(ready->documentNo)),
               false);
    if (preview_) preview_->Destroy();  // one preview at a time
    preview_ = new DocumentPreview(wxGetTopLevelParent(this), engine_, *ready, printing_);
    preview_->Show();
    preview_->Raise();
  } else if (const auto* rated = std::get_if<engine::SecondVisitRecorded>(&notification)) {
    if (rated->requestId != ratingRequest_ || ratingRequest_ == 0) return;
    ratingRequest_ = 0;
    ratingVisit_.clear();
    if (rating_) rating_->Destroy();
    rate_->Disable();
    showStatus(_("The applicant's rating is recorded."), false);
  } else if (const auto* stored = std::get_if<engine::MaterialStored>(&notification)) {
    onUploadStored(*stored);
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    if (const auto upload = uploads_.find(failed->requestId); upload != uploads_.end()) {
      showStatus(wxString::Format(_("The file %s could not be stored: %s"), upload->second.fileName,
                                  wx(failed->message)),
                 true);
      uploads_.erase(upload);
      return;
    }
    const wxString message = wx(failed->message);
    if (failed->requestId == ratingRequest_ && ratingRequest_ != 0) {
      ratingRequest_ = 0;
      const wxString why = refusalText(failed->message, failed->problems);
      if (rating_ && !rating_->IsBeingDeleted()) {
        rating_->refuse(why);
      } else {
        showStatus(why, true);
      }
      return;
    }
    if (failed->requestId == documentRequest_ && documentRequest_ != 0) {
      documentRequest_ = 0;
      printNotice_->Enable();
      printReceipt_->Enable();
      showStatus(wxString::Format(_("The document could not be issued: %s"), message), true);
      return;
    }
    if (failed->requestId == startRequest_ && stage_ == CaseStage::Starting) {
      stage_ = CaseStage::None;
      guide_->showMessage(wxString::Format(_("The intake could not start: %s"), message), true);
    } else if (failed->requestId == saveRequest_) {
      saveInFlight_ = false;
      dirty_ = true;  // the next autosave tries again
      showStatus(wxString::Format(_("The draft was not saved: %s"), message), true);
    } else if (failed->requestId == finalizeRequest_ && stage_ == CaseStage::Finalizing) {
      stage_ = CaseStage::Draft;
      finalize_->Enable();
      autosave_.Start(autosaveMs_);
      showFinalizeRefusal(*failed);
    } else if (failed->requestId == decideRequest_ && stage_ == CaseStage::Deciding) {
      stage_ = CaseStage::Finalized;
      decisions_->showRefusal(message, failed->problems);
    }
  }
}

void IntakePage::onDraftStarted(const engine::DraftStarted& started) {
  uuid_ = started.uuid;
  stage_ = CaseStage::Draft;
  Freeze();
  caseTitle_->SetLabel(wx(caseChoice_.name().in(language_)) + "  " + wx(caseChoice_.code()));
  applicantName_->ChangeValue(wxEmptyString);
  applicantId_->ChangeValue(wxEmptyString);
  const bool legalOnly = caseChoice_.matter != nullptr && caseChoice_.matter->forLegalEntities() &&
                         !caseChoice_.matter->forPersons();
  applicantIdType_->SetSelection(legalOnly ? kUsccIdType : 0);
  for (wxWindow* control :
       {static_cast<wxWindow*>(applicantName_), static_cast<wxWindow*>(applicantIdType_),
        static_cast<wxWindow*>(applicantId_), static_cast<wxWindow*>(allReceived_),
        static_cast<wxWindow*>(finalize_)})
    control->Enable();
  scenarioSlot_->GetSizer()->Clear(true);
  scenarios_ = nullptr;
  if (caseChoice_.matter != nullptr && !caseChoice_.matter->scenarios.empty()) {
    scenarioSlot_->GetSizer()->Add(sectionHeading(scenarioSlot_, _("Applicant's situation")),
                                   wxSizerFlags().Border(wxTOP | wxBOTTOM, FromDIP(8)));
    scenarios_ = new ScenarioQuestions(scenarioSlot_, caseChoice_.matter->scenarios, language_);
    scenarios_->onChange([this] { tailorMaterials(); });
    scenarioSlot_->GetSizer()->Add(scenarios_, wxSizerFlags().Expand());
  }
  checklist_->forgetAttachments();
  checklist_->setMaterials({}, language_);  // a new case records its materials afresh
  tailorMaterials();
  openForm();
  traceBox_->Show(caseChoice_.matter != nullptr && !caseChoice_.matter->rules.empty());
  evaluateRules();
  due_ = started.dueIfTakenInToday;
  wxString due = wxString::Format(_("If taken in today, promised by %s"), wx(due_->promised.iso()));
  if (due_->legal) due += "; " + wxString::Format(_("legal limit %s"), wx(due_->legal->iso()));
  dueText_->SetLabel(due);
  showFinalizeMessage(wxEmptyString, false);
  decisionBox_->Hide();
  nextIntake_->Hide();
  printNotice_->Hide();
  printReceipt_->Hide();
  printNotice_->Enable();
  printReceipt_->Enable();
  showStatus(wxString::Format(_("Draft %s started: not yet saved."), wx(uuid_.substr(0, 8))),
             false);
  Thaw();
  showBookPage(kCasePage);
  casePage_->Layout();
  placeSash();
  workSide_->FitInside();
  workSide_->Scroll(0, 0);
  // Keyboard first: the clerk starts with the form (its applicant fields fill the case's), or
  // with the applicant when the matter has no form.
  if (formView_ == nullptr || !formView_->focusFirstField()) applicantName_->SetFocus();
  autosave_.Start(autosaveMs_);
}

void IntakePage::openForm() {
  const std::optional<forms::FormRef>& ref =
      caseChoice_.matter != nullptr ? caseChoice_.matter->form : caseChoice_.bundle->form;
  formNote_->Show(!ref);
  if (!ref) {
    // Nothing to fill in: the materials and the decision get the whole width.
    if (split_->IsSplit()) split_->Unsplit(formSide_);
    return;
  }
  if (!split_->IsSplit())
    split_->SplitVertically(formSide_, workSide_,
                            std::max(FromDIP(320), GetClientSize().x * 45 / 100));
  wxWindow* widget = nullptr;
  try {
    form_ = std::make_shared<const forms::XFormDefinition>(forms::loadXForm(ref->path.string()));
    forms::SessionOptions options;
    if (std::find(form_->languages.begin(), form_->languages.end(), language_) !=
        form_->languages.end())
      options.language = language_;
    options.clock = clock_;
    // jr:preload="property": the station's id and the clerk's, as a phone's and its user's.
    const engine::StatusSnapshot status = engine_.status();
    options.deviceId = status.stationId;
    if (status.session) options.userName = status.session->clerkId;
    session_ = std::make_unique<forms::FormSession>(form_, options);
    formView_ = new FormView(formSide_, *session_);
    formView_->setOnChanged([this](const forms::ChangeSet&) { formChanged(); });
    formView_->setOnUpload(
        [this](const std::string& materialKey, const std::filesystem::path& file) {
          storeUpload(materialKey, file);
        });
    widget = formView_;
  } catch (const forms::LoadError& error) {
    wxString text = wxString::Format(_("The form %s could not be loaded:"), wx(ref->ref)) + "\n";
    for (const forms::Diagnostic& problem : error.diagnostics())
      text += wx(problem.toString()) + "\n";
    widget = new wxTextCtrl(formSide_, wxID_ANY, text, wxDefaultPosition, wxDefaultSize,
                            wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP | wxHSCROLL);
    widget->SetName("form-slot");
    form_.reset();
    session_.reset();
  } catch (const std::exception& error) {
    widget = new wxStaticText(
        formSide_, wxID_ANY,
        wxString::Format(_("The form %s could not be opened: %s"), wx(ref->ref), wx(error.what())));
    widget->SetName("form-slot");
    form_.reset();
    session_.reset();
  }
  // The slot is the second item of the form side's sizer (after the heading); resetCase()
  // left a spacer there.
  wxSizer* sizer = formSide_->GetSizer();
  sizer->Remove(1);
  sizer->Insert(1, widget, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
  formWidget_ = widget;
  formSide_->Layout();
  // GTK moves the focus along a chain each container keeps, which wx remakes only when the
  // container's own children change. The splitter's was made while the form side held nothing
  // to focus, so it leaves the form side out, and Tab in the form left the page for the
  // catalog's search box. Moving the form side in the Tab order (to where it already is) has
  // the splitter's chain made again, with the form in it.
  formSide_->MoveBeforeInTabOrder(workSide_);
}

void IntakePage::tailorMaterials() {
  if (caseChoice_.empty()) return;
  try {
    checklist_->setMaterials(
        checklistFor(*caseChoice_.catalog, caseChoice_.subject(),
                     scenarios_ != nullptr ? scenarios_->answers() : forms::ScenarioAnswers{},
                     today(), language_),
        language_);
  } catch (const std::exception& error) {
    showStatus(wxString::Format(_("The material list could not be made: %s"), wx(error.what())),
               true);
  }
  workSide_->FitInside();
  workSide_->Layout();
}

std::vector<std::string> IntakePage::formProblemLines() const {
  std::vector<std::string> lines;
  if (!session_) return lines;
  // As the summary above the form says them: the notice goes to the applicant.
  for (const forms::Problem& problem : session_->problems())
    lines.push_back(clerkProblemLine(problem).utf8_string());
  return lines;
}

void IntakePage::evaluateRules() {
  if (caseChoice_.matter == nullptr || caseChoice_.matter->rules.empty()) return;
  if (!session_) {
    trace_->showUnavailable(_("The rules are checked on the intake form, which is not open."));
    return;
  }
  trace_->evaluate(*caseChoice_.matter, session_->instance().document_element(),
                   &session_->environment(), language_);
  traceBox_->Layout();
}

void IntakePage::formChanged() {
  copyApplicantFromForm();
  markDirty();
  evaluateRules();
  workSide_->FitInside();
}

// The applicant is typed once: the form's applicant name and ID number (the sample catalog's
// /data/applicant/name and /data/applicant/id_number) fill the case's applicant fields, unless
// the clerk typed something else there.
void IntakePage::copyApplicantFromForm() {
  if (!session_ || stage_ != CaseStage::Draft) return;
  const auto copy = [this](const char* path, wxTextCtrl* field, wxString& copied) {
    std::string answer;
    try {
      answer = session_->value(path);
    } catch (const std::exception&) {
      return;  // the form asks no such question
    }
    const wxString value = wxString::FromUTF8(answer);
    const wxString current = field->GetValue();
    if (value.empty() || value == current || !(current.empty() || current == copied)) return;
    field->ChangeValue(value);
    copied = value;
  };
  copy("/data/applicant/name", applicantName_, copiedName_);
  copy("/data/applicant/id_number", applicantId_, copiedIdNumber_);
}

void IntakePage::markDirty() {
  if (stage_ == CaseStage::Draft) dirty_ = true;
}

void IntakePage::autosave() {
  if (stage_ == CaseStage::Draft && dirty_ && !saveInFlight_) sendDraft();
}

void IntakePage::saveNow() {
  if (stage_ != CaseStage::Draft) return;
  sendDraft();
}

engine::DraftContent IntakePage::draftContent() const {
  engine::DraftContent content;
  content.applicantName = applicantName_->GetValue().Strip(wxString::both).utf8_string();
  const auto types = applicantIdTypes();
  const auto type = static_cast<std::size_t>(std::max(0, applicantIdType_->GetSelection()));
  content.applicantIdType = types[std::min(type, types.size() - 1)].code;
  content.applicantIdNumber = applicantId_->GetValue().Strip(wxString::both).Upper().utf8_string();
  if (form_) {
    content.formId = form_->id;
    content.formVersion = form_->version;
  }
  if (session_) content.instanceXml = session_->instanceXml();
  return content;
}

void IntakePage::sendDraft() {
  if (formView_ != nullptr) formView_->commitPending();  // the last keystrokes too
  saveRequest_ = nextRequestId();
  saveInFlight_ = true;
  dirty_ = false;
  engine_.submit(engine::SaveDraft{saveRequest_, uuid_, draftContent()});
}

void IntakePage::finalizeIntake(bool forCorrection) {
  if (stage_ != CaseStage::Draft) return;
  if (!uploads_.empty()) {
    showFinalizeMessage(_("Attached files are still being stored: finalize again in a moment."),
                        true);
    return;
  }
  if (formView_ != nullptr) {
    formView_->commitPending();
    formView_->showAllProblems();  // they go into a correction notice if the clerk issues one
  }
  autosave_.Stop();
  sendDraft();  // the answers exactly as taken in become revision 1
  finalizeRequest_ = nextRequestId();
  stage_ = CaseStage::Finalizing;
  finalize_->Disable();
  finalizeForCorrection_->Hide();
  showFinalizeMessage(_("Finalizing..."), false);
  engine_.submit(engine::FinalizeIntake{
      finalizeRequest_, uuid_,
      scenarios_ != nullptr ? scenarios_->answers() : forms::ScenarioAnswers{},
      checklist_->answers(), forCorrection});
}

void IntakePage::showFinalizeRefusal(const engine::CommandFailed& failed) {
  if (failed.problems.empty()) {
    showFinalizeMessage(wx(failed.message), true);
    return;
  }
  // A form's answer is said as the form's summary says it (the clerk's language); the engine
  // judged the same answers with the same form.
  wxString lines;
  for (const forms::RuleProblem& problem : failed.problems) {
    std::optional<forms::Problem> local;
    if (problem.rule == forms::Rule::FormAnswer && session_)
      local = session_->problemAt(problem.where);
    if (!lines.empty()) lines += "\n";
    lines += local ? wxString::Format(_("Form, %s"), clerkProblemLine(*local))
                   : ruleProblemText(problem);
  }
  showFinalizeMessage(wxString::Format(_("Not taken in:\n%s"), lines), true);
  const bool onlyAnswers =
      std::all_of(failed.problems.begin(), failed.problems.end(),
                  [](const forms::RuleProblem& p) { return p.rule == forms::Rule::FormAnswer; });
  finalizeForCorrection_->Show(onlyAnswers && formView_ != nullptr);
  // The clerk goes to the first field the engine named: a question of the form, the applicant,
  // a material.
  const std::string& where = failed.problems.front().where;
  if (formView_ != nullptr && !where.empty() && where.front() == '/') {
    formView_->showAllProblems();
    if (!formView_->focusField(where)) formView_->focusFirstProblem();
  } else if (where == "applicant.name") {
    applicantName_->SetFocus();
  } else if (where == "applicant.id_number") {
    applicantId_->SetFocus();
  } else if (where == "applicant.id_type") {
    applicantIdType_->SetFocus();
  } else if (where.rfind("material.", 0) == 0) {
    if (wxWindow* status = checklist_->statusControl(where.substr(9))) status->SetFocus();
  }
  casePage_->Layout();
  workSide_->FitInside();
  if (finalizeForCorrection_->IsShown()) scrollIntoView(finalizeForCorrection_);
}

void IntakePage::onFinalized(const engine::CaseFinalized& finalized) {
  stage_ = CaseStage::Finalized;
  provisionalNo_ = finalized.provisionalNo;
  due_ = finalized.due;
  finalizeForCorrection_->Hide();
  for (wxWindow* control :
       {static_cast<wxWindow*>(applicantName_), static_cast<wxWindow*>(applicantIdType_),
        static_cast<wxWindow*>(applicantId_), static_cast<wxWindow*>(allReceived_)})
    control->Disable();
  if (scenarios_ != nullptr) scenarios_->freeze();
  checklist_->freeze();
  if (formWidget_ != nullptr) formWidget_->Disable();
  wxString promised = wxString::Format(_("promised by %s"), wx(due_->promised.iso()));
  showFinalizeMessage(
      wxString::Format(_("Taken in: provisional no. %s, %s."), wx(provisionalNo_), promised),
      false);
  showStatus(wxString::Format(_("Provisional no. %s: decide now."), wx(provisionalNo_)), false);

  // The decision is prepared from the case as the engine took it in.
  DecisionContext context;
  if (!finalized.formProblems.empty()) context.formProblems = formProblemLines();
  context.notSupplied = forms::materialsToSupply(finalized.slots);
  context.today = today();
  context.promisedDue = finalized.due.promised;
  context.correctionDeadline = finalized.correctionDeadline;
  context.legalBasis = finalized.legalBasis;
  decisions_->prepare(context);
  decisions_->Enable();
  decisionBox_->Show();
  scrollIntoView(decisionBox_);
  decisions_->kindChoice()->SetFocus();
}

void IntakePage::decide(const engine::DecisionAnswer& decision) {
  if (stage_ != CaseStage::Finalized) return;
  stage_ = CaseStage::Deciding;
  decideRequest_ = nextRequestId();
  engine_.submit(engine::RecordDecision{decideRequest_, uuid_, decision});
}

void IntakePage::issueDocument(const std::string& kind) {
  if (stage_ != CaseStage::Decided || documentRequest_ != 0) return;
  documentRequest_ = nextRequestId();
  printNotice_->Disable();
  printReceipt_->Disable();
  showStatus(_("Issuing the document..."), false);
  // ~90 dpi: an A4 page at about its real size on the workstation's screen.
  engine_.submit(engine::IssueDocument{documentRequest_, uuid_, kind, 90});
}

void IntakePage::storeUpload(const std::string& materialKey, const std::filesystem::path& file) {
  if (stage_ != CaseStage::Draft) return;
  const wxString fileName =
      wxString::FromUTF8(reinterpret_cast<const char*>(file.filename().u8string().c_str()));
  if (materialKey.empty() || checklist_->offeredStatuses(materialKey).empty()) {
    // The control names no material of this case's list: the file name is only the answer.
    showStatus(wxString::Format(_("%s is kept as the answer only: the matter lists no material "
                                  "for this field."),
                                fileName),
               false);
    return;
  }
  const std::uint64_t request = nextRequestId();
  uploads_[request] = PendingUpload{materialKey, fileName};
  showStatus(wxString::Format(_("Storing %s..."), fileName), false);
  engine_.submit(engine::StoreMaterial{request, file});
}

void IntakePage::onUploadStored(const engine::MaterialStored& stored) {
  const auto upload = uploads_.find(stored.requestId);
  if (upload == uploads_.end()) return;
  const PendingUpload pending = upload->second;
  uploads_.erase(upload);
  if (stage_ != CaseStage::Draft) return;  // the case moved on (or was left) meanwhile
  checklist_->attachPage(pending.materialKey,
                         engine::PageRef{stored.sha256, stored.size, stored.mediaType});
  showStatus(wxString::Format(_("%s is stored and attached to its material."), pending.fileName),
             false);
}

void IntakePage::scrollWorkToEnd() {
  workSide_->Layout();
  workSide_->FitInside();
  workSide_->Scroll(-1, workSide_->GetVirtualSize().GetHeight());
}

void IntakePage::scrollIntoView(wxWindow* window) {
  workSide_->Layout();
  workSide_->FitInside();
  int unitX = 1;
  int unitY = 1;
  workSide_->GetScrollPixelsPerUnit(&unitX, &unitY);
  if (unitY <= 0) return;
  const wxPoint shown = window->GetScreenPosition() - workSide_->GetScreenPosition();
  const int top = workSide_->CalcUnscrolledPosition(shown).y;
  const int bottom = top + window->GetSize().y;
  const int viewTop = workSide_->GetViewStart().y * unitY;
  const int height = workSide_->GetClientSize().y;
  int target = viewTop;
  if (bottom > viewTop + height) target = bottom - height + FromDIP(8);
  if (top < target) target = top - FromDIP(8);  // a window taller than the view: its top
  if (target != viewTop) workSide_->Scroll(-1, std::max(0, target / unitY));
}

void IntakePage::showStatus(const wxString& text, bool error) {
  status_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20)
                                     : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  status_->SetLabel(text);
  casePage_->Layout();
}

void IntakePage::showFinalizeMessage(const wxString& text, bool error) {
  finalizeMessage_->SetForegroundColour(
      error ? wxColour(0xB0, 0x00, 0x20) : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  finalizeMessage_->SetLabel(text);
  finalizeMessage_->Wrap(FromDIP(380));
  scrollIntoView(finalizeMessage_);
}

wxString IntakePage::statusText() const { return status_->GetLabel(); }
wxString IntakePage::finalizeMessage() const { return finalizeMessage_->GetLabel(); }
wxString IntakePage::formProblemsText() const {
  wxString text;
  for (const std::string& line : formProblemLines()) text += wx(line) + "\n";
  return text;
}

}  // namespace onewindow::app
