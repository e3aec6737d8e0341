#include "client/app/supervisor_queue_panel.hpp"

#include <cstdlib>
#include <iterator>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "client/app/case_detail_dialog.hpp"
#include "client/app/case_text.hpp"
#include "client/app/document_preview.hpp"
#include "client/app/request_ids.hpp"
#include "client/app/sync_page.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::app {
namespace {

constexpr int kPageRows = 200;

// Where each queue sits in the list box: the supervisor's order of urgency.
const std::vector<engine::SupervisorQueue>& queueOrder() {
  using Q = engine::SupervisorQueue;
  static const std::vector<Q> order{
      Q::Overdue,   Q::DueToday,   Q::NearDue, Q::SyncProblems, Q::AwaitingSupplements,
      Q::Suspended, Q::Supervised, Q::All};
  return order;
}

}  // namespace

wxString supervisorQueueLabel(engine::SupervisorQueue queue) {
  switch (queue) {
    case engine::SupervisorQueue::All:
      return _("All cases");
    case engine::SupervisorQueue::SyncProblems:
      return _("Refused by central");
    case engine::SupervisorQueue::AwaitingSupplements:
      return _("Awaiting supplements");
    case engine::SupervisorQueue::NearDue:
      return _("Near the promised date");
    case engine::SupervisorQueue::DueToday:
      return _("Due today");
    case engine::SupervisorQueue::Overdue:
      return _("Overdue");
    case engine::SupervisorQueue::Suspended:
      return _("Suspended");
    case engine::SupervisorQueue::Supervised:
      return _("Supervised (督办)");
  }
  return {};
}

class SupervisorQueuePanel::RowList final : public wxListCtrl {
 public:
  RowList(wxWindow* parent, SupervisorQueuePanel& panel)
      : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                   wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
        panel_(panel) {}

  [[nodiscard]] wxString OnGetItemText(long item, long column) const override {
    return panel_.cellText(item, column);
  }

  [[nodiscard]] wxItemAttr* OnGetItemAttr(long item) const override {
    const engine::SupervisorRow* shown = panel_.row(item);
    if (shown == nullptr) return nullptr;
    if (shown->row.badge.kind == engine::DueBadgeKind::Overdue ||
        shown->row.summary.syncState == "quarantined")
      return &urgent_;
    if (shown->row.badge.kind == engine::DueBadgeKind::DueToday) return &dueToday_;
    return nullptr;
  }

 private:
  SupervisorQueuePanel& panel_;
  mutable wxItemAttr urgent_{wxColour(0xB0, 0x00, 0x20), wxNullColour, wxNullFont};
  mutable wxItemAttr dueToday_{wxColour(0xA0, 0x60, 0x00), wxNullColour, wxNullFont};
};

