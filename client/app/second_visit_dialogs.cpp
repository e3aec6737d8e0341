#include "client/app/second_visit_dialogs.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/display.h>
#include <wx/panel.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/applicant_id_types.hpp"
#include "client/app/date_field.hpp"
#include "client/app/form_view.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

wxTextCtrl* labelledField(wxWindow* parent, wxSizer* sizer, const wxString& label,
                          const wxString& name, long style = 0) {
  sizer->Add(new wxStaticText(parent, wxID_ANY, label),
             wxSizerFlags().Border(wxTOP, parent->FromDIP(6)));
  auto* field = new wxTextCtrl(
      parent, wxID_ANY, wxEmptyString, wxDefaultPosition,
      wxSize(parent->FromDIP(360), style & wxTE_MULTILINE ? parent->FromDIP(70) : -1), style);
  field->SetName(name);
  sizer->Add(field, wxSizerFlags().Expand());
  return field;
}

std::string text(const wxTextCtrl* field) {
  return field->GetValue().Strip(wxString::both).utf8_string();
}

}  // namespace

SecondVisitDialog::SecondVisitDialog(wxWindow* parent, const wxString& title, Send send)
    : DialogBase(parent, title), send_(std::move(send)) {
  Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
    if (event.GetId() == wxID_CANCEL)
      Destroy();
    else
      event.Skip();
  });
}

bool SecondVisitDialog::acceptInput() {
  clearMessage();
  okButton()->Disable();  // one command at a time: a second press would record it twice
  send_(command());
  return false;  // closed when the engine has done it; its refusal shows here otherwise
}

void SecondVisitDialog::refuse(const wxString& why) {
  showMessage(why);
  okButton()->Enable();
}

void SecondVisitDialog::pressOk() {
  wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
  click.SetEventObject(okButton());
  okButton()->GetEventHandler()->ProcessEvent(click);
}

ReasonDialog::ReasonDialog(wxWindow* parent, Kind kind, std::string caseUuid, Send send)
    : SecondVisitDialog(parent,
                        kind == Kind::Withdraw ? _("Withdraw the application") : _("Void the case"),
                        std::move(send)),
      kind_(kind),
      caseUuid_(std::move(caseUuid)) {
  SetName(kind == Kind::Withdraw ? "withdraw-dialog" : "void-dialog");
  content()->Add(new wxStaticText(this, wxID_ANY,
                                  kind == Kind::Withdraw
                                      ? _("The applicant withdraws the application. The case ends "
                                          "here and central is told.")
                                      : _("The applicant did not supply the owed materials by the "
                                          "deadline: the gap acceptance is voided.")));
  reason_ = labelledField(this, content(), _("Reason"), "reason", wxTE_MULTILINE);
  finishLayout(kind == Kind::Withdraw ? _("Withdraw") : _("Void"));
  reason_->SetFocus();
}

engine::Command ReasonDialog::command() const {
  if (kind_ == Kind::Withdraw) return engine::WithdrawCase{0, caseUuid_, text(reason_)};
  return engine::VoidOverdueCase{0, caseUuid_, text(reason_)};
}

PostingDialog::PostingDialog(wxWindow* parent, std::string caseUuid, Send send)
    : SecondVisitDialog(parent, _("Post the result"), std::move(send)),
      caseUuid_(std::move(caseUuid)) {
  SetName("posting-dialog");
  carrier_ = labelledField(this, content(), _("Carrier"), "carrier");
  carrier_->SetValue(_("China Post EMS"));
  tracking_ = labelledField(this, content(), _("Tracking number"), "tracking-number");
  finishLayout(_("Record posting"));
  tracking_->SetFocus();
}

engine::Command PostingDialog::command() const {
  return engine::PostResult{0, caseUuid_, text(carrier_), text(tracking_)};
}

