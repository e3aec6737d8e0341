#include "forms/form_answer.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <vector>

#include "forms/civil_date.hpp"

namespace onewindow::forms {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool matches(std::string_view value, const std::regex& pattern) {
  return std::regex_match(value.begin(), value.end(), pattern);
}

// HH:MM[:SS[.fff]] with an optional zone (Z or ±HH:MM), as ODK writes times.
const char* const kTime =
    R"re(([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,3})?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)re";

std::string dateProblem(std::string_view date) {
  static const std::regex kShape(R"re([0-9]{4}-[0-9]{2}-[0-9]{2})re");
  if (!matches(date, kShape)) return "Enter a date as YYYY-MM-DD, for example 2026-11-27.";
  if (!CivilDate::parseIso(date)) return "There is no such day in the calendar.";
  return {};
}

// One ODK geopoint: latitude and longitude in decimal degrees, then optionally the altitude
// and the accuracy in metres, separated by spaces.
std::string geopointProblem(std::string_view point) {
  static const char* const kShape =
      "Enter a point as latitude longitude, for example 22.5431 114.0579 (altitude and accuracy "
      "may follow).";
  std::vector<double> numbers;
  std::size_t at = 0;
  while (at < point.size()) {
    const std::size_t end = std::min(point.find(' ', at), point.size());
    const std::string_view token = point.substr(at, end - at);
    at = end + 1;
    if (token.empty()) continue;
    double number = 0;
    const auto [stop, error] = std::from_chars(token.data(), token.data() + token.size(), number);
    if (error != std::errc{} || stop != token.data() + token.size()) return kShape;
    numbers.push_back(number);
  }
  if (numbers.size() < 2 || numbers.size() > 4) return kShape;
  if (numbers[0] < -90 || numbers[0] > 90 || numbers[1] < -180 || numbers[1] > 180)
    return "Latitude is from -90 to 90 and longitude from -180 to 180.";
  if (numbers.size() == 4 && numbers[3] < 0) return "The accuracy cannot be negative.";
  return {};
}

// Geotrace and geoshape: geopoints separated by ';' (a shape closes on its first point).
std::string pointsProblem(std::string_view points, bool shape) {
  std::vector<std::string_view> each;
  std::size_t at = 0;
  while (at <= points.size()) {
    const std::size_t end = std::min(points.find(';', at), points.size());
    const std::string_view point = trim(points.substr(at, end - at));
    if (!point.empty()) each.push_back(point);
    at = end + 1;
  }
  if (each.size() < (shape ? 4U : 2U)) {
    return shape ? "Enter a shape as at least four points separated by ';', the last the same "
                   "as the first."
                 : "Enter a line as at least two points separated by ';'.";
  }
  for (const std::string_view point : each) {
    if (std::string problem = geopointProblem(point); !problem.empty()) return problem;
  }
  if (shape && each.front() != each.back())
    return "A shape ends on its first point: repeat the first point last.";
  return {};
}

}  // namespace

std::string normalizedAnswer(DataType type, std::string_view text) {
  text = trim(text);
  // XPath reads neither "+5" nor (for int) leading zeros the way a clerk means them.
  if (type == DataType::Int && answerShapeProblem(type, text).empty()) {
    long long number = 0;
    const auto digits = text.front() == '+' ? text.substr(1) : text;
    std::from_chars(digits.data(), digits.data() + digits.size(), number);
    return std::to_string(number);
  }
  if (type == DataType::Decimal && answerShapeProblem(type, text).empty() && text.front() == '+') {
    return std::string(text.substr(1));
  }
  if (type != DataType::Select && type != DataType::Rank) return std::string(text);
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto start = text.find_first_not_of(" \t\r\n", at);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (!out.empty()) out += ' ';
    out.append(text.substr(start, end - start));
    at = end;
  }
  return out;
}

std::string answerShapeProblem(DataType type, std::string_view value) {
  switch (type) {
    case DataType::String:
    case DataType::Binary:
    case DataType::Select:
    case DataType::Rank:
    case DataType::Barcode:
      return {};
    case DataType::Geopoint:
      return geopointProblem(value);
    case DataType::Boolean:
      if (value != "true" && value != "false" && value != "1" && value != "0")
        return "Enter true or false (or 1 or 0).";
      return {};
    case DataType::Geotrace:
    case DataType::Geoshape:
      return pointsProblem(value, type == DataType::Geoshape);
    case DataType::Select1:
      if (value.find_first_of(" \t\r\n") != std::string_view::npos) {
        return "Choose one of the listed choices.";
      }
      return {};
    case DataType::Int: {
      static const std::regex kShape(R"re([+-]?[0-9]+)re");
      if (!matches(value, kShape)) return "Enter a whole number, digits only.";
      long long number = 0;
      const auto digits = value.front() == '+' ? value.substr(1) : value;
      const auto [end, error] =
          std::from_chars(digits.data(), digits.data() + digits.size(), number);
      if (error != std::errc{} || end != digits.data() + digits.size() || number < -2147483648LL ||
          number > 2147483647LL) {
        return "The number is too large for a whole-number answer.";
      }
      return {};
    }
    case DataType::Decimal: {
      static const std::regex kShape(R"re([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+))re");
      if (!matches(value, kShape)) return "Enter a number such as 12 or 12.5.";
      return {};
    }
    case DataType::Date:
      return dateProblem(value);
    case DataType::Time: {
      static const std::regex kShape(kTime);
      if (!matches(value, kShape)) return "Enter a time as HH:MM or HH:MM:SS, for example 14:30.";
      return {};
    }
    case DataType::DateTime: {
      static const std::regex kShape(std::string(R"re([0-9]{4}-[0-9]{2}-[0-9]{2}T)re") + kTime);
      if (!matches(value, kShape)) {
        return "Enter a date and time as YYYY-MM-DDTHH:MM:SS, for example 2026-11-27T14:30:00.";
      }
      if (!CivilDate::parseIso(value.substr(0, 10))) return "There is no such day in the calendar.";
      return {};
    }
  }
  return {};
}

}  // namespace onewindow::forms
