#include "client/app/sync_page.hpp"

#include <pugixml.hpp>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {}  // namespace

wxString syncStateLabel(const std::string& syncState) {
  if (syncState == "queued") return _("waiting to be sent");
  if (syncState == "sending") return _("sending");
  if (syncState == "sent_unconfirmed") return _("sent, waiting for central's answer");
  if (syncState == "confirmed") return _("confirmed by central");
  if (syncState == "quarantined") return _("refused by central");
  return wx(syncState);
}

SyncPage::SyncPage(wxWindow* parent, engine::Engine& engine) : wxPanel(parent), engine_(engine) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Sync with central"));
  title->SetFont(title->GetFont().Scale(1.25).Bold());
  sizer->Add(title, wxSizerFlags().Border(wxALL, FromDIP(10)));
  summary_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  summary_->SetName("sync-summary");
  sizer->Add(summary_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));

  list_ = new wxListView(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                         wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->SetName("sync-list");
  list_->AppendColumn(_("Provisional no."), wxLIST_FORMAT_LEFT, FromDIP(170));
  list_->AppendColumn(_("Matter"), wxLIST_FORMAT_LEFT, FromDIP(170));
  list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(200));
  list_->AppendColumn(_("Attempts"), wxLIST_FORMAT_RIGHT, FromDIP(60));
  list_->AppendColumn(_("Reason"), wxLIST_FORMAT_LEFT, FromDIP(360));
  sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(10)));

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  retry_ = new wxButton(this, wxID_ANY, _("&Retry"));
  details_ = new wxButton(this, wxID_ANY, _("&Details..."));
  export_ = new wxButton(this, wxID_ANY, _("&Export for support..."));
  for (wxButton* button : {retry_, details_, export_})
    buttons->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(10)));
  SetSizer(sizer);

  retry_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retrySelected(); });
  details_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (selected() != nullptr)
      wxMessageBox(detailsOfSelected(), _("Sync details"), wxOK | wxICON_INFORMATION, this);
  });
  export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportSelected(); });
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
  list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
  list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
    wxMessageBox(detailsOfSelected(), _("Sync details"), wxOK | wxICON_INFORMATION, this);
  });
  updateButtons();
  refresh();
}

void SyncPage::refresh() {
  listRequest_ = (listRequest_ + 1) | 0x5000000000000000ULL;  // this page's own request ids
  engine_.submit(engine::ListSyncQueue{listRequest_, false});
}

void SyncPage::onNotification(const engine::Notification& notification) {
  if (const auto* listed = std::get_if<engine::SyncQueueListed>(&notification)) {
    if (listed->requestId == listRequest_) showRows(listed->rows);
  } else if (const auto* state = std::get_if<engine::SyncStateChanged>(&notification)) {
    pauseReason_ = state->paused ? state->reason : std::string();
    showRows(rows_);
  } else if (std::holds_alternative<engine::PendingCountChanged>(notification) ||
             std::holds_alternative<engine::CaseSyncNews>(notification)) {
    refresh();
  }
}

void SyncPage::showRows(std::vector<engine::SyncListRow> rows) {
  rows_ = std::move(rows);
  list_->Freeze();
  list_->DeleteAllItems();
  int quarantined = 0;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const auto& row = rows_[i];
    const long item = list_->InsertItem(static_cast<long>(i), wx(row.provisionalNo));
    list_->SetItem(item, 1, wx(row.matterName));
    list_->SetItem(item, 2, syncStateLabel(row.syncState));
    list_->SetItem(item, 3, wxString::Format("%d", row.attempts));
    list_->SetItem(item, 4, syncErrorText(row.lastErrorCode, row.lastError).BeforeFirst('\n'));
    if (row.syncState == "quarantined") {
      ++quarantined;
      list_->SetItemTextColour(item, wxColour(0xB0, 0x00, 0x20));
    }
  }
  list_->Thaw();
  wxString text = rows_.empty()
                      ? _("Every case has reached central.")
                      : wxString::Format(_("%d case(s) not yet confirmed by central, %d refused."),
                                         static_cast<int>(rows_.size()) - quarantined, quarantined);
  if (!pauseReason_.empty())
    text += "\n" + wxString::Format(_("Sending is paused: %s"), wx(pauseReason_));
  summary_->SetLabel(text);
  Layout();
  updateButtons();
}

wxString SyncPage::summary() const { return summary_->GetLabel(); }

const engine::SyncListRow* SyncPage::selected() const {
  const long index = list_->GetFirstSelected();
  if (index < 0 || static_cast<std::size_t>(index) >= rows_.size()) return nullptr;
  return &rows_[static_cast<std::size_t>(index)];
}

void SyncPage::updateButtons() {
  const auto* row = selected();
  retry_->Enable(row != nullptr && row->syncState == "quarantined");
  details_->Enable(row != nullptr);
  export_->Enable(row != nullptr);
}

void SyncPage::retrySelected() {
  const auto* row = selected();
  if (row == nullptr || row->syncState != "quarantined") return;
  engine_.submit(engine::RetrySync{listRequest_, row->uuid});
}

wxString SyncPage::detailsOfSelected() const {
  const auto* row = selected();
  if (row == nullptr) return {};
  wxString text;
  text << _("Provisional no.: ") << wx(row->provisionalNo) << "\n"
       << _("Official no.: ")
       << (row->officialNo.empty() ? _("not yet allocated") : wx(row->officialNo)) << "\n"
       << _("Case ID: ") << wx(row->uuid) << "\n"
       << _("State: ") << syncStateLabel(row->syncState) << "\n"
       << _("Attempts: ") << row->attempts << "\n";
  if (!row->nextAttemptAt.empty()) text << _("Next attempt: ") << wx(row->nextAttemptAt) << "\n";
  if (!row->lastError.empty())
    text << _("Reason: ") << syncErrorText(row->lastErrorCode, row->lastError) << "\n";
  return text;
}

void SyncPage::exportSelected() {
  const auto* row = selected();
  if (row == nullptr) return;
  wxFileDialog dialog(this, _("Export for support"), wxEmptyString,
                      "sync-" + wx(row->provisionalNo) + ".xml", "XML (*.xml)|*.xml",
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  pugi::xml_document document;
  pugi::xml_node report = document.append_child("sync-support-report");
  report.append_attribute("case-uuid") = row->uuid.c_str();
  report.append_attribute("provisional-no") = row->provisionalNo.c_str();
  report.append_attribute("official-no") = row->officialNo.c_str();
  report.append_attribute("sync-state") = row->syncState.c_str();
  report.append_attribute("attempts") = row->attempts;
  report.append_attribute("next-attempt-at") = row->nextAttemptAt.c_str();
  pugi::xml_node reason = report.append_child("reason");
  reason.append_attribute("code") = row->lastErrorCode.c_str();
  reason.text().set(row->lastError.c_str());
  if (!document.save_file(dialog.GetPath().utf8_str().data(), "  ")) {
    wxMessageBox(_("The report could not be written."), _("Export for support"),
                 wxOK | wxICON_ERROR, this);
  }
}

}  // namespace onewindow::app
