#pragma once
// The figures as a PDF report (the console's "export PDF" and `onewindow-ctl supervisor figures
// --pdf`): the table, the chart of one figure by group, the period day by day and every
// formula, laid out as drawing operations and rendered by the printing library's cairo renderer.

#include <cstddef>
#include <string>

#include "client/engine/supervision_values.hpp"

namespace onewindow::engine {

struct FiguresReportHeading {
  std::string centreName;   // the station as its documents name it; may be empty
  std::string generatedAt;  // as the reader reads it: "2026年12月6日 14:05"
};

// PDF bytes; `chartFigure` indexes table.definitions.
[[nodiscard]] std::string figuresPdf(const FigureTable& table, std::size_t chartFigure,
                                     const FiguresReportHeading& heading);

}  // namespace onewindow::engine