SupervisorQueuePanel::SupervisorQueuePanel(wxWindow* parent, engine::Engine& engine,
                                           const PrintingContext& printing)
    : wxPanel(parent), engine_(engine), printing_(std::make_unique<PrintingContext>(printing)) {
  SetName("supervisor-queues");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  view_ = new wxChoice(this, wxID_ANY);
  view_->SetName("supervisor-view");
  view_->Append(_("This station"));
  view_->Append(_("The whole centre (from central)"));
  view_->SetSelection(0);
  source_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  source_->SetName("supervisor-source");
  top->Add(view_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(10)));
  top->Add(source_, wxSizerFlags(1).CenterVertical());
  sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));

  auto* body = new wxBoxSizer(wxHORIZONTAL);
  queues_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(230), -1));
  queues_->SetName("supervisor-queue-list");
  for (engine::SupervisorQueue queue : queueOrder()) queues_->Append(supervisorQueueLabel(queue));
  body->Add(queues_, wxSizerFlags().Expand().Border(wxRIGHT, FromDIP(8)));

  auto* right = new wxBoxSizer(wxVERTICAL);
  list_ = new RowList(this, *this);
  list_->SetName("supervisor-case-list");
  list_->AppendColumn(_("Number"), wxLIST_FORMAT_LEFT, FromDIP(190));
  list_->AppendColumn(_("Matter"), wxLIST_FORMAT_LEFT, FromDIP(160));
  list_->AppendColumn(_("Applicant"), wxLIST_FORMAT_LEFT, FromDIP(90));
  list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(100));
  list_->AppendColumn(_("Window"), wxLIST_FORMAT_LEFT, FromDIP(60));
  list_->AppendColumn(_("Clerk"), wxLIST_FORMAT_LEFT, FromDIP(70));
  list_->AppendColumn(_("Promised"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Time left"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Supplement by"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Sync"), wxLIST_FORMAT_LEFT, FromDIP(110));
  right->Add(list_, wxSizerFlags(1).Expand());
  reason_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                           wxSize(-1, FromDIP(70)), wxTE_MULTILINE | wxTE_READONLY);
  reason_->SetName("supervisor-case-reason");
  right->Add(reason_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(6)));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  open_ = new wxButton(this, wxID_ANY, _("Open case"));
  retry_ = new wxButton(this, wxID_ANY, _("Send again"));
  retry_->SetToolTip(
      _("After the cause is fixed at central: the case is sent again as it now stands."));
  void_ = new wxButton(this, wxID_ANY, _("Void…"));
  mark_ = new wxButton(this, wxID_ANY, _("Supervise (督办)…"));
  unmark_ = new wxButton(this, wxID_ANY, _("Lift supervision…"));
  for (wxButton* button : {open_, retry_, void_, mark_, unmark_})
    buttons->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  right->Add(buttons, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetName("supervisor-message");
  right->Add(message_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  body->Add(right, wxSizerFlags(1).Expand());
  sizer->Add(body, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  SetSizer(sizer);

  view_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { showCentre(view_->GetSelection() == 1); });
  queues_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) {
    const int index = event.GetSelection();
    if (index >= 0) showQueue(queueOrder()[static_cast<std::size_t>(index)]);
  });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showSelection(); });
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { showSelection(); });
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openSelected(); });
  open_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openSelected(); });
  retry_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retrySelected(); });
  void_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    // The case as chosen now: the rows may be reloaded while the dialog is open.
    const std::string uuid = selectedUuid();
    const wxString reason = wxGetTextFromUser(
        _("Why is this case voided? The reason is kept with the case and in the audit log."),
        _("Void a case central refused"), wxEmptyString, this);
    if (!reason.Strip(wxString::both).empty()) voidSelected(uuid, reason);
  });
  mark_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    // The case as chosen now: the rows may be reloaded while the dialog is open.
    const std::string uuid = selectedUuid();
    const wxString note =
        wxGetTextFromUser(_("What should the clerk do? The note shows in the case's window."),
                          _("Supervise a case (督办)"), wxEmptyString, this);
    if (!note.Strip(wxString::both).empty()) markSelected(uuid, note);
  });
  unmark_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    // The case as chosen now: the rows may be reloaded while the dialog is open.
    const std::string uuid = selectedUuid();
    const wxString reason = wxGetTextFromUser(_("Why is the supervision lifted?"),
                                              _("Lift supervision"), wxEmptyString, this);
    if (!reason.Strip(wxString::both).empty()) unmarkSelected(uuid, reason);
  });
  queues_->SetSelection(0);
  showSelection();
}

SupervisorQueuePanel::~SupervisorQueuePanel() {
  if (detail_ != nullptr) detail_->Destroy();
}

wxListCtrl* SupervisorQueuePanel::list() const { return list_; }

CaseDetailDialog* SupervisorQueuePanel::detail() const { return detail_.get(); }

void SupervisorQueuePanel::refresh() {
  countRequest_ = nextWindowRequestId();
  engine_.submit(engine::CountSupervisorQueues{countRequest_});
  pages_.clear();
  pending_.clear();
  requestPage(0);
}

void SupervisorQueuePanel::showQueue(engine::SupervisorQueue queue) {
  queue_ = queue;
  const auto at = std::find(queueOrder().begin(), queueOrder().end(), queue);
  queues_->SetSelection(static_cast<int>(at - queueOrder().begin()));
  list_->SetItemCount(0);
  total_ = 0;
  refresh();
}

void SupervisorQueuePanel::showCentre(bool centre) {
  view_->SetSelection(centre ? 1 : 0);
  list_->SetItemCount(0);
  total_ = 0;
  refresh();
}

