#include <cmath>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "client/scan/page_pipeline_id_card.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

namespace {

PageImage cardSide(ti::Rgb colour, int dpi) {
  Raster side = ti::makePage({.dpi = dpi, .widthMm = 85.6, .heightMm = 54, .textLines = 0});
  for (std::size_t i = 0; i < side.pixels.size(); i += 3) {
    side.pixels[i] = colour.r;
    side.pixels[i + 1] = colour.g;
    side.pixels[i + 2] = colour.b;
  }
  return PageImage::fromRaster(side);
}

// The width of the run of non-white pixels through the middle of row y.
int inkRun(const Raster& page, int y) {
  int first = -1, last = -1;
  for (int x = 0; x < page.width; ++x) {
    if (ti::greyAt(page, x, y) < 240) {
      if (first < 0) first = x;
      last = x;
    }
  }
  return first < 0 ? 0 : last - first + 1;
}

}  // namespace

TEST_CASE("Both sides of an ID card go on one A4 page at their true size", "[scan][pipeline]") {
  const PageImage front = cardSide({200, 40, 40}, 300);  // scanned finer than the copy
  const PageImage back = cardSide({40, 40, 200}, 200);
  const PageImage page = combineIdCardSides(front, back, 150);
  CHECK(page.width() == 1240);
  CHECK(page.height() == 1754);
  CHECK(page.dpi() == 150);
  CHECK(page.colour());

  const Raster raster = page.toRaster();
  const auto pixel = [&](int x, int y) {
    return raster.pixels.data() + raster.stride() * y + 3 * x;
  };
  const std::uint8_t* upper = pixel(620, 1754 / 4);
  CHECK(upper[0] > 150);  // the front (red) above
  CHECK(upper[2] < 100);
  const std::uint8_t* lower = pixel(620, 1754 * 3 / 4);
  CHECK(lower[2] > 150);  // the back (blue) below
  CHECK(lower[0] < 100);
  CHECK(ti::greyAt(raster, 5, 5) == 255);
  CHECK(ti::greyAt(raster, 620, 1754 / 2) == 255);  // white between the sides
  const int cardWidth = static_cast<int>(std::lround(85.6 / 25.4 * 150));
  CHECK(std::abs(inkRun(raster, 1754 / 4) - cardWidth) <= 2);
  CHECK(std::abs(inkRun(raster, 1754 * 3 / 4) - cardWidth) <= 2);

  CHECK_THROWS_AS(combineIdCardSides(front, PageImage(), 150), std::invalid_argument);
  CHECK_THROWS_AS(combineIdCardSides(front, back, 0), std::invalid_argument);
}

TEST_CASE("Two grey sides make a grey ID card page", "[scan][pipeline]") {
  Raster side = ti::makePage({.dpi = 100, .widthMm = 85.6, .heightMm = 54, .textLines = 2});
  side.channels = 1;
  side.pixels.resize(side.stride() * side.height);
  const PageImage grey = PageImage::fromRaster(side);
  const PageImage page = combineIdCardSides(grey, grey, 100);
  CHECK_FALSE(page.colour());
  CHECK(page.width() == 827);
}
