#include "forms/civil_date.hpp"

#include <cstdio>

namespace onewindow::forms {
namespace {

bool digitsOnly(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::optional<CivilDate> checked(int year, int month, int day) {
  if (!CivilDate::exists(year, month, day)) return std::nullopt;
  return CivilDate{year, month, day};
}

}  // namespace

bool CivilDate::exists(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return ymd.ok();
}

std::optional<CivilDate> CivilDate::parseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digitsOnly(y) || !digitsOnly(m) || !digitsOnly(d)) return std::nullopt;
  return checked(number(y), number(m), number(d));
}

std::optional<CivilDate> CivilDate::parseCompact(std::string_view text) {
  if (text.size() != 8 || !digitsOnly(text)) return std::nullopt;
  return checked(number(text.substr(0, 4)), number(text.substr(4, 2)), number(text.substr(6, 2)));
}

std::string CivilDate::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::string CivilDate::compact() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", year, month, day);
  return buffer;
}

std::int64_t CivilDate::daysSinceEpoch() const {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

CivilDate CivilDate::fromDaysSinceEpoch(std::int64_t days) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  return CivilDate{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                   static_cast<int>(unsigned(ymd.day()))};
}

CivilDate CivilDate::plusDays(std::int64_t days) const {
  return fromDaysSinceEpoch(daysSinceEpoch() + days);
}

int CivilDate::isoWeekday() const {
  const std::chrono::weekday weekday{std::chrono::sys_days{std::chrono::days{daysSinceEpoch()}}};
  return static_cast<int>(weekday.iso_encoding());
}

CivilDate chinaDate(std::chrono::system_clock::time_point when) {
  const auto shifted = std::chrono::floor<std::chrono::days>(when + std::chrono::hours{8});
  return CivilDate::fromDaysSinceEpoch(shifted.time_since_epoch().count());
}

}  // namespace onewindow::forms
