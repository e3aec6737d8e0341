#pragma once
// The figures' charts as geometry, decided once: which bars, how tall, which axis ticks. The
// console paints it with wxGraphicsContext, the PDF export lays it out for the printing
// library's cairo renderer, so the screen and the paper show the same chart.

#include <cstddef>
#include <string>
#include <vector>

#include "client/engine/supervision_values.hpp"

namespace onewindow::engine {

struct ChartTick {
  double share = 0;  // 0 at the axis, 1 at its top
  std::string text;  // "50%", "12"
};

struct ChartBar {
  std::string label;      // the group: window, clerk or matter
  double share = 0;       // the bar's height as a share of the axis
  std::string valueText;  // "66.7%", "12", "—" (nothing to divide by)
  bool known = true;
};

struct BarChart {
  std::string title;  // the figure's name and its period
  std::vector<ChartTick> ticks;
  std::vector<ChartBar> bars;
};

struct ChartSeries {
  std::string name;
  std::vector<double> shares;  // one a day
  std::vector<std::int64_t> values;
};

struct LineChart {
  std::string title;
  std::vector<std::string> days;  // "10-08": the x axis, one a day
  std::vector<ChartTick> ticks;
  std::vector<ChartSeries> series;  // accepted, decided late
};

// The most bars a chart labels legibly on the page and the screen.
inline constexpr std::size_t kMostBars = 15;

// One figure by group (its index in table.definitions); beyond kMostBars groups, the largest.
[[nodiscard]] BarChart barChartOf(const FigureTable& table, std::size_t figure);
// The period day by day: cases accepted and cases decided late.
[[nodiscard]] LineChart dailyChartOf(const FigureTable& table);
// A figure's value as the console and the export write it.
[[nodiscard]] std::string figureValueText(const FigureDefinition& definition,
                                          const FigureValue& value);

}  // namespace onewindow::engine
