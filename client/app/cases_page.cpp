#include "client/app/cases_page.hpp"

#include <cstdlib>
#include <iterator>

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/case_detail_dialog.hpp"
#include "client/app/case_text.hpp"
#include "client/app/date_field.hpp"
#include "client/app/document_preview.hpp"
#include "client/app/request_ids.hpp"
#include "client/app/sync_page.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"
#include "client/engine/time_text.hpp"

namespace onewindow::app {
namespace {

constexpr int kPageRows = 200;
constexpr int kColumns = 8;

using engine::CaseState;

// The groups of the state filter, as the clerk thinks of them.
const std::vector<std::vector<CaseState>>& stateGroups() {
  static const std::vector<std::vector<CaseState>> groups{
      {},
      {CaseState::Intake, CaseState::Accepted, CaseState::AcceptedWithGaps, CaseState::InProgress,
       CaseState::Suspended},
      {CaseState::AcceptedWithGaps, CaseState::AwaitingCorrection},
      {CaseState::Finished, CaseState::AwaitingPickup},
      {CaseState::Decided, CaseState::Collected, CaseState::Posted},
      {CaseState::Refused, CaseState::Withdrawn, CaseState::Void}};
  return groups;
}

}  // namespace

std::vector<wxString> stateFilterLabels() {
  return {_("All states"),        _("Running"),   _("Awaiting supplements"),
          _("Ready for pick-up"), _("Completed"), _("Refused, withdrawn or void")};
}

// The list itself: virtual, its text from the page's cache of rows.
class CasesPage::RowList final : public wxListCtrl {
 public:
  RowList(wxWindow* parent, CasesPage& page)
      : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                   wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
        page_(page) {}

  [[nodiscard]] wxString OnGetItemText(long item, long column) const override {
    return page_.cellText(item, column);
  }

  // Overdue in red, due today in amber: what the clerk must see first.
  [[nodiscard]] wxItemAttr* OnGetItemAttr(long item) const override {
    const engine::CaseListRow* shown = page_.row(item);
    if (shown == nullptr) return nullptr;
    if (shown->badge.kind == engine::DueBadgeKind::Overdue) return &overdue_;
    if (shown->badge.kind == engine::DueBadgeKind::DueToday) return &dueToday_;
    return nullptr;
  }

