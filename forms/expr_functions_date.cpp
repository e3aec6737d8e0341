// Date functions. The clock is the Environment's (tests fix it); the day is the China date.

#include <cmath>
#include <limits>

#include "forms/civil_date.hpp"
#include "forms/expr_datetime.hpp"
#include "forms/expr_functions.hpp"
#include "forms/expr_number.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr::functions {
namespace {

// A date or dateTime string, or a number of days. Empty and unreadable values give nullopt.
std::optional<LocalDateTime> dateTimeOf(const Value& value) {
  if (value.isNumber()) return fromLocalDays(value.toNumber());
  const std::string text = value.toString();
  const std::string_view trimmed = text::trimXPathSpace(text);
  if (const auto parsed = parseDateTime(trimmed)) return parsed;
  return fromLocalDays(parseXPathNumber(trimmed));
}

}  // namespace

Value today(const CallContext& call) {
  return Value::ofString(chinaDate(call.environment().now()).iso());
}

Value now(const CallContext& call) {
  return Value::ofString(isoDateTime(chinaDateTime(call.environment().now())));
}

Value date(const CallContext& call) {
  const Value argument = call.value(0);
  if (argument.isNumber()) {
    const auto value = fromLocalDays(std::floor(argument.toNumber()));
    return Value::ofString(value ? value->date.iso() : std::string{});
  }
  const std::string text = argument.toString();
  const std::string_view trimmed = text::trimXPathSpace(text);
  if (trimmed.empty()) return Value::ofString("");  // an unanswered date stays unanswered
  if (const auto parsed = parseDateTime(trimmed)) return Value::ofString(parsed->date.iso());
  const double days = parseXPathNumber(trimmed);
  if (const auto value = fromLocalDays(std::floor(days))) return Value::ofString(value->date.iso());
  throw EvalError("date(): '" + text + "' is not a date (expected YYYY-MM-DD)");
}

Value decimalDateTime(const CallContext& call) {
  const auto value = dateTimeOf(call.value(0));
  return Value::ofNumber(value ? localDays(*value) : std::numeric_limits<double>::quiet_NaN());
}

Value formatDate(const CallContext& call) {
  const auto value = dateTimeOf(call.value(0));
  if (!value) return Value::ofString("");
  return Value::ofString(formatDateTime(*value, call.string(1)));
}

}  // namespace onewindow::forms::expr::functions
