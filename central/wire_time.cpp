#include "central/wire_time.hpp"

#include <charconv>
#include <ctime>

namespace onewindow::central {

std::chrono::sys_seconds systemNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string formatWireTime(std::chrono::sys_seconds time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &utc);
  return std::string(text, length);
}

std::optional<std::chrono::sys_seconds> parseWireTime(std::string_view text) {
  // 20261127T021500
  if (text.size() != 15 || text[8] != 'T') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length, int& out) {
    const char* begin = text.data() + at;
    const auto [end, error] = std::from_chars(begin, begin + length, out);
    return error == std::errc() && end == begin + length;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!number(0, 4, year) || !number(4, 2, month) || !number(6, 2, day) || !number(9, 2, hour) ||
      !number(11, 2, minute) || !number(13, 2, second))
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

}  // namespace onewindow::central
