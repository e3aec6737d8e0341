#pragma once
// A calendar date without a time zone (proleptic Gregorian), the one date type of the forms
// library: form answers, ID-number birth dates, working-day calendars and deadlines use it.

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onewindow::forms {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // "YYYY-MM-DD" (forms, the store) and "YYYYMMDD" (the wire, ID numbers); nullopt when the
  // text is not exactly that shape or names a day that does not exist (2026-02-30).
  [[nodiscard]] static std::optional<CivilDate> parseIso(std::string_view text);
  [[nodiscard]] static std::optional<CivilDate> parseCompact(std::string_view text);
  [[nodiscard]] static bool exists(int year, int month, int day);

  [[nodiscard]] std::string iso() const;
  [[nodiscard]] std::string compact() const;

  // Days since 1970-01-01 (negative before), and back.
  [[nodiscard]] std::int64_t daysSinceEpoch() const;
  [[nodiscard]] static CivilDate fromDaysSinceEpoch(std::int64_t days);

  [[nodiscard]] CivilDate plusDays(std::int64_t days) const;
  // ISO weekday: 1 = Monday … 7 = Sunday.
  [[nodiscard]] int isoWeekday() const;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// The date in China Standard Time (UTC+8, no daylight saving) at the given instant: every
// window of the product is in Shenzhen, whatever the machine's TZ says.
[[nodiscard]] CivilDate chinaDate(std::chrono::system_clock::time_point when);

}  // namespace onewindow::forms
