#include "client/engine/figures_report.hpp"

#include <algorithm>

#include "client/engine/figure_charts.hpp"
#include "printing/layout.hpp"
#include "printing/render.hpp"

namespace onewindow::engine {
namespace {

using printing::Align;
using printing::DrawOp;
using printing::LaidOutPage;
using printing::LineOp;
using printing::RectOp;
using printing::TextOp;
using printing::TextStyle;

constexpr double kPageWidth = 210, kPageHeight = 297, kMargin = 15;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kRowHeight = 7;

TextStyle style(double sizePt, bool bold = false, Align align = Align::Left, double grey = 0) {
  TextStyle s;
  s.family = "Noto Sans CJK SC";
  s.sizePt = sizePt;
  s.bold = bold;
  s.align = align;
  s.wrap = false;
  s.shrink = true;
  s.minSizePt = 5;
  s.grey = grey;
  return s;
}

void text(std::vector<DrawOp>& ops, double x, double y, double width, const std::string& content,
          const TextStyle& s) {
  TextOp op;
  op.x = x;
  op.y = y;
  op.width = width;
  op.style = s;
  op.sizePt = s.sizePt;
  op.text = content;
  ops.emplace_back(std::move(op));
}

void line(std::vector<DrawOp>& ops, double x1, double y1, double x2, double y2,
          double width = 0.2) {
  ops.emplace_back(LineOp{x1, y1, x2, y2, width});
}

// Pages are added as the content needs them; `y` is where the next thing goes.
struct Pages {
  std::vector<LaidOutPage> pages;
  double y = kMargin;

  std::vector<DrawOp>& ops() { return pages.back().ops; }
  void newPage() {
    pages.push_back(LaidOutPage{kPageWidth, kPageHeight, {}, {}});
    y = kMargin;
  }
  void need(double height) {
    if (pages.empty() || y + height > kPageHeight - kMargin) newPage();
  }
};

void tableHeader(Pages& out, const FigureTable& table, double groupWidth, double columnWidth) {
  static const char* kGroupHeadings[] = {"窗口", "工作人员", "事项"};
  auto& ops = out.ops();
  ops.emplace_back(RectOp{kMargin, out.y, kContentWidth, kRowHeight, 0.2, false, false, 0.9});
  text(ops, kMargin + 1.5, out.y + 1.5, groupWidth - 3,
       kGroupHeadings[static_cast<int>(table.grouping)], style(9, true));
  for (std::size_t i = 0; i < table.definitions.size(); ++i)
    text(ops, kMargin + groupWidth + columnWidth * static_cast<double>(i), out.y + 1.5,
         columnWidth - 2, table.definitions[i].name, style(9, true, Align::Right));
  out.y += kRowHeight;
}

void tableRow(Pages& out, const FigureTable& table, const std::string& name, const FigureRow& row,
              double groupWidth, double columnWidth, bool total) {
  auto& ops = out.ops();
  text(ops, kMargin + 1.5, out.y + 1.5, groupWidth - 3, name, style(9, total));
  for (std::size_t i = 0; i < table.definitions.size(); ++i)
    text(ops, kMargin + groupWidth + columnWidth * static_cast<double>(i), out.y + 1.5,
         columnWidth - 2, figureValueText(table.definitions[i], row.values[i]),
         style(9, total, Align::Right));
  out.y += kRowHeight;
  line(ops, kMargin, out.y, kMargin + kContentWidth, out.y, total ? 0.4 : 0.1);
}

// The chart's frame: the value axis with its ticks at the left of the plot area.
void axis(std::vector<DrawOp>& ops, const std::vector<ChartTick>& ticks, double left, double top,
          double width, double height) {
  for (const ChartTick& tick : ticks) {
    const double y = top + height * (1 - tick.share);
    line(ops, left, y, left + width, y, tick.share == 0 ? 0.3 : 0.08);
    text(ops, left - 14, y - 1.8, 12.5, tick.text, style(7, false, Align::Right, 0.3));
  }
}

void barChart(Pages& out, const BarChart& chart) {
  const double height = 62;
  out.need(height + 22);
  auto& ops = out.ops();
  text(ops, kMargin, out.y, kContentWidth, chart.title, style(11, true));
  const double left = kMargin + 16, top = out.y + 9, width = kContentWidth - 16;
  axis(ops, chart.ticks, left, top, width, height);
  const double slot = chart.bars.empty() ? width : width / static_cast<double>(chart.bars.size());
  const double barWidth = std::min(18.0, slot * 0.6);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const ChartBar& bar = chart.bars[i];
    const double x = left + slot * static_cast<double>(i) + (slot - barWidth) / 2;
    const double barHeight = height * bar.share;
    if (barHeight > 0)
      ops.emplace_back(
          RectOp{x, top + height - barHeight, barWidth, barHeight, 0.2, false, false, 0.45});
    text(ops, x - 4, top + height - barHeight - 4.5, barWidth + 8, bar.valueText,
         style(7, false, Align::Center));
    text(ops, left + slot * static_cast<double>(i), top + height + 1.5, slot, bar.label,
         style(7.5, false, Align::Center));
  }
  out.y = top + height + 10;
}

void lineChart(Pages& out, const LineChart& chart) {
  const double height = 50;
  out.need(height + 26);
  auto& ops = out.ops();
  text(ops, kMargin, out.y, kContentWidth, chart.title, style(11, true));
  const double left = kMargin + 16, top = out.y + 9, width = kContentWidth - 16;
  axis(ops, chart.ticks, left, top, width, height);
  const std::size_t days = chart.days.size();
  const auto xOf = [&](std::size_t i) {
    return days <= 1 ? left + width / 2
                     : left + width * static_cast<double>(i) / static_cast<double>(days - 1);
  };
  const double weights[] = {0.6, 0.25};
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const ChartSeries& series = chart.series[s];
    for (std::size_t i = 0; i < series.shares.size(); ++i) {
      const double y = top + height * (1 - series.shares[i]);
      if (i > 0)
        line(ops, xOf(i - 1), top + height * (1 - series.shares[i - 1]), xOf(i), y, weights[s % 2]);
      ops.emplace_back(RectOp{xOf(i) - 0.6, y - 0.6, 1.2, 1.2, 0.2, false, true, s == 0 ? 0 : 0.5});
    }
    // The legend: a sample of the line and the series' name.
    const double legendX = left + 4 + 40 * static_cast<double>(s);
    line(ops, legendX, top - 2, legendX + 6, top - 2, weights[s % 2]);
    text(ops, legendX + 7, top - 4, 32, series.name, style(7.5));
  }
  // Every day is labelled when it fits, else every fifth.
  const std::size_t every = days > 12 ? 5 : 1;
  for (std::size_t i = 0; i < days; i += every)
    text(ops, xOf(i) - 6, top + height + 1.5, 12, chart.days[i], style(6.5, false, Align::Center));
  out.y = top + height + 10;
}

}  // namespace

