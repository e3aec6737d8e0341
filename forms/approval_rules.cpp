#include "forms/approval_rules.hpp"

#include <exception>

namespace onewindow::forms {

RuleResult evaluateRule(const ApprovalRule& rule, pugi::xml_node instanceRoot,
                        const expr::Environment* environment) {
  expr::Context context;
  context.node = instanceRoot;
  context.current = instanceRoot;
  context.environment = environment;

  RuleResult result;
  result.rule = &rule;
  result.passed = !rule.conditions.empty();
  result.trace.reserve(rule.conditions.size());
  for (const auto& condition : rule.conditions) {
    ConditionTrace trace;
    trace.label = condition.label;
    // An evaluation error is part of the trace the clerk reads, never a reason to stop: the
    // remaining conditions are still shown.
    try {
      trace.outcome = condition.test.evaluateBoolean(context) ? ConditionOutcome::True
                                                              : ConditionOutcome::False;
    } catch (const std::exception& error) {
      trace.outcome = ConditionOutcome::Error;
      trace.error = error.what();
    }
    if (condition.show) {
      try {
        trace.shown = condition.show->evaluateString(context);
      } catch (const std::exception& error) {
        trace.showError = error.what();
      }
    }
    if (trace.outcome != ConditionOutcome::True) result.passed = false;
    result.trace.push_back(std::move(trace));
  }
  return result;
}

std::vector<RuleResult> evaluateRules(const Matter& matter, pugi::xml_node instanceRoot,
                                      const expr::Environment* environment) {
  std::vector<RuleResult> results;
  results.reserve(matter.rules.size());
  for (const auto& rule : matter.rules) {
    results.push_back(evaluateRule(rule, instanceRoot, environment));
  }
  return results;
}

}  // namespace onewindow::forms
