// Domain functions over the validators, so forms and 秒批 rules check numbers the same way
// the intake screens do.

#include <limits>

#include "forms/civil_date.hpp"
#include "forms/expr_functions.hpp"
#include "forms/validators.hpp"

namespace onewindow::forms::expr::functions {

Value idNumberValid(const CallContext& call) {
  const CivilDate today = chinaDate(call.environment().now());
  return Value::ofBoolean(checkIdNumber(call.string(0), today).valid);
}

Value usccValid(const CallContext& call) {
  return Value::ofBoolean(checkUscc(call.string(0)).valid);
}

Value ageFromId(const CallContext& call) {
  const CivilDate today = chinaDate(call.environment().now());
  const auto age = ageFromIdNumber(call.string(0), today);
  return Value::ofNumber(age ? static_cast<double>(*age)
                             : std::numeric_limits<double>::quiet_NaN());
}

}  // namespace onewindow::forms::expr::functions
