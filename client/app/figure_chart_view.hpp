#pragma once
// The figures' charts on screen: one figure by group as bars, and the period day by day as
// lines, painted with wxGraphicsContext from the engine's chart geometry (the PDF export draws
// the same geometry).

#include <cstddef>

#include <wx/panel.h>

#include "client/engine/figure_charts.hpp"

namespace onewindow::app {

class FigureChartView final : public wxPanel {
 public:
  explicit FigureChartView(wxWindow* parent);

  void show(const engine::FigureTable& table, std::size_t figure);
  [[nodiscard]] const engine::BarChart& bars() const { return bars_; }
  [[nodiscard]] const engine::LineChart& lines() const { return lines_; }

 private:
  void paint();

  engine::BarChart bars_;
  engine::LineChart lines_;
};

}  // namespace onewindow::app
