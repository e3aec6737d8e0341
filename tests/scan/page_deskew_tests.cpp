#include <cmath>

#include <catch2/catch.hpp>

#include "client/scan/page_pipeline_deskew.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

namespace {

// A text page turned by a known angle: the truth the measurement is checked against.
PageImage skewedTextPage(double degrees) {
  const ti::PageSpec spec{.dpi = 150, .paper = {248, 246, 238}, .seal = true, .noise = 5};
  return PageImage::fromRaster(ti::rotated(ti::makePage(spec), degrees, ti::Rgb{255, 255, 255}));
}

// The share of red seal pixels: deskew must keep colour.
double redShare(const PageImage& page) {
  const Raster raster = page.toRaster();
  long red = 0;
  for (std::size_t i = 0; i + 2 < raster.pixels.size(); i += 3) {
    if (raster.pixels[i] > 150 && raster.pixels[i + 1] < 100 && raster.pixels[i + 2] < 100) ++red;
  }
  return static_cast<double>(red) / (raster.width * raster.height);
}

}  // namespace

TEST_CASE("A text page turned by 3 degrees is straightened to within 0.3 degrees",
          "[scan][pipeline]") {
  const PageImage skewed = skewedTextPage(3.0);
  CHECK(measureSkewDegrees(skewed) == Approx(3.0).margin(0.2));

  double applied = 0;
  const PageImage straight = deskew(skewed, &applied);
  // Against the generator's known angle, and measured again on the result.
  CHECK(applied == Approx(-3.0).margin(0.3));
  CHECK(std::abs(measureSkewDegrees(straight)) < 0.3);
  CHECK(straight.width() == skewed.width());
  CHECK(straight.height() == skewed.height());
  CHECK(straight.colour());
  CHECK(redShare(straight) > 0.5 * redShare(skewed));
}

TEST_CASE("An anticlockwise skew is turned the other way", "[scan][pipeline]") {
  double applied = 0;
  const PageImage straight = deskew(skewedTextPage(-2.0), &applied);
  CHECK(applied == Approx(2.0).margin(0.3));
  CHECK(std::abs(measureSkewDegrees(straight)) < 0.3);
}

TEST_CASE("A page without lines of text is left as it is", "[scan][pipeline]") {
  const PageImage empty =
      PageImage::fromRaster(ti::makePage({.dpi = 100, .textLines = 0, .noise = 6}));
  double applied = 99;
  const PageImage same = deskew(empty, &applied);
  CHECK(applied == 0);
  CHECK(same.toRaster().pixels == empty.toRaster().pixels);

  const PageImage upright = PageImage::fromRaster(ti::makePage({.dpi = 100}));
  CHECK(std::abs(measureSkewDegrees(upright)) < 0.1);
  (void)deskew(upright, &applied);
  CHECK(applied == 0);
}