 private:
  CasesPage& page_;
  mutable wxItemAttr overdue_{wxColour(0xB0, 0x00, 0x20), wxNullColour, wxNullFont};
  mutable wxItemAttr dueToday_{wxColour(0xA0, 0x60, 0x00), wxNullColour, wxNullFont};
};

CasesPage::CasesPage(wxWindow* parent, engine::Engine& engine, const PrintingContext& printing)
    : wxPanel(parent), engine_(engine), printing_(std::make_unique<PrintingContext>(printing)) {
  SetName("cases-page");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Cases"));
  title->SetFont(title->GetFont().Scale(1.25).Bold());
  sizer->Add(title, wxSizerFlags().Border(wxALL, FromDIP(10)));

  auto* filters = new wxBoxSizer(wxHORIZONTAL);
  scope_ = new wxChoice(this, wxID_ANY);
  scope_->SetName("case-scope");
  scope_->Append(_("Cases at this window"));
  scope_->Append(_("All cases of this station"));
  scope_->SetSelection(0);
  search_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                           wxSize(FromDIP(320), -1), wxTE_PROCESS_ENTER);
  search_->SetName("case-search");
  search_->SetHint(_("Number, ID number or mobile, or scan the notice's QR code"));
  state_ = new wxChoice(this, wxID_ANY);
  state_->SetName("case-state-filter");
  for (const wxString& label : stateFilterLabels()) state_->Append(label);
  state_->SetSelection(0);
  matter_ = new wxChoice(this, wxID_ANY);
  matter_->SetName("case-matter-filter");
  matter_->Append(_("All matters"));
  matter_->SetSelection(0);
  from_ = new DateField(this, wxID_ANY, "case-intake-from");
  from_->setOptional(true);
  to_ = new DateField(this, wxID_ANY, "case-intake-to");
  to_->setOptional(true);
  // The search first, the width of the page; the filters under it.
  auto* find = new wxBoxSizer(wxHORIZONTAL);
  find->Add(scope_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  find->Add(search_, wxSizerFlags(1).CenterVertical());
  sizer->Add(find, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));
  filters->Add(state_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  filters->Add(matter_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  filters->Add(new wxStaticText(this, wxID_ANY, _("Taken in from")),
               wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
  filters->Add(from_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
  filters->Add(new wxStaticText(this, wxID_ANY, _("to")),
               wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
  filters->Add(to_, wxSizerFlags().CenterVertical());
  sizer->Add(filters, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(10)));

  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetName("case-list-message");
  sizer->Add(message_, wxSizerFlags().Border(wxALL, FromDIP(10)));

  list_ = new RowList(this, *this);
  list_->SetName("case-list");
  list_->AppendColumn(_("Number"), wxLIST_FORMAT_LEFT, FromDIP(190));
  list_->AppendColumn(_("Matter"), wxLIST_FORMAT_LEFT, FromDIP(170));
  list_->AppendColumn(_("Applicant"), wxLIST_FORMAT_LEFT, FromDIP(190));
  list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(110));
  list_->AppendColumn(_("Taken in"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Promised"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Time left"), wxLIST_FORMAT_LEFT, FromDIP(95));
  list_->AppendColumn(_("Sync"), wxLIST_FORMAT_LEFT, FromDIP(120));
  sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));
  SetSizer(sizer);
  restoreLayout();

  scope_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
  state_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
  matter_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
  Bind(kEvtDateFieldChanged, [this](wxCommandEvent&) { refresh(); });
  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { typing_.StartOnce(200); });
  search_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { submitSearch(); });
  typing_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { refresh(); });
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) { openRow(event.GetIndex()); });
  list_->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& event) { sortBy(event.GetColumn()); });
  list_->Bind(wxEVT_LIST_COL_END_DRAG, [this](wxListEvent& event) {
    event.Skip();
    CallAfter([this] { saveLayout(); });
  });
  refresh();
}

CasesPage::~CasesPage() {
  typing_.Stop();
  if (detail_ != nullptr) detail_->Destroy();
}

wxListCtrl* CasesPage::list() const { return list_; }

CaseDetailDialog* CasesPage::detail() const { return detail_.get(); }

void CasesPage::setCatalog(std::shared_ptr<const forms::Catalog> catalog) {
  catalog_ = std::move(catalog);
  const int chosen = matter_->GetSelection();
  const std::string code =
      chosen > 0 ? matterCodes_[static_cast<std::size_t>(chosen - 1)] : std::string();
  matter_->Clear();
  matterCodes_.clear();
  matter_->Append(_("All matters"));
  if (catalog_) {
    std::set<std::string> seen;
    for (const forms::Matter& matter : catalog_->matters) {
      if (!seen.insert(matter.basicCode).second) continue;  // one entry over its versions
      matterCodes_.push_back(matter.basicCode);
      matter_->Append(wx(matter.name.zh));
    }
  }
  const auto again = std::find(matterCodes_.begin(), matterCodes_.end(), code);
  matter_->SetSelection(
      again == matterCodes_.end() ? 0 : static_cast<int>(again - matterCodes_.begin()) + 1);
  if (detail_ != nullptr) detail_->setCatalog(catalog_);
}

engine::CaseListQuery CasesPage::query() const {
  engine::CaseListQuery q;
  q.scope = scope_->GetSelection() == 1 ? engine::CaseScope::Station : engine::CaseScope::Window;
  const int group = std::max(0, state_->GetSelection());
  q.states = stateGroups()[static_cast<std::size_t>(group)];
  if (const int chosen = matter_->GetSelection(); chosen > 0)
    q.matterCode = matterCodes_[static_cast<std::size_t>(chosen - 1)];
  if (const auto from = from_->value()) q.intakeFrom = from->iso();
  if (const auto to = to_->value()) q.intakeTo = to->iso();
  const std::string typed = search_->GetValue().Strip(wxString::both).utf8_string();
  // A notice's QR text is found with Enter, not narrowed as it arrives.
  if (typed.find("/v/") == std::string::npos) q.lookup = typed;
  q.sort = sort_;
  q.descending = descending_;
  return q;
}