CorrectionAnswerDialog::CorrectionAnswerDialog(wxWindow* parent, std::string caseUuid, Send send,
                                               const engine::CaseDetail& detail,
                                               const std::string& language)
    : SecondVisitDialog(parent, _("Answer the correction notice"), std::move(send)),
      caseUuid_(std::move(caseUuid)) {
  SetName("correction-answer-dialog");
  const wxString choices[] = {_("Accept"), _("Accept with gaps"), _("Refuse")};
  decision_ = new wxRadioBox(this, wxID_ANY, _("Decision on the supplements"), wxDefaultPosition,
                             wxDefaultSize, 3, choices, 1);
  decision_->SetName("correction-decision");
  content()->Add(decision_, wxSizerFlags().Expand());
  content()->Add(new wxStaticText(this, wxID_ANY, _("Supplement deadline (accept with gaps)")),
                 wxSizerFlags().Border(wxTOP, FromDIP(6)));
  deadline_ = new DateField(this, wxID_ANY, "correction-gap-deadline");
  deadline_->setOptional(true);
  content()->Add(deadline_);
  commitment_ = new wxCheckBox(this, wxID_ANY, _("The applicant signed the commitment"));
  content()->Add(commitment_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  grounds_ =
      labelledField(this, content(), _("Grounds (refusal)"), "correction-grounds", wxTE_MULTILINE);
  addForm(detail, language);
  finishLayout(_("Record decision"));
}

CorrectionAnswerDialog::~CorrectionAnswerDialog() {
  // The view reads the session while it goes: it goes first.
  if (formView_ != nullptr) formView_->Destroy();
  formView_ = nullptr;
}

void CorrectionAnswerDialog::addForm(const engine::CaseDetail& detail,
                                     const std::string& language) {
  if (!detail.correctionForm || detail.correctionAnswers.empty()) return;
  try {
    forms::SessionOptions options;
    const auto& languages = detail.correctionForm->languages;
    if (std::find(languages.begin(), languages.end(), language) != languages.end())
      options.language = language;
    session_ = std::make_unique<forms::FormSession>(
        forms::FormSession::resume(detail.correctionForm, detail.correctionAnswers, options));
    answersAsOpened_ = session_->instanceXml();
  } catch (const std::exception&) {
    return;  // the answers cannot be edited here; the decision alone still can be taken
  }
  correctAnswers_ = new wxCheckBox(this, wxID_ANY, _("&Correct the form's answers"));
  correctAnswers_->SetName("correct-answers");
  content()->Add(correctAnswers_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
  formPanel_ = new wxPanel(this);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  formView_ = new FormView(formPanel_, *session_);
  formView_->SetMinSize(wxSize(FromDIP(720), FromDIP(360)));
  sizer->Add(formView_, wxSizerFlags(1).Expand());
  formPanel_->SetSizer(sizer);
  formPanel_->Hide();
  content()->Add(formPanel_, wxSizerFlags(1).Expand());
  correctAnswers_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    formPanel_->Show(correctAnswers_->GetValue());
    Layout();
    Fit();
    // Grown by the form: kept on its screen, the form scrolling inside when the screen is short.
    const int display = wxDisplay::GetFromWindow(this);
    const wxRect area = wxDisplay(display == wxNOT_FOUND ? 0u : unsigned(display)).GetClientArea();
    SetSize(std::min(GetSize().x, area.width), std::min(GetSize().y, area.height));
    CentreOnParent();
    wxPoint at = GetPosition();
    at.x = std::clamp(at.x, area.x, area.GetRight() - GetSize().x + 1);
    at.y = std::clamp(at.y, area.y, area.GetBottom() - GetSize().y + 1);
    Move(at);
    if (correctAnswers_->GetValue()) {
      formView_->showAllProblems();  // what the notice listed, at its fields
      formView_->focusFirstProblem();
    }
  });
}

engine::Command CorrectionAnswerDialog::command() const {
  engine::DecisionAnswer answer;
  switch (decision_->GetSelection()) {
    case 1:
      answer.kind = engine::DecisionKind::AcceptWithGaps;
      break;
    case 2:
      answer.kind = engine::DecisionKind::Refuse;
      break;
    default:
      answer.kind = engine::DecisionKind::Accept;
  }
  if (const auto date = deadline_->value()) answer.gapDeadline = date->iso();
  answer.commitmentSigned = commitment_->GetValue();
  answer.grounds = text(grounds_);
  engine::AnswerCorrection correction{0, caseUuid_, answer, std::nullopt, std::nullopt};
  // Ticked but nothing changed: the decision alone, not a revision that changes nothing.
  if (correctAnswers_ != nullptr && correctAnswers_->GetValue() &&
      session_->instanceXml() != answersAsOpened_)
    correction.correctedAnswers = session_->instanceXml();
  return correction;
}

