#include "client/app/follow_up_panel.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/case_text.hpp"
#include "client/app/request_ids.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::app {
namespace {

// The ways of contact, in the order of the choice (the engine's names).
constexpr const char* kContacts[] = {"phone", "visit", "message", "none"};

wxString contactLabel(const std::string& contact) {
  if (contact == "phone") return _("Phone call");
  if (contact == "visit") return _("Visit");
  if (contact == "message") return _("Text message");
  return _("Not reached");
}

}  // namespace

FollowUpPanel::FollowUpPanel(wxWindow* parent, engine::Engine& engine)
    : wxPanel(parent), engine_(engine) {
  SetName("supervisor-follow-ups");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  summary_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  summary_->SetName("follow-up-summary");
  showClosed_ = new wxCheckBox(this, wxID_ANY, _("Show closed ones too"));
  top->Add(summary_, wxSizerFlags(1).CenterVertical());
  top->Add(showClosed_, wxSizerFlags().CenterVertical());
  sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));

  list_ = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                         wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->SetName("follow-up-list");
  list_->AppendColumn(_("Case"), wxLIST_FORMAT_LEFT, FromDIP(190));
  list_->AppendColumn(_("Matter"), wxLIST_FORMAT_LEFT, FromDIP(160));
  list_->AppendColumn(_("Applicant"), wxLIST_FORMAT_LEFT, FromDIP(90));
  list_->AppendColumn(_("Window"), wxLIST_FORMAT_LEFT, FromDIP(60));
  list_->AppendColumn(_("Clerk"), wxLIST_FORMAT_LEFT, FromDIP(70));
  list_->AppendColumn(_("Rating"), wxLIST_FORMAT_LEFT, FromDIP(90));
  list_->AppendColumn(_("Rated"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Follow up by"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Time left"), wxLIST_FORMAT_LEFT, FromDIP(110));
  sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
  detail_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                           wxSize(-1, FromDIP(110)), wxTE_MULTILINE | wxTE_READONLY);
  detail_->SetName("follow-up-detail");
  sizer->Add(detail_, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));

  auto* form = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  form->AddGrowableCol(1);
  contact_ = new wxChoice(this, wxID_ANY);
  contact_->SetName("follow-up-contact");
  for (const char* contact : kContacts) contact_->Append(contactLabel(contact));
  contact_->SetSelection(0);
  outcome_ = new wxTextCtrl(this, wxID_ANY);
  outcome_->SetName("follow-up-outcome");
  outcome_->SetHint(_("e.g. apologised; the applicant accepts"));
  note_ = new wxTextCtrl(this, wxID_ANY);
  note_->SetName("follow-up-note");
  form->Add(new wxStaticText(this, wxID_ANY, _("Contact")), wxSizerFlags().CenterVertical());
  form->Add(contact_);
  form->Add(new wxStaticText(this, wxID_ANY, _("Outcome")), wxSizerFlags().CenterVertical());
  form->Add(outcome_, wxSizerFlags().Expand());
  form->Add(new wxStaticText(this, wxID_ANY, _("Note")), wxSizerFlags().CenterVertical());
  form->Add(note_, wxSizerFlags().Expand());
  sizer->Add(form, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  record_ = new wxButton(this, wxID_ANY, _("Record the call"));
  close_ = new wxButton(this, wxID_ANY, _("Record and close"));
  buttons->Add(record_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  buttons->Add(close_);
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetName("follow-up-message");
  buttons->Add(message_, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(12)));
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(8)));
  SetSizer(sizer);

  showClosed_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { refresh(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showDetail(); });
  const auto submit = [this](bool close) {
    record(contact_->GetSelection(), outcome_->GetValue(), note_->GetValue(), close);
  };
  record_->Bind(wxEVT_BUTTON, [submit](wxCommandEvent&) { submit(false); });
  close_->Bind(wxEVT_BUTTON, [submit](wxCommandEvent&) { submit(true); });
  showDetail();
}

void FollowUpPanel::refresh() {
  listRequest_ = nextWindowRequestId();
  engine_.submit(engine::ListFollowUps{listRequest_, showClosed_->GetValue()});
}

void FollowUpPanel::select(long index) {
  if (index < 0 || index >= list_->GetItemCount()) return;
  list_->Select(index);
  list_->Focus(index);
  showDetail();
}

void FollowUpPanel::record(int contact, const wxString& outcome, const wxString& note, bool close) {
  const long index = list_->GetFirstSelected();
  if (index < 0 || static_cast<std::size_t>(index) >= items_.size()) return;
  engine::RecordFollowUp command;
  recordRequest_ = nextWindowRequestId();
  command.requestId = recordRequest_;
  command.ratingUuid = items_[static_cast<std::size_t>(index)].rating.ratingUuid;
  command.contact = kContacts[contact >= 0 && contact < 4 ? contact : 0];
  command.outcome = outcome.utf8_string();
  command.text = note.utf8_string();
  command.closes = close;
  engine_.submit(command);
}

