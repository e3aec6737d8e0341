// The names and argument counts of every function an expression may call. Anything not here
// is an "unknown function" parse error, so a typo in a form fails when the form loads.

#include <algorithm>
#include <array>

#include "forms/expr_functions.hpp"

namespace onewindow::forms::expr {
namespace {

namespace fn = functions;

constexpr std::array kFunctions = {
    // XPath 1.0 core.
    FunctionInfo{"last", 0, 0, fn::last},
    FunctionInfo{"position", 0, 1, fn::position},  // ODK: position(node)
    FunctionInfo{"count", 1, 1, fn::count},
    FunctionInfo{"local-name", 0, 1, fn::localName},
    FunctionInfo{"name", 0, 1, fn::name},
    FunctionInfo{"string", 0, 1, fn::string},
    FunctionInfo{"concat", 1, kAnyNumber, fn::concat},  // ODK: one argument is enough
    FunctionInfo{"starts-with", 2, 2, fn::startsWith},
    FunctionInfo{"ends-with", 2, 2, fn::endsWith},
    FunctionInfo{"contains", 2, 2, fn::contains},
    FunctionInfo{"substring-before", 2, 2, fn::substringBefore},
    FunctionInfo{"substring-after", 2, 2, fn::substringAfter},
    FunctionInfo{"substring", 2, 3, fn::substring},
    FunctionInfo{"string-length", 0, 1, fn::stringLength},
    FunctionInfo{"normalize-space", 0, 1, fn::normalizeSpace},
    FunctionInfo{"translate", 3, 3, fn::translate},
    FunctionInfo{"boolean", 1, 1, fn::boolean},
    FunctionInfo{"not", 1, 1, fn::booleanNot},
    FunctionInfo{"true", 0, 0, fn::booleanTrue},
    FunctionInfo{"false", 0, 0, fn::booleanFalse},
    FunctionInfo{"number", 0, 1, fn::number},
    FunctionInfo{"sum", 1, 1, fn::sum},
    FunctionInfo{"floor", 1, 1, fn::floor},
    FunctionInfo{"ceiling", 1, 1, fn::ceiling},
    FunctionInfo{"round", 1, 2, fn::round},  // ODK: round(value, digits)
    // ODK XForms.
    FunctionInfo{"if", 3, 3, fn::ifThenElse},
    FunctionInfo{"selected", 2, 2, fn::selected},
    FunctionInfo{"count-selected", 1, 1, fn::countSelected},
    FunctionInfo{"selected-at", 2, 2, fn::selectedAt},
    FunctionInfo{"jr:choice-name", 2, 2, fn::choiceName, FunctionRole::ChoiceName},
    FunctionInfo{"coalesce", 2, 2, fn::coalesce},
    FunctionInfo{"join", 1, kAnyNumber, fn::join},
    FunctionInfo{"regex", 2, 2, fn::regex},
    FunctionInfo{"substr", 2, 3, fn::substr},
    FunctionInfo{"int", 1, 1, fn::toInteger},
    FunctionInfo{"boolean-from-string", 1, 1, fn::booleanFromString},
    FunctionInfo{"count-non-empty", 1, 1, fn::countNonEmpty},
    FunctionInfo{"min", 1, kAnyNumber, fn::min},
    FunctionInfo{"max", 1, kAnyNumber, fn::max},
    FunctionInfo{"current", 0, 0, fn::current, FunctionRole::Current},
    FunctionInfo{"instance", 1, 1, fn::instance, FunctionRole::Instance},
    FunctionInfo{"uuid", 0, 1, fn::uuid},
    FunctionInfo{"abs", 1, 1, fn::abs},
    FunctionInfo{"pow", 2, 2, fn::pow},
    FunctionInfo{"randomize", 1, 2, fn::randomize, FunctionRole::Randomize},
    // indexed-repeat(value, repeat1, index1[, repeat2, index2[, repeat3, index3]]).
    FunctionInfo{"indexed-repeat", 3, 7, fn::indexedRepeat, FunctionRole::IndexedRepeat},
    FunctionInfo{"random", 0, 0, fn::random},
    FunctionInfo{"once", 1, 1, fn::once},
    // pulldata(instanceId, column, keyColumn, value).
    FunctionInfo{"pulldata", 4, 4, fn::pulldata},
    // checklist(min, max, v…) and weighted-checklist(min, max, v, w, …).
    FunctionInfo{"checklist", 2, kAnyNumber, fn::checklist},
    FunctionInfo{"weighted-checklist", 2, kAnyNumber, fn::weightedChecklist,
                 FunctionRole::Weighted},
    // XPath 3.0 maths, as ODK names them.
    FunctionInfo{"sin", 1, 1, fn::sin},
    FunctionInfo{"cos", 1, 1, fn::cos},
    FunctionInfo{"tan", 1, 1, fn::tan},
    FunctionInfo{"asin", 1, 1, fn::asin},
    FunctionInfo{"acos", 1, 1, fn::acos},
    FunctionInfo{"atan", 1, 1, fn::atan},
    FunctionInfo{"atan2", 2, 2, fn::atan2},
    FunctionInfo{"sqrt", 1, 1, fn::sqrt},
    FunctionInfo{"exp", 1, 1, fn::exp},
    FunctionInfo{"exp10", 1, 1, fn::exp10},
    FunctionInfo{"log", 1, 1, fn::log},
    FunctionInfo{"log10", 1, 1, fn::log10},
    FunctionInfo{"pi", 0, 0, fn::pi},
    FunctionInfo{"distance", 1, 1, fn::distance},
    FunctionInfo{"area", 1, 1, fn::area},
    FunctionInfo{"digest", 2, 3, fn::digest},
    FunctionInfo{"base64-decode", 1, 1, fn::base64Decode},
    FunctionInfo{"today", 0, 0, fn::today},
    FunctionInfo{"now", 0, 0, fn::now},
    FunctionInfo{"date", 1, 1, fn::date},
    FunctionInfo{"decimal-date-time", 1, 1, fn::decimalDateTime},
    FunctionInfo{"date-time", 1, 1, fn::dateTime},
    FunctionInfo{"decimal-time", 1, 1, fn::decimalTime},
    FunctionInfo{"format-date", 2, 2, fn::formatDate, FunctionRole::FormatDate},
    FunctionInfo{"format-date-time", 2, 2, fn::formatDate, FunctionRole::FormatDate},
    // Domain validators (forms/validators.hpp).
    FunctionInfo{"id-number-valid", 1, 1, fn::idNumberValid},
    FunctionInfo{"uscc-valid", 1, 1, fn::usccValid},
    FunctionInfo{"age-from-id", 1, 1, fn::ageFromId},
};

}  // namespace

const FunctionInfo* findFunction(std::string_view name) {
  const auto found = std::find_if(kFunctions.begin(), kFunctions.end(),
                                  [&](const FunctionInfo& info) { return info.name == name; });
  return found == kFunctions.end() ? nullptr : &*found;
}

}  // namespace onewindow::forms::expr
