#pragma once
// The Sync page: cases on their way to central — queued, sending, waiting to retry and
// quarantined — with the reason in plain words and what the clerk can do about each: retry,
// show details, export for support. It keeps itself current from the engine's notifications.

#include <vector>

#include <wx/panel.h>

#include "client/engine/engine.hpp"

class wxButton;
class wxListView;
class wxStaticText;

namespace onewindow::app {

class SyncPage final : public wxPanel {
 public:
  SyncPage(wxWindow* parent, engine::Engine& engine);

  // Called by the main window for every notification (it owns the one subscription).
  void onNotification(const engine::Notification& notification);
  void refresh();

  [[nodiscard]] wxListView* list() const { return list_; }
  [[nodiscard]] wxString summary() const;
  [[nodiscard]] const std::vector<engine::SyncListRow>& rows() const { return rows_; }
  void retrySelected();
  [[nodiscard]] wxString detailsOfSelected() const;

 private:
  void showRows(std::vector<engine::SyncListRow> rows);
  void updateButtons();
  void exportSelected();
  [[nodiscard]] const engine::SyncListRow* selected() const;

  engine::Engine& engine_;
  std::uint64_t listRequest_ = 0;
  wxStaticText* summary_ = nullptr;
  wxListView* list_ = nullptr;
  wxButton* retry_ = nullptr;
  wxButton* details_ = nullptr;
  wxButton* export_ = nullptr;
  std::vector<engine::SyncListRow> rows_;
  std::string pauseReason_;
};

// The sync state in the clerk's words.
[[nodiscard]] wxString syncStateLabel(const std::string& syncState);

}  // namespace onewindow::app
