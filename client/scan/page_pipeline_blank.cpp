#include "client/scan/page_pipeline_blank.hpp"

#include <algorithm>
#include <array>

#include "client/scan/page_pipeline_geometry.hpp"
#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

constexpr double kLookDpi = 100.0;  // text strokes stay several pixels wide
constexpr int kLookSideWhenDpiUnknown = 1200;
constexpr double kMarginFraction = 0.04;
// Ink is at least this much darker than the paper (a fraction of the paper's brightness).
constexpr double kInkContrast = 0.3;
constexpr int kDarkPaperBelow = 64;
constexpr int kMinSpeckPixels = 3;  // at 100 dpi: 0.76 mm
// One short handwritten word on an A4 page is about 0.03% of it.
constexpr double kBlankBelowInk = 0.0002;

int medianLevel(PIX* grey) {
  std::array<long, 256> histogram{};
  const int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = pixGetData(grey) + static_cast<std::size_t>(wpl) * y;
    for (int x = 0; x < w; ++x) ++histogram[GET_DATA_BYTE(line, x)];
  }
  const long half = static_cast<long>(w) * h / 2;
  long seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += histogram[level];
    if (seen > half) return level;
  }
  return 255;
}

}  // namespace

BlankVerdict checkBlank(const PageImage& image) {
  detail::requireValid(image, "checkBlank");
  const std::optional<PixelRect> paper = findDocumentEdges(image);
  const PageImage cropped = paper ? crop(image, *paper) : PageImage();
  const PageImage& page = paper ? cropped : image;

  int maxSide = kLookSideWhenDpiUnknown;
  if (page.dpi() > 0) {
    maxSide = std::max(
        64, static_cast<int>(std::max(page.width(), page.height()) * kLookDpi / page.dpi()));
  }
  double scale = 1.0;
  PixPtr grey = detail::greyReduced(page.pix(), maxSide, &scale);
  const int w = pixGetWidth(grey.get()), h = pixGetHeight(grey.get());
  const int mx = static_cast<int>(w * kMarginFraction), my = static_cast<int>(h * kMarginFraction);
  if (w - 2 * mx < 4 || h - 2 * my < 4) return {true, 0.0};  // too small to hold anything
  detail::BoxPtr inner(boxCreate(mx, my, w - 2 * mx, h - 2 * my));
  PixPtr inside = checked(pixClipRectangle(grey.get(), inner.get(), nullptr), "taking the margin");

  const int paperLevel = medianLevel(inside.get());
  if (paperLevel < kDarkPaperBelow) return {false, 1.0};  // a dark page is anything but blank
  const int inkBelow = static_cast<int>(paperLevel * (1.0 - kInkContrast));
  PixPtr ink = checked(pixThresholdToBinary(inside.get(), std::max(inkBelow, 1)), "finding ink");
  PixPtr marks = checked(pixSelectBySize(ink.get(), kMinSpeckPixels, kMinSpeckPixels, 8,
                                         L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr),
                         "removing specks");
  l_int32 inkPixels = 0;
  pixCountPixels(marks.get(), &inkPixels, nullptr);
  const double fraction =
      static_cast<double>(inkPixels) /
      (static_cast<double>(pixGetWidth(inside.get())) * pixGetHeight(inside.get()));
  return {fraction < kBlankBelowInk, fraction};
}

}  // namespace onewindow::scan
