#include "printing/calibration.hpp"

#include <cstdio>

namespace onewindow::printing {
namespace {

TextStyle small(double size, Align align = Align::Left) {
  TextStyle style;
  style.family = "Noto Sans CJK SC";
  style.sizePt = size;
  style.align = align;
  return style;
}

std::string millimetres(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

// A cross with a circle, its centre at (x, y), and its coordinates beside it.
void mark(std::vector<DrawOp>& ops, double x, double y, double pageWidth) {
  ops.push_back(LineOp{x - 8, y, x + 8, y, 0.15});
  ops.push_back(LineOp{x, y - 8, x, y + 8, 0.15});
  ops.push_back(RectOp{x - 3, y - 3, 6, 6, 0.15, false, true});
  const double labelX = x + 30 > pageWidth ? x - 34 : x + 4;
  ops.push_back(TextOp{labelX, y + 1.5, 30, small(7), 7,
                       "(" + millimetres(x) + ", " + millimetres(y) + ") mm"});
}

// A ruler along the top or the left edge, a tick every millimetre, numbered every 10.
void rulers(std::vector<DrawOp>& ops, double width, double height) {
  for (int mm = 0; mm <= static_cast<int>(width); ++mm) {
    const double tick = mm % 10 == 0 ? 4 : mm % 5 == 0 ? 2.5 : 1.5;
    ops.push_back(LineOp{static_cast<double>(mm), 0, static_cast<double>(mm), tick, 0.1});
    if (mm % 10 == 0 && mm > 0 && mm < width - 5)
      ops.push_back(TextOp{mm - 5.0, 4.2, 10, small(5, Align::Center), 5, std::to_string(mm)});
  }
  for (int mm = 0; mm <= static_cast<int>(height); ++mm) {
    const double tick = mm % 10 == 0 ? 4 : mm % 5 == 0 ? 2.5 : 1.5;
    ops.push_back(LineOp{0, static_cast<double>(mm), tick, static_cast<double>(mm), 0.1});
    if (mm % 10 == 0 && mm > 0 && mm < height - 5)
      ops.push_back(TextOp{4.5, mm - 1.5, 10, small(5), 5, std::to_string(mm)});
  }
}

}  // namespace

LaidOutDocument calibrationPage(double width, double height, const std::string& printer) {
  LaidOutDocument document;
  document.name = "套打校准页";
  document.kind = "calibration";
  LaidOutPage page;
  page.width = width;
  page.height = height;
  rulers(page.ops, width, height);
  const double inset = 20;
  for (const auto& [x, y] :
       {std::pair{inset, inset}, std::pair{width - inset, inset}, std::pair{inset, height - inset},
        std::pair{width - inset, height - inset}, std::pair{width / 2, height / 2}})
    mark(page.ops, x, y, width);
  TextStyle title = small(16, Align::Center);
  title.bold = true;
  page.ops.push_back(TextOp{inset, inset + 12, width - 2 * inset, title, 16, "套打校准页"});
  const std::string instructions =
      "打印机：" + (printer.empty() ? std::string("（未指定）") : printer) +
      "\n用直尺量出每个十字中心到纸张上边和左边的实际距离，与标注的坐标相比较："
      "实际偏右或偏下为正，偏左或偏上为负。在“设置”中为此打印机填入水平和垂直偏移（毫米），"
      "套打证照时各项内容将按此移动。";
  page.ops.push_back(
      TextOp{inset + 10, inset + 24, width - 2 * inset - 20, small(9), 9, instructions});
  document.pages.push_back(std::move(page));
  return document;
}

}  // namespace onewindow::printing
