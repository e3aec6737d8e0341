#pragma once
// The centre-wide case list of the supervisor's console (central/API.md §4.12): the query's
// parameters, read and checked apart from HTTP; the rows, the counts by state and the version
// of central's cases the ETag is made from, each read in one snapshot of the database.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "central/sql/sql.hpp"
#include "central/supervision.hpp"

namespace onewindow::central {

inline constexpr int kDefaultCentreCaseLimit = 200;
inline constexpr int kMaxCentreCaseLimit = 500;

enum class CentreCaseSort { Intake, Due };

struct CentreCaseQuery {
  std::vector<std::string> states;  // sorted, each once; empty: every state
  std::string matter;               // a matter code; empty: every matter
  std::string dueFrom;              // YYYY-MM-DD on the promised date, inclusive; empty: open
  std::string dueTo;
  std::string lookup;  // prefix of the official or provisional number or the applicant's name
  bool supervisedOnly = false;  // only cases with a 督办 mark (supervised=true)
  CentreCaseSort sort = CentreCaseSort::Intake;
  std::int64_t offset = 0;
  int limit = kDefaultCentreCaseLimit;
};

struct CentreQueryProblem {
  std::string parameter;
  std::string message;  // for <message> of 400 request.invalid_field; names the parameter
};

// From the request's query parameters (httplib::Params is this multimap). Unknown parameters
// are ignored (API.md §1, Evolution); an empty value is the same as leaving it out.
[[nodiscard]] std::variant<CentreCaseQuery, CentreQueryProblem> parseCentreCaseQuery(
    const std::multimap<std::string, std::string>& parameters);

// The query written one way only (defaults filled in, states sorted): two requests that ask
// the same have the same text, so they share an ETag.
[[nodiscard]] std::string normalizedQuery(const CentreCaseQuery& query);

struct CentreCaseRow {
  std::string uuid;
  std::string officialNo;
  std::string provisionalNo;
  std::string station;
  std::string window;
  std::string clerkId;
  std::string matterCode;
  std::string matterName;
  std::string applicantName;
  std::string state;  // central's current state
  std::chrono::sys_seconds intakeAt{};
  std::string promisedDue;  // YYYY-MM-DD or empty
  std::string legalDue;     // YYYY-MM-DD or empty
  std::chrono::sys_seconds updatedAt{};
  std::optional<SupervisionMark> supervision;  // the case's 督办 mark, if it has one
};

struct CentreCasePage {
  std::int64_t total = 0;  // rows the filter selects, over all pages
  std::int64_t offset = 0;
  std::chrono::sys_seconds asOf{};
  std::vector<CentreCaseRow> rows;
  std::vector<std::pair<std::string, std::int64_t>> stateCounts;  // whole centre, by state name
  std::string version;  // of central's cases when read (see centreCasesVersion)
};

// Changes whenever any case at central changes: every change of a case's state, and every 督办
// mark set, replaced or lifted, appends to the change feed, every stored version adds a
// case_versions row, and neither is ever deleted.
[[nodiscard]] std::string centreCasesVersion(sql::Connection& db);

[[nodiscard]] CentreCasePage readCentreCases(sql::Connection& db, const CentreCaseQuery& query,
                                             std::chrono::sys_seconds now);

// A strong entity tag (quotes included) for this version of the cases and this query.
[[nodiscard]] std::string centreCasesEtag(const std::string& version, const CentreCaseQuery& query);

// <centre-cases total=".." offset=".." as-of=".."><case .../>...<state-count .../>...
[[nodiscard]] std::string centreCasesXml(const CentreCasePage& page);

}  // namespace onewindow::central
