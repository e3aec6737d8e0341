#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include "localdb/case_state.hpp"

using namespace onewindow::localdb;
using S = CaseState;

namespace {

// The expected life of a case, written out independently of the implementation's table.
const std::set<std::pair<S, S>>& expectedEdges() {
  static const std::set<std::pair<S, S>> edges{
      {S::Draft, S::Intake},
      {S::Draft, S::Void},
      {S::Intake, S::Accepted},
      {S::Intake, S::AcceptedWithGaps},
      {S::Intake, S::AwaitingCorrection},
      {S::Intake, S::Refused},
      {S::Intake, S::Withdrawn},
      {S::Accepted, S::InProgress},
      {S::Accepted, S::Decided},
      {S::Accepted, S::Withdrawn},
      {S::AcceptedWithGaps, S::Accepted},
      {S::AcceptedWithGaps, S::InProgress},
      {S::AcceptedWithGaps, S::Withdrawn},
      {S::AcceptedWithGaps, S::Void},
      {S::AwaitingCorrection, S::Accepted},
      {S::AwaitingCorrection, S::AcceptedWithGaps},
      {S::AwaitingCorrection, S::Refused},
      {S::AwaitingCorrection, S::Withdrawn},
      {S::InProgress, S::Suspended},
      {S::InProgress, S::Decided},
      {S::InProgress, S::Withdrawn},
      {S::Suspended, S::InProgress},
      {S::Suspended, S::Withdrawn},
      {S::Decided, S::Finished},
      {S::Finished, S::AwaitingPickup},
      {S::Finished, S::Collected},
      {S::Finished, S::Posted},
      {S::AwaitingPickup, S::Collected},
      {S::AwaitingPickup, S::Posted},
  };
  return edges;
}

}  // namespace

TEST_CASE("every one of the 225 state pairs is allowed or forbidden exactly as the design says",
          "[localdb][states]") {
  const auto from = GENERATE(from_range(allCaseStates().begin(), allCaseStates().end()));
  const auto to = GENERATE(from_range(allCaseStates().begin(), allCaseStates().end()));
  const bool expected = expectedEdges().count({from, to}) == 1;
  INFO(caseStateName(from) << " -> " << caseStateName(to));
  CHECK(isAllowedTransition(from, to) == expected);
}

TEST_CASE("state names round-trip and unknown names are refused", "[localdb][states]") {
  CHECK(allCaseStates().size() == kCaseStateCount);
  for (CaseState state : allCaseStates()) {
    CHECK(caseStateFromName(caseStateName(state)) == state);
  }
  CHECK_FALSE(caseStateFromName("approved").has_value());
  CHECK(caseStateName(S::AcceptedWithGaps) == "accepted_with_gaps");
}

TEST_CASE("terminal states are exactly the ends of a case's life", "[localdb][states]") {
  std::set<S> terminal;
  for (CaseState state : allCaseStates()) {
    if (isTerminal(state)) terminal.insert(state);
  }
  CHECK(terminal == std::set<S>{S::Refused, S::Collected, S::Posted, S::Withdrawn, S::Void});
}
