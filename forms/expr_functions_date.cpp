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

Value dateTime(const CallContext& call) {
  // date-time(): a number of days (or a date or dateTime) as a dateTime in China time.
  const Value argument = call.value(0);
  if (argument.isNumber()) {
    const auto value = fromLocalDays(argument.toNumber());
    return Value::ofString(value ? isoDateTime(*value) : std::string{});
  }
  const std::string text = argument.toString();
  const std::string_view trimmed = text::trimXPathSpace(text);
  if (trimmed.empty()) return Value::ofString("");
  if (const auto value = dateTimeOf(argument)) return Value::ofString(isoDateTime(*value));
  throw EvalError("date-time(): '" + text + "' is not a dateTime or a number of days");
}

Value decimalTime(const CallContext& call) {
  // A time 'HH:MM[:SS[.fff]][zone]' (or the time of a dateTime) as the fraction of the day in
  // China time: noon is 0.5, 06:00Z is 14:00 in Shenzhen, 0.583…; anything else is NaN.
  const std::string text = call.string(0);
  std::string trimmed(text::trimXPathSpace(text));
  if (trimmed.find('T') == std::string::npos) {
    // A zone written ±HHMM, as a time answer may have it, gets its colon.
    const std::size_t sign = trimmed.find_first_of("+-");
    if (sign != std::string::npos && trimmed.size() == sign + 5 &&
        trimmed.find(':', sign) == std::string::npos) {
      trimmed.insert(sign + 3, ":");
    }
    trimmed = "1970-01-01T" + trimmed;
  }
  const auto value = parseDateTime(trimmed);
  if (!value) return Value::ofNumber(std::numeric_limits<double>::quiet_NaN());
  const double days = localDays(*value);
  return Value::ofNumber(days - std::floor(days));
}

}  // namespace onewindow::forms::expr::functions
