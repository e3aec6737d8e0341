#include "forms/expr_number.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "forms/expr_datetime.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr {

std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";  // also -0
  // The shortest digits that read back as the same double, written out without an exponent:
  // 1e23 prints as 100000000000000000000000, not as the double's exact binary expansion.
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view scientific(buffer, static_cast<std::size_t>(result.ptr - buffer));
  const auto e = scientific.find('e');
  const bool negative = scientific.front() == '-';
  std::string digits;
  for (char c : scientific.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
    if (c != '.') digits += c;
  }
  const int exponent = std::stoi(std::string(scientific.substr(e + 1)));
  // digits = d1 d2 d3 …, value = d1.d2d3… × 10^exponent
  std::string out = negative ? "-" : "";
  const int integerDigits = exponent + 1;
  if (integerDigits <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-integerDigits), '0');
    out += digits;
  } else if (static_cast<std::size_t>(integerDigits) >= digits.size()) {
    out += digits;
    out.append(static_cast<std::size_t>(integerDigits) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(integerDigits));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(integerDigits));
  }
  return out;
}

double parseXPathNumber(std::string_view text) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  text = text::trimXPathSpace(text);
  if (text.empty()) return kNaN;
  std::size_t position = 0;
  if (text[0] == '-') ++position;
  std::size_t digits = 0;
  std::size_t point = 0;
  for (std::size_t i = position; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      ++digits;
    } else if (text[i] == '.' && point == 0) {
      point = 1;
    } else {
      return kNaN;
    }
  }
  if (digits == 0) return kNaN;
  // from_chars takes neither a lone trailing point nor a leading one; rebuild those forms.
  std::string canonical;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (text.back() == '.' || text[position] == '.') {
    canonical.assign(text.substr(0, position));
    if (text[position] == '.') canonical += '0';
    canonical.append(text.substr(position));
    if (canonical.back() == '.') canonical.pop_back();
    first = canonical.data();
    last = canonical.data() + canonical.size();
  }
  double value = kNaN;
  const auto result = std::from_chars(first, last, value);
  if (result.ec == std::errc::result_out_of_range) {
    return *first == '-' ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
  }
  if (result.ec != std::errc{} || result.ptr != last) return kNaN;
  return value;
}

double stringToNumber(std::string_view text) {
  const double number = parseXPathNumber(text);
  if (!std::isnan(number)) return number;
  // Only text shaped like a date can be one; the check keeps the common NaN case cheap.
  const std::string_view trimmed = text::trimXPathSpace(text);
  if (trimmed.size() >= 10 && trimmed[4] == '-') {
    if (const auto dateTime = parseDateTime(trimmed)) return localDays(*dateTime);
  }
  return number;
}

}  // namespace onewindow::forms::expr
