#include "forms/expr_datetime.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace onewindow::forms::expr {
namespace {

constexpr std::int64_t kMillisecondsPerDay = 86'400'000;

bool digitsAt(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return false;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

int numberAt(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t quotient = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --quotient;
  return quotient;
}

LocalDateTime fromLocalMilliseconds(std::int64_t milliseconds) {
  const std::int64_t days = floorDiv(milliseconds, kMillisecondsPerDay);
  std::int64_t rest = milliseconds - days * kMillisecondsPerDay;
  LocalDateTime value;
  value.date = CivilDate::fromDaysSinceEpoch(days);
  value.hour = static_cast<int>(rest / 3'600'000);
  rest %= 3'600'000;
  value.minute = static_cast<int>(rest / 60'000);
  rest %= 60'000;
  value.second = static_cast<int>(rest / 1000);
  value.millisecond = static_cast<int>(rest % 1000);
  return value;
}

std::int64_t localMilliseconds(const LocalDateTime& value) {
  return value.date.daysSinceEpoch() * kMillisecondsPerDay + value.hour * 3'600'000LL +
         value.minute * 60'000LL + value.second * 1000LL + value.millisecond;
}

std::string padded(int value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
  return buffer;
}

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

constexpr std::string_view kSpecifiers = "YymnbdeaHhMS3%";

}  // namespace

std::optional<LocalDateTime> parseDateTime(std::string_view text) {
  const auto date = CivilDate::parseIso(text.substr(0, 10));
  if (!date) return std::nullopt;
  LocalDateTime value;
  value.date = *date;
  if (text.size() == 10) return value;
  // Time: 'T' HH ':' MM, then optional ':' SS, '.' fraction, and a zone.
  if (text[10] != 'T' || !digitsAt(text, 11, 2) || text.size() < 16 || text[13] != ':' ||
      !digitsAt(text, 14, 2)) {
    return std::nullopt;
  }
  value.hour = numberAt(text, 11, 2);
  value.minute = numberAt(text, 14, 2);
  std::size_t position = 16;
  if (position < text.size() && text[position] == ':') {
    if (!digitsAt(text, position + 1, 2)) return std::nullopt;
    value.second = numberAt(text, position + 1, 2);
    position += 3;
    if (position < text.size() && text[position] == '.') {
      ++position;
      const std::size_t start = position;
      while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
        if (position - start < 3) {
          value.millisecond = value.millisecond * 10 + (text[position] - '0');
        }
        ++position;
      }
      if (position == start) return std::nullopt;
      for (std::size_t digits = position - start; digits < 3; ++digits) value.millisecond *= 10;
    }
  }
  if (value.hour > 24 || value.minute > 59 || value.second > 59) return std::nullopt;
  if (value.hour == 24 && (value.minute != 0 || value.second != 0 || value.millisecond != 0)) {
    return std::nullopt;
  }
  int offsetMinutes = kChinaOffsetMinutes;
  if (position < text.size()) {
    if (text[position] == 'Z' && position + 1 == text.size()) {
      offsetMinutes = 0;
    } else if ((text[position] == '+' || text[position] == '-') && position + 6 == text.size() &&
               digitsAt(text, position + 1, 2) && text[position + 3] == ':' &&
               digitsAt(text, position + 4, 2)) {
      const int hours = numberAt(text, position + 1, 2);
      const int minutes = numberAt(text, position + 4, 2);
      if (hours > 14 || minutes > 59) return std::nullopt;
      offsetMinutes = (hours * 60 + minutes) * (text[position] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  const std::int64_t local =
      localMilliseconds(value) + (kChinaOffsetMinutes - offsetMinutes) * 60'000LL;
  return fromLocalMilliseconds(local);
}

double localDays(const LocalDateTime& value) {
  return static_cast<double>(localMilliseconds(value)) / static_cast<double>(kMillisecondsPerDay);
}

std::optional<LocalDateTime> fromLocalDays(double days) {
  // Years 1..9999 span about ±3.7 million days around 1970.
  if (!std::isfinite(days) || days < -719'162.0 || days > 2'932'896.0) return std::nullopt;
  const auto milliseconds =
      static_cast<std::int64_t>(std::llround(days * static_cast<double>(kMillisecondsPerDay)));
  return fromLocalMilliseconds(milliseconds);
}

LocalDateTime chinaDateTime(std::chrono::system_clock::time_point when) {
  const auto milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  return fromLocalMilliseconds(milliseconds + kChinaOffsetMinutes * 60'000LL);
}

std::string isoDateTime(const LocalDateTime& value) {
  return value.date.iso() + "T" + padded(value.hour, 2) + ":" + padded(value.minute, 2) + ":" +
         padded(value.second, 2) + "." + padded(value.millisecond, 3) + "+08:00";
}

std::string formatDateTime(const LocalDateTime& value, std::string_view format) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    const char specifier = format[++i];
    switch (specifier) {
      case 'Y':
        out += padded(value.date.year, 4);
        break;
      case 'y':
        out += padded(value.date.year % 100, 2);
        break;
      case 'm':
        out += padded(value.date.month, 2);
        break;
      case 'n':
        out += std::to_string(value.date.month);
        break;
      case 'b':
        out += kMonths[value.date.month - 1];
        break;
      case 'd':
        out += padded(value.date.day, 2);
        break;
      case 'e':
        out += std::to_string(value.date.day);
        break;
      case 'a':
        out += kWeekdays[value.date.isoWeekday() - 1];
        break;
      case 'H':
        out += padded(value.hour, 2);
        break;
      case 'h':
        out += std::to_string(value.hour);
        break;
      case 'M':
        out += padded(value.minute, 2);
        break;
      case 'S':
        out += padded(value.second, 2);
        break;
      case '3':
        out += padded(value.millisecond, 3);
        break;
      case '%':
        out += '%';
        break;
      default:
        out += '%';
        out += specifier;
        break;
    }
  }
  return out;
}

std::optional<FormatProblem> formatSpecifierProblem(std::string_view format) {
  constexpr std::string_view kKnown = " (known: %Y %y %m %n %b %d %e %a %H %h %M %S %3 %%)";
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    const std::size_t at = i;
    if (i + 1 == format.size()) return FormatProblem{at, "the format ends with a lone '%'"};
    const char specifier = format[++i];
    if (static_cast<unsigned char>(specifier) >= 0x80) {
      return FormatProblem{at, "unknown date format after '%'" + std::string(kKnown)};
    }
    if (kSpecifiers.find(specifier) == std::string_view::npos) {
      return FormatProblem{
          at, "unknown date format '%" + std::string(1, specifier) + "'" + std::string(kKnown)};
    }
  }
  return std::nullopt;
}

}  // namespace onewindow::forms::expr
