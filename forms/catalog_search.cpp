#include "forms/catalog_search.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <unordered_set>

namespace onewindow::forms {

// Everything a query compares, lowercased once when the index is built so a keystroke only
// runs substring searches.
struct CatalogSearch::Entry {
  const Matter* matter = nullptr;
  const Bundle* bundle = nullptr;
  const std::string* category = nullptr;
  bool person = false;
  bool legal = false;
  std::vector<std::string> codes;  // lowercase (the USCC part of implementation codes)
  std::vector<std::string> names;  // Chinese as written, English lowercased
  std::vector<std::string> pinyin;
  std::vector<std::string> keywords;
  const std::string* sortCode = nullptr;
  std::size_t order = 0;  // position among entries sorted by (bundle, code): ties cost an int
};

namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (auto& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::vector<std::string> lowercased(const std::vector<std::string>& texts) {
  std::vector<std::string> lower;
  lower.reserve(texts.size());
  for (const auto& text : texts) lower.push_back(lowercase(text));
  return lower;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> found;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const auto start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) found.push_back(lowercase(text.substr(start, i - start)));
  }
  return found;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The best way `word` matches `entry`, or nullopt.
std::optional<MatchKind> bestMatch(const CatalogSearch::Entry& entry, std::string_view word) {
  auto best = MatchKind::All;
  bool found = false;
  const auto consider = [&](MatchKind kind) {
    if (!found || kind < best) best = kind;
    found = true;
  };
  // Inside a code only with a digit in the word: letters alone would find every matter of an
  // implementing body whose credit code happens to hold them ("mb").
  const bool digits =
      std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  for (const auto& code : entry.codes) {
    if (code == word) return MatchKind::ExactCode;
    if (startsWith(code, word)) {
      consider(MatchKind::CodePrefix);
    } else if (digits && contains(code, word)) {
      consider(MatchKind::CodeSubstring);
    }
  }
  if (found && best == MatchKind::CodePrefix) return best;
  for (const auto& name : entry.names) {
    if (startsWith(name, word)) {
      consider(MatchKind::NamePrefix);
    } else if (contains(name, word)) {
      consider(MatchKind::NameSubstring);
    }
  }
  for (const auto& pinyin : entry.pinyin) {
    if (startsWith(pinyin, word)) {
      consider(MatchKind::PinyinPrefix);
    } else if (contains(pinyin, word)) {
      consider(MatchKind::PinyinSubstring);
    }
  }
  if (!found) {
    for (const auto& keyword : entry.keywords) {
      if (contains(keyword, word)) {
        consider(MatchKind::Keyword);
        break;
      }
    }
  }
  if (!found) return std::nullopt;
  return best;
}

}  // namespace

CatalogSearch::CatalogSearch(const Catalog& catalog, CivilDate date)
    : catalog_(&catalog), date_(date) {
  const auto matters = catalog.mattersOn(date);
  const auto bundles = catalog.bundlesOn(date);
  entries_.reserve(matters.size() + bundles.size());
  for (const auto* matter : matters) {
    Entry entry;
    entry.matter = matter;
    entry.category = &matter->category;
    entry.person = matter->forPersons();
    entry.legal = matter->forLegalEntities();
    entry.codes = {lowercase(matter->basicCode), lowercase(matter->implementationCode)};
    entry.names = {matter->name.zh};
    if (!matter->name.en.empty()) entry.names.push_back(lowercase(matter->name.en));
    entry.pinyin = lowercased(matter->pinyin);
    entry.keywords = lowercased(matter->keywords);
    entry.sortCode = &matter->basicCode;
    entries_.push_back(std::move(entry));
  }
  for (const auto* bundle : bundles) {
    Entry entry;
    entry.bundle = bundle;
    entry.category = &bundle->category;
    // A bundle serves whoever its parts serve.
    for (const auto& part : bundle->parts) {
      if (const auto* matter = catalog.matterOn(part.matter, date)) {
        entry.person = entry.person || matter->forPersons();
        entry.legal = entry.legal || matter->forLegalEntities();
      }
    }
    entry.codes = {lowercase(bundle->code)};
    entry.names = {bundle->name.zh};
    if (!bundle->name.en.empty()) entry.names.push_back(lowercase(bundle->name.en));
    entry.pinyin = lowercased(bundle->pinyin);
    entry.keywords = lowercased(bundle->keywords);
    entry.sortCode = &bundle->code;
    entries_.push_back(std::move(entry));
  }
  std::vector<std::size_t> byCode(entries_.size());
  for (std::size_t i = 0; i < byCode.size(); ++i) byCode[i] = i;
  std::sort(byCode.begin(), byCode.end(), [&](std::size_t left, std::size_t right) {
    const auto& a = entries_[left];
    const auto& b = entries_[right];
    const bool aBundle = a.bundle != nullptr, bBundle = b.bundle != nullptr;
    return std::tie(aBundle, *a.sortCode) < std::tie(bBundle, *b.sortCode);
  });
  for (std::size_t rank = 0; rank < byCode.size(); ++rank) entries_[byCode[rank]].order = rank;
}

