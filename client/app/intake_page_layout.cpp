// The case view of the Intake page: form on the left, the clerk's work on the right.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "client/app/applicant_id_types.hpp"
#include "client/app/approval_trace_view.hpp"
#include "client/app/decision_panel.hpp"
#include "client/app/intake_page.hpp"
#include "client/app/material_checklist.hpp"
#include "client/app/section_heading.hpp"

namespace onewindow::app {

void IntakePage::buildCaseView() {
  casePage_ = new wxPanel(book_);
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  caseTitle_ = new wxStaticText(casePage_, wxID_ANY, wxEmptyString);
  caseTitle_->SetFont(caseTitle_->GetFont().Scale(1.2).Bold());
  sizer->Add(caseTitle_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));
  status_ = new wxStaticText(casePage_, wxID_ANY, wxEmptyString);
  status_->SetName("intake-status");
  sizer->Add(status_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));

  split_ = new wxSplitterWindow(casePage_, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxSP_LIVE_UPDATE | wxSP_3DSASH);
  split_->SetMinimumPaneSize(FromDIP(240));
  split_->SetSashGravity(0.45);
  // The sash follows the page's width (the window resized, the catalog folded away) until the
  // clerk drags it; a new case places it afresh. wxWidgets also reports its own moves of the
  // sash (gravity, the first split) as changes: only one made with the mouse button down counts.
  split_->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    if (!sashMovedByClerk_) CallAfter([this] { placeSash(); });
  });
  split_->Bind(wxEVT_SPLITTER_SASH_POS_CHANGING, [this](wxSplitterEvent& event) {
    event.Skip();
    if (wxGetMouseState().LeftIsDown()) sashMovedByClerk_ = true;
  });
  sizer->Add(split_, wxSizerFlags(1).Expand());
  casePage_->SetSizer(sizer);

  // The form side: the form view (with its own summary of problems) fills it.
  formSide_ = new wxPanel(split_);
  auto* formSizer = new wxBoxSizer(wxVERTICAL);
  formSizer->Add(sectionHeading(formSide_, _("Application form")),
                 wxSizerFlags().Border(wxALL, gap));
  formSizer->AddStretchSpacer(1);  // replaced by the form view of each case
  formSide_->SetSizer(formSizer);

  // The work side: applicant, situation, materials, 秒批, finalize, decision.
  workSide_ = new wxScrolledWindow(split_, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxVSCROLL | wxHSCROLL | wxTAB_TRAVERSAL);
  workSide_->SetScrollRate(FromDIP(12), FromDIP(12));
  auto* work = new wxBoxSizer(wxVERTICAL);
  formNote_ = new wxStaticText(workSide_, wxID_ANY,
                               _("This matter has no intake form: record the applicant and the "
                                 "materials."));
  formNote_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  work->Add(formNote_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));

  work->Add(sectionHeading(workSide_, _("Applicant")), wxSizerFlags().Border(wxALL, gap));
  auto* applicant = new wxFlexGridSizer(2, FromDIP(4), FromDIP(8));
  applicant->AddGrowableCol(1, 1);
  applicant->Add(new wxStaticText(workSide_, wxID_ANY, _("&Name:")),
                 wxSizerFlags().CenterVertical());
  applicantName_ = new wxTextCtrl(workSide_, wxID_ANY);
  applicantName_->SetName("applicant-name");
  applicant->Add(applicantName_, wxSizerFlags().Expand());
  applicant->Add(new wxStaticText(workSide_, wxID_ANY, _("ID &type:")),
                 wxSizerFlags().CenterVertical());
  applicantIdType_ = new wxChoice(workSide_, wxID_ANY);
  for (const ApplicantIdType& type : applicantIdTypes())
    applicantIdType_->Append(wxGetTranslation(type.label));
  applicantIdType_->SetSelection(0);
  applicantIdType_->SetName("applicant-id-type");
  applicant->Add(applicantIdType_, wxSizerFlags().Expand());
  applicant->Add(new wxStaticText(workSide_, wxID_ANY, _("ID n&umber:")),
                 wxSizerFlags().CenterVertical());
  applicantId_ = new wxTextCtrl(workSide_, wxID_ANY);
  applicantId_->SetName("applicant-id");
  applicant->Add(applicantId_, wxSizerFlags().Expand());
  work->Add(applicant, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

  scenarioSlot_ = new wxPanel(workSide_);
  scenarioSlot_->SetSizer(new wxBoxSizer(wxVERTICAL));
  work->Add(scenarioSlot_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

  work->Add(sectionHeading(workSide_, _("Materials")), wxSizerFlags().Border(wxALL, gap));
  checklist_ = new MaterialChecklist(workSide_);
  checklist_->SetName("material-checklist");
  checklist_->onCapture([this](const std::string& key) { openCapture(key); });
  work->Add(checklist_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
  allReceived_ = new wxButton(workSide_, wxID_ANY, _("&All received"));
  allReceived_->SetName("all-received");
  work->Add(allReceived_, wxSizerFlags().Border(wxALL, gap));

  traceBox_ = new wxPanel(workSide_);
  auto* traceSizer = new wxBoxSizer(wxVERTICAL);
  traceSizer->Add(sectionHeading(traceBox_, _("Auto-approval check")),
                  wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
  trace_ = new ApprovalTraceView(traceBox_);
  traceSizer->Add(trace_, wxSizerFlags().Expand());
  traceBox_->SetSizer(traceSizer);
  work->Add(traceBox_, wxSizerFlags().Expand().Border(wxALL, gap));

  dueText_ = new wxStaticText(workSide_, wxID_ANY, wxEmptyString);
  dueText_->SetName("intake-due");
  work->Add(dueText_, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
  auto* finalizeRow = new wxBoxSizer(wxHORIZONTAL);
  finalize_ = new wxButton(workSide_, wxID_ANY, _("&Finalize intake"));
  finalize_->SetName("finalize-intake");
  finalizeRow->Add(finalize_, wxSizerFlags().Top());
  auto* finalizeAnswer = new wxBoxSizer(wxVERTICAL);
  finalizeMessage_ = new wxStaticText(workSide_, wxID_ANY, wxEmptyString);
  finalizeMessage_->SetName("finalize-message");
  finalizeAnswer->Add(finalizeMessage_, wxSizerFlags().Expand());
  // Offered when the engine refused only the form's answers: the applicant is handed a one-time
  // correction notice listing them (行政许可法 §32).
  finalizeForCorrection_ =
      new wxButton(workSide_, wxID_ANY, _("Take in for a one-time &correction notice"));
  finalizeForCorrection_->SetName("finalize-for-correction");
  finalizeForCorrection_->Hide();
  finalizeAnswer->Add(finalizeForCorrection_, wxSizerFlags().Border(wxTOP, FromDIP(4)));
  finalizeRow->Add(finalizeAnswer, wxSizerFlags(1).Border(wxLEFT, gap));
  work->Add(finalizeRow, wxSizerFlags().Expand().Border(wxALL, gap));

  decisionBox_ = new wxPanel(workSide_);
  auto* decisionSizer = new wxBoxSizer(wxVERTICAL);
  decisions_ = new DecisionPanel(decisionBox_);
  decisionSizer->Add(decisions_, wxSizerFlags().Expand());
  decisionBox_->SetSizer(decisionSizer);
  work->Add(decisionBox_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  // After the decision: its notice and the receipt of the materials, then the next applicant.
  auto* afterDecision = new wxBoxSizer(wxHORIZONTAL);
  printNotice_ = new wxButton(workSide_, wxID_ANY, _("Print the &notice..."));
  printNotice_->SetName("print-notice");
  printNotice_->Hide();
  afterDecision->Add(printNotice_, wxSizerFlags().Border(wxRIGHT, gap));
  printReceipt_ = new wxButton(workSide_, wxID_ANY, _("Material &receipt..."));
  printReceipt_->SetName("print-receipt");
  printReceipt_->Hide();
  afterDecision->Add(printReceipt_, wxSizerFlags().Border(wxRIGHT, gap));
  rate_ = new wxButton(workSide_, wxID_ANY, _("&Rate..."));
  rate_->SetName("rate-visit");
  rate_->SetToolTip(_("The applicant rates this visit (turn the screen to them)"));
  rate_->Hide();
  afterDecision->Add(rate_, wxSizerFlags().Border(wxRIGHT, gap));
  nextIntake_ = new wxButton(workSide_, wxID_ANY, _("&Next applicant"));
  nextIntake_->SetName("next-intake");
  afterDecision->Add(nextIntake_);
  work->Add(afterDecision, wxSizerFlags().Border(wxALL, gap));
  workSide_->SetSizer(work);
  // Once decided, what follows the decision stays in sight when the view gets shorter (an
  // info bar of central's news above the pages, the window made smaller).
  workSide_->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    if (stage_ == CaseStage::Decided)
      CallAfter([this] {
        if (stage_ == CaseStage::Decided) scrollWorkToEnd();
      });
  });

  split_->SplitVertically(formSide_, workSide_);
  split_->Unsplit(formSide_);  // until a case with a form starts

  applicantName_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { markDirty(); });
  applicantId_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { markDirty(); });
  applicantIdType_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { markDirty(); });
  allReceived_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { checklist_->markAllReceived(); });
  finalize_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finalizeIntake(); });
  finalizeForCorrection_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finalizeIntake(true); });
  decisions_->onDecide([this](const engine::DecisionAnswer& decision) { decide(decision); });
  decisions_->onResize([this] { scrollIntoView(decisions_->recordButton()); });
  printNotice_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { issueDocument(""); });
  printReceipt_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { issueDocument("material-receipt"); });
  rate_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askRating(); });
  nextIntake_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const CatalogChoice same = caseChoice_;
    resetCase();
    showChoice(same, true);
  });
}

}  // namespace onewindow::app