void CasesPage::refresh() {
  pages_.clear();
  pending_.clear();
  failedPages_.clear();
  requestPage(0);
}

void CasesPage::requestPage(int page) {
  if (failedPages_.count(page) != 0) return;  // said once under the list; not asked again
  for (const auto& [request, asked] : pending_)
    if (asked == page) return;
  const std::uint64_t request = nextWindowRequestId();
  pending_[request] = page;
  engine_.submit(engine::ListCases{request, query(), page * kPageRows, kPageRows});
}

const engine::CaseListRow* CasesPage::row(long index) const {
  const int page = static_cast<int>(index / kPageRows);
  const auto found = pages_.find(page);
  if (found == pages_.end()) return nullptr;
  const auto offset = static_cast<std::size_t>(index % kPageRows);
  return offset < found->second.size() ? &found->second[offset] : nullptr;
}

wxString CasesPage::cellText(long index, long column) const {
  const engine::CaseListRow* shown = row(index);
  if (shown == nullptr) {
    // Asked for while painting: fetch it, and show it when it comes.
    const_cast<CasesPage*>(this)->CallAfter([this, page = static_cast<int>(index / kPageRows)] {
      const_cast<CasesPage*>(this)->requestPage(page);
    });
    return column == 0 ? wxString("…") : wxString();
  }
  const engine::CaseSummary& s = shown->summary;
  switch (column) {
    case 0:
      return wx(s.officialNo.empty() ? s.provisionalNo : s.officialNo);
    case 1:
      return wx(s.matterName);
    case 2:
      return wx(s.applicantName) + " " + wx(shown->maskedIdNumber);
    case 3:
      return caseStateLabel(s.state);
    case 4:
      return wx(engine::chinaDayText(s.intakeAt));
    case 5:
      return wx(s.promisedDueDate);
    case 6:
      return dueBadgeLabel(shown->badge);
    case 7:
      return syncStateLabel(s.syncState);
    default:
      return {};
  }
}

void CasesPage::onNotification(const engine::Notification& notification) {
  if (detail_ != nullptr) detail_->onNotification(notification);
  if (const auto* listed = std::get_if<engine::CasesListed>(&notification)) {
    if (listed->requestId == findRequest_) {
      showMessage(listed->rows.empty() ? _("No case of this station matches.")
                                       : wxString::Format(_("%d cases match: choose one."),
                                                          static_cast<int>(listed->rows.size())),
                  listed->rows.empty());
      findRequest_ = 0;
      return;
    }
    const auto asked = pending_.find(listed->requestId);
    if (asked == pending_.end()) return;  // an older query's rows
    const int page = asked->second;
    pending_.erase(asked);
    if (listed->total >= 0) total_ = listed->total;  // counted with the first page
    pages_[page] = listed->rows;
    // Keep the pages around this one: scrolling through 100,000 cases holds a few screens.
    constexpr int kPagesKept = 8;
    for (auto kept = pages_.begin(); kept != pages_.end();)
      kept = std::abs(kept->first - page) > kPagesKept ? pages_.erase(kept) : std::next(kept);
    if (list_->GetItemCount() != total_) list_->SetItemCount(static_cast<long>(total_));
    const long first = static_cast<long>(page) * kPageRows;
    if (!listed->rows.empty())
      list_->RefreshItems(first, first + static_cast<long>(listed->rows.size()) - 1);
    if (page == 0 && findRequest_ == 0 && !findShown_)
      showMessage(wxString::Format(_("%lld case(s)"), static_cast<long long>(total_)), false);
    findShown_ = false;
  } else if (const auto* ready = std::get_if<engine::CaseDetailReady>(&notification)) {
    if (ready->requestId != findRequest_ && ready->requestId != showRequest_) return;
    if (ready->requestId == findRequest_) {
      findRequest_ = 0;
      search_->ChangeValue(wxEmptyString);  // ready for the next applicant's notice
      refresh();
    }
    showDetail(ready->detail);
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    if (failed->requestId == findRequest_ || failed->requestId == showRequest_ ||
        pending_.count(failed->requestId) != 0) {
      if (const auto asked = pending_.find(failed->requestId); asked != pending_.end()) {
        failedPages_.insert(asked->second);
        pending_.erase(asked);
      }
      if (failed->requestId == findRequest_) findRequest_ = 0;
      showMessage(failed->failure == engine::CommandFailure::NotFound
                      ? _("No case of this station has this number or notice.")
                      : wx(failed->message),
                  true);
    }
  } else if (std::holds_alternative<engine::SecondVisitRecorded>(notification) ||
             std::holds_alternative<engine::CaseSyncNews>(notification) ||
             std::holds_alternative<engine::DecisionRecorded>(notification) ||
             std::holds_alternative<engine::CaseFinalized>(notification)) {
    refresh();
  }
}

