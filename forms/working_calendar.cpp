#include "forms/working_calendar.hpp"

#include <algorithm>
#include <stdexcept>

namespace onewindow::forms {
namespace {

bool contains(const std::vector<std::int64_t>& sorted, std::int64_t day) {
  return std::binary_search(sorted.begin(), sorted.end(), day);
}

void sortUnique(std::vector<std::int64_t>& days) {
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
}

bool inAnyPause(const std::vector<Pause>& pauses, CivilDate date) {
  return std::any_of(pauses.begin(), pauses.end(),
                     [&](const Pause& pause) { return pause.from <= date && date <= pause.to; });
}

// The n-th day after `start` that `counts`, skipping paused days.
template <typename Counts>
CivilDate nthCountedDay(CivilDate start, int n, const std::vector<Pause>& pauses, Counts counts) {
  if (n < 0) throw std::invalid_argument("a time limit cannot be negative");
  std::int64_t day = start.daysSinceEpoch();
  for (int counted = 0; counted < n;) {
    ++day;
    const auto date = CivilDate::fromDaysSinceEpoch(day);
    if (counts(date) && !inAnyPause(pauses, date)) ++counted;
  }
  return CivilDate::fromDaysSinceEpoch(day);
}

}  // namespace

std::string_view limitUnitName(LimitUnit unit) {
  switch (unit) {
    case LimitUnit::WorkingDay:
      return "working-day";
    case LimitUnit::CalendarDay:
      return "calendar-day";
    case LimitUnit::Immediate:
      return "immediate";
  }
  return "working-day";
}

WorkingCalendar::WorkingCalendar(std::string id, std::vector<Holiday> holidays,
                                 std::vector<MakeUpWorkday> workdays, bool sample)
    : id_(std::move(id)),
      holidays_(std::move(holidays)),
      workdays_(std::move(workdays)),
      sample_(sample) {
  for (const auto& holiday : holidays_) {
    for (auto day = holiday.from.daysSinceEpoch(); day <= holiday.to.daysSinceEpoch(); ++day) {
      holidayDays_.push_back(day);
    }
  }
  for (const auto& workday : workdays_) makeUpDays_.push_back(workday.date.daysSinceEpoch());
  sortUnique(holidayDays_);
  sortUnique(makeUpDays_);
}

bool WorkingCalendar::isHolidayDay(std::int64_t day) const { return contains(holidayDays_, day); }

bool WorkingCalendar::isMakeUpDay(std::int64_t day) const { return contains(makeUpDays_, day); }

bool WorkingCalendar::isWorkingDay(CivilDate date) const {
  const auto day = date.daysSinceEpoch();
  if (isMakeUpDay(day)) return true;
  if (isHolidayDay(day)) return false;
  return date.isoWeekday() <= 5;
}

const Holiday* WorkingCalendar::holidayOn(CivilDate date) const {
  for (const auto& holiday : holidays_) {
    if (holiday.from <= date && date <= holiday.to) return &holiday;
  }
  return nullptr;
}

CivilDate WorkingCalendar::addWorkingDays(CivilDate start, int n) const {
  return addWorkingDays(start, n, {});
}

CivilDate WorkingCalendar::addWorkingDays(CivilDate start, int n,
                                          const std::vector<Pause>& pauses) const {
  return nthCountedDay(start, n, pauses, [this](CivilDate date) { return isWorkingDay(date); });
}

int WorkingCalendar::workingDaysBetween(CivilDate from, CivilDate to) const {
  if (to < from) return -workingDaysBetween(to, from);
  int count = 0;
  for (auto day = from.daysSinceEpoch() + 1; day <= to.daysSinceEpoch(); ++day) {
    if (isWorkingDay(CivilDate::fromDaysSinceEpoch(day))) ++count;
  }
  return count;
}

int WorkingCalendar::workingDaysLeft(CivilDate today, CivilDate due) const {
  if (today <= due) return workingDaysBetween(today, due);
  return -std::max(1, workingDaysBetween(due, today));
}

int WorkingCalendar::workingDaysIn(const Pause& pause) const {
  if (pause.to < pause.from) return 0;
  return workingDaysBetween(pause.from.plusDays(-1), pause.to);
}

CivilDate deadline(const WorkingCalendar& calendar, CivilDate start, const Limit& limit,
                   const std::vector<Pause>& pauses) {
  switch (limit.unit) {
    case LimitUnit::Immediate:
      return start;
    case LimitUnit::CalendarDay:
      return nthCountedDay(start, limit.days, pauses, [](CivilDate) { return true; });
    case LimitUnit::WorkingDay:
      return calendar.addWorkingDays(start, limit.days, pauses);
  }
  return start;
}

}  // namespace onewindow::forms