void SupervisorQueuePanel::requestPage(int page) {
  for (const auto& [request, asked] : pending_)
    if (asked == page) return;
  const std::uint64_t request = nextWindowRequestId();
  pending_[request] = page;
  engine::ListSupervisorQueue command;
  command.requestId = request;
  command.queue = queue_;
  command.centre = view_->GetSelection() == 1;
  command.offset = page * kPageRows;
  command.limit = kPageRows;
  engine_.submit(command);
}

const engine::SupervisorRow* SupervisorQueuePanel::row(long index) const {
  const auto found = pages_.find(static_cast<int>(index / kPageRows));
  if (found == pages_.end()) return nullptr;
  const auto offset = static_cast<std::size_t>(index % kPageRows);
  return offset < found->second.size() ? &found->second[offset] : nullptr;
}

wxString SupervisorQueuePanel::cellText(long index, long column) const {
  const engine::SupervisorRow* shown = row(index);
  if (shown == nullptr) {
    const_cast<SupervisorQueuePanel*>(this)->CallAfter(
        [this, page = static_cast<int>(index / kPageRows)] {
          const_cast<SupervisorQueuePanel*>(this)->requestPage(page);
        });
    return column == 0 ? wxString("…") : wxString();
  }
  const engine::CaseSummary& s = shown->row.summary;
  switch (column) {
    case 0:
      return (shown->supervised ? wxString("【督办】") : wxString()) +
             wx(s.officialNo.empty() ? s.provisionalNo : s.officialNo);
    case 1:
      return wx(s.matterName);
    case 2:
      return wx(s.applicantName);
    case 3:
      return caseStateLabel(s.state);
    case 4:
      return wx(s.windowCode);
    case 5:
      return wx(s.clerkId);
    case 6:
      return wx(s.promisedDueDate);
    case 7:
      return dueBadgeLabel(shown->row.badge);
    case 8:
      return wx(shown->supplementDeadline);
    case 9:
      return syncStateLabel(s.syncState);
    default:
      return {};
  }
}

std::string SupervisorQueuePanel::selectedUuid() const {
  const engine::SupervisorRow* shown = selected();
  return shown == nullptr ? std::string() : shown->row.summary.uuid;
}

const engine::SupervisorRow* SupervisorQueuePanel::selected() const {
  const long index = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  return index < 0 ? nullptr : row(index);
}

bool SupervisorQueuePanel::selectCase(const std::string& uuid) {
  for (const auto& [page, rows] : pages_) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].row.summary.uuid != uuid) continue;
      const long index = static_cast<long>(page) * kPageRows + static_cast<long>(i);
      list_->SetItemState(index, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      list_->EnsureVisible(index);
      showSelection();
      return true;
    }
  }
  return false;
}

void SupervisorQueuePanel::showSelection() {
  const engine::SupervisorRow* shown = selected();
  const bool quarantined = shown != nullptr && shown->row.summary.syncState == "quarantined";
  // Central's rows may be other stations' cases: those are opened and retried at their station,
  // but a 督办 mark goes through central to whichever station has the case.
  const bool own = shown != nullptr && shown->station.empty();
  open_->Enable(own);
  retry_->Enable(own && quarantined);
  void_->Enable(own && quarantined);
  mark_->Enable(shown != nullptr);
  unmark_->Enable(shown != nullptr && shown->supervised);
  if (shown == nullptr) {
    reason_->ChangeValue(wxEmptyString);
    return;
  }
  const engine::CaseSummary& s = shown->row.summary;
  wxString text;
  if (shown->supervised) text << _("Supervised (督办): ") << wx(shown->supervisionNote) << "\n";
  if (quarantined)
    text << _("Central refused this case: ") << syncErrorText(s.syncErrorCode, s.syncError) << "\n";
  if (const wxString badge = dueBadgeLabel(shown->row.badge); !badge.empty())
    text << _("Promised: ") << wx(s.promisedDueDate) << " (" << badge << ")\n";
  if (!shown->supplementDeadline.empty())
    text << _("The applicant owes materials by ") << wx(shown->supplementDeadline) << "\n";
  text << _("Taken in: ") << wx(engine::chinaDateTimeText(s.intakeAt)) << "  "
       << wxString::Format(_("window %s, clerk %s"), wx(s.windowCode), wx(s.clerkId));
  if (!own)
    text << "\n"
         << wxString::Format(
                _("Station %s's case: a 督办 mark set here reaches its clerk; open it and act "
                  "on it at that station."),
                wx(shown->station));
  reason_->ChangeValue(text);
}

