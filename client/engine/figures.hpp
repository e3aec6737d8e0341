#pragma once
// The supervisor's figures (domain reference, "Supervisor figures"), computed from the
// station's cases and ratings of a period with the formulas the settings choose. Pure: the
// engine reads the rows, this counts; the CSV is what the console and ctl export.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "client/engine/supervision_values.hpp"
#include "forms/civil_date.hpp"
#include "forms/working_calendar.hpp"

namespace onewindow::engine {

// The first and last day of a period containing `today` (a week runs Monday to Sunday).
[[nodiscard]] std::pair<forms::CivilDate, forms::CivilDate> figurePeriodDays(
    FigurePeriod period, forms::CivilDate today);

struct FigureInput {
  FigurePeriod period = FigurePeriod::Today;
  FigureGrouping grouping = FigureGrouping::Window;
  forms::CivilDate from;
  forms::CivilDate to;
  std::vector<localdb::FigureCase> cases;      // taken in within the period
  std::vector<localdb::FigureRating> ratings;  // given within the period
  FigureFormulas formulas;
  // The working calendar of a case (its matter's, on its intake date); null: the case is not
  // counted in the working-day figures.
  std::function<const forms::WorkingCalendar*(const std::string& matterCode, forms::CivilDate)>
      calendarOf;
};

// The definitions in their fixed order, with the formulas as configured.
[[nodiscard]] std::vector<FigureDefinition> figureDefinitions(const FigureFormulas& formulas);
[[nodiscard]] FigureTable computeFigures(const FigureInput& input);

// UTF-8 with a byte-order mark and CRLF lines, so the spreadsheet programs at the window open
// the Chinese headers correctly: one row per group and a total; rates as percentages with one
// decimal, each with its numerator and denominator.
[[nodiscard]] std::string figuresCsv(const FigureTable& table);

}  // namespace onewindow::engine
