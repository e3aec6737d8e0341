#pragma once
// The catalog pane on the left of the main window: search box and the matter list. The
// list is filled from the catalog by the forms library (issue 4); until a catalog is loaded
// it says so instead of pretending to search.

#include <wx/panel.h>

class wxSearchCtrl;
class wxListView;

namespace onewindow::app {

class CatalogPane final : public wxPanel {
 public:
  explicit CatalogPane(wxWindow* parent);
  void focusSearch();
  [[nodiscard]] wxSearchCtrl* searchBox() const { return search_; }

 private:
  wxSearchCtrl* search_ = nullptr;
  wxListView* matters_ = nullptr;
};

}  // namespace onewindow::app
