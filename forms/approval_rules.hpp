#pragma once
// 秒批: a matter's rules evaluated over a filled-in form, with a trace the clerk (and the
// applicant's receipt) can read: each condition's label, the value it looked at, the outcome.
// Linked by the workstation and the reference central server alike, so both decide the same.

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "forms/catalog.hpp"
#include "forms/expr.hpp"

namespace onewindow::forms {

enum class ConditionOutcome { True, False, Error };

struct ConditionTrace {
  Text label;
  std::string shown;  // the value of `show` as text; empty when the condition has none
  ConditionOutcome outcome = ConditionOutcome::False;
  std::string error;      // the evaluation error of `test` when outcome is Error
  std::string showError;  // the evaluation error of `show`, if it failed
};

struct RuleResult {
  const ApprovalRule* rule = nullptr;
  bool passed = false;                // every condition true; an erroring condition fails the rule
  std::vector<ConditionTrace> trace;  // one entry per condition, in rule order
};

// Evaluates every condition (also after one fails, so the trace is complete) with the
// instance root as context node. `environment` may be nullptr (the default environment).
[[nodiscard]] RuleResult evaluateRule(const ApprovalRule& rule, pugi::xml_node instanceRoot,
                                      const expr::Environment* environment);

// Every rule of the matter, in catalog order.
[[nodiscard]] std::vector<RuleResult> evaluateRules(const Matter& matter,
                                                    pugi::xml_node instanceRoot,
                                                    const expr::Environment* environment);

}  // namespace onewindow::forms
