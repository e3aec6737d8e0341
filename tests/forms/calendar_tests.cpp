#include <string>

#include <catch2/catch.hpp>

#include "forms/catalog_loader.hpp"
#include "forms/working_calendar.hpp"

using onewindow::forms::CivilDate;
using onewindow::forms::Holiday;
using onewindow::forms::Limit;
using onewindow::forms::LimitUnit;
using onewindow::forms::MakeUpWorkday;
using onewindow::forms::Pause;
using onewindow::forms::WorkingCalendar;

namespace {

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

Holiday holiday(const char* from, const char* to, const char* name) {
  return Holiday{day(from), day(to), {name, {}, false}};
}

MakeUpWorkday workday(const char* date) {
  return MakeUpWorkday{day(date), {"调休上班", {}, false}};
}

// The 2026 public holidays as the General Office of the State Council announced them in
// November 2025 (holidays and make-up workdays), transcribed from memory of the notice.
WorkingCalendar mainland2026() {
  return WorkingCalendar(
      "cn-mainland",
      {holiday("2026-01-01", "2026-01-03", "元旦"), holiday("2026-02-15", "2026-02-23", "春节"),
       holiday("2026-04-04", "2026-04-06", "清明节"), holiday("2026-05-01", "2026-05-05", "劳动节"),
       holiday("2026-06-19", "2026-06-21", "端午节"), holiday("2026-09-25", "2026-09-27", "中秋节"),
       holiday("2026-10-01", "2026-10-07", "国庆节")},
      {workday("2026-01-04"), workday("2026-02-14"), workday("2026-02-28"), workday("2026-05-09"),
       workday("2026-09-20"), workday("2026-10-10")});
}

}  // namespace

TEST_CASE("Working days are weekdays minus holidays plus make-up workdays", "[forms][calendar]") {
  const auto calendar = mainland2026();
  CHECK(calendar.isWorkingDay(day("2026-09-30")));        // Wednesday
  CHECK_FALSE(calendar.isWorkingDay(day("2026-10-01")));  // National Day, a Thursday
  CHECK_FALSE(calendar.isWorkingDay(day("2026-10-05")));  // inside the holiday, a Monday
  CHECK(calendar.isWorkingDay(day("2026-09-20")));        // Sunday, make-up workday
  CHECK(calendar.isWorkingDay(day("2026-10-10")));        // Saturday, make-up workday
  CHECK_FALSE(calendar.isWorkingDay(day("2026-10-11")));  // an ordinary Sunday
  REQUIRE(calendar.holidayOn(day("2026-10-03")) != nullptr);
  CHECK(calendar.holidayOn(day("2026-10-03"))->name.zh == "国庆节");
  CHECK(calendar.holidayOn(day("2026-10-11")) == nullptr);

  const WorkingCalendar plain;
  CHECK(plain.isWorkingDay(day("2026-10-01")));
  CHECK_FALSE(plain.isWorkingDay(day("2026-10-10")));
}

TEST_CASE("A make-up workday wins over a holiday on the same date", "[forms][calendar]") {
  const WorkingCalendar calendar("x", {holiday("2026-03-02", "2026-03-06", "test")},
                                 {workday("2026-03-04")});
  CHECK_FALSE(calendar.isWorkingDay(day("2026-03-03")));
  CHECK(calendar.isWorkingDay(day("2026-03-04")));
}

TEST_CASE("Limits count from the day after intake across National Day", "[forms][calendar]") {
  const auto calendar = mainland2026();
  // Tuesday 29 September: 30 Sep is day 1, 1–7 Oct are off, 8 Oct day 2, 9 Oct day 3,
  // Saturday 10 Oct (make-up) day 4, Monday 12 Oct day 5.
  CHECK(calendar.addWorkingDays(day("2026-09-29"), 1) == day("2026-09-30"));
  CHECK(calendar.addWorkingDays(day("2026-09-29"), 2) == day("2026-10-08"));
  CHECK(calendar.addWorkingDays(day("2026-09-29"), 5) == day("2026-10-12"));
  // Friday 18 September: the Sunday make-up day is the first working day after it.
  CHECK(calendar.addWorkingDays(day("2026-09-18"), 1) == day("2026-09-20"));
  // Mid-Autumn (Fri 25 – Sun 27 Sep) takes the Friday.
  CHECK(calendar.addWorkingDays(day("2026-09-24"), 1) == day("2026-09-28"));
  // n = 0 is the start itself, even on a holiday.
  CHECK(calendar.addWorkingDays(day("2026-10-03"), 0) == day("2026-10-03"));
  // Intake on a holiday: the first working day after it is day 1.
  CHECK(calendar.addWorkingDays(day("2026-10-03"), 1) == day("2026-10-08"));
  CHECK_THROWS_AS(calendar.addWorkingDays(day("2026-10-03"), -1), std::invalid_argument);
}

