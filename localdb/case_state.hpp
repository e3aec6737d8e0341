#pragma once
// The case states of DESIGN.md §4 and the one table of allowed transitions. Every source
// (the window, central's change feed, imports) is normalised to these states, and every
// state change goes through isAllowedTransition().

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace onewindow::localdb {

enum class CaseState {
  Draft,               // being filled in at the window; not yet a case for the law
  Intake,              // 收件: materials received, the 5-day correction clock runs
  Accepted,            // 受理
  AcceptedWithGaps,    // 容缺受理: secondary materials owed by a deadline
  AwaitingCorrection,  // 补正: one-time correction notice issued
  Refused,             // 不予受理, with grounds
  InProgress,          // with the back office (from central)
  Suspended,           // special procedure: the clock stops
  Decided,             // granted or refused by the department
  Finished,
  AwaitingPickup,
  Collected,
  Posted,
  Withdrawn,
  Void,
};

inline constexpr int kCaseStateCount = 15;

[[nodiscard]] std::string_view caseStateName(CaseState state);  // "accepted_with_gaps", ...
[[nodiscard]] std::optional<CaseState> caseStateFromName(std::string_view name);
[[nodiscard]] bool isAllowedTransition(CaseState from, CaseState to);
[[nodiscard]] std::span<const CaseState> allowedTransitions(CaseState from);
[[nodiscard]] bool isTerminal(CaseState state);
// The shortest way through the table from `from` to `to` (the states after `from`, ending with
// `to`); empty when there is none. Central's feed may name a state a few steps on (a case
// decided and ready for pick-up): the window walks the table to it.
[[nodiscard]] std::vector<CaseState> transitionPath(CaseState from, CaseState to);
[[nodiscard]] std::span<const CaseState> allCaseStates();

}  // namespace onewindow::localdb
