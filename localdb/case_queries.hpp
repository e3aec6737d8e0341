#pragma once
// The queues' queries: filter and sort cases by state, date, matter, clerk and deadline, and
// search applicant names. The SQL is assembled from fixed fragments chosen by the filter's
// shape; every value is a bound parameter.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "localdb/case_state.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

enum class CaseSort { IntakeTime, PromisedDueDate, ProvisionalNumber };

struct CaseFilter {
  std::vector<CaseState> states;  // empty: any state
  std::optional<std::string> matterCode;
  std::optional<std::string> clerkId;
  std::optional<std::string> intakeFrom;     // ISO 8601, inclusive
  std::optional<std::string> intakeBefore;   // ISO 8601, exclusive
  std::optional<std::string> dueOnOrBefore;  // YYYY-MM-DD: near or past the promised date
  std::optional<std::string> dueOnOrAfter;   // YYYY-MM-DD
  std::optional<std::string> windowCode;     // the cases taken in at one window
  bool excludeDrafts = false;                // every state but drafts (with `states` empty)
  std::optional<std::string> syncState;      // "quarantined", …
  bool supervisedOnly = false;               // cases a supervisor marked (督办)
  // What the clerk types or scans to find a case: the start of its provisional or official
  // number, of the applicant's ID number or of their mobile number (indexed ranges, ASCII).
  std::optional<std::string> lookup;
  CaseSort sort = CaseSort::IntakeTime;
  bool descending = true;
  int limit = 200;
  int offset = 0;
};

struct CaseSummary {
  std::int64_t id = 0;
  std::string uuid;
  std::string provisionalNo;
  std::string officialNo;
  std::string matterCode;
  std::string matterName;
  std::string applicantName;
  std::string clerkId;
  std::string state;
  std::string syncState;
  std::string intakeAt;
  std::string promisedDueDate;
  std::string applicantIdNumber;
  std::string applicantPhone;
  std::string windowCode;
  std::string syncError;      // why central refused it, when quarantined
  std::string syncErrorCode;  // its machine code (central's, or "client.…")
};

class CaseQueries {
 public:
  explicit CaseQueries(Database& db) : db_(db) {}

  [[nodiscard]] std::vector<CaseSummary> find(const CaseFilter& filter);
  [[nodiscard]] std::int64_t count(const CaseFilter& filter);
  // How many cases each state holds (drafts left out), in the states' order; only states held.
  [[nodiscard]] std::vector<std::pair<CaseState, std::int64_t>> countByState();
  // Full-text search of applicant names. The engine allows it only for roles that may see
  // names (see client/engine); this layer only searches.
  [[nodiscard]] std::vector<CaseSummary> searchApplicantName(const std::string& typed,
                                                             int limit = 50);

 private:
  Database& db_;
};

}  // namespace onewindow::localdb
