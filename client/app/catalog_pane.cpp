#include "client/app/catalog_pane.hpp"

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

enum TargetChoice { kAnyTarget = 0, kPersons, kLegalEntities };

// The results list is virtual: a catalog of thousands of matters is listed without creating
// thousands of rows on every keystroke.
class ResultList final : public wxListView {
 public:
  ResultList(wxWindow* parent, const CatalogPane& pane)
      : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                   wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_VIRTUAL),
        pane_(pane) {}

 private:
  wxString OnGetItemText(long item, long column) const override {
    return pane_.resultText(item, column);
  }
  const CatalogPane& pane_;
};

class CategoryData final : public wxTreeItemData {
 public:
  explicit CategoryData(std::string category) : categoryId(std::move(category)) {}
  std::string categoryId;
};

}  // namespace

wxString matterBadges(const forms::Matter& matter, bool partOfBundle) {
  // TRANSLATORS: the badges are one character each in Chinese: 秒 容 免 上 一 即.
  wxArrayString badges;
  if (matter.flags.autoApproval) badges.Add(_("AUTO"));
  if (matter.flags.gapAcceptance) badges.Add(_("GAP"));
  if (matter.flags.eLicence) badges.Add(_("E-LIC"));
  if (matter.flags.homeVisit) badges.Add(_("HOME"));
  if (partOfBundle) badges.Add(_("BUNDLE"));
  if (matter.flags.immediate) badges.Add(_("NOW"));
  return wxJoin(badges, ' ', '\0');
}

wxString bundleBadges() { return _("BUNDLE"); }

CatalogPane::CatalogPane(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  const int gap = FromDIP(6);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Matter catalog"));
  title->SetFont(title->GetFont().Bold());
  sizer->Add(title, wxSizerFlags().Border(wxALL, gap));

  search_ = new wxSearchCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                             wxTE_PROCESS_ENTER);
  search_->SetDescriptiveText(_("Name, code or pinyin initials"));
  search_->SetName("catalog-search");
  sizer->Add(search_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));

  auto* filterRow = new wxBoxSizer(wxHORIZONTAL);
  filterRow->Add(new wxStaticText(this, wxID_ANY, _("Applicant:")),
                 wxSizerFlags().CenterVertical().Border(wxRIGHT, gap));
  target_ = new wxChoice(this, wxID_ANY);
  target_->Append(_("All applicants"));
  target_->Append(_("Persons"));
  target_->Append(_("Legal entities"));
  target_->SetSelection(kAnyTarget);
  target_->SetName("catalog-target");
  filterRow->Add(target_, wxSizerFlags(1));
  sizer->Add(filterRow, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));

  tree_ = new wxTreeCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(120)),
                         wxTR_DEFAULT_STYLE | wxTR_SINGLE);
  tree_->SetName("catalog-categories");
  sizer->Add(tree_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));

  results_ = new ResultList(this, *this);
  results_->AppendColumn(_("Matter"), wxLIST_FORMAT_LEFT, FromDIP(190));
  results_->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(110));
  results_->AppendColumn(_("Flags"), wxLIST_FORMAT_LEFT, FromDIP(80));
  results_->SetName("catalog-list");
  sizer->Add(results_, wxSizerFlags(2).Expand().Border(wxLEFT | wxRIGHT, gap));

  state_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  state_->SetName("catalog-state");
  state_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  sizer->Add(state_, wxSizerFlags().Expand().Border(wxALL, gap));
  problems_ =
      new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxSize(-1, FromDIP(140)),
                     wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP | wxHSCROLL);
  problems_->SetName("catalog-problems");
  problems_->Hide();
  sizer->Add(problems_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  SetSizer(sizer);

  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refresh(); });
  search_->Bind(wxEVT_SEARCH, [this](wxCommandEvent&) { openSelected(); });
  search_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { openSelected(); });
  search_->Bind(wxEVT_KEY_DOWN, &CatalogPane::onSearchKey, this);
  target_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
  tree_->Bind(wxEVT_TREE_SEL_CHANGED, &CatalogPane::onTreeSelection, this);
  results_->Bind(wxEVT_KEY_DOWN, &CatalogPane::onResultsKey, this);
  results_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
    if (onChoose_ && !refreshing_) onChoose_(choiceAt(event.GetIndex()), false);
  });
  results_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
    if (onChoose_) onChoose_(choiceAt(event.GetIndex()), true);
  });

  showState(_("No catalog is installed on this workstation yet."));
}

