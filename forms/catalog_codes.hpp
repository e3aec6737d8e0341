#pragma once
// The shapes of the codes a catalog carries (forms/README.md, "Values"): matter basic codes,
// implementation codes built on the implementing body's 统一社会信用代码 (GB 32100), bundle codes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace onewindow::forms {

// A problem with a code: what is wrong and where in the code it starts (byte offset), so the
// loader can point at the offending character.
struct CodeProblem {
  std::string message;
  std::size_t offset = 0;
};

// 12 digits.
[[nodiscard]] std::optional<CodeProblem> basicCodeProblem(std::string_view code);
// 12 characters, digits or capital letters.
[[nodiscard]] std::optional<CodeProblem> bundleCodeProblem(std::string_view code);
// 31 characters: USCC (alphabet and check character) + level digit 1-6 + `basicCode`
// (compared only when `basicCode` is itself valid).
[[nodiscard]] std::optional<CodeProblem> implementationCodeProblem(std::string_view code,
                                                                   std::string_view basicCode);

}  // namespace onewindow::forms
