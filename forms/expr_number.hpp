#pragma once
// XPath 1.0 number <-> string conversions, with ODK's extension for dates.

#include <string>
#include <string_view>

namespace onewindow::forms::expr {

// XPath's string(number): integers without ".0", no exponent, "NaN", "Infinity", "-Infinity";
// otherwise the shortest decimal that reads back as the same double (0.1 + 0.2 prints as
// 0.30000000000000004, like every XPath engine on IEEE doubles).
[[nodiscard]] std::string formatNumber(double value);

// XPath's number(string): optional whitespace, an optional '-', digits with an optional
// fraction, optional whitespace; anything else (including "" and "+1" and "1e3") is NaN.
[[nodiscard]] double parseXPathNumber(std::string_view text);

// parseXPathNumber, and (ODK) a date or dateTime string as days since 1970-01-01, so dates
// compare and subtract: number('1970-01-02') = 1.
[[nodiscard]] double stringToNumber(std::string_view text);

}  // namespace onewindow::forms::expr