void CatalogPane::setCatalog(std::shared_ptr<const forms::Catalog> catalog, forms::CivilDate date,
                             const std::string& language) {
  catalog_ = std::move(catalog);
  language_ = language;
  index(date);
  category_.clear();
  target_->SetSelection(kAnyTarget);
  problems_->Clear();
  problems_->Hide();
  for (wxWindow* control : {static_cast<wxWindow*>(search_), static_cast<wxWindow*>(target_),
                            static_cast<wxWindow*>(tree_), static_cast<wxWindow*>(results_)})
    control->Enable();
  buildTree();
  refresh();
}

void CatalogPane::index(forms::CivilDate date) {
  index_ = std::make_unique<forms::CatalogSearch>(*catalog_, date);
  indexDate_ = date;
  inBundles_.clear();
  for (const forms::Bundle* bundle : catalog_->bundlesOn(date)) {
    for (const forms::BundlePart& part : bundle->parts) inBundles_.insert(part.matter);
  }
}

void CatalogPane::followDate(forms::CivilDate date) {
  if (!catalog_ || indexDate_ == date) return;
  const std::string category = category_;
  index(date);
  category_.clear();
  buildTree();
  // The clerk's category stays chosen while the new day still has it (choosing it refreshes).
  if (!category.empty() && selectCategory(category)) return;
  refresh();
}

void CatalogPane::showLoadFailure(const engine::CatalogLoaded& load) {
  wxString text;
  for (const forms::Diagnostic& problem : load.problems) text << wx(problem.toString()) << "\n";
  problems_->ChangeValue(text);
  problems_->Show();
  wxString state =
      wxString::Format(_("The catalog %s could not be loaded (%d problem(s)):"),
                       wx(load.catalogFile.string()), static_cast<int>(load.problems.size()));
  if (catalog_) state += "\n" + _("Still showing the catalog loaded before.");
  showState(state);
  Layout();
}

void CatalogPane::showNoCatalog() {
  showState(_("No catalog is installed on this workstation yet.") + "\n" +
            _("It is fetched from central when a clerk logs in while central is online."));
}

void CatalogPane::showLoading() { showState(_("Loading the matter catalog...")); }

void CatalogPane::showState(const wxString& text) {
  state_->SetLabel(text);
  state_->Wrap(GetClientSize().GetWidth() > 0 ? GetClientSize().GetWidth() - FromDIP(12) : -1);
  if (!catalog_) {
    for (wxWindow* control : {static_cast<wxWindow*>(target_), static_cast<wxWindow*>(tree_),
                              static_cast<wxWindow*>(results_)})
      control->Disable();
  }
  Layout();
}

wxString CatalogPane::stateText() const { return state_->GetLabel(); }
wxString CatalogPane::problemsText() const { return problems_->GetValue(); }

void CatalogPane::buildTree() {
  tree_->DeleteAllItems();
  std::size_t total = 0;
  for (const forms::CategoryCount& top : index_->childCategories(""))
    total += top.matters + top.bundles;
  const wxTreeItemId root =
      tree_->AddRoot(wxString::Format(_("All categories (%d)"), static_cast<int>(total)), -1, -1,
                     new CategoryData(""));
  // Depth first, in file order; the catalog loader has ruled out cycles.
  std::function<void(const wxTreeItemId&, const std::string&)> addChildren =
      [&](const wxTreeItemId& parent, const std::string& id) {
        for (const forms::CategoryCount& child : index_->childCategories(id)) {
          const wxString label = wxString::Format("%s (%d)", wx(child.category->name.in(language_)),
                                                  static_cast<int>(child.matters + child.bundles));
          const wxTreeItemId item =
              tree_->AppendItem(parent, label, -1, -1, new CategoryData(child.category->id));
          if (child.hasChildren) addChildren(item, child.category->id);
        }
      };
  addChildren(root, "");
  tree_->ExpandAll();
  tree_->SelectItem(root);
}

