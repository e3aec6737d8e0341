#include <catch2/catch.hpp>

#include "forms/civil_date.hpp"

using onewindow::forms::CivilDate;

TEST_CASE("Civil dates parse only days that exist", "[forms][date]") {
  CHECK(CivilDate::parseIso("2024-02-29") == CivilDate{2024, 2, 29});
  CHECK_FALSE(CivilDate::parseIso("2026-02-29"));
  CHECK_FALSE(CivilDate::parseIso("2026-13-01"));
  CHECK_FALSE(CivilDate::parseIso("2026-1-01"));
  CHECK(CivilDate::parseCompact("19900307") == CivilDate{1990, 3, 7});
  CHECK_FALSE(CivilDate::parseCompact("1990030a"));
}

TEST_CASE("Civil dates count days and weekdays", "[forms][date]") {
  const CivilDate date{2026, 10, 1};
  CHECK(date.isoWeekday() == 4);  // a Thursday
  CHECK(date.plusDays(31).iso() == "2026-11-01");
  CHECK(CivilDate::fromDaysSinceEpoch(0) == CivilDate{1970, 1, 1});
  CHECK(CivilDate{1969, 12, 31}.daysSinceEpoch() == -1);
}

TEST_CASE("The China date turns over at 16:00 UTC", "[forms][date]") {
  using namespace std::chrono;
  const auto before = sys_days{year{2026} / 11 / 27} + hours{15} + minutes{59};
  CHECK(onewindow::forms::chinaDate(before) == CivilDate{2026, 11, 27});
  CHECK(onewindow::forms::chinaDate(before + minutes{1}) == CivilDate{2026, 11, 28});
}
