#pragma once
// The change feed (central/API.md §4.7): everything central decides about a case after it
// arrived — its official number, status changes, the decision, certificate data — as rows
// with an ever-growing seq, read by the station that submitted the case. A supervisor's 督办
// mark set or lifted (supervision.hpp) reaches that station the same way.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "central/sql/sql.hpp"

namespace onewindow::central {

struct Change {
  std::int64_t seq = 0;  // assigned by appendChange
  std::string station;
  std::string caseUuid;
  std::string kind;  // official-number | status | decision | certificate | sub-case | supervision
  std::optional<std::string> state;
  std::optional<std::string> result;
  std::optional<std::string> officialNo;
  std::optional<std::string> number;
  std::optional<std::string> note;
  std::chrono::sys_seconds at;
  std::optional<std::string> matterCode;  // sub-case: the part's matter
  std::optional<std::string> department;  // sub-case: where it was routed
  // certificate: who issued it, until when it is valid (YYYY-MM-DD), and the matter's own
  // data for its template (credit code, business name, …) as name/value pairs in order.
  std::optional<std::string> issuer;
  std::optional<std::string> validUntil;
  std::vector<std::pair<std::string, std::string>> fields;
  // Who made the change (a clerk id), written as `by`; only supervision changes have one.
  std::optional<std::string> actor;
};

struct ChangePage {
  std::vector<Change> changes;
  std::int64_t next = 0;  // the cursor for the following page
};

inline constexpr int kDefaultChangeLimit = 100;
inline constexpr int kMaxChangeLimit = 1000;

// Call inside the caller's transaction. Returns the seq.
std::int64_t appendChange(sql::Connection& db, const Change& change);

[[nodiscard]] ChangePage readChanges(sql::Connection& db, const std::string& station,
                                     std::int64_t since, int limit);

// <changes next="..."><change seq=".." kind=".." case-uuid=".." .../>...</changes>
[[nodiscard]] std::string changesXml(const ChangePage& page);

}  // namespace onewindow::central
