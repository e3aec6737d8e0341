#pragma once
// regex(value, pattern) of the expression engine: ECMAScript regular expressions over code
// points (std::wregex on UTF-32), with compiled patterns cached so that recalculating a form
// never recompiles one.

#include <cstddef>
#include <string_view>

namespace onewindow::forms::expr {

// True when `pattern` matches somewhere in `value` (like ODK's Java find(); anchor with ^ $
// for a whole-value match). Matching takes time linear in the value (no backtracking) and
// supports no back-references. Throws EvalError naming the pattern when it does not compile,
// or when the value is longer than kRegexMaxValueLength.
[[nodiscard]] bool regexMatches(std::string_view value, std::string_view pattern);

// Number of compiled patterns held (tests check that the cache stays bounded).
[[nodiscard]] std::size_t regexCacheSize();
inline constexpr std::size_t kRegexCacheCapacity = 64;        // a form uses a handful
inline constexpr std::size_t kRegexMaxValueLength = 100'000;  // code points
inline constexpr std::size_t kRegexMaxRepeatCount = 1000;     // in x{n} and x{n,m}

}  // namespace onewindow::forms::expr
