#pragma once
// An engine logged in at window W03 against a reference central, with a clock the test sets and
// the sample catalog: the rules of the window (intake, decisions, the second visit) driven as a
// second front end would.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "temp_dir.hpp"

namespace onewindow::test {

using namespace onewindow::engine;
using forms::CivilDate;
using forms::Rule;

inline constexpr const char* kDisabilityCard = "440300070003";  // 10 working days; 容缺 allowed

struct RulesFixture {
  TempDir dir;
  CentralProcess central{dir / "central.db"};
  std::shared_ptr<SettableClock> clock =
      std::make_shared<SettableClock>(noonInShenzhenOn({2026, 11, 27}));
  std::unique_ptr<EngineHarness> harness;

  RulesFixture() {
    central.start();
    harness = std::make_unique<EngineHarness>(dir / "profile", central.baseUrl(), false,
                                              sampleCatalogFile(), clock);
    REQUIRE(harness->login("c1001", "demo1001", "W03").ok());
  }

  void today(CivilDate date) { clock->set(noonInShenzhenOn(date)); }

  // A draft of `code` with the sample applicant and form (or `instanceXml`).
  std::string draft(const std::string& code, const DraftContent& content) {
    const auto started = harness->call<DraftStarted>(StartDraft{0, code});
    REQUIRE(std::holds_alternative<DraftStarted>(started));
    const std::string uuid = std::get<DraftStarted>(started).uuid;
    REQUIRE(
        std::holds_alternative<DraftSaved>(harness->call<DraftSaved>(SaveDraft{0, uuid, content})));
    return uuid;
  }

  std::variant<CaseFinalized, CommandFailed> finalize(
      const std::string& code, const std::map<std::string, MaterialStatus>& statuses = {},
      bool forCorrection = false) {
    const SampleIntake intake = sampleIntake(code, clock->now());
    const std::string uuid = draft(code, sampleDraft(intake, "张三"));
    return harness->call<CaseFinalized>(FinalizeIntake{
        0, uuid, intake.scenarios, sampleMaterials(intake, {}, statuses), forCorrection});
  }

  CaseFinalized takeIn(const std::string& code,
                       const std::map<std::string, MaterialStatus>& statuses = {}) {
    auto answer = finalize(code, statuses);
    if (const auto* failed = std::get_if<CommandFailed>(&answer))
      FAIL("finalize refused: " << failed->message);
    return std::get<CaseFinalized>(answer);
  }

  std::variant<DecisionRecorded, CommandFailed> decide(const std::string& caseRef,
                                                       DecisionAnswer answer) {
    return harness->call<DecisionRecorded>(RecordDecision{0, caseRef, std::move(answer)});
  }
};

// The rules the engine refused with, in order.
inline std::vector<Rule> rulesOf(const CommandFailed& failed) {
  std::vector<Rule> rules;
  for (const forms::RuleProblem& problem : failed.problems) rules.push_back(problem.rule);
  return rules;
}

// The engine's refusal (a copy: the answer is often a temporary).
template <typename Answer>
CommandFailed refusal(const Answer& answer) {
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  const CommandFailed& failed = std::get<CommandFailed>(answer);
  CHECK(failed.failure == CommandFailure::BrokenRules);
  return failed;
}

}  // namespace onewindow::test