wxString SupervisorQueuePanel::reasonText() const { return reason_->GetValue(); }

void SupervisorQueuePanel::retrySelected() {
  const engine::SupervisorRow* shown = selected();
  if (shown == nullptr) return;
  const std::uint64_t request = nextWindowRequestId();
  actions_.insert(request);
  engine_.submit(engine::RetrySync{request, shown->row.summary.uuid});
}

void SupervisorQueuePanel::voidSelected(const std::string& uuid, const wxString& reason) {
  if (uuid.empty()) return;
  const std::uint64_t request = nextWindowRequestId();
  actions_.insert(request);
  engine_.submit(engine::VoidQuarantined{request, uuid, reason.utf8_string()});
}

void SupervisorQueuePanel::markSelected(const std::string& uuid, const wxString& note) {
  if (uuid.empty()) return;
  const std::uint64_t request = nextWindowRequestId();
  actions_.insert(request);
  engine_.submit(engine::MarkSupervised{request, uuid, note.utf8_string()});
}

void SupervisorQueuePanel::unmarkSelected(const std::string& uuid, const wxString& reason) {
  if (uuid.empty()) return;
  const std::uint64_t request = nextWindowRequestId();
  actions_.insert(request);
  engine_.submit(engine::ClearSupervised{request, uuid, reason.utf8_string()});
}

void SupervisorQueuePanel::openSelected() {
  const engine::SupervisorRow* shown = selected();
  if (shown == nullptr) return;
  showRequest_ = nextWindowRequestId();
  engine_.submit(engine::ShowCase{showRequest_, shown->row.summary.uuid});
}

void SupervisorQueuePanel::showCounts(const engine::SupervisorQueuesCounted& counted) {
  for (const engine::QueueCount& count : counted.queues) counts_[count.queue] = count.count;
  for (std::size_t i = 0; i < queueOrder().size(); ++i) {
    const engine::SupervisorQueue queue = queueOrder()[i];
    queues_->SetString(static_cast<unsigned>(i),
                       wxString::Format("%s (%lld)", supervisorQueueLabel(queue),
                                        static_cast<long long>(countOf(queue))));
  }
}

// Whose cases the list shows and as of when; when the centre's were asked for and the station's
// came, why.
void SupervisorQueuePanel::showSource(const engine::SupervisorQueueListed& listed) {
  using Why = engine::SupervisorQueueListed::CentreUnavailable;
  lastSource_ = listed.source;
  asOf_ = listed.asOf;
  const wxString when = wx(engine::chinaDateTimeText(asOf_));
  wxString text;
  switch (listed.centreUnavailable) {
    case Why::None:
      text = listed.source == "centre"
                 ? wxString::Format(_("The whole centre's cases from central, as of %s (the "
                                      "counts on the left are this station's)"),
                                    when)
                 : wxString::Format(_("This station's cases, as of %s"), when);
      break;
    case Why::Unreachable:
      text = wxString::Format(_("Central cannot be reached: this station's own cases, as of %s"),
                              when);
      break;
    case Why::OfflineLogin:
      text = wxString::Format(_("Logged in offline: the centre's cases need an online login; "
                                "this station's own cases, as of %s"),
                              when);
      break;
    case Why::StationQueue:
      text =
          wxString::Format(_("Only this station keeps this queue: its own cases, as of %s"), when);
      break;
    case Why::Refused:
      text = wxString::Format(
          _("Central did not give the centre's cases: this station's own cases, as of %s"), when);
      break;
  }
  source_->SetLabel(text);
  const bool warn =
      listed.centreUnavailable == Why::Unreachable || listed.centreUnavailable == Why::Refused;
  source_->SetForegroundColour(warn ? wxColour(0xA0, 0x60, 0x00) : GetForegroundColour());
  Layout();
}

