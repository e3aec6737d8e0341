#include "client/engine/figure_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace onewindow::engine {
namespace {

std::string formatted(const char* format, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// A count axis has four steps of a whole, round size (1, 2 or 5 × 10^n), so every tick is a
// whole number, and ends at or above the largest value; a rate axis always runs 0–100%.
double countAxisTop(double largest) {
  const double wanted = std::max(1.0, largest / 4);
  const double magnitude = std::pow(10.0, std::floor(std::log10(wanted)));
  for (double step : {1.0, 2.0, 5.0, 10.0})
    if (wanted <= step * magnitude) return 4 * step * magnitude;
  return 40 * magnitude;
}

std::vector<ChartTick> ticksOf(double top, bool rate) {
  std::vector<ChartTick> ticks;
  for (int i = 0; i <= 4; ++i) {
    const double value = top * i / 4;
    ticks.push_back({i / 4.0, rate ? formatted("%.0f%%", value * 100) : formatted("%.0f", value)});
  }
  return ticks;
}

const char* periodWord(FigurePeriod period) {
  switch (period) {
    case FigurePeriod::Today:
      return "今日";
    case FigurePeriod::ThisWeek:
      return "本周";
    case FigurePeriod::ThisMonth:
      return "本月";
  }
  return "";
}

}  // namespace

std::string figureValueText(const FigureDefinition& definition, const FigureValue& value) {
  if (!value.value) return "—";
  return definition.rate ? formatted("%.1f%%", *value.value * 100)
                         : formatted("%.0f", *value.value);
}

BarChart barChartOf(const FigureTable& table, std::size_t figure) {
  BarChart chart;
  if (figure >= table.definitions.size()) return chart;
  const FigureDefinition& definition = table.definitions[figure];
  chart.title = definition.name + "（" + periodWord(table.period) + "，" + table.from + " 至 " +
                table.to + "）";
  // More groups than a chart can label (36 clerks, 28 matters): the largest values, largest
  // first, and the title says how many of how many; the table above the chart has them all.
  std::vector<const FigureRow*> shown;
  for (const FigureRow& row : table.rows) shown.push_back(&row);
  if (shown.size() > kMostBars) {
    std::stable_sort(shown.begin(), shown.end(), [&](const FigureRow* a, const FigureRow* b) {
      return a->values[figure].value.value_or(-1e9) > b->values[figure].value.value_or(-1e9);
    });
    shown.resize(kMostBars);
    chart.title +=
        "，前 " + std::to_string(kMostBars) + " 名（共 " + std::to_string(table.rows.size()) + "）";
  }
  double largest = 0;
  for (const FigureRow* row : shown)
    largest = std::max(largest, row->values[figure].value.value_or(0));
  // A speed-up below zero (later than the legal limit) draws as an empty bar with its value.
  const double top = definition.rate ? 1.0 : countAxisTop(largest);
  chart.ticks = ticksOf(top, definition.rate);
  for (const FigureRow* row : shown) {
    const FigureValue& value = row->values[figure];
    ChartBar bar;
    bar.label = row->groupName;
    bar.known = value.value.has_value();
    bar.share = std::clamp(value.value.value_or(0) / top, 0.0, 1.0);
    bar.valueText = figureValueText(definition, value);
    chart.bars.push_back(std::move(bar));
  }
  return chart;
}

LineChart dailyChartOf(const FigureTable& table) {
  LineChart chart;
  chart.title = std::string("每日受理与超期办结（") + periodWord(table.period) + "）";
  std::int64_t largest = 0;
  for (const FigureDay& day : table.days)
    largest = std::max({largest, day.accepted, day.decidedLate});
  const double top = countAxisTop(static_cast<double>(largest));
  chart.ticks = ticksOf(top, false);
  ChartSeries accepted{"受理件数", {}, {}};
  ChartSeries late{"超期办结", {}, {}};
  for (const FigureDay& day : table.days) {
    chart.days.push_back(day.date.size() == 10 ? day.date.substr(5) : day.date);
    accepted.values.push_back(day.accepted);
    accepted.shares.push_back(static_cast<double>(day.accepted) / top);
    late.values.push_back(day.decidedLate);
    late.shares.push_back(static_cast<double>(day.decidedLate) / top);
  }
  chart.series = {std::move(accepted), std::move(late)};
  return chart;
}

}  // namespace onewindow::engine
