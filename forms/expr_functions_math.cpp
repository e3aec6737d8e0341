// ODK's number functions beyond XPath 1.0: the XPath 3.0 maths functions and the checklist()
// and weighted-checklist() tallies.

#include <cmath>
#include <numbers>
#include <vector>

#include "forms/expr_functions.hpp"
#include "forms/expr_nodes.hpp"
#include "forms/expr_number.hpp"

namespace onewindow::forms::expr::functions {
namespace {

// The values of some arguments in order, a node-set argument giving each of its nodes' values.
std::vector<Value> expandedArguments(const CallContext& call, std::size_t first, std::size_t step) {
  std::vector<Value> values;
  for (std::size_t i = first; i < call.count(); i += step) {
    Value argument = call.value(i);
    if (argument.isNodes()) {
      for (const auto& node : argument.nodes())
        values.push_back(Value::ofString(stringValue(node)));
    } else {
      values.push_back(std::move(argument));
    }
  }
  return values;
}

// A checklist answer counts when it converts to a number above 0 (the spec's rule): true(), 1,
// '2' count; false(), 0, '', 'yes' do not.
bool counts(const Value& value) { return value.toNumber() > 0; }

// checklist's min and max: the integer part; a negative bound (ODK writes -1) is no bound.
bool withinBounds(double total, double min, double max) {
  const double low = std::trunc(min);
  const double high = std::trunc(max);
  const bool aboveLow = std::isnan(low) || low < 0 || total >= low;
  const bool belowHigh = std::isnan(high) || high < 0 || total <= high;
  return aboveLow && belowHigh;
}

}  // namespace

// NaN in, NaN out, and outside a function's domain NaN too (asin(2), sqrt(-1), log(-1)), as
// XPath 3.0's math: functions say; log(0) is -Infinity.
Value sin(const CallContext& call) { return Value::ofNumber(std::sin(call.number(0))); }
Value cos(const CallContext& call) { return Value::ofNumber(std::cos(call.number(0))); }
Value tan(const CallContext& call) { return Value::ofNumber(std::tan(call.number(0))); }
Value asin(const CallContext& call) { return Value::ofNumber(std::asin(call.number(0))); }
Value acos(const CallContext& call) { return Value::ofNumber(std::acos(call.number(0))); }
Value atan(const CallContext& call) { return Value::ofNumber(std::atan(call.number(0))); }
Value atan2(const CallContext& call) {
  return Value::ofNumber(std::atan2(call.number(0), call.number(1)));
}
Value sqrt(const CallContext& call) { return Value::ofNumber(std::sqrt(call.number(0))); }
Value exp(const CallContext& call) { return Value::ofNumber(std::exp(call.number(0))); }
Value exp10(const CallContext& call) { return Value::ofNumber(std::pow(10.0, call.number(0))); }
Value log(const CallContext& call) { return Value::ofNumber(std::log(call.number(0))); }
Value log10(const CallContext& call) { return Value::ofNumber(std::log10(call.number(0))); }
Value pi(const CallContext&) { return Value::ofNumber(std::numbers::pi); }

Value checklist(const CallContext& call) {
  double total = 0;
  for (const auto& value : expandedArguments(call, 2, 1)) {
    if (counts(value)) ++total;
  }
  return Value::ofBoolean(withinBounds(total, call.number(0), call.number(1)));
}

Value weightedChecklist(const CallContext& call) {
  // Pairs (v, w): with node-sets, the i-th value of the v's goes with the i-th of the w's.
  const auto answers = expandedArguments(call, 2, 2);
  const auto weights = expandedArguments(call, 3, 2);
  if (answers.size() != weights.size()) {
    throw EvalError("weighted-checklist() has " + std::to_string(answers.size()) + " values but " +
                    std::to_string(weights.size()) + " weights");
  }
  double total = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (counts(answers[i])) total += weights[i].toNumber();
  }
  return Value::ofBoolean(withinBounds(total, call.number(0), call.number(1)));
}

}  // namespace onewindow::forms::expr::functions
