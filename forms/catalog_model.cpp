// Look-ups over the loaded catalog. Linear scans: a catalog holds a few thousand entries and
// the callers (a case opening, the search index being built) ask once, not per keystroke.

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "forms/catalog.hpp"

namespace onewindow::forms {
namespace {

// Index of the version in effect on `date` for each code, then the chosen entries in file
// order. `codeOf` gives the grouping code of an entry.
template <typename Entry, typename CodeOf>
std::vector<const Entry*> inEffect(const std::vector<Entry>& entries, CivilDate date,
                                   CodeOf codeOf) {
  std::unordered_map<std::string_view, std::size_t> best;
  best.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    if (date < entry.effective) continue;
    const auto [it, inserted] = best.try_emplace(codeOf(entry), i);
    if (!inserted && entries[it->second].effective < entry.effective) it->second = i;
  }
  std::vector<const Entry*> chosen;
  chosen.reserve(best.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto it = best.find(codeOf(entries[i]));
    if (it != best.end() && it->second == i) chosen.push_back(&entries[i]);
  }
  return chosen;
}

template <typename Entry, typename Matches>
const Entry* versionOn(const std::vector<Entry>& entries, CivilDate date, Matches matches) {
  const Entry* found = nullptr;
  for (const auto& entry : entries) {
    if (!matches(entry) || date < entry.effective) continue;
    if (found == nullptr || found->effective < entry.effective) found = &entry;
  }
  return found;
}

}  // namespace

const Material* Matter::material(std::string_view key) const {
  for (const auto& material : materials) {
    if (material.key == key) return &material;
  }
  return nullptr;
}

bool Matter::forPersons() const {
  return std::find(targets.begin(), targets.end(), 1) != targets.end();
}

bool Matter::forLegalEntities() const {
  return std::any_of(targets.begin(), targets.end(), [](int target) { return target != 1; });
}

const WorkingCalendar* Catalog::calendar(std::string_view id) const {
  for (const auto& calendar : calendars) {
    if (calendar.id() == id) return &calendar;
  }
  return nullptr;
}

const Category* Catalog::category(std::string_view id) const {
  for (const auto& category : categories) {
    if (category.id == id) return &category;
  }
  return nullptr;
}

std::vector<const Category*> Catalog::childCategories(std::string_view parent) const {
  std::vector<const Category*> children;
  for (const auto& category : categories) {
    if (category.parent == parent) children.push_back(&category);
  }
  return children;
}

bool Catalog::categoryWithin(std::string_view id, std::string_view ancestor) const {
  // Bounded by the number of categories so a hand-built catalog with a cycle cannot hang.
  for (std::size_t steps = 0; steps <= categories.size() && !id.empty(); ++steps) {
    if (id == ancestor) return true;
    const auto* node = category(id);
    if (node == nullptr) return false;
    id = node->parent;
  }
  return false;
}

const Matter* Catalog::matterOn(std::string_view code, CivilDate date) const {
  const bool implementation = code.size() == 31;
  return versionOn(matters, date, [&](const Matter& matter) {
    return (implementation ? matter.implementationCode : matter.basicCode) == code;
  });
}

std::vector<const Matter*> Catalog::mattersOn(CivilDate date) const {
  return inEffect(matters, date,
                  [](const Matter& matter) -> std::string_view { return matter.basicCode; });
}

std::vector<const Matter*> Catalog::versions(std::string_view basicCode) const {
  std::vector<const Matter*> found;
  for (const auto& matter : matters) {
    if (matter.basicCode == basicCode) found.push_back(&matter);
  }
  std::stable_sort(found.begin(), found.end(), [](const Matter* left, const Matter* right) {
    return left->effective < right->effective;
  });
  return found;
}

const Bundle* Catalog::bundleOn(std::string_view code, CivilDate date) const {
  return versionOn(bundles, date, [&](const Bundle& bundle) { return bundle.code == code; });
}

std::vector<const Bundle*> Catalog::bundlesOn(CivilDate date) const {
  return inEffect(bundles, date,
                  [](const Bundle& bundle) -> std::string_view { return bundle.code; });
}

const WorkingCalendar& Catalog::calendarOf(const Matter& matter) const {
  const auto* found = calendar(matter.calendar);
  if (found == nullptr) {
    throw std::out_of_range("matter " + matter.basicCode + " names calendar '" + matter.calendar +
                            "', which the catalog does not have");
  }
  return *found;
}

}  // namespace onewindow::forms
