#include "printing/formatters.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

namespace onewindow::printing {

namespace {

std::string describe(std::string_view formatter, std::string_view value, std::string_view reason) {
  std::string text = "formatter '";
  text.append(formatter).append("' cannot format \"").append(value).append("\": ");
  text.append(reason);
  return text;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allDigits(std::string_view text) { return std::all_of(text.begin(), text.end(), isDigit); }

int digitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// ---- dates ---------------------------------------------------------------------------------

constexpr std::chrono::minutes kChinaStandardOffset{8 * 60};

struct LocalTime {
  std::chrono::year_month_day date;
  std::chrono::hh_mm_ss<std::chrono::minutes> time{std::chrono::minutes{0}};
  bool hasTime = false;
};

// Reads "YYYY-MM-DD" (taken as it is) or an ISO 8601 date-time with "Z" or "±HH:MM" (converted
// to China Standard Time). Throws FormatError naming `formatter`.
LocalTime readLocalTime(std::string_view formatter, std::string_view text) {
  const auto refuse = [&](std::string_view reason) -> FormatError {
    return FormatError(formatter, text, reason);
  };
  const auto expect = [&](std::size_t at, std::size_t count) {
    if (text.size() < at + count || !allDigits(text.substr(at, count)))
      throw refuse("not an ISO 8601 date (YYYY-MM-DD) or UTC date-time (YYYY-MM-DDTHH:MM:SSZ)");
    return digitsValue(text.substr(at, count));
  };
  const auto separator = [&](std::size_t at, char c) {
    if (text.size() <= at || text[at] != c)
      throw refuse("not an ISO 8601 date (YYYY-MM-DD) or UTC date-time (YYYY-MM-DDTHH:MM:SSZ)");
  };

  const int year = expect(0, 4);
  separator(4, '-');
  const int month = expect(5, 2);
  separator(7, '-');
  const int day = expect(8, 2);
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) throw refuse("no such day");
  LocalTime local{date};
  if (text.size() == 10) return local;

  separator(10, 'T');
  const int hour = expect(11, 2);
  separator(13, ':');
  const int minute = expect(14, 2);
  std::size_t at = 16;
  int second = 0;
  if (at < text.size() && text[at] == ':') {
    second = expect(at + 1, 2);
    at += 3;
    if (at < text.size() && text[at] == '.') {
      const std::size_t digits = at + 1;
      at = digits;
      while (at < text.size() && isDigit(text[at])) ++at;
      if (at == digits) throw refuse("a decimal point without digits in the seconds");
    }
  }
  if (hour > 23 || minute > 59 || second > 59) throw refuse("no such time of day");

  std::chrono::minutes offset{0};
  if (at < text.size() && text[at] == 'Z') {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at] == '-' ? -1 : 1;
    const int offsetHours = expect(at + 1, 2);
    separator(at + 3, ':');
    const int offsetMinutes = expect(at + 4, 2);
    if (offsetHours > 14 || offsetMinutes > 59) throw refuse("no such time zone offset");
    offset = std::chrono::minutes{sign * (offsetHours * 60 + offsetMinutes)};
    at += 6;
  } else {
    throw refuse("a date-time needs its time zone (\"Z\" for UTC, or an offset like +08:00)");
  }
  if (at != text.size()) throw refuse("unexpected text after the date-time");

  const auto utc = std::chrono::sys_days{date} + std::chrono::hours{hour} +
                   std::chrono::minutes{minute} - offset;
  const auto china = utc + kChinaStandardOffset;
  const auto chinaDay = std::chrono::floor<std::chrono::days>(china);
  local.date = std::chrono::year_month_day{chinaDay};
  local.time = std::chrono::hh_mm_ss<std::chrono::minutes>{china - chinaDay};
  local.hasTime = true;
  return local;
}

std::string chineseDateText(const std::chrono::year_month_day& date) {
  return std::to_string(static_cast<int>(date.year())) + "年" +
         std::to_string(static_cast<unsigned>(date.month())) + "月" +
         std::to_string(static_cast<unsigned>(date.day())) + "日";
}

std::string twoDigits(long value) {
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02ld", value);
  return buffer.data();
}

// ---- UTF-8 ---------------------------------------------------------------------------------

// The code points of `text`, each as its UTF-8 bytes; nullopt when `text` is not UTF-8.
std::optional<std::vector<std::string_view>> codePoints(std::string_view text) {
  std::vector<std::string_view> points;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 0;
    char32_t point = 0;
    if (lead < 0x80) {
      length = 1;
      point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      point = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (at + length > text.size()) return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      point = (point << 6) | (next & 0x3F);
    }
    constexpr std::array<char32_t, 5> kSmallest{0, 0, 0x80, 0x800, 0x10000};
    if (point < kSmallest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
      return std::nullopt;
    points.push_back(text.substr(at, length));
    at += length;
  }
  return points;
}

// Keeps the first `head` and the last `tail` code points and writes one '*' for each other.
std::string keepEnds(const std::vector<std::string_view>& points, std::size_t head,
                     std::size_t tail) {
  std::string masked;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i < head || i + tail >= points.size())
      masked.append(points[i]);
    else
      masked.push_back('*');
  }
  return masked;
}

