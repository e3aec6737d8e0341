#include "forms/expr_regex.hpp"

#include <cctype>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <unordered_map>

#include "forms/expr.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr {
namespace {

// libstdc++ reads the number of a back-reference or a counted repetition into a long without
// checking for overflow (undefined behaviour, found by fuzzing), so those numbers are checked
// here first. Back-references are refused anyway (the breadth-first matcher has none), and no
// form needs a count above kRegexMaxRepeatCount. Returns why the pattern is refused, or "".
std::string unsupportedNumber(std::string_view pattern) {
  // Whatever the structure, libstdc++ can only overflow on 19 digits or more in a row; no form
  // needs such a literal, so a run that long is refused outright (the finer checks below
  // follow libstdc++'s reading of classes and escapes, which a crafted pattern may outwit).
  std::size_t run = 0;
  for (const char c : pattern) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run >= 19) return "a number of 19 digits or more";
  }
  bool inClass = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      const bool octal = next == '0' && i + 1 < pattern.size() &&
                         std::isdigit(static_cast<unsigned char>(pattern[i + 1]));
      if (!inClass && ((next >= '1' && next <= '9') || octal))
        return "back-references are not supported";
      continue;
    }
    if (inClass) {
      if (c == ']') inClass = false;
      continue;
    }
    if (c == '[') {
      inClass = true;
      // ECMAScript has no POSIX "leading ] is literal": "[]" is an empty class, closed at once
      // (as libstdc++ reads it, which is what matters here).
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      continue;
    }
    if (c != '{') continue;
    for (std::size_t j = i + 1; j < pattern.size() && pattern[j] != '}'; ++j) {
      if (!std::isdigit(static_cast<unsigned char>(pattern[j]))) continue;
      std::size_t end = j;
      while (end < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[end]))) ++end;
      const std::string_view digits = pattern.substr(j, end - j);
      if (digits.size() > 9 || std::stoul(std::string(digits)) > kRegexMaxRepeatCount) {
        return "a repetition count above " + std::to_string(kRegexMaxRepeatCount);
      }
      j = end - 1;
    }
  }
  return {};
}

// Shared by every thread that evaluates (the central server evaluates rules concurrently).
// When full it starts over: forms use a handful of patterns, so a full cache means patterns
// are being built from data, and keeping the newest ones is as good as any policy.
class RegexCache {
 public:
  std::shared_ptr<const std::wregex> get(std::string_view pattern) {
    std::lock_guard lock(mutex_);
    const auto found = compiled_.find(std::string(pattern));
    if (found != compiled_.end()) return found->second;
    auto regex = compile(pattern);
    if (compiled_.size() >= kRegexCacheCapacity) compiled_.clear();
    compiled_.emplace(std::string(pattern), regex);
    return regex;
  }

  std::size_t size() {
    std::lock_guard lock(mutex_);
    return compiled_.size();
  }

 private:
  static std::shared_ptr<const std::wregex> compile(std::string_view pattern) {
    // __polynomial (libstdc++) matches with a breadth-first automaton: time linear in the
    // value and stack independent of it, so "(a+)+$" or a long remark cannot hang or overflow
    // a recalculation. The price is no back-references, which forms do not need.
    const auto flags = std::regex_constants::ECMAScript | std::regex_constants::__polynomial;
    if (const std::string refused = unsupportedNumber(pattern); !refused.empty()) {
      throw EvalError("regex(): the pattern '" + std::string(pattern) +
                      "' is not a valid regular expression (" + refused + ")");
    }
    try {
      return std::make_shared<const std::wregex>(text::toWide(pattern), flags);
    } catch (const std::regex_error& error) {
      const std::string reason = error.code() == std::regex_constants::error_complexity
                                     ? "back-references are not supported"
                                     : error.what();
      throw EvalError("regex(): the pattern '" + std::string(pattern) +
                      "' is not a valid regular expression (" + reason + ")");
    }
  }

  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const std::wregex>> compiled_;
};

RegexCache& cache() {
  static RegexCache instance;
  return instance;
}

}  // namespace

bool regexMatches(std::string_view value, std::string_view pattern) {
  const auto regex = cache().get(pattern);
  const std::wstring wide = text::toWide(value);
  if (wide.size() > kRegexMaxValueLength) {
    throw EvalError("regex(): the value is too long to match (" + std::to_string(wide.size()) +
                    " characters, at most " + std::to_string(kRegexMaxValueLength) + ")");
  }
  try {
    return std::regex_search(wide, *regex);
  } catch (const std::regex_error& error) {
    // Raised for runaway matching (error_complexity / error_stack).
    throw EvalError("regex(): matching the pattern '" + std::string(pattern) + "' failed (" +
                    error.what() + ")");
  }
}

std::size_t regexCacheSize() { return cache().size(); }

}  // namespace onewindow::forms::expr
