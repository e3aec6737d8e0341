#pragma once
// 秒批 on central (DESIGN.md §8, central/API.md §4.5): when a station submits a new case of a
// matter with auto-approval rules, central evaluates the rules of the current catalog release
// over the case's form instance — the same forms library the window used for its provisional
// outcome — and, when one passes, decides the case at once (granted) with the trace as the
// decision's note. A case no rule approves waits for the back office as any other.

#include <chrono>
#include <optional>
#include <string>

#include "central/sql/sql.hpp"

namespace onewindow::central {

class CurrentCatalog;

struct AutoDecision {
  std::string ruleId;
  std::string note;  // "秒批 old_age_allowance: 年满70周岁 ✓ 86; 深圳户籍 ✓ 深圳户籍"
};

class AutoApproval {
 public:
  explicit AutoApproval(CurrentCatalog& catalog) : catalog_(catalog) {}

  // nullopt when no release is published, the matter is not a 秒批 matter on that date, its
  // form cannot read the instance, or no rule passes. Never throws for bad case content.
  [[nodiscard]] std::optional<AutoDecision> decide(sql::Connection& db,
                                                   const std::string& matterCode,
                                                   const std::string& formInstanceXml,
                                                   std::chrono::sys_seconds now);

 private:
  CurrentCatalog& catalog_;
};

}  // namespace onewindow::central