TEST_CASE("Limits across the Spring Festival", "[forms][calendar]") {
  const auto calendar = mainland2026();
  // Thursday 12 Feb: Fri 13 = 1, Sat 14 (make-up) = 2, 15–23 off, Tue 24 = 3.
  CHECK(calendar.addWorkingDays(day("2026-02-12"), 3) == day("2026-02-24"));
  // … 25 = 4, 26 = 5, 27 = 6, Sat 28 (make-up) = 7, Mon 2 Mar = 8, 3 = 9, 4 = 10.
  CHECK(calendar.addWorkingDays(day("2026-02-12"), 10) == day("2026-03-04"));
  CHECK(calendar.workingDaysBetween(day("2026-02-12"), day("2026-03-04")) == 10);
  CHECK(calendar.workingDaysBetween(day("2026-03-04"), day("2026-02-12")) == -10);
  CHECK(calendar.workingDaysBetween(day("2026-02-15"), day("2026-02-23")) == 0);
}

TEST_CASE("Days left to a due date, due today and overdue", "[forms][calendar]") {
  const auto calendar = mainland2026();
  const auto due = day("2026-10-12");
  CHECK(calendar.workingDaysLeft(day("2026-09-29"), due) == 5);
  CHECK(calendar.workingDaysLeft(day("2026-10-08"), due) == 3);  // 9, 10 (Sat), 12
  CHECK(calendar.workingDaysLeft(day("2026-10-11"), due) == 1);
  CHECK(calendar.workingDaysLeft(due, due) == 0);
  CHECK(calendar.workingDaysLeft(day("2026-10-13"), due) == -1);
  CHECK(calendar.workingDaysLeft(day("2026-10-16"), due) == -4);
  // Due on Friday 6 Nov, looked at on Sunday 8 Nov: no working day passed, still overdue.
  CHECK(calendar.workingDaysLeft(day("2026-11-08"), day("2026-11-06")) == -1);
  CHECK(calendar.workingDaysLeft(day("2026-11-10"), day("2026-11-06")) == -2);
}

TEST_CASE("A pause over a weekend moves the due date by its working days", "[forms][calendar]") {
  const auto calendar = mainland2026();
  const auto intake = day("2026-11-02");  // Monday
  CHECK(calendar.addWorkingDays(intake, 10) == day("2026-11-16"));
  // Awaiting supplements Thursday 5 to Tuesday 10 Nov: 5, 6, 9, 10 are working days.
  const Pause pause{day("2026-11-05"), day("2026-11-10")};
  CHECK(calendar.workingDaysIn(pause) == 4);
  CHECK(calendar.addWorkingDays(intake, 10, {pause}) == day("2026-11-20"));
  // Overlapping pauses stop the clock once.
  const Pause overlapping{day("2026-11-09"), day("2026-11-11")};
  CHECK(calendar.addWorkingDays(intake, 10, {pause, overlapping}) == day("2026-11-23"));
  // A pause that starts after the due date does not rescue an overdue case.
  CHECK(calendar.addWorkingDays(intake, 10, {{day("2026-11-17"), day("2026-11-30")}}) ==
        day("2026-11-16"));
  // A pause across National Day holds only the working days in it.
  CHECK(calendar.workingDaysIn({day("2026-09-28"), day("2026-10-11")}) == 6);  // 28–30, 8–10
}

TEST_CASE("Deadlines of limits in each unit", "[forms][calendar]") {
  const auto calendar = mainland2026();
  const auto intake = day("2026-09-29");
  CHECK(deadline(calendar, intake, Limit{5, LimitUnit::WorkingDay}) == day("2026-10-12"));
  CHECK(deadline(calendar, intake, Limit{15, LimitUnit::CalendarDay}) == day("2026-10-14"));
  CHECK(deadline(calendar, intake, Limit{0, LimitUnit::Immediate}) == intake);
  // Calendar days inside a pause do not count either.
  CHECK(deadline(calendar, intake, Limit{15, LimitUnit::CalendarDay},
                 {{day("2026-10-01"), day("2026-10-03")}}) == day("2026-10-17"));
  CHECK(onewindow::forms::limitUnitName(LimitUnit::CalendarDay) == "calendar-day");
}

TEST_CASE("A matter's promised limit counts on the calendar its catalog gives",
          "[forms][calendar]") {
  const auto catalog = onewindow::forms::loadCatalog(std::string(ONEWINDOW_FORMS_FIXTURES) +
                                                     "/catalog/good/catalog.xml");
  const auto* matter = catalog.matterOn("440300007001", day("2026-09-29"));
  REQUIRE(matter != nullptr);
  const auto& calendar = catalog.calendarOf(*matter);
  CHECK(calendar.id() == "cn-mainland");
  // 10 working days from Tuesday 29 September: 30 Sep, 8, 9, 10 (Sat), 12, 13, 14, 15, 16, 19.
  CHECK(deadline(calendar, day("2026-09-29"), matter->limits.promised) == day("2026-10-19"));
  // The same limit on the plain weekday calendar of another matter ignores the holidays.
  CHECK(deadline(*catalog.calendar("weekdays"), day("2026-09-29"), matter->limits.promised) ==
        day("2026-10-13"));
}