bool CatalogPane::selectCategory(const std::string& id) {
  std::function<wxTreeItemId(const wxTreeItemId&)> find =
      [&](const wxTreeItemId& item) -> wxTreeItemId {
    const auto* data = dynamic_cast<const CategoryData*>(tree_->GetItemData(item));
    if (data != nullptr && data->categoryId == id) return item;
    wxTreeItemIdValue cookie;
    for (wxTreeItemId child = tree_->GetFirstChild(item, cookie); child.IsOk();
         child = tree_->GetNextChild(item, cookie)) {
      if (const wxTreeItemId found = find(child); found.IsOk()) return found;
    }
    return {};
  };
  if (!tree_->GetRootItem().IsOk()) return false;
  const wxTreeItemId item = find(tree_->GetRootItem());
  if (!item.IsOk()) return false;
  tree_->SelectItem(item);  // fires wxEVT_TREE_SEL_CHANGED
  return true;
}

void CatalogPane::onTreeSelection(wxTreeEvent& event) {
  const wxTreeItemId item = event.GetItem();
  const auto* data =
      item.IsOk() ? dynamic_cast<const CategoryData*>(tree_->GetItemData(item)) : nullptr;
  category_ = data != nullptr ? data->categoryId : std::string();
  refresh();
}

void CatalogPane::refresh() {
  if (!index_) return;
  forms::SearchFilter filter;
  filter.category = category_;
  switch (target_->GetSelection()) {
    case kPersons:
      filter.target = forms::TargetFilter::Person;
      break;
    case kLegalEntities:
      filter.target = forms::TargetFilter::Legal;
      break;
    default:
      filter.target = forms::TargetFilter::Any;
  }
  hits_ = index_->query(search_->GetValue().utf8_string(), filter);
  results_->SetItemCount(static_cast<long>(hits_.size()));
  results_->Refresh();
  if (!hits_.empty()) {
    // Enter in the search box opens the best match; the guide is previewed only when the
    // clerk moves through the results, not on every keystroke.
    refreshing_ = true;
    results_->Select(0);
    results_->Focus(0);
    refreshing_ = false;
  }
  int matters = 0;
  for (const forms::SearchHit& hit : hits_) matters += hit.matter != nullptr ? 1 : 0;
  const int bundles = static_cast<int>(hits_.size()) - matters;
  if (hits_.empty()) {
    showState(search_->GetValue().empty()
                  ? _("No matter in this category.")
                  : wxString::Format(_("No matter matches \"%s\"."), search_->GetValue()));
  } else {
    showState(wxString::Format(_("%d matter(s), %d bundle(s)"), matters, bundles));
  }
}

wxString CatalogPane::resultText(long row, long column) const {
  if (row < 0 || static_cast<std::size_t>(row) >= hits_.size()) return {};
  const forms::SearchHit& hit = hits_[static_cast<std::size_t>(row)];
  if (hit.matter != nullptr) {
    switch (column) {
      case 0:
        return wx(hit.matter->name.in(language_));
      case 1:
        return wx(hit.matter->basicCode);
      default:
        return matterBadges(*hit.matter, inBundles_.count(hit.matter->basicCode) > 0);
    }
  }
  switch (column) {
    case 0:
      return wx(hit.bundle->name.in(language_));
    case 1:
      return wx(hit.bundle->code);
    default:
      return bundleBadges();
  }
}

CatalogChoice CatalogPane::choiceAt(long row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= hits_.size()) return {};
  const forms::SearchHit& hit = hits_[static_cast<std::size_t>(row)];
  return {catalog_, hit.matter, hit.bundle};
}

void CatalogPane::focusSearch() {
  search_->SetFocus();
  search_->SelectAll();
}

void CatalogPane::openSelected() {
  if (hits_.empty() || !onChoose_) return;
  const long selected = results_->GetFirstSelected();
  onChoose_(choiceAt(selected >= 0 ? selected : 0), true);
}

void CatalogPane::onSearchKey(wxKeyEvent& event) {
  if (event.GetKeyCode() == WXK_DOWN && !hits_.empty()) {
    results_->SetFocus();
    const long selected = results_->GetFirstSelected();
    results_->Select(selected >= 0 ? selected : 0);
    results_->Focus(selected >= 0 ? selected : 0);
    return;
  }
  event.Skip();
}

void CatalogPane::onResultsKey(wxKeyEvent& event) {
  // Up from the first result goes back to the search box, so the clerk can refine the text.
  if (event.GetKeyCode() == WXK_UP && results_->GetFirstSelected() <= 0) {
    focusSearch();
    return;
  }
  if (event.GetKeyCode() == WXK_RETURN || event.GetKeyCode() == WXK_NUMPAD_ENTER) {
    openSelected();
    return;
  }
  event.Skip();
}

}  // namespace onewindow::app