// Out of line: Entry is complete only here.
CatalogSearch::~CatalogSearch() = default;
CatalogSearch::CatalogSearch(const CatalogSearch&) = default;
CatalogSearch::CatalogSearch(CatalogSearch&&) noexcept = default;
CatalogSearch& CatalogSearch::operator=(const CatalogSearch&) = default;
CatalogSearch& CatalogSearch::operator=(CatalogSearch&&) noexcept = default;

std::vector<SearchHit> CatalogSearch::query(std::string_view text,
                                            const SearchFilter& filter) const {
  const auto queryWords = words(text);
  std::unordered_set<std::string_view> categories;
  if (!filter.category.empty()) {
    for (const auto& category : catalog_->categories) {
      if (catalog_->categoryWithin(category.id, filter.category)) categories.insert(category.id);
    }
  }

  struct Ranked {
    MatchKind match;
    const Entry* entry;
  };
  std::vector<Ranked> ranked;
  for (const auto& entry : entries_) {
    if (entry.bundle != nullptr && !filter.includeBundles) continue;
    if (filter.target == TargetFilter::Person && !entry.person) continue;
    if (filter.target == TargetFilter::Legal && !entry.legal) continue;
    if (!filter.category.empty() && !categories.contains(*entry.category)) continue;
    auto rank = queryWords.empty() ? MatchKind::All : MatchKind::ExactCode;
    bool matches = true;
    for (const auto& word : queryWords) {
      const auto match = bestMatch(entry, word);
      if (!match) {
        matches = false;
        break;
      }
      rank = std::max(rank, *match);
    }
    if (matches) ranked.push_back(Ranked{rank, &entry});
  }

  const auto order = [](const Ranked& left, const Ranked& right) {
    return std::tie(left.match, left.entry->order) < std::tie(right.match, right.entry->order);
  };
  std::vector<SearchHit> hits;
  if (filter.limit != 0 && ranked.size() > filter.limit) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(filter.limit),
                      ranked.end(), order);
    ranked.resize(filter.limit);
  } else {
    std::sort(ranked.begin(), ranked.end(), order);
  }
  hits.reserve(ranked.size());
  for (const auto& item : ranked) {
    hits.push_back(SearchHit{item.entry->matter, item.entry->bundle, item.match});
  }
  return hits;
}

std::vector<CategoryCount> CatalogSearch::childCategories(std::string_view parent) const {
  std::vector<CategoryCount> counts;
  for (const auto* category : catalog_->childCategories(parent)) {
    CategoryCount count;
    count.category = category;
    count.hasChildren = !catalog_->childCategories(category->id).empty();
    for (const auto& entry : entries_) {
      if (!catalog_->categoryWithin(*entry.category, category->id)) continue;
      ++(entry.matter != nullptr ? count.matters : count.bundles);
    }
    counts.push_back(count);
  }
  return counts;
}

}  // namespace onewindow::forms
