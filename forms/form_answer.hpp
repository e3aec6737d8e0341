#pragma once
// The shape of an answer for its bind type (ODK value formats): what the session checks before
// an answer reaches the form's own constraints. Messages are plain English for the clerk.

#include <string>
#include <string_view>

#include "forms/xform.hpp"

namespace onewindow::forms {

// The text as stored: trimmed; a whole number in canonical form (+007 → 7); a decimal without a
// leading '+'; a select's values separated by single spaces.
[[nodiscard]] std::string normalizedAnswer(DataType type, std::string_view text);

// "" when `value` (non-empty, normalized) is a well-formed value of `type`, else why not.
// Choices are checked elsewhere: select values only need to be free of odd whitespace here.
[[nodiscard]] std::string answerShapeProblem(DataType type, std::string_view value);

}  // namespace onewindow::forms
