#include "localdb/case_state.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace onewindow::localdb {
namespace {

using S = CaseState;

constexpr std::array<std::string_view, kCaseStateCount> kNames{"draft",
                                                               "intake",
                                                               "accepted",
                                                               "accepted_with_gaps",
                                                               "awaiting_correction",
                                                               "refused",
                                                               "in_progress",
                                                               "suspended",
                                                               "decided",
                                                               "finished",
                                                               "awaiting_pickup",
                                                               "collected",
                                                               "posted",
                                                               "withdrawn",
                                                               "void"};

constexpr std::array kAll{
    S::Draft,          S::Intake,     S::Accepted,  S::AcceptedWithGaps, S::AwaitingCorrection,
    S::Refused,        S::InProgress, S::Suspended, S::Decided,          S::Finished,
    S::AwaitingPickup, S::Collected,  S::Posted,    S::Withdrawn,        S::Void};

struct Row {
  CaseState from;
  std::vector<CaseState> to;
};

// The whole life of a case in one table (DESIGN.md §4, 行政许可法 §31–32):
// - a draft is taken in (收件) or discarded;
// - at the window an intake ends in acceptance, gap acceptance, a correction notice or a
//   refusal; the applicant may withdraw;
// - after a correction notice the supplements lead to acceptance or refusal (and if the
//   5-day notice was late the law counts the case as accepted, also this edge);
// - a gap acceptance becomes a full acceptance when the gaps are supplied, goes to the
//   back office, or is voided when the commitment is broken;
// - central moves accepted cases through the back office; suspension stops the clock;
// - a decided case finishes, then is picked up or posted.
const std::array<Row, kCaseStateCount>& table() {
  static const std::array<Row, kCaseStateCount> rows{{
      {S::Draft, {S::Intake, S::Void}},
      {S::Intake,
       {S::Accepted, S::AcceptedWithGaps, S::AwaitingCorrection, S::Refused, S::Withdrawn}},
      {S::Accepted, {S::InProgress, S::Decided, S::Withdrawn}},
      {S::AcceptedWithGaps, {S::Accepted, S::InProgress, S::Withdrawn, S::Void}},
      {S::AwaitingCorrection, {S::Accepted, S::AcceptedWithGaps, S::Refused, S::Withdrawn}},
      {S::Refused, {}},
      {S::InProgress, {S::Suspended, S::Decided, S::Withdrawn}},
      {S::Suspended, {S::InProgress, S::Withdrawn}},
      {S::Decided, {S::Finished}},
      {S::Finished, {S::AwaitingPickup, S::Collected, S::Posted}},
      {S::AwaitingPickup, {S::Collected, S::Posted}},
      {S::Collected, {}},
      {S::Posted, {}},
      {S::Withdrawn, {}},
      {S::Void, {}},
  }};
  return rows;
}

std::size_t indexOf(CaseState state) { return static_cast<std::size_t>(state); }

}  // namespace

std::string_view caseStateName(CaseState state) { return kNames[indexOf(state)]; }

std::optional<CaseState> caseStateFromName(std::string_view name) {
  const auto it = std::find(kNames.begin(), kNames.end(), name);
  if (it == kNames.end()) return std::nullopt;
  return static_cast<CaseState>(it - kNames.begin());
}

std::span<const CaseState> allowedTransitions(CaseState from) { return table()[indexOf(from)].to; }

bool isAllowedTransition(CaseState from, CaseState to) {
  const auto targets = allowedTransitions(from);
  return std::find(targets.begin(), targets.end(), to) != targets.end();
}

std::vector<CaseState> transitionPath(CaseState from, CaseState to) {
  std::array<int, kCaseStateCount> previous;
  previous.fill(-1);
  std::vector<CaseState> frontier{from};
  previous[indexOf(from)] = static_cast<int>(indexOf(from));
  for (std::size_t i = 0; i < frontier.size(); ++i) {
    for (CaseState next : allowedTransitions(frontier[i])) {
      if (previous[indexOf(next)] != -1) continue;
      previous[indexOf(next)] = static_cast<int>(indexOf(frontier[i]));
      frontier.push_back(next);
    }
  }
  if (from == to || previous[indexOf(to)] == -1) return {};
  std::vector<CaseState> path;
  for (CaseState at = to; at != from; at = static_cast<CaseState>(previous[indexOf(at)]))
    path.insert(path.begin(), at);
  return path;
}

bool isTerminal(CaseState state) { return allowedTransitions(state).empty(); }

std::span<const CaseState> allCaseStates() { return kAll; }

}  // namespace onewindow::localdb
