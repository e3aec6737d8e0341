#include "client/app/figure_chart_view.hpp"

#include <algorithm>
#include <memory>

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

const wxColour kAxis(0x60, 0x60, 0x60);
const wxColour kGrid(0xDD, 0xDD, 0xDD);
const wxColour kBar(0x2B, 0x6C, 0xB0);
const wxColour kSeries[] = {wxColour(0x2B, 0x6C, 0xB0), wxColour(0xC0, 0x39, 0x2B)};

struct Plot {
  double left, top, width, height;
};

void drawAxis(wxGraphicsContext& gc, const std::vector<engine::ChartTick>& ticks, const Plot& plot,
              const wxFont& font) {
  gc.SetFont(font, kAxis);
  for (const engine::ChartTick& tick : ticks) {
    const double y = plot.top + plot.height * (1 - tick.share);
    gc.SetPen(wxPen(tick.share == 0 ? kAxis : kGrid, 1));
    gc.StrokeLine(plot.left, y, plot.left + plot.width, y);
    double w = 0, h = 0;
    gc.GetTextExtent(wx(tick.text), &w, &h);
    gc.DrawText(wx(tick.text), plot.left - w - 4, y - h / 2);
  }
}

void drawTitle(wxGraphicsContext& gc, const std::string& title, double x, double y,
               const wxFont& font) {
  gc.SetFont(font.Bold(), *wxBLACK);
  gc.DrawText(wx(title), x, y);
}

}  // namespace

FigureChartView::FigureChartView(wxWindow* parent) : wxPanel(parent) {
  SetName("figure-chart");
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(600, 260)));
  Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
  Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    Refresh();
    event.Skip();
  });
}

void FigureChartView::show(const engine::FigureTable& table, std::size_t figure) {
  bars_ = engine::barChartOf(table, figure);
  lines_ = engine::dailyChartOf(table);
  Refresh();
}

void FigureChartView::paint() {
  wxAutoBufferedPaintDC dc(this);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
  if (!gc) return;
  const wxSize size = GetClientSize();
  const wxFont font = GetFont();
  const wxFont small = font.Smaller();
  const double pad = FromDIP(10), titleHeight = FromDIP(24), labelHeight = FromDIP(22);
  const double axisRoom = FromDIP(44);
  const double half = size.GetWidth() * 0.55;

  // The bars: one figure by group.
  drawTitle(*gc, bars_.title, pad, pad, font);
  const Plot bars{pad + axisRoom, pad + titleHeight + FromDIP(14), half - 2 * pad - axisRoom,
                  size.GetHeight() - 2 * pad - titleHeight - FromDIP(14) - labelHeight};
  drawAxis(*gc, bars_.ticks, bars, small);
  const double slot =
      bars_.bars.empty() ? bars.width : bars.width / static_cast<double>(bars_.bars.size());
  const double barWidth = std::min<double>(FromDIP(48), slot * 0.6);
  for (std::size_t i = 0; i < bars_.bars.size(); ++i) {
    const engine::ChartBar& bar = bars_.bars[i];
    const double x = bars.left + slot * static_cast<double>(i) + (slot - barWidth) / 2;
    const double h = bars.height * bar.share;
    gc->SetPen(*wxTRANSPARENT_PEN);
    gc->SetBrush(wxBrush(kBar));
    if (h > 0) gc->DrawRectangle(x, bars.top + bars.height - h, barWidth, h);
    double w = 0, th = 0;
    gc->SetFont(small, *wxBLACK);
    gc->GetTextExtent(wx(bar.valueText), &w, &th);
    gc->DrawText(wx(bar.valueText), x + (barWidth - w) / 2, bars.top + bars.height - h - th - 2);
    gc->GetTextExtent(wx(bar.label), &w, &th);
    gc->Clip(bars.left + slot * static_cast<double>(i), bars.top + bars.height, slot, labelHeight);
    gc->DrawText(wx(bar.label), x + (barWidth - w) / 2, bars.top + bars.height + 4);
    gc->ResetClip();
  }

  // The lines: the period day by day.
  const double left = half + pad;
  drawTitle(*gc, lines_.title, left, pad, font);
  const Plot lines{left + axisRoom, pad + titleHeight + FromDIP(14),
                   size.GetWidth() - left - axisRoom - 2 * pad,
                   size.GetHeight() - 2 * pad - titleHeight - FromDIP(14) - labelHeight};
  drawAxis(*gc, lines_.ticks, lines, small);
  const std::size_t days = lines_.days.size();
  const auto xOf = [&](std::size_t i) {
    return days <= 1
               ? lines.left + lines.width / 2
               : lines.left + lines.width * static_cast<double>(i) / static_cast<double>(days - 1);
  };
  for (std::size_t s = 0; s < lines_.series.size(); ++s) {
    const engine::ChartSeries& series = lines_.series[s];
    const wxColour colour = kSeries[s % 2];
    gc->SetPen(wxPen(colour, FromDIP(2)));
    wxGraphicsPath path = gc->CreatePath();
    for (std::size_t i = 0; i < series.shares.size(); ++i) {
      const double y = lines.top + lines.height * (1 - series.shares[i]);
      if (i == 0)
        path.MoveToPoint(xOf(i), y);
      else
        path.AddLineToPoint(xOf(i), y);
    }
    gc->StrokePath(path);
    gc->SetBrush(wxBrush(colour));
    for (std::size_t i = 0; i < series.shares.size(); ++i)
      gc->DrawEllipse(xOf(i) - 2.5, lines.top + lines.height * (1 - series.shares[i]) - 2.5, 5, 5);
    // The legend above the plot.
    const double legendX = lines.left + FromDIP(4) + FromDIP(110) * static_cast<double>(s);
    gc->StrokeLine(legendX, lines.top - FromDIP(8), legendX + FromDIP(16), lines.top - FromDIP(8));
    gc->SetFont(small, *wxBLACK);
    gc->DrawText(wx(series.name), legendX + FromDIP(20), lines.top - FromDIP(16));
  }
  gc->SetFont(small, kAxis);
  const std::size_t every = days > 12 ? 5 : 1;
  for (std::size_t i = 0; i < days; i += every) {
    double w = 0, h = 0;
    gc->GetTextExtent(wx(lines_.days[i]), &w, &h);
    gc->DrawText(wx(lines_.days[i]), xOf(i) - w / 2, lines.top + lines.height + 4);
  }
}

}  // namespace onewindow::app