HandoverDialog::HandoverDialog(wxWindow* parent, std::string caseUuid,
                               const engine::CaseDetail& detail, Send send,
                               std::function<void()> printResult)
    : SecondVisitDialog(parent, _("Hand over the result"), std::move(send)),
      caseUuid_(std::move(caseUuid)) {
  SetName("handover-dialog");
  content()->Add(new wxStaticText(
      this, wxID_ANY,
      wxString::Format(_("Applicant: %s (%s). Check the collector's ID document against it."),
                       wx(detail.record.applicantName), wx(detail.record.applicantIdNumber))));
  name_ = labelledField(this, content(), _("Collector's name"), "collector-name");
  content()->Add(new wxStaticText(this, wxID_ANY, _("ID type")),
                 wxSizerFlags().Border(wxTOP, FromDIP(6)));
  idType_ = new wxChoice(this, wxID_ANY);
  for (const ApplicantIdType& type : applicantIdTypes())
    idType_->Append(wxGetTranslation(type.label));
  idType_->SetSelection(0);
  content()->Add(idType_);
  idNumber_ = labelledField(this, content(), _("ID number"), "collector-id-number");
  authorised_ = new wxCheckBox(this, wxID_ANY,
                               _("Authorised collector (not the applicant; authorisation kept)"));
  authorised_->SetName("collector-authorised");
  content()->Add(authorised_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  idChecked_ = new wxCheckBox(this, wxID_ANY, _("I checked the collector's ID document"));
  idChecked_->SetName("collector-id-checked");
  content()->Add(idChecked_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  content()->Add(new wxStaticText(this, wxID_ANY, _("Documents handed over")),
                 wxSizerFlags().Border(wxTOP, FromDIP(6)));
  documents_ =
      new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(360), FromDIP(80)));
  documents_->SetName("handover-documents");
  content()->Add(documents_, wxSizerFlags().Expand());
  // The engine decided what the hand-over prints: the certificate once central issued it.
  const bool certificate = detail.certificate && detail.resultDocument != "completion-notice";
  print_ = new wxButton(
      this, wxID_ANY,
      certificate ? wxString::Format(_("&Print certificate %s..."), wx(detail.certificate->number))
                  : _("&Print the result notice..."));
  print_->SetName("print-result");
  content()->Add(print_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  print_->Bind(wxEVT_BUTTON, [printResult](wxCommandEvent&) {
    if (printResult) printResult();
  });
  for (const engine::DocumentView& view : detail.documents)
    addDocument(view.document.documentNo, wx(view.document.title), false);
  finishLayout(_("Hand over"));
  name_->SetFocus();
}

void HandoverDialog::addDocument(const std::string& number, const wxString& title, bool handed) {
  const auto known = std::find(numbers_.begin(), numbers_.end(), number);
  if (known != numbers_.end()) {
    if (handed) documents_->Check(static_cast<unsigned>(known - numbers_.begin()), true);
    return;
  }
  numbers_.push_back(number);
  const int index = documents_->Append(title + "  " + wx(number));
  documents_->Check(static_cast<unsigned>(index), handed);
}

engine::Command HandoverDialog::command() const {
  engine::HandOverResult handover;
  handover.caseRef = caseUuid_;
  handover.collector.name = text(name_);
  const auto types = applicantIdTypes();
  const auto type = static_cast<std::size_t>(std::max(0, idType_->GetSelection()));
  handover.collector.idType = types[std::min(type, types.size() - 1)].code;
  handover.collector.idNumber = text(idNumber_);
  handover.collector.authorised = authorised_->GetValue();
  handover.collector.idChecked = idChecked_->GetValue();
  for (unsigned i = 0; i < documents_->GetCount(); ++i)
    if (documents_->IsChecked(i)) handover.documents.push_back(numbers_[i]);
  return handover;
}

}  // namespace onewindow::app