std::string figuresPdf(const FigureTable& table, std::size_t chartFigure,
                       const FiguresReportHeading& heading) {
  Pages out;
  out.newPage();
  static const char* kByWord[] = {"按窗口", "按工作人员", "按事项"};
  text(out.ops(), kMargin, out.y, kContentWidth,
       (heading.centreName.empty() ? std::string() : heading.centreName + " ") + "综合窗口统计",
       style(16, true, Align::Center));
  out.y += 10;
  text(out.ops(), kMargin, out.y, kContentWidth,
       "统计期间 " + table.from + " 至 " + table.to + "　" +
           kByWord[static_cast<int>(table.grouping)] + "　生成于 " + heading.generatedAt,
       style(9, false, Align::Center, 0.25));
  out.y += 10;

  const double groupWidth = 50;
  const double columnWidth =
      (kContentWidth - groupWidth) /
      static_cast<double>(std::max<std::size_t>(1, table.definitions.size()));
  out.need(2 * kRowHeight);
  tableHeader(out, table, groupWidth, columnWidth);
  for (const FigureRow& row : table.rows) {
    if (out.y + kRowHeight > kPageHeight - kMargin) {
      out.newPage();
      tableHeader(out, table, groupWidth, columnWidth);
    }
    tableRow(out, table, row.group == row.groupName ? row.group : row.groupName, row, groupWidth,
             columnWidth, false);
  }
  out.need(kRowHeight);
  tableRow(out, table, "合计", table.total, groupWidth, columnWidth, true);
  out.y += 8;

  barChart(out, barChartOf(table, chartFigure));
  lineChart(out, dailyChartOf(table));

  out.need(8 + 6 * static_cast<double>(table.definitions.size() + table.notes.size()));
  text(out.ops(), kMargin, out.y, kContentWidth, "指标口径", style(11, true));
  out.y += 7;
  for (const FigureDefinition& definition : table.definitions) {
    text(out.ops(), kMargin, out.y, 30, definition.name, style(8.5, true));
    text(out.ops(), kMargin + 30, out.y, kContentWidth - 30, definition.formula, style(8.5));
    out.y += 5.5;
  }
  for (const std::string& note : table.notes) {
    text(out.ops(), kMargin, out.y, kContentWidth, note, style(8, false, Align::Left, 0.3));
    out.y += 5.5;
  }

  printing::LaidOutDocument document;
  document.name = "supervisor-figures";
  document.kind = "figures";
  document.pages = std::move(out.pages);
  printing::RenderOptions options;
  options.title = "综合窗口统计 " + table.from + " 至 " + table.to;
  return printing::renderPdf(document, options);
}

}  // namespace onewindow::engine
