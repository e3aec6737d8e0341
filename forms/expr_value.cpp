// Value: XPath 1.0's four types and their conversions.

#include <cmath>

#include "forms/expr.hpp"
#include "forms/expr_nodes.hpp"
#include "forms/expr_number.hpp"

namespace onewindow::forms::expr {

std::string Value::toString() const {
  if (const auto* text = std::get_if<std::string>(&data_)) return *text;
  if (const auto* number = std::get_if<double>(&data_)) return formatNumber(*number);
  if (const auto* flag = std::get_if<bool>(&data_)) return *flag ? "true" : "false";
  const auto& nodes = std::get<NodeSet>(data_);
  return nodes.empty() ? std::string{} : stringValue(nodes.front());
}

double Value::toNumber() const {
  if (const auto* number = std::get_if<double>(&data_)) return *number;
  if (const auto* flag = std::get_if<bool>(&data_)) return *flag ? 1.0 : 0.0;
  if (const auto* text = std::get_if<std::string>(&data_)) return stringToNumber(*text);
  const auto& nodes = std::get<NodeSet>(data_);
  if (nodes.empty()) return stringToNumber("");
  std::string_view simple;
  if (simpleValue(nodes.front(), simple)) return stringToNumber(simple);
  return stringToNumber(stringValue(nodes.front()));
}

bool Value::toBoolean() const {
  if (const auto* flag = std::get_if<bool>(&data_)) return *flag;
  if (const auto* number = std::get_if<double>(&data_)) return *number != 0 && !std::isnan(*number);
  if (const auto* text = std::get_if<std::string>(&data_)) return !text->empty();
  return !std::get<NodeSet>(data_).empty();
}

const NodeSet& Value::nodes() const {
  if (const auto* nodes = std::get_if<NodeSet>(&data_)) return *nodes;
  throw EvalError(std::string("expected a node-set, not a ") + (isString()   ? "string"
                                                                : isNumber() ? "number"
                                                                             : "boolean"));
}

}  // namespace onewindow::forms::expr
