#include "forms/catalog_codes.hpp"

#include "forms/validators.hpp"

namespace onewindow::forms {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isCapital(char c) { return c >= 'A' && c <= 'Z'; }

std::string quoted(std::string_view code) { return "'" + std::string(code) + "'"; }

}  // namespace

std::optional<CodeProblem> basicCodeProblem(std::string_view code) {
  if (code.size() != 12) {
    return CodeProblem{"a basic code has 12 digits, " + quoted(code) + " has " +
                           std::to_string(code.size()) + " characters",
                       0};
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (!isDigit(code[i])) {
      return CodeProblem{"a basic code has only digits, " + quoted(code) + " has '" +
                             std::string(1, code[i]) + "' at position " + std::to_string(i + 1),
                         i};
    }
  }
  return std::nullopt;
}

std::optional<CodeProblem> bundleCodeProblem(std::string_view code) {
  if (code.size() != 12) {
    return CodeProblem{
        "a bundle code has 12 characters, " + quoted(code) + " has " + std::to_string(code.size()),
        0};
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (!isDigit(code[i]) && !isCapital(code[i])) {
      return CodeProblem{"a bundle code has only digits and capital letters, " + quoted(code) +
                             " has '" + std::string(1, code[i]) + "' at position " +
                             std::to_string(i + 1),
                         i};
    }
  }
  return std::nullopt;
}

std::optional<CodeProblem> implementationCodeProblem(std::string_view code,
                                                     std::string_view basicCode) {
  if (code.size() != 31) {
    return CodeProblem{
        "an implementation code has 31 characters (USCC 18 + level 1 + basic code "
        "12), " +
            quoted(code) + " has " + std::to_string(code.size()),
        0};
  }
  for (std::size_t i = 0; i < 18; ++i) {
    if (kUsccAlphabet.find(code[i]) == std::string_view::npos) {
      return CodeProblem{"the implementing body's USCC " + quoted(code.substr(0, 18)) + " has '" +
                             std::string(1, code[i]) + "' at position " + std::to_string(i + 1) +
                             ", outside the USCC alphabet (digits and capitals except I O S V Z)",
                         i};
    }
  }
  const auto expected = usccCheckCharacter(code.substr(0, 17));
  if (expected != '\0' && expected != code[17]) {
    return CodeProblem{"the implementing body's USCC " + quoted(code.substr(0, 18)) +
                           " has check character '" + std::string(1, code[17]) +
                           "', the code's first 17 characters give '" + std::string(1, expected) +
                           "'",
                       17};
  }
  if (code[18] < '1' || code[18] > '6') {
    return CodeProblem{"the level digit of an implementation code (position 19) is 1-6, got '" +
                           std::string(1, code[18]) + "'",
                       18};
  }
  if (!basicCodeProblem(basicCode) && code.substr(19) != basicCode) {
    return CodeProblem{"the implementation code ends with " + quoted(code.substr(19)) +
                           ", not the basic code " + quoted(basicCode),
                       19};
  }
  return std::nullopt;
}

}  // namespace onewindow::forms