void FollowUpPanel::showItems(const engine::FollowUpsListed& listed) {
  const long selected = list_->GetFirstSelected();
  const std::string keep = selected >= 0 && static_cast<std::size_t>(selected) < items_.size()
                               ? items_[static_cast<std::size_t>(selected)].rating.ratingUuid
                               : std::string();
  items_ = listed.items;
  list_->DeleteAllItems();
  int late = 0;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const engine::FollowUpItem& item = items_[i];
    const engine::BadRatingItem& r = item.rating;
    const long at = list_->InsertItem(static_cast<long>(i), wx(r.caseNumber));
    list_->SetItem(at, 1, wx(r.matterName));
    list_->SetItem(at, 2, wx(r.applicantName));
    list_->SetItem(at, 3, wx(r.windowCode));
    list_->SetItem(at, 4, wx(r.clerkId));
    list_->SetItem(at, 5, wx(r.label));
    list_->SetItem(at, 6, wx(engine::chinaDayText(r.ratedAt)));
    list_->SetItem(at, 7, wx(item.dueDate));
    list_->SetItem(at, 8, r.closed() ? _("Closed") : dueBadgeLabel(item.badge));
    if (item.urgent) {
      ++late;
      const bool overdue = item.badge.kind == engine::DueBadgeKind::Overdue;
      list_->SetItemTextColour(at,
                               overdue ? wxColour(0xB0, 0x00, 0x20) : wxColour(0xA0, 0x60, 0x00));
    }
    if (r.ratingUuid == keep) list_->Select(at);
  }
  summary_->SetLabel(wxString::Format(
      _("%d bad rating(s) to follow up within %d working days; %d near or past the deadline"),
      static_cast<int>(
          std::count_if(items_.begin(), items_.end(),
                        [](const engine::FollowUpItem& i) { return !i.rating.closed(); })),
      listed.followUpWorkingDays, late));
  showDetail();
  Layout();
}

void FollowUpPanel::showDetail() {
  const long index = list_->GetFirstSelected();
  const bool chosen = index >= 0 && static_cast<std::size_t>(index) < items_.size();
  const bool open = chosen && !items_[static_cast<std::size_t>(index)].rating.closed();
  record_->Enable(open);
  close_->Enable(open);
  if (!chosen) {
    detail_->ChangeValue(wxEmptyString);
    return;
  }
  const engine::BadRatingItem& r = items_[static_cast<std::size_t>(index)].rating;
  wxString text;
  text << wx(r.label) << "  " << wx(engine::chinaDateTimeText(r.ratedAt)) << "\n";
  if (!r.reasons.empty()) {
    text << _("Reasons: ");
    for (std::size_t i = 0; i < r.reasons.size(); ++i) text << (i ? "、" : "") << wx(r.reasons[i]);
    text << "\n";
  }
  if (!r.comment.empty()) text << _("Comment: ") << wx(r.comment) << "\n";
  for (const engine::FollowUpEntry& entry : r.entries) {
    text << wx(engine::chinaDateTimeText(entry.at)) << " " << wx(entry.supervisorId) << " "
         << contactLabel(entry.contact) << ": " << wx(entry.outcome);
    if (!entry.text.empty()) text << " — " << wx(entry.text);
    if (entry.closes) text << " " << _("[closed]");
    text << "\n";
  }
  detail_->ChangeValue(text);
}

wxString FollowUpPanel::detailText() const { return detail_->GetValue(); }

void FollowUpPanel::showMessage(const wxString& text, bool error) {
  message_->SetLabel(text);
  message_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  Layout();
}

wxString FollowUpPanel::messageText() const { return message_->GetLabel(); }

void FollowUpPanel::onNotification(const engine::Notification& notification) {
  if (const auto* listed = std::get_if<engine::FollowUpsListed>(&notification)) {
    if (listed->requestId == recordRequest_) {
      recordRequest_ = 0;
      outcome_->ChangeValue(wxEmptyString);
      note_->ChangeValue(wxEmptyString);
      showMessage(_("The follow-up is recorded."), false);
      refresh();  // with the closed ones when they are shown
    } else if (listed->requestId == listRequest_) {
      showItems(*listed);
    }
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    if (failed->requestId == recordRequest_ || failed->requestId == listRequest_)
      showMessage(commandFailureText(failed->failure, failed->message, failed->problems), true);
  } else if (std::holds_alternative<engine::SecondVisitRecorded>(notification)) {
    if (IsShownOnScreen()) refresh();  // a new rating may be a bad one
  }
}

}  // namespace onewindow::app