// ---- amounts -------------------------------------------------------------------------------

constexpr std::array<std::string_view, 10> kCapitalDigits{"零", "壹", "贰", "叁", "肆",
                                                          "伍", "陆", "柒", "捌", "玖"};

// 1..9999 with the units 仟佰拾; one 零 for each run of zeros between digits.
std::string belowTenThousand(std::uint64_t value) {
  constexpr std::array<std::string_view, 4> kUnits{"仟", "佰", "拾", ""};
  constexpr std::array<std::uint64_t, 4> kPowers{1000, 100, 10, 1};
  std::string text;
  bool started = false;
  bool zeroPending = false;
  for (std::size_t i = 0; i < kPowers.size(); ++i) {
    const std::uint64_t digit = value / kPowers[i] % 10;
    if (digit == 0) {
      zeroPending = started;
      continue;
    }
    if (zeroPending) text.append(kCapitalDigits[0]);
    zeroPending = false;
    started = true;
    text.append(kCapitalDigits[digit]).append(kUnits[i]);
  }
  return text;
}

// 1..9999'9999'9999'9 (万亿): the part above 亿 and above 万 written the same way, one 零 where
// the next part does not fill its highest place.
std::string capitalInteger(std::uint64_t value) {
  constexpr std::uint64_t kYi = 100'000'000;
  constexpr std::uint64_t kWan = 10'000;
  const auto join = [](std::uint64_t high, std::string_view unit, std::uint64_t rest,
                       std::uint64_t place) {
    std::string text = capitalInteger(high);
    text.append(unit);
    if (rest == 0) return text;
    if (rest < place / 10) text.append(kCapitalDigits[0]);
    return text + capitalInteger(rest);
  };
  if (value >= kYi) return join(value / kYi, "亿", value % kYi, kYi);
  if (value >= kWan) return join(value / kWan, "万", value % kWan, kWan);
  return belowTenThousand(value);
}

// ---- registry ------------------------------------------------------------------------------

constexpr std::array<std::string_view, 9> kFormatterNames{"date",     "datetime",   "iso-date",
                                                          "id-mask",  "phone-mask", "amount-upper",
                                                          "workdays", "upper",      "default"};

}  // namespace

FormatError::FormatError(std::string_view formatter, std::string_view value,
                         std::string_view reason)
    : std::invalid_argument(describe(formatter, value, reason)),
      formatter_(formatter),
      value_(value),
      reason_(reason) {}

std::string chineseDate(std::string_view text) {
  if (text.empty()) return {};
  return chineseDateText(readLocalTime("date", text).date);
}

std::string chineseDateTime(std::string_view text) {
  if (text.empty()) return {};
  const LocalTime local = readLocalTime("datetime", text);
  if (!local.hasTime)
    throw FormatError("datetime", text, "a date without a time (YYYY-MM-DDTHH:MM:SSZ expected)");
  return chineseDateText(local.date) + " " + twoDigits(local.time.hours().count()) + ":" +
         twoDigits(local.time.minutes().count());
}

std::string isoDate(std::string_view text) {
  if (text.empty()) return {};
  const auto date = readLocalTime("iso-date", text).date;
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer.data();
}

std::string maskIdNumber(std::string_view text) {
  const auto points = codePoints(text);
  if (!points) throw FormatError("id-mask", text, "not UTF-8 text");
  const std::size_t count = points->size();
  if (count <= 4) return std::string(count, '*');
  const bool residentId18 = count == 18 && allDigits(text.substr(0, 17)) &&
                            (isDigit(text[17]) || text[17] == 'X' || text[17] == 'x');
  if (residentId18) return keepEnds(*points, 6, 4);
  if (count == 15 && allDigits(text)) return keepEnds(*points, 6, 3);
  return keepEnds(*points, 2, 2);
}

