#pragma once
// The case list ("Cases at this window" / "All cases of this station"): a virtual list that asks
// the engine only for the rows it shows, so it stays fluid with 100,000 cases; filters by state,
// intake dates and matter; search as the clerk types (number, ID number, mobile number); and a
// keyboard-wedge scan of a notice's QR code (its text, then Enter) opens the case at once.
// Remembers the sort and the column widths.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include <wx/panel.h>
#include <wx/timer.h>
#include <wx/weakref.h>

#include "client/engine/engine.hpp"

class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class CaseDetailDialog;
class DateField;
struct PrintingContext;

class CasesPage final : public wxPanel {
 public:
  CasesPage(wxWindow* parent, engine::Engine& engine, const PrintingContext& printing);
  ~CasesPage() override;

  // Called by the main window for every notification (it owns the one subscription).
  void onNotification(const engine::Notification& notification);
  void setCatalog(std::shared_ptr<const forms::Catalog> catalog);
  void setLanguage(const std::string& language) { language_ = language; }

  // What the keys and the widgets do, for the handlers and the tests alike.
  void setScope(engine::CaseScope scope);
  void setSearchText(const wxString& text);  // as typed: the list follows
  void submitSearch();                       // Enter: open the case it names
  void setStateFilter(int index);            // an index of stateFilterLabels()
  void setIntakeRange(std::optional<forms::CivilDate> from, std::optional<forms::CivilDate> to);
  void sortBy(int column);  // a click on a column header: again reverses it
  void refresh();           // the query again, from the first row
  void openRow(long row);   // ShowCase of that row, in the detail window

  [[nodiscard]] wxListCtrl* list() const;
  [[nodiscard]] wxTextCtrl* searchBox() const { return search_; }
  [[nodiscard]] std::int64_t total() const { return total_; }
  // The row as the list shows it, when it has arrived; nullptr while it is being fetched.
  [[nodiscard]] const engine::CaseListRow* row(long index) const;
  [[nodiscard]] wxString cellText(long row, long column) const;
  [[nodiscard]] bool loading() const { return !pending_.empty(); }
  [[nodiscard]] CaseDetailDialog* detail() const;
  [[nodiscard]] wxString messageText() const;

 private:
  class RowList;

  void requestPage(int page);
  void showDetail(const engine::CaseDetail& detail);
  void showMessage(const wxString& text, bool error);
  void saveLayout() const;
  void restoreLayout();
  [[nodiscard]] engine::CaseListQuery query() const;

  engine::Engine& engine_;
  std::unique_ptr<PrintingContext> printing_;
  std::shared_ptr<const forms::Catalog> catalog_;
  std::string language_ = "zh";
  wxChoice* scope_ = nullptr;
  wxTextCtrl* search_ = nullptr;
  wxChoice* state_ = nullptr;
  wxChoice* matter_ = nullptr;
  DateField* from_ = nullptr;
  DateField* to_ = nullptr;
  RowList* list_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxTimer typing_;
  std::vector<std::string> matterCodes_;  // of matter_'s entries after "all"
  engine::CaseSort sort_ = engine::CaseSort::IntakeTime;
  bool descending_ = true;
  std::int64_t total_ = 0;
  std::map<int, std::vector<engine::CaseListRow>> pages_;  // by page of kPageRows
  std::map<std::uint64_t, int> pending_;                   // request → page
  std::set<int> failedPages_;                              // refused for this query
  bool findShown_ = false;  // the list shows a find's matches: its message stays
  std::uint64_t findRequest_ = 0;
  std::uint64_t showRequest_ = 0;
  // Null again once the window is closed (wxWeakRef), however long after this page it goes.
  wxWeakRef<CaseDetailDialog> detail_;
};

// The state filter's entries, in order (the first: every state).
[[nodiscard]] std::vector<wxString> stateFilterLabels();

}  // namespace onewindow::app
