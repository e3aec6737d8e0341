#pragma once
// Dates and times of the expression engine. Form values are text: dates 'YYYY-MM-DD',
// dateTimes 'YYYY-MM-DDTHH:MM:SS.sss+08:00'. As numbers they are days since 1970-01-01 in
// China Standard Time (UTC+8, the zone of every window), so a date is a whole number and a
// dateTime at noon in Shenzhen is that date + 0.5.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "forms/civil_date.hpp"

namespace onewindow::forms::expr {

inline constexpr int kChinaOffsetMinutes = 8 * 60;

// A local date and time in China Standard Time.
struct LocalDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
};

// 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]', converted to China time (a
// dateTime without a zone is taken as China time already). nullopt for anything else or a day
// that does not exist.
[[nodiscard]] std::optional<LocalDateTime> parseDateTime(std::string_view text);

// Days since 1970-01-01 00:00 China time, with the time of day as the fraction.
[[nodiscard]] double localDays(const LocalDateTime& value);
// The inverse; nullopt for NaN, infinities and days outside years 1..9999.
[[nodiscard]] std::optional<LocalDateTime> fromLocalDays(double days);

[[nodiscard]] LocalDateTime chinaDateTime(std::chrono::system_clock::time_point when);

// 'YYYY-MM-DDTHH:MM:SS.sss+08:00', the dateTime form of now().
[[nodiscard]] std::string isoDateTime(const LocalDateTime& value);

// format-date / format-date-time: %Y %y %m %n %b %d %e %a %H %h %M %S %3 and %% (month and
// weekday names in English: the engine has no form language). An unknown specifier is
// copied as written; formatSpecifierProblem finds it at parse time when the format is literal.
[[nodiscard]] std::string formatDateTime(const LocalDateTime& value, std::string_view format);
struct FormatProblem {
  std::size_t offset;  // of the '%' in the format
  std::string message;
};
[[nodiscard]] std::optional<FormatProblem> formatSpecifierProblem(std::string_view format);

}  // namespace onewindow::forms::expr
