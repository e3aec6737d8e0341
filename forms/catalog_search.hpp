#pragma once
// Finding a matter while the clerk types: by Chinese name, by basic or implementation code,
// by pinyin initials ("jzz" → 居住证申领) and by keyword, over the matters and bundles in effect
// on one date. Built once per date; each query is a linear scan over precomputed lowercase
// strings, fast enough for every keystroke over a catalog of thousands of matters.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "forms/catalog.hpp"

namespace onewindow::forms {

enum class TargetFilter { Any, Person, Legal };

struct SearchFilter {
  std::string category;  // "" = all; otherwise the category and its sub-categories
  TargetFilter target = TargetFilter::Any;
  bool includeBundles = true;
  std::size_t limit = 0;  // 0 = no limit
};

// Why an entry matched, best first; results are ranked in this order.
enum class MatchKind {
  ExactCode,        // the whole basic, implementation or bundle code
  CodePrefix,       // the start of a code
  NamePrefix,       // the start of the Chinese (or English) name
  PinyinPrefix,     // the start of a pinyin form
  NameSubstring,    // inside the name
  PinyinSubstring,  // inside a pinyin form
  CodeSubstring,    // inside a code
  Keyword,          // a keyword starts with the text
  All,              // an empty query lists everything
};

struct SearchHit {
  const Matter* matter = nullptr;  // exactly one of matter / bundle is set
  const Bundle* bundle = nullptr;
  MatchKind match = MatchKind::All;
};

// A category node for the UI's tree, with what it offers on the index's date.
struct CategoryCount {
  const Category* category = nullptr;
  std::size_t matters = 0;  // matters in effect in it and its sub-categories
  std::size_t bundles = 0;  // bundles likewise
  bool hasChildren = false;
};

class CatalogSearch {
 public:
  // Indexes what `catalog` offers on `date`; the catalog must outlive the index.
  CatalogSearch(const Catalog& catalog, CivilDate date);
  ~CatalogSearch();
  CatalogSearch(const CatalogSearch&);
  CatalogSearch(CatalogSearch&&) noexcept;
  CatalogSearch& operator=(const CatalogSearch&);
  CatalogSearch& operator=(CatalogSearch&&) noexcept;

  [[nodiscard]] CivilDate date() const { return date_; }

  // Ranked hits; several words separated by spaces must all match (rank = the weakest).
  // Within a rank: matters before bundles, then by code.
  [[nodiscard]] std::vector<SearchHit> query(std::string_view text,
                                             const SearchFilter& filter = {}) const;

  // The children of a category ("" = top level) with counts, in file order.
  [[nodiscard]] std::vector<CategoryCount> childCategories(std::string_view parent) const;

  struct Entry;  // one indexed matter or bundle (defined in catalog_search.cpp)

 private:
  const Catalog* catalog_;
  CivilDate date_;
  std::vector<Entry> entries_;
};

}  // namespace onewindow::forms
