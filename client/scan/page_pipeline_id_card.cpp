#include "client/scan/page_pipeline_id_card.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kA4WidthMm = 210.0, kA4HeightMm = 297.0;
constexpr double kCardWidthMm = 85.6, kCardHeightMm = 54.0;  // ISO/IEC 7810 ID-1

int pixelsFor(double mm, int dpi) { return static_cast<int>(std::lround(mm / kMmPerInch * dpi)); }

// One side at the card's size on the page, centred at (centreX, centreY).
void placeSide(PIX* canvas, const PageImage& side, int dpi, int centreX, int centreY) {
  const int boxWidth = pixelsFor(kCardWidthMm, dpi), boxHeight = pixelsFor(kCardHeightMm, dpi);
  const double factor = std::min(static_cast<double>(boxWidth) / side.width(),
                                 static_cast<double>(boxHeight) / side.height());
  const int width = std::max(1, static_cast<int>(std::lround(side.width() * factor)));
  const int height = std::max(1, static_cast<int>(std::lround(side.height() * factor)));
  PixPtr matched = pixGetDepth(canvas) == 32
                       ? checked(pixConvertTo32(side.pix()), "converting a side to colour")
                       : detail::greyCopy(side.pix());
  PixPtr scaled = checked(pixScaleToSize(matched.get(), width, height), "scaling a side");
  pixRasterop(canvas, centreX - width / 2, centreY - height / 2, width, height, PIX_SRC,
              scaled.get(), 0, 0);
}

}  // namespace

PageImage combineIdCardSides(const PageImage& front, const PageImage& back, int dpi) {
  detail::requireValid(front, "combineIdCardSides (front)");
  detail::requireValid(back, "combineIdCardSides (back)");
  if (dpi < 50 || dpi > 1200) {
    throw std::invalid_argument("combineIdCardSides: dpi must be between 50 and 1200");
  }
  const int pageWidth = pixelsFor(kA4WidthMm, dpi), pageHeight = pixelsFor(kA4HeightMm, dpi);
  const bool colour = front.colour() || back.colour();
  PixPtr page = checked(pixCreate(pageWidth, pageHeight, colour ? 32 : 8), "creating the page");
  pixSetAll(page.get());  // white
  if (colour) pixSetSpp(page.get(), 3);
  placeSide(page.get(), front, dpi, pageWidth / 2, pageHeight / 4);
  placeSide(page.get(), back, dpi, pageWidth / 2, pageHeight * 3 / 4);
  pixSetResolution(page.get(), dpi, dpi);
  return PageImage(page.release());
}

}  // namespace onewindow::scan