std::string maskPhone(std::string_view text) {
  for (char c : text) {
    if (!isDigit(c) && c != ' ' && c != '+' && c != '-' && c != '(' && c != ')')
      throw FormatError("phone-mask", text,
                        "a phone number has only digits, spaces and the signs + - ( )");
  }
  // Only ASCII is left, so bytes are code points.
  if (text.size() <= 5) return std::string(text.size(), '*');
  std::vector<std::string_view> points;
  for (std::size_t i = 0; i < text.size(); ++i) points.push_back(text.substr(i, 1));
  if (text.size() == 11 && allDigits(text)) return keepEnds(points, 3, 4);
  return keepEnds(points, 3, 2);
}

std::string chineseUpperAmount(std::string_view text) {
  if (text.empty()) return {};
  const auto refuse = [&](std::string_view reason) {
    return FormatError("amount-upper", text, reason);
  };
  std::string_view number = text;
  const bool negative = number.front() == '-';
  if (negative) number.remove_prefix(1);
  const std::size_t point = number.find('.');
  std::string_view integer = number.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : number.substr(point + 1);
  if (integer.empty() || !allDigits(integer) || !allDigits(fraction) ||
      (point != std::string_view::npos && fraction.empty()))
    throw refuse("not a decimal amount in yuan (like 12345.67)");
  if (fraction.size() > 2) throw refuse("more than two decimals (角 and 分)");
  while (integer.size() > 1 && integer.front() == '0') integer.remove_prefix(1);
  if (integer.size() > 13) throw refuse("more than 13 integer digits (beyond 万亿)");

  std::uint64_t yuan = 0;
  for (char c : integer) yuan = yuan * 10 + static_cast<std::uint64_t>(c - '0');
  const int jiao = fraction.size() >= 1 ? fraction[0] - '0' : 0;
  const int fen = fraction.size() >= 2 ? fraction[1] - '0' : 0;
  if (yuan == 0 && jiao == 0 && fen == 0) return "零元整";

  std::string words = negative ? "负" : "";
  if (yuan > 0) words.append(capitalInteger(yuan)).append("元");
  if (jiao == 0 && fen == 0) return words + "整";
  if (jiao > 0) {
    words.append(kCapitalDigits[static_cast<std::size_t>(jiao)]).append("角");
  } else if (yuan > 0) {
    words.append(kCapitalDigits[0]);  // 角位是零而分位不是零：元后写零
  }
  if (fen == 0) return words + "整";
  return words.append(kCapitalDigits[static_cast<std::size_t>(fen)]).append("分");
}

std::string workingDaysText(std::string_view text) {
  if (text.empty()) return {};
  if (!allDigits(text) || text.size() > 4)
    throw FormatError("workdays", text, "not a number of working days (0 to 9999)");
  const int days = digitsValue(text);
  if (days == 0) return "即办";
  return std::to_string(days) + "个工作日";
}

std::string asciiUpper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

std::span<const std::string_view> knownFormatters() { return kFormatterNames; }

bool isKnownFormatter(std::string_view formatter) {
  return std::find(kFormatterNames.begin(), kFormatterNames.end(), formatter) !=
         kFormatterNames.end();
}

std::string formatValue(std::string_view formatter, std::string_view argument,
                        std::string_view value) {
  if (formatter == "date") return chineseDate(value);
  if (formatter == "datetime") return chineseDateTime(value);
  if (formatter == "iso-date") return isoDate(value);
  if (formatter == "id-mask") return maskIdNumber(value);
  if (formatter == "phone-mask") return maskPhone(value);
  if (formatter == "amount-upper") return chineseUpperAmount(value);
  if (formatter == "workdays") return workingDaysText(value);
  if (formatter == "upper") return asciiUpper(value);
  if (formatter == "default") return std::string(value.empty() ? argument : value);

  std::string known = "unknown formatter; known formatters: ";
  for (std::size_t i = 0; i < kFormatterNames.size(); ++i) {
    if (i > 0) known.append(", ");
    known.append(kFormatterNames[i]);
  }
  throw FormatError(formatter, value, known);
}

}  // namespace onewindow::printing
