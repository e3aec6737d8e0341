#include "forms/expr_regex.hpp"

#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <unordered_map>

#include "forms/expr.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr {
namespace {

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
