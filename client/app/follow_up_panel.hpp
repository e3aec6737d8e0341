#pragma once
// The follow-up of bad ratings (好差评 差评回访): every 不满意 and 非常不满意 is a work order due
// in working days; the list badges the ones near or past their deadline; the supervisor records
// each call made (how, the outcome, a note) and closes the item with its outcome.

#include <cstdint>
#include <vector>

#include <wx/panel.h>

#include "client/engine/engine.hpp"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxListView;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class FollowUpPanel final : public wxPanel {
 public:
  FollowUpPanel(wxWindow* parent, engine::Engine& engine);

  void onNotification(const engine::Notification& notification);
  void refresh();

  // What the form's buttons do (the tests call them too): a step of the selected item.
  void select(long index);
  void record(int contact, const wxString& outcome, const wxString& note, bool close);

  [[nodiscard]] wxListView* list() const { return list_; }
  [[nodiscard]] const std::vector<engine::FollowUpItem>& items() const { return items_; }
  [[nodiscard]] wxString detailText() const;
  [[nodiscard]] wxString messageText() const;
  [[nodiscard]] wxCheckBox* showClosed() const { return showClosed_; }

 private:
  void showItems(const engine::FollowUpsListed& listed);
  void showDetail();
  void showMessage(const wxString& text, bool error);

  engine::Engine& engine_;
  std::uint64_t listRequest_ = 0;
  std::uint64_t recordRequest_ = 0;
  wxCheckBox* showClosed_ = nullptr;
  wxStaticText* summary_ = nullptr;
  wxListView* list_ = nullptr;
  wxTextCtrl* detail_ = nullptr;
  wxChoice* contact_ = nullptr;
  wxTextCtrl* outcome_ = nullptr;
  wxTextCtrl* note_ = nullptr;
  wxButton* record_ = nullptr;
  wxButton* close_ = nullptr;
  wxStaticText* message_ = nullptr;
  std::vector<engine::FollowUpItem> items_;
};

}  // namespace onewindow::app
