#include "client/app/decision_panel.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/date_field.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

using engine::DecisionKind;

}  // namespace

wxString refusalRemedies() {
  return _(
      "If the applicant disagrees with this decision, they may apply for administrative "
      "reconsideration within 60 days of receiving it, or bring an administrative lawsuit "
      "within 6 months.");
}

wxString correctionNoticeText(const DecisionContext& context) {
  wxString text;
  int number = 0;
  for (const std::string& problem : context.formProblems)
    text += wxString::Format("%d. ", ++number) + _("Form: ") + wx(problem) + "\n";
  for (const forms::CaseSlot& material : context.notSupplied)
    text += wxString::Format("%d. ", ++number) + _("Material not supplied: ") + wx(material.name) +
            "\n";
  return text.Trim();
}

DecisionPanel::DecisionPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  wxArrayString kinds;
  kinds.Add(_("&Accept"));
  kinds.Add(_("Accept with &gaps"));
  kinds.Add(_("&One-time correction notice"));
  kinds.Add(_("&Refuse"));
  kind_ = new wxRadioBox(this, wxID_ANY, _("Decision"), wxDefaultPosition, wxDefaultSize, kinds, 2,
                         wxRA_SPECIFY_COLS);
  kind_->SetName("decision-kind");
  sizer->Add(kind_, wxSizerFlags().Expand());

  // One panel per decision, only the chosen one shown: the panel is as tall as that one.
  buildAcceptPage(this);
  buildGapPage(this);
  buildCorrectionPage(this);
  buildRefusalPage(this);
  for (wxPanel* page : pages_) {
    sizer->Add(page, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, FromDIP(6)));
    page->Hide();
  }
  pages_[0]->Show();

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  record_ = new wxButton(this, wxID_ANY, _("Record &decision"));
  record_->SetName("decision-record");
  buttons->Add(record_, wxSizerFlags().Top());
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetName("decision-message");
  buttons->Add(message_, wxSizerFlags(1).Border(wxLEFT, FromDIP(10)));
  sizer->Add(buttons, wxSizerFlags().Expand());
  SetSizer(sizer);

  kind_->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) {
    for (std::size_t i = 0; i < pages_.size(); ++i)
      pages_[i]->Show(static_cast<int>(i) == kind_->GetSelection());
    showMessage(wxEmptyString, false);
    if (onResize_) onResize_();
  });
  record_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { record(); });
  // A message about what the clerk typed goes once the clerk changes it.
  auto clear = [this](wxCommandEvent& event) {
    if (!waiting_) showMessage(wxEmptyString, false);
    event.Skip();
  };
  for (wxTextCtrl* text : {notice_, grounds_, legalBasis_}) text->Bind(wxEVT_TEXT, clear);
  commitment_->Bind(wxEVT_CHECKBOX, clear);
  // The deadline's own problem shows under it: the panel grows or shrinks with it.
  deadline_->Bind(kEvtDateFieldChanged, [this](wxCommandEvent&) {
    if (!waiting_) showMessage(wxEmptyString, false);
  });
}

void DecisionPanel::buildAcceptPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  acceptNote_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
  sizer->Add(acceptNote_);
  page->SetSizer(sizer);
  pages_.push_back(page);
}

void DecisionPanel::buildGapPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  gapList_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
  gapList_->SetName("decision-gaps");
  sizer->Add(gapList_, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  auto* supplyBy = new wxStaticText(page, wxID_ANY, _("Supply by:"));
  // Typed or picked, shown as YYYY-MM-DD whatever the locale (wxDatePickerCtrl follows it).
  deadline_ = new DateField(page, wxID_ANY, "decision-deadline");
  deadlineNote_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
  // Level with the date's box, also while the field shows a problem under it.
  const int level =
      std::max(0, (deadline_->textBox()->GetBestSize().y - supplyBy->GetCharHeight()) / 2);
  row->Add(supplyBy, wxSizerFlags().Top().Border(wxTOP, level));
  row->AddSpacer(FromDIP(6));
  row->Add(deadline_, wxSizerFlags().Top());
  row->AddSpacer(FromDIP(6));
  row->Add(deadlineNote_, wxSizerFlags().Top().Border(wxTOP, level));
  sizer->Add(row);
  commitment_ = new wxCheckBox(page, wxID_ANY,
                               _("The applicant has signed the commitment to supply them in time"));
  commitment_->SetName("decision-commitment");
  sizer->Add(commitment_, wxSizerFlags().Border(wxTOP, FromDIP(4)));
  page->SetSizer(sizer);
  pages_.push_back(page);
}

void DecisionPanel::buildCorrectionPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(
      page, wxID_ANY, _("Everything the applicant must correct or supply, in one notice:")));
  noticeItems_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
  noticeItems_->SetName("decision-notice-items");
  sizer->Add(noticeItems_, wxSizerFlags().Border(wxTOP | wxBOTTOM, FromDIP(4)));
  sizer->Add(new wxStaticText(page, wxID_ANY, _("Anything else to correct or supply:")));
  notice_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition,
                           wxSize(-1, FromDIP(72)), wxTE_MULTILINE);
  notice_->SetName("decision-notice");
  sizer->Add(notice_, wxSizerFlags().Expand());
  page->SetSizer(sizer);
  pages_.push_back(page);
}

