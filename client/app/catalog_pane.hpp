#pragma once
// The catalog pane on the left of the main window: search as you type (name, code, pinyin
// initials, keywords), a person/legal filter, the category tree with counts, and the results
// with the matters' flags as short badges; bundles (一件事) are listed too. Selecting a result
// previews its guide; Enter or a double click opens it for intake. Keyboard: Ctrl+F (the
// main window's menu) focuses the search box, Down moves into the results, Enter opens.
// Without a catalog, or when the catalog file is broken, the pane says so and shows the
// located problems.

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "client/app/matter_catalog_source.hpp"
#include "client/engine/notifications.hpp"
#include "forms/catalog_search.hpp"

class wxChoice;
class wxListView;
class wxSearchCtrl;
class wxStaticText;
class wxTextCtrl;
class wxTreeCtrl;
class wxKeyEvent;
class wxTreeEvent;

namespace onewindow::app {

// The flags of a matter as badges (秒 容 免 上 一 即 in Chinese), separated by spaces.
[[nodiscard]] wxString matterBadges(const forms::Matter& matter, bool partOfBundle);
[[nodiscard]] wxString bundleBadges();

class CatalogPane final : public wxPanel {
 public:
  using ChooseHandler = std::function<void(const CatalogChoice& choice, bool open)>;

  explicit CatalogPane(wxWindow* parent);

  // Offers what `catalog` holds on `date`, keeping the typed text; the category and target
  // filter reset when the catalog changes.
  void setCatalog(std::shared_ptr<const forms::Catalog> catalog, forms::CivilDate date,
                  const std::string& language);
  // The day changed (the window stayed open past midnight): offers what the catalog holds on
  // `date` (matters taking effect or ending that day), keeping the text, category and filter.
  void followDate(forms::CivilDate date);
  [[nodiscard]] std::optional<forms::CivilDate> indexDate() const { return indexDate_; }
  // The catalog could not be loaded: the problems are listed; a catalog already shown stays.
  void showLoadFailure(const engine::CatalogLoaded& load);
  // No catalog yet: says it comes from central.
  void showNoCatalog();
  // The engine is still loading the catalog (a window opened right after start-up).
  void showLoading();

  void onChoose(ChooseHandler handler) { onChoose_ = std::move(handler); }
  void focusSearch();
  // Opens the selected result, or the first one when none is selected.
  void openSelected();

  [[nodiscard]] wxSearchCtrl* searchBox() const { return search_; }
  [[nodiscard]] wxChoice* targetFilter() const { return target_; }
  [[nodiscard]] wxTreeCtrl* categoryTree() const { return tree_; }
  [[nodiscard]] wxListView* results() const { return results_; }
  [[nodiscard]] const std::vector<forms::SearchHit>& hits() const { return hits_; }
  [[nodiscard]] wxString stateText() const;
  [[nodiscard]] wxString problemsText() const;
  [[nodiscard]] const std::shared_ptr<const forms::Catalog>& catalog() const { return catalog_; }
  // Selects a category of the tree by id ("" = all) as a click would.
  bool selectCategory(const std::string& id);
  // Row text of the results list (virtual: the list asks for it).
  [[nodiscard]] wxString resultText(long row, long column) const;

 private:
  // Builds the search index and the bundle marks for what the catalog holds on `date`.
  void index(forms::CivilDate date);
  void buildTree();
  void refresh();
  void showState(const wxString& text);
  void onTreeSelection(wxTreeEvent& event);
  void onSearchKey(wxKeyEvent& event);
  void onResultsKey(wxKeyEvent& event);
  [[nodiscard]] CatalogChoice choiceAt(long row) const;

  wxSearchCtrl* search_ = nullptr;
  wxChoice* target_ = nullptr;
  wxTreeCtrl* tree_ = nullptr;
  wxListView* results_ = nullptr;
  wxStaticText* state_ = nullptr;
  wxTextCtrl* problems_ = nullptr;

  std::shared_ptr<const forms::Catalog> catalog_;
  std::unique_ptr<forms::CatalogSearch> index_;
  std::optional<forms::CivilDate> indexDate_;  // the day index_ offers
  std::string language_ = "zh";
  std::string category_;                          // "" = every category
  std::set<std::string, std::less<>> inBundles_;  // basic codes of matters part of a bundle
  std::vector<forms::SearchHit> hits_;
  ChooseHandler onChoose_;
  bool refreshing_ = false;
};

}  // namespace onewindow::app
