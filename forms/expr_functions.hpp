#pragma once
// The function library of the expression engine: a table of names and argument counts
// (checked at parse time) and the implementations, grouped by file:
//   expr_functions_core.cpp    XPath 1.0 core functions
//   expr_functions_odk.cpp     ODK XForms additions (if, selected, join, regex, randomize, …)
//   expr_functions_date.cpp    today, now, date, decimal-date-time, format-date(-time)
//   expr_functions_domain.cpp  id-number-valid, uscc-valid, age-from-id
//   expr_functions_math.cpp    sin … pi, checklist, weighted-checklist
//   expr_functions_geo.cpp     distance, area
//   expr_functions_digest.cpp  digest, base64-decode

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "forms/expr_eval.hpp"

namespace onewindow::forms::expr {

class CallContext;
using FunctionImpl = Value (*)(const CallContext& call);

// Functions the parser and references() treat specially.
enum class FunctionRole : unsigned char {
  Ordinary,
  Current,        // current(): paths after it start at the owning bind's node
  Instance,       // instance('id'): a secondary instance, left out of references()
  ChoiceName,     // jr:choice-name(value, 'path'): a literal path is parsed once, up front
  FormatDate,     // format-date(-time): a literal format is checked up front
  Randomize,      // randomize(nodes, seed?): yields its first argument's nodes, reordered
  IndexedRepeat,  // indexed-repeat(value, repeat1, index1, …): an odd number of arguments
  Weighted,       // weighted-checklist(min, max, v, w, …): an even number of arguments
};

inline constexpr std::size_t kAnyNumber = std::numeric_limits<std::size_t>::max();

struct FunctionInfo {
  std::string_view name;
  std::size_t minArguments;
  std::size_t maxArguments;  // kAnyNumber: no upper limit
  FunctionImpl impl;
  FunctionRole role = FunctionRole::Ordinary;
};

// nullptr when there is no function of that name.
[[nodiscard]] const FunctionInfo* findFunction(std::string_view name);

// The arguments of one call, evaluated on demand (if() evaluates only one branch).
class CallContext {
 public:
  CallContext(const Expression::Node& call, const EvalState& state) : call_(call), state_(state) {}

  [[nodiscard]] std::size_t count() const { return call_.operands.size(); }
  [[nodiscard]] Value value(std::size_t index) const;
  [[nodiscard]] std::string string(std::size_t index) const;
  [[nodiscard]] double number(std::size_t index) const;
  [[nodiscard]] bool boolean(std::size_t index) const;
  // EvalError naming the function when the argument is not a node-set.
  [[nodiscard]] NodeSet nodes(std::size_t index) const;

  [[nodiscard]] const EvalState& state() const { return state_; }
  [[nodiscard]] const Environment& environment() const { return *state_.environment; }
  [[nodiscard]] const Expression::Node& node() const { return call_; }
  [[nodiscard]] std::string_view name() const;

  // The context node's string-value: the default argument of string(), number() and others.
  [[nodiscard]] std::string contextString() const;

 private:
  const Expression::Node& call_;
  const EvalState& state_;
};

// Implementations, by file.
namespace functions {
// XPath 1.0 core.
Value last(const CallContext& call);
Value position(const CallContext& call);
Value count(const CallContext& call);
Value localName(const CallContext& call);
Value name(const CallContext& call);
Value string(const CallContext& call);
Value concat(const CallContext& call);
Value startsWith(const CallContext& call);
Value endsWith(const CallContext& call);
Value contains(const CallContext& call);
Value substringBefore(const CallContext& call);
Value substringAfter(const CallContext& call);
Value substring(const CallContext& call);
Value stringLength(const CallContext& call);
Value normalizeSpace(const CallContext& call);
Value translate(const CallContext& call);
Value boolean(const CallContext& call);
Value booleanNot(const CallContext& call);
Value booleanTrue(const CallContext& call);
Value booleanFalse(const CallContext& call);
Value number(const CallContext& call);
Value sum(const CallContext& call);
Value floor(const CallContext& call);
Value ceiling(const CallContext& call);
Value round(const CallContext& call);
// ODK.
Value ifThenElse(const CallContext& call);
Value selected(const CallContext& call);
Value countSelected(const CallContext& call);
Value selectedAt(const CallContext& call);
Value choiceName(const CallContext& call);
Value coalesce(const CallContext& call);
Value join(const CallContext& call);
Value regex(const CallContext& call);
Value substr(const CallContext& call);
Value toInteger(const CallContext& call);
Value booleanFromString(const CallContext& call);
Value countNonEmpty(const CallContext& call);
Value min(const CallContext& call);
Value max(const CallContext& call);
Value current(const CallContext& call);
Value instance(const CallContext& call);
Value uuid(const CallContext& call);
Value abs(const CallContext& call);
Value pow(const CallContext& call);
Value randomize(const CallContext& call);
Value indexedRepeat(const CallContext& call);
Value random(const CallContext& call);
Value once(const CallContext& call);
Value pulldata(const CallContext& call);
// Maths and checklists.
Value sin(const CallContext& call);
Value cos(const CallContext& call);
Value tan(const CallContext& call);
Value asin(const CallContext& call);
Value acos(const CallContext& call);
Value atan(const CallContext& call);
Value atan2(const CallContext& call);
Value sqrt(const CallContext& call);
Value exp(const CallContext& call);
Value exp10(const CallContext& call);
Value log(const CallContext& call);
Value log10(const CallContext& call);
Value pi(const CallContext& call);
Value checklist(const CallContext& call);
Value weightedChecklist(const CallContext& call);
// Geography.
Value distance(const CallContext& call);
Value area(const CallContext& call);
// Digests.
Value digest(const CallContext& call);
Value base64Decode(const CallContext& call);
// Dates.
Value today(const CallContext& call);
Value now(const CallContext& call);
Value date(const CallContext& call);
Value decimalDateTime(const CallContext& call);
Value formatDate(const CallContext& call);
Value dateTime(const CallContext& call);
Value decimalTime(const CallContext& call);
// Domain validators.
Value idNumberValid(const CallContext& call);
Value usccValid(const CallContext& call);
Value ageFromId(const CallContext& call);
}  // namespace functions

}  // namespace onewindow::forms::expr