void DecisionPanel::buildRefusalPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(page, wxID_ANY, _("Grounds (required):")));
  grounds_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition,
                            wxSize(-1, FromDIP(60)), wxTE_MULTILINE);
  grounds_->SetName("decision-grounds");
  sizer->Add(grounds_, wxSizerFlags().Expand());
  sizer->Add(new wxStaticText(page, wxID_ANY, _("Legal basis:")),
             wxSizerFlags().Border(wxTOP, FromDIP(4)));
  legalBasis_ = new wxTextCtrl(page, wxID_ANY);
  legalBasis_->SetName("decision-legal-basis");
  sizer->Add(legalBasis_, wxSizerFlags().Expand());
  auto* remedies = new wxStaticText(page, wxID_ANY, refusalRemedies());
  remedies->Wrap(FromDIP(420));
  sizer->Add(remedies, wxSizerFlags().Border(wxTOP, FromDIP(4)));
  page->SetSizer(sizer);
  pages_.push_back(page);
}

void DecisionPanel::prepare(const DecisionContext& context) {
  context_ = context;
  acceptNote_->SetLabel(
      context.notSupplied.empty() && context.formProblems.empty()
          ? _("Every material is in and the form is complete: the case can be accepted.")
          : wxString::Format(_("%d material(s) not received, %d form problem(s): a plain "
                               "acceptance will be refused."),
                             static_cast<int>(context.notSupplied.size()),
                             static_cast<int>(context.formProblems.size())));
  wxString gaps;
  for (const forms::CaseSlot& material : context.notSupplied) {
    if (!gaps.empty()) gaps += "\n";
    gaps += "- " + wx(material.name) + " (" +
            (material.main ? _("main material: no gap allowed") : _("secondary")) + ")";
  }
  gapList_->SetLabel(gaps.empty() ? _("No material is missing.")
                                  : _("Materials to supply later:") + "\n" + gaps);
  const forms::CivilDate last = std::max(context.promisedDue, context.today);
  deadline_->setRange(context.today, last);
  deadline_->setValue(last);
  deadlineNote_->SetLabel(
      wxString::Format(_("(at the latest %s, the promised date)"), wx(last.iso())));
  const wxString items = correctionNoticeText(context);
  noticeItems_->SetLabel(
      items.empty()
          ? _("(nothing found: describe the problem below)")
          : items + "\n" +
                wxString::Format(_("To be issued by %s."), wx(context.correctionDeadline.iso())));
  noticeItems_->Wrap(FromDIP(420));
  notice_->ChangeValue(wxEmptyString);
  legalBasis_->ChangeValue(wx(context.legalBasis));
  showMessage(wxEmptyString, false);
  Enable();
  Layout();
}

engine::DecisionAnswer DecisionPanel::collect() const {
  engine::DecisionAnswer answer;
  switch (kind_->GetSelection()) {
    case 0:
      answer.kind = DecisionKind::Accept;
      break;
    case 1:
      answer.kind = DecisionKind::AcceptWithGaps;
      if (const std::optional<forms::CivilDate> deadline = deadline_->value())
        answer.gapDeadline = deadline->iso();
      answer.commitmentSigned = commitment_->GetValue();
      break;
    case 2:
      answer.kind = DecisionKind::CorrectionNotice;
      answer.grounds = notice_->GetValue().Strip(wxString::both).utf8_string();
      break;
    default:
      answer.kind = DecisionKind::Refuse;
      answer.grounds = grounds_->GetValue().Strip(wxString::both).utf8_string();
      answer.legalBasis = legalBasis_->GetValue().Strip(wxString::both).utf8_string();
      break;
  }
  return answer;
}

void DecisionPanel::record() {
  if (waiting_) return;
  if (!onDecide_) return;
  // What was typed is read as leaving the field reads it; a text that is no date (or outside
  // the days the field offers) is said at the field and nothing is sent.
  if (kind_->GetSelection() == 1 && (!deadline_->commit() || !deadline_->value())) {
    showMessage(deadline_->problem(), true);
    deadline_->SetFocus();
    return;
  }
  waiting_ = true;
  record_->Disable();
  showMessage(_("Recording..."), false);
  onDecide_(collect());
}

void DecisionPanel::choose(engine::DecisionKind kind) {
  kind_->SetSelection(static_cast<int>(kind));
  wxCommandEvent event(wxEVT_RADIOBOX, kind_->GetId());
  event.SetInt(kind_->GetSelection());
  event.SetEventObject(kind_);
  kind_->GetEventHandler()->ProcessEvent(event);
}

void DecisionPanel::showRefusal(const wxString& message,
                                const std::vector<forms::RuleProblem>& problems) {
  waiting_ = false;
  record_->Enable();
  showMessage(wxString::Format(_("Not recorded: %s"),
                               problems.empty() ? message : ruleProblemsText(problems)),
              true);
  if (problems.empty()) return;
  // The clerk goes straight to what needs changing.
  const std::string& where = problems.front().where;
  wxWindow* field = nullptr;
  if (where == "decision.deadline") field = deadline_;
  if (where == "decision.commitment") field = commitment_;
  if (where == "decision.grounds") field = kind_->GetSelection() == 2 ? notice_ : grounds_;
  if (field != nullptr) field->SetFocus();
}

void DecisionPanel::showRecorded(const wxString& outcome) {
  waiting_ = false;
  showMessage(outcome, false);
  kind_->Disable();
  for (wxPanel* page : pages_) page->Disable();
  record_->Disable();
}

void DecisionPanel::showMessage(const wxString& text, bool error) {
  message_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  message_->SetLabel(text);
  message_->Wrap(FromDIP(380));
  Layout();
  if (onResize_) onResize_();
}

wxString DecisionPanel::gapListText() const { return gapList_->GetLabel(); }
wxString DecisionPanel::message() const { return message_->GetLabel(); }

}  // namespace onewindow::app