std::int64_t SupervisorQueuePanel::countOf(engine::SupervisorQueue queue) const {
  const auto found = counts_.find(queue);
  return found == counts_.end() ? 0 : found->second;
}

wxString SupervisorQueuePanel::sourceText() const { return source_->GetLabel(); }

void SupervisorQueuePanel::showMessage(const wxString& text, bool error) {
  message_->SetLabel(text);
  message_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  Layout();
}

wxString SupervisorQueuePanel::messageText() const { return message_->GetLabel(); }

void SupervisorQueuePanel::onNotification(const engine::Notification& notification) {
  if (detail_ != nullptr) detail_->onNotification(notification);
  if (const auto* listed = std::get_if<engine::SupervisorQueueListed>(&notification)) {
    const auto asked = pending_.find(listed->requestId);
    if (asked == pending_.end()) return;
    const int page = asked->second;
    pending_.erase(asked);
    if (listed->total >= 0) total_ = listed->total;
    if (page == 0) showSource(*listed);
    pages_[page] = listed->rows;
    for (auto kept = pages_.begin(); kept != pages_.end();)
      kept = std::abs(kept->first - page) > 8 ? pages_.erase(kept) : std::next(kept);
    if (list_->GetItemCount() != total_) list_->SetItemCount(static_cast<long>(total_));
    const long first = static_cast<long>(page) * kPageRows;
    if (!listed->rows.empty())
      list_->RefreshItems(first, first + static_cast<long>(listed->rows.size()) - 1);
    showSelection();
  } else if (const auto* counted = std::get_if<engine::SupervisorQueuesCounted>(&notification)) {
    if (counted->requestId != countRequest_) return;
    countRequest_ = 0;
    showCounts(*counted);
  } else if (const auto* ready = std::get_if<engine::CaseDetailReady>(&notification)) {
    if (actions_.erase(ready->requestId) != 0) {
      showMessage(_("Done: the queues are up to date."), false);
      refresh();
    } else if (ready->requestId == showRequest_) {
      if (detail_ == nullptr) {
        detail_ = new CaseDetailDialog(wxGetTopLevelParent(this), engine_, *printing_);
      }
      detail_->show(ready->detail);
      detail_->Show();
      detail_->Raise();
    }
  } else if (const auto* changed = std::get_if<engine::SupervisionChanged>(&notification)) {
    if (actions_.erase(changed->requestId) == 0) return;
    using Where = engine::SupervisionChanged::Where;
    if (changed->where == Where::Centre) {
      showMessage(changed->marked ? _("Supervised (督办): central passes the note to the case's "
                                      "station, where its clerk sees it.")
                                  : _("The supervision mark is lifted at central; the case's "
                                      "station learns it when it next reads central."),
                  false);
    } else {
      const wxString why =
          changed->where == Where::OfflineLogin ? _("logged in offline, central was not told")
          : changed->where == Where::CentreUnreachable ? _("central cannot be reached")
                                                       : _("central does not have the case yet");
      showMessage(wxString::Format(_("Done at this station only (%s); the case's clerk at this "
                                     "station sees it."),
                                   why),
                  true);
    }
    refresh();
  } else if (const auto* listedSync = std::get_if<engine::SyncQueueListed>(&notification)) {
    if (actions_.erase(listedSync->requestId) != 0) {
      showMessage(_("The case is sent to central again."), false);
      refresh();
    }
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    // Request 0 is nobody's: a panel that asked nothing yet claims no stray refusal.
    const bool mine =
        failed->requestId != 0 &&
        (actions_.erase(failed->requestId) != 0 || pending_.erase(failed->requestId) != 0 ||
         failed->requestId == countRequest_ || failed->requestId == showRequest_);
    if (failed->requestId == countRequest_) countRequest_ = 0;
    if (mine)
      showMessage(commandFailureText(failed->failure, failed->message, failed->problems), true);
  } else if (std::holds_alternative<engine::CaseSyncNews>(notification) ||
             std::holds_alternative<engine::SecondVisitRecorded>(notification) ||
             std::holds_alternative<engine::DecisionRecorded>(notification) ||
             std::holds_alternative<engine::CaseFinalized>(notification)) {
    if (IsShownOnScreen()) refresh();
  }
}

}  // namespace onewindow::app
