#pragma once
// 一件事一次办 on central (DESIGN.md §8, domain reference, central/API.md §4.7): a bundle case
// accepted at the window is one case for the applicant (one official number, one receipt) and
// one sub-case per part of the bundle for the departments, each routed to its part's
// department with the sub-number <official number>-<part, two digits>. The station learns the
// sub-cases from the change feed (kind sub-case).

#include <chrono>
#include <string>
#include <vector>

#include "central/sql/sql.hpp"

namespace onewindow::forms {
struct Catalog;
}

namespace onewindow::central {

class CurrentCatalog;
struct CaseSummary;

struct SubCase {
  int part = 0;       // 1-based, in the bundle's order
  std::string subNo;  // "<official number>-01"
  std::string matterCode;
  std::string matterName;
  std::string department;
  std::string state;  // "routed" when created
};

// The sub-cases of the bundle `bundleCode` in effect on the case's day (China time), written
// with their feed entries inside the caller's transaction. Nothing when the code is not a
// bundle of `catalog` on that day, or when the case was split before (a later version).
std::vector<SubCase> splitBundleCase(sql::Connection& db, const CaseSummary& summary,
                                     const forms::Catalog& catalog, const std::string& bundleCode,
                                     std::chrono::sys_seconds now);

[[nodiscard]] std::vector<SubCase> subCasesOf(sql::Connection& db, const std::string& caseUuid);

// Splits new bundle cases as they arrive, with the catalog release central serves.
class BundleRouting {
 public:
  explicit BundleRouting(CurrentCatalog& catalog) : catalog_(catalog) {}

  // For a case central just stored in an accepted state. Never throws for bad case content;
  // a catalog that cannot be read leaves the case unsplit, logged, for the back office.
  std::vector<SubCase> route(sql::Connection& db, const std::string& caseUuid,
                             const std::string& matterCode, std::chrono::sys_seconds now);

 private:
  CurrentCatalog& catalog_;
};

}  // namespace onewindow::central
