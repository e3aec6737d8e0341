#pragma once
// The supervisor's queues: every queue of the station with its count (sync problems, awaiting
// supplements, near due, due today, overdue, suspended, supervised), the chosen queue's cases
// with their due badges and, for a quarantined case, central's reason; what a supervisor does
// about a case: retry it once the cause is fixed, void it with a reason, mark it 督办 with a note
// (which the clerk's case detail shows), open it. Says whose cases it shows and as of when.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <wx/panel.h>
#include <wx/weakref.h>

#include "client/engine/engine.hpp"

class wxButton;
class wxChoice;
class wxListBox;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class CaseDetailDialog;
struct PrintingContext;

class SupervisorQueuePanel final : public wxPanel {
 public:
  SupervisorQueuePanel(wxWindow* parent, engine::Engine& engine, const PrintingContext& printing);
  ~SupervisorQueuePanel() override;

  void onNotification(const engine::Notification& notification);
  void refresh();  // the counts, and the shown queue from its first row
  void showQueue(engine::SupervisorQueue queue);
  // The whole centre's cases from central, or the station's own (the station's when central
  // cannot answer; the line above the list says which it shows and as of when).
  void showCentre(bool centre);
  [[nodiscard]] bool centreShown() const { return lastSource_ == "centre"; }
  [[nodiscard]] engine::SupervisorQueue shownQueue() const { return queue_; }

  // The actions on the selected case, as the buttons do them (the tests call them too).
  bool selectCase(const std::string& uuid);  // false when the loaded rows do not hold it
  void retrySelected();
  // By the uuid taken when the button was pressed (selectedUuid), not the selection after the
  // dialog: a refresh may reload the rows while the supervisor types.
  void voidSelected(const std::string& uuid, const wxString& reason);
  void markSelected(const std::string& uuid, const wxString& note);
  void unmarkSelected(const std::string& uuid, const wxString& reason);
  [[nodiscard]] std::string selectedUuid() const;
  void openSelected();

  [[nodiscard]] wxListBox* queueList() const { return queues_; }
  [[nodiscard]] wxListCtrl* list() const;
  [[nodiscard]] std::int64_t total() const { return total_; }
  [[nodiscard]] const engine::SupervisorRow* row(long index) const;
  [[nodiscard]] wxString cellText(long index, long column) const;
  [[nodiscard]] wxString sourceText() const;
  [[nodiscard]] wxString reasonText() const;   // the selected case's problem, in full
  [[nodiscard]] wxString messageText() const;  // the last refusal or confirmation
  [[nodiscard]] std::int64_t countOf(engine::SupervisorQueue queue) const;
  [[nodiscard]] CaseDetailDialog* detail() const;
  [[nodiscard]] bool loading() const { return !pending_.empty() || countRequest_ != 0; }

 private:
  class RowList;

  void requestPage(int page);
  void showCounts(const engine::SupervisorQueuesCounted& counted);
  void showSource(const engine::SupervisorQueueListed& listed);
  void showSelection();
  void showMessage(const wxString& text, bool error);
  [[nodiscard]] const engine::SupervisorRow* selected() const;

  engine::Engine& engine_;
  std::unique_ptr<PrintingContext> printing_;
  engine::SupervisorQueue queue_ = engine::SupervisorQueue::Overdue;
  wxStaticText* source_ = nullptr;
  wxChoice* view_ = nullptr;
  std::string lastSource_ = "station";
  wxListBox* queues_ = nullptr;
  RowList* list_ = nullptr;
  wxTextCtrl* reason_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxButton* retry_ = nullptr;
  wxButton* void_ = nullptr;
  wxButton* mark_ = nullptr;
  wxButton* unmark_ = nullptr;
  wxButton* open_ = nullptr;
  std::map<engine::SupervisorQueue, std::int64_t> counts_;
  std::int64_t total_ = 0;
  std::string asOf_;
  std::map<int, std::vector<engine::SupervisorRow>> pages_;
  std::map<std::uint64_t, int> pending_;
  std::uint64_t countRequest_ = 0;
  std::set<std::uint64_t> actions_;  // requests of the buttons, answered by a refresh
  std::uint64_t showRequest_ = 0;
  // Null again once the window is closed (wxWeakRef), however long after this page it goes.
  wxWeakRef<CaseDetailDialog> detail_;
};

// A queue's name in the supervisor's words.
[[nodiscard]] wxString supervisorQueueLabel(engine::SupervisorQueue queue);

}  // namespace onewindow::app
