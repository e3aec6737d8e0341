// The parameters of GET /api/v1/centre/cases (central/API.md §4.12) and the ETag made from them.

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>

#include "central/centre_cases.hpp"
#include "forms/civil_date.hpp"
#include "localdb/case_state.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

constexpr std::size_t kMaxLookupBytes = 200;

using Parsed = std::variant<CentreCaseQuery, CentreQueryProblem>;

CentreQueryProblem problem(std::string parameter, const std::string& rule) {
  std::string message = "the query parameter '" + parameter + "' " + rule;
  return CentreQueryProblem{std::move(parameter), std::move(message)};
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

bool isCodeText(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::optional<std::int64_t> wholeNumber(const std::string& text, std::int64_t low,
                                        std::int64_t high) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high)
    return std::nullopt;
  return value;
}

// Comma-separated state names of DESIGN.md §4; sorted and each once, so the order asked in
// does not change the ETag.
std::optional<std::vector<std::string>> stateList(const std::string& text) {
  std::vector<std::string> states;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string name = trimmed(std::string_view(text).substr(start, comma - start));
    if (!localdb::caseStateFromName(name)) return std::nullopt;
    states.push_back(std::move(name));
    start = comma + 1;
  }
  std::sort(states.begin(), states.end());
  states.erase(std::unique(states.begin(), states.end()), states.end());
  return states;
}

}  // namespace

std::variant<CentreCaseQuery, CentreQueryProblem> parseCentreCaseQuery(
    const std::multimap<std::string, std::string>& parameters) {
  CentreCaseQuery query;
  // The value of a parameter; empty when absent or empty. Given twice is an error: which one
  // was meant cannot be known.
  std::optional<CentreQueryProblem> twice;
  const auto value = [&](const char* name) {
    if (parameters.count(name) > 1 && !twice) twice = problem(name, "is given more than once");
    const auto found = parameters.find(name);
    return found == parameters.end() ? std::string() : trimmed(found->second);
  };
  const std::string states = value("states");
  const std::string matter = value("matter");
  const std::string dueFrom = value("due_from");
  const std::string dueTo = value("due_to");
  const std::string lookup = value("lookup");
  const std::string supervised = value("supervised");
  const std::string sort = value("sort");
  const std::string offset = value("offset");
  const std::string limit = value("limit");
  if (twice) return *twice;

  if (!states.empty()) {
    auto list = stateList(states);
    if (!list) return problem("states", "must list case states (DESIGN.md §4) separated by ','");
    query.states = std::move(*list);
  }
  if (!matter.empty() && !isCodeText(matter))
    return problem("matter", "must be a matter code: 1-64 characters of [A-Za-z0-9._-]");
  query.matter = matter;
  if (!dueFrom.empty() && !forms::CivilDate::parseIso(dueFrom))
    return problem("due_from", "must be a date YYYY-MM-DD");
  if (!dueTo.empty() && !forms::CivilDate::parseIso(dueTo))
    return problem("due_to", "must be a date YYYY-MM-DD");
  query.dueFrom = dueFrom;
  query.dueTo = dueTo;
  if (!query.dueFrom.empty() && !query.dueTo.empty() && query.dueTo < query.dueFrom)
    return problem("due_to", "is before due_from");
  if (lookup.size() > kMaxLookupBytes)
    return problem("lookup", "may have at most " + std::to_string(kMaxLookupBytes) + " bytes");
  query.lookup = lookup;
  if (supervised == "true") {
    query.supervisedOnly = true;
  } else if (!supervised.empty()) {
    return problem("supervised", "must be true (only cases with a 督办 mark) or left out");
  }
  if (sort == "due") {
    query.sort = CentreCaseSort::Due;
  } else if (!sort.empty() && sort != "intake") {
    return problem("sort", "must be intake or due");
  }
  if (!offset.empty()) {
    const auto number = wholeNumber(offset, 0, INT64_MAX);
    if (!number) return problem("offset", "must be a whole number >= 0");
    query.offset = *number;
  }
  if (!limit.empty()) {
    const auto number = wholeNumber(limit, 1, kMaxCentreCaseLimit);
    if (!number)
      return problem("limit",
                     "must be a whole number from 1 to " + std::to_string(kMaxCentreCaseLimit));
    query.limit = static_cast<int>(*number);
  }
  return query;
}

std::string normalizedQuery(const CentreCaseQuery& query) {
  std::string states;
  for (const std::string& state : query.states) states += (states.empty() ? "" : ",") + state;
  // The lookup last: it is the one free text, so nothing after it can be mistaken for it.
  return std::string("sort=") + (query.sort == CentreCaseSort::Due ? "due" : "intake") +
         "&offset=" + std::to_string(query.offset) + "&limit=" + std::to_string(query.limit) +
         "&states=" + states + "&matter=" + query.matter + "&due_from=" + query.dueFrom +
         "&due_to=" + query.dueTo + (query.supervisedOnly ? "&supervised=true" : "") +
         "&lookup=" + query.lookup;
}

std::string centreCasesEtag(const std::string& version, const CentreCaseQuery& query) {
  const std::string text = normalizedQuery(query);
  const std::string digest = localdb::sha256Hex(std::as_bytes(std::span(text.data(), text.size())));
  return '"' + version + '-' + digest.substr(0, 16) + '"';
}

}  // namespace onewindow::central