void CasesPage::setScope(engine::CaseScope scope) {
  scope_->SetSelection(scope == engine::CaseScope::Station ? 1 : 0);
  refresh();
}

void CasesPage::setSearchText(const wxString& text) {
  search_->ChangeValue(text);
  refresh();
}

void CasesPage::submitSearch() {
  typing_.Stop();
  const std::string typed = search_->GetValue().Strip(wxString::both).utf8_string();
  if (typed.empty()) return;
  findRequest_ = nextWindowRequestId();
  engine_.submit(engine::FindCase{findRequest_, typed});
}

void CasesPage::setStateFilter(int index) {
  state_->SetSelection(index);
  refresh();
}

void CasesPage::setIntakeRange(std::optional<forms::CivilDate> from,
                               std::optional<forms::CivilDate> to) {
  from_->setValue(from);
  to_->setValue(to);
  refresh();
}

void CasesPage::sortBy(int column) {
  engine::CaseSort sort = sort_;
  if (column == 0) sort = engine::CaseSort::ProvisionalNumber;
  if (column == 4) sort = engine::CaseSort::IntakeTime;
  if (column == 5 || column == 6) sort = engine::CaseSort::PromisedDueDate;
  if (column != 0 && column != 4 && column != 5 && column != 6) return;  // no such order
  descending_ = sort == sort_ ? !descending_ : sort == engine::CaseSort::IntakeTime;
  sort_ = sort;
  saveLayout();
  refresh();
}

void CasesPage::openRow(long index) {
  const engine::CaseListRow* shown = row(index);
  if (shown == nullptr) return;
  showRequest_ = nextWindowRequestId();
  engine_.submit(engine::ShowCase{showRequest_, shown->summary.uuid});
}

void CasesPage::showDetail(const engine::CaseDetail& detail) {
  if (detail_ == nullptr) {
    detail_ = new CaseDetailDialog(wxGetTopLevelParent(this), engine_, *printing_);
    detail_->setCatalog(catalog_);
  }
  detail_->setLanguage(language_);
  detail_->show(detail);
  detail_->Show();
  detail_->Raise();
}

void CasesPage::showMessage(const wxString& text, bool error) {
  message_->SetLabel(text);
  message_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  Layout();
}

wxString CasesPage::messageText() const { return message_->GetLabel(); }

void CasesPage::saveLayout() const {
  wxConfigBase* config = wxConfigBase::Get();
  if (config == nullptr) return;
  config->Write("/CaseList/Sort", static_cast<long>(sort_));
  config->Write("/CaseList/Descending", descending_);
  for (int column = 0; column < kColumns; ++column)
    config->Write(wxString::Format("/CaseList/Width%d", column), list_->GetColumnWidth(column));
  config->Flush();
}

void CasesPage::restoreLayout() {
  wxConfigBase* config = wxConfigBase::Get();
  if (config == nullptr) return;
  long sort = static_cast<long>(sort_);
  config->Read("/CaseList/Sort", &sort);
  if (sort >= 0 && sort <= static_cast<long>(engine::CaseSort::ProvisionalNumber))
    sort_ = static_cast<engine::CaseSort>(sort);
  config->Read("/CaseList/Descending", &descending_);
  for (int column = 0; column < kColumns; ++column) {
    long width = 0;
    if (config->Read(wxString::Format("/CaseList/Width%d", column), &width) && width > 20)
      list_->SetColumnWidth(column, static_cast<int>(width));
  }
}

}  // namespace onewindow::app
