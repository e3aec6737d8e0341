#include "client/app/decision_panel.hpp"

#include <algorithm>
#include <sstream>

#include <pugixml.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/date_field.hpp"

namespace onewindow::app {
namespace {

using localdb::DecisionKind;

wxString wx(const std::string& text) { return wxString::FromUTF8(text); }

std::string xmlText(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace

wxString refusalRemedies() {
  return _(
      "If the applicant disagrees with this decision, they may apply for administrative "
      "reconsideration within 60 days of receiving it, or bring an administrative lawsuit "
      "within 6 months.");
}

wxString correctionNoticeText(const DecisionContext& context) {
  wxString text = _("Please correct or supply all of the following at once:") + "\n";
  int number = 0;
  for (const std::string& problem : context.formProblems)
    text += wxString::Format("%d. ", ++number) + _("Form: ") + wx(problem) + "\n";
  for (const DecisionMaterial& material : context.notReceived)
    text += wxString::Format("%d. ", ++number) + _("Material not supplied: ") + wx(material.name) +
            "\n";
  if (number == 0) text += _("(nothing found: describe the problem here)") + "\n";
  return text;
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
  notice_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition,
                           wxSize(-1, FromDIP(120)), wxTE_MULTILINE);
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
      context.notReceived.empty()
          ? _("Every material is in and the form is complete: the case can be accepted.")
          : wxString::Format(_("%d material(s) not received: the local store will refuse a "
                               "plain acceptance."),
                             static_cast<int>(context.notReceived.size())));
  wxString gaps;
  for (const DecisionMaterial& material : context.notReceived) {
    if (!gaps.empty()) gaps += "\n";
    gaps += "- " + wx(material.name) + " (" +
            (material.main ? _("main material: no gap allowed") : _("secondary")) + ")";
  }
  gapList_->SetLabel(gaps.empty() ? _("No material is missing.")
                                  : _("Materials to supply later:") + "\n" + gaps);
  const forms::CivilDate last = context.promisedDue.value_or(context.today);
  deadline_->setRange(context.today, last);
  deadline_->setValue(last);
  deadlineNote_->SetLabel(
      wxString::Format(_("(at the latest %s, the promised date)"), wx(last.iso())));
  notice_->ChangeValue(correctionNoticeText(context));
  legalBasis_->ChangeValue(wx(context.legalBasis));
  showMessage(wxEmptyString, false);
  Enable();
  Layout();
}

std::optional<localdb::DecisionInput> DecisionPanel::collect() {
  localdb::DecisionInput decision;
  pugi::xml_document details;
  switch (kind_->GetSelection()) {
    case 0:
      decision.kind = DecisionKind::Accept;
      details.append_child("acceptance");
      break;
    case 1: {
      decision.kind = DecisionKind::AcceptWithGaps;
      deadline_->commit();  // what was typed is read as leaving the field reads it
      const std::optional<forms::CivilDate> typed = deadline_->value();
      if (!typed) {
        showMessage(deadline_->problem(), true);
        deadline_->SetFocus();
        return std::nullopt;
      }
      const forms::CivilDate deadline = *typed;
      if (context_.promisedDue && deadline > *context_.promisedDue) {
        showMessage(wxString::Format(_("The deadline may not be later than the promised date %s."),
                                     wx(context_.promisedDue->iso())),
                    true);
        deadline_->SetFocus();
        return std::nullopt;
      }
      if (!commitment_->GetValue()) {
        showMessage(_("The applicant must sign the commitment first."), true);
        commitment_->SetFocus();
        return std::nullopt;
      }
      decision.gapDeadline = deadline.iso();
      decision.commitmentSigned = true;
      pugi::xml_node root = details.append_child("gap-acceptance");
      root.append_attribute("deadline") = decision.gapDeadline.c_str();
      for (const DecisionMaterial& material : context_.notReceived) {
        pugi::xml_node item = root.append_child("material");
        item.append_attribute("key") = material.key.c_str();
        item.append_attribute("name") = material.name.c_str();
      }
      break;
    }
    case 2: {
      decision.kind = DecisionKind::CorrectionNotice;
      decision.grounds = notice_->GetValue().Strip(wxString::both).utf8_string();
      if (decision.grounds.empty()) {
        showMessage(_("The notice must list every problem and missing material."), true);
        notice_->SetFocus();
        return std::nullopt;
      }
      pugi::xml_node root = details.append_child("correction-notice");
      for (const std::string& problem : context_.formProblems)
        root.append_child("form-problem").text().set(problem.c_str());
      for (const DecisionMaterial& material : context_.notReceived) {
        pugi::xml_node item = root.append_child("material");
        item.append_attribute("key") = material.key.c_str();
        item.append_attribute("name") = material.name.c_str();
        item.append_attribute("status") = localdb::materialStatusName(material.status);
      }
      break;
    }
    default: {
      decision.kind = DecisionKind::Refuse;
      decision.grounds = grounds_->GetValue().Strip(wxString::both).utf8_string();
      if (decision.grounds.empty()) {
        showMessage(_("State the grounds of the refusal."), true);
        grounds_->SetFocus();
        return std::nullopt;
      }
      decision.legalBasis = legalBasis_->GetValue().Strip(wxString::both).utf8_string();
      details.append_child("refusal")
          .append_child("remedies")
          .text()
          .set(refusalRemedies().utf8_string().c_str());
      break;
    }
  }
  decision.detailsXml = xmlText(details);
  return decision;
}

void DecisionPanel::record() {
  if (waiting_) return;
  const std::optional<localdb::DecisionInput> decision = collect();
  if (!decision || !onDecide_) return;
  waiting_ = true;
  record_->Disable();
  showMessage(_("Recording..."), false);
  onDecide_(*decision);
}

void DecisionPanel::choose(localdb::DecisionKind kind) {
  kind_->SetSelection(static_cast<int>(kind));
  wxCommandEvent event(wxEVT_RADIOBOX, kind_->GetId());
  event.SetInt(kind_->GetSelection());
  event.SetEventObject(kind_);
  kind_->GetEventHandler()->ProcessEvent(event);
}

void DecisionPanel::showRefusal(const wxString& message) {
  waiting_ = false;
  record_->Enable();
  showMessage(wxString::Format(_("Not recorded: %s"), message), true);
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
