#pragma once
// Working days as Chinese government offices count them: Monday to Friday, minus the public
// holidays the State Council announces each year, plus the weekend days it turns into make-up
// workdays (调休上班). Time limits (时限) in working days count from the day after the start
// (the day of intake is day 0), and stop while the case is suspended.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "forms/catalog_text.hpp"
#include "forms/civil_date.hpp"

namespace onewindow::forms {

// A run of days off, both ends included (e.g. 2026-10-01 … 2026-10-07, 国庆节).
struct Holiday {
  CivilDate from;
  CivilDate to;
  Text name;
};

// A Saturday or Sunday worked to make up for a holiday (e.g. 2026-09-20, 国庆节调休上班).
struct MakeUpWorkday {
  CivilDate date;
  Text name;
};

// A span during which a case's clock stands still (special procedure, awaiting supplements),
// both ends included. An ongoing pause ends "today" for the caller's purposes.
struct Pause {
  CivilDate from;
  CivilDate to;
};

enum class LimitUnit {
  WorkingDay,   // "working-day"
  CalendarDay,  // "calendar-day"
  Immediate,    // "immediate": finished on the day; the number is 0
};

// A time limit as the catalog states it: 15 working days, 30 calendar days, immediate.
struct Limit {
  int days = 0;
  LimitUnit unit = LimitUnit::WorkingDay;
  bool sample = false;  // a placeholder figure
  friend bool operator==(const Limit&, const Limit&) = default;
};

[[nodiscard]] std::string_view limitUnitName(LimitUnit unit);  // "working-day", …

class WorkingCalendar {
 public:
  // Monday to Friday, no holidays: what a catalog without a calendar would mean.
  WorkingCalendar() = default;
  // Holidays may overlap; a make-up workday wins over a holiday on the same date.
  WorkingCalendar(std::string id, std::vector<Holiday> holidays,
                  std::vector<MakeUpWorkday> workdays, bool sample = false);

  [[nodiscard]] const std::string& id() const { return id_; }
  [[nodiscard]] const std::vector<Holiday>& holidays() const { return holidays_; }
  [[nodiscard]] const std::vector<MakeUpWorkday>& workdays() const { return workdays_; }
  // The calendar's dates are placeholders (not the published arrangement).
  [[nodiscard]] bool sample() const { return sample_; }

  [[nodiscard]] bool isWorkingDay(CivilDate date) const;
  // The holiday that covers `date`, or nullptr (weekends are not holidays).
  [[nodiscard]] const Holiday* holidayOn(CivilDate date) const;

  // The n-th working day after `start` (start itself is not counted); n = 0 gives `start`.
  // n must be ≥ 0.
  [[nodiscard]] CivilDate addWorkingDays(CivilDate start, int n) const;

  // Working days d with from < d ≤ to; the negated count of to < d ≤ from when to < from.
  [[nodiscard]] int workingDaysBetween(CivilDate from, CivilDate to) const;

  // What a deadline badge shows: working days left after `today` up to `due`; 0 on the due
  // date; negative when overdue (minus the working days since `due`, at least 1, so a due
  // date that passed over a weekend still reads as overdue).
  [[nodiscard]] int workingDaysLeft(CivilDate today, CivilDate due) const;

  // The due date of `n` working days after `start` when the clock stood still during
  // `pauses`: the n-th working day after `start` that lies in no pause. A pause that begins
  // after that day does not move it (the case was overdue already).
  [[nodiscard]] CivilDate addWorkingDays(CivilDate start, int n,
                                         const std::vector<Pause>& pauses) const;

  // Working days inside a pause (both ends included).
  [[nodiscard]] int workingDaysIn(const Pause& pause) const;

 private:
  [[nodiscard]] bool isHolidayDay(std::int64_t day) const;
  [[nodiscard]] bool isMakeUpDay(std::int64_t day) const;

  std::string id_;
  std::vector<Holiday> holidays_;
  std::vector<MakeUpWorkday> workdays_;
  bool sample_ = false;
  // Sorted day numbers (days since epoch) for the lookups every working-day count makes.
  std::vector<std::int64_t> holidayDays_;
  std::vector<std::int64_t> makeUpDays_;
};

// The deadline of `limit` counted from `start` on `calendar`: working days on the calendar,
// calendar days as they come, immediate = `start`. Pauses stop the clock in either unit
// (calendar days inside a pause are not counted for a calendar-day limit).
[[nodiscard]] CivilDate deadline(const WorkingCalendar& calendar, CivilDate start,
                                 const Limit& limit, const std::vector<Pause>& pauses = {});

}  // namespace onewindow::forms
