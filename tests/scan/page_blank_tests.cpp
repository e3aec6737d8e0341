#include <catch2/catch.hpp>

#include "client/scan/page_pipeline_blank.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

TEST_CASE("A blank page with scanner noise, tint and a dark border is flagged",
          "[scan][pipeline]") {
  Raster back = ti::onBackground(
      ti::makePage({.dpi = 100, .textLines = 0, .paper = {238, 232, 212}, .seal = false}), 30,
      ti::Rgb{60, 60, 60});
  ti::addNoise(back, 9, 17);
  const BlankVerdict verdict = checkBlank(PageImage::fromRaster(back));
  CHECK(verdict.blank);
  CHECK(verdict.inkFraction < 0.0002);

  // The same page without the border, and as a 1-bit scan.
  CHECK(checkBlank(PageImage::fromRaster(ti::makePage({.dpi = 100, .textLines = 0, .noise = 12})))
            .blank);
  Raster lineart = ti::makePage({.dpi = 100, .textLines = 0});
  lineart.bitonal = true;
  CHECK(checkBlank(PageImage::fromRaster(lineart)).blank);
}

TEST_CASE("A page with three lines of text is not blank", "[scan][pipeline]") {
  Raster page = ti::onBackground(
      ti::makePage({.dpi = 100, .textLines = 3, .paper = {238, 232, 212}, .noise = 9}), 30,
      ti::Rgb{60, 60, 60});
  const BlankVerdict verdict = checkBlank(PageImage::fromRaster(page));
  CHECK_FALSE(verdict.blank);
  CHECK(verdict.inkFraction > 0.005);

  // A seal alone is content too.
  CHECK_FALSE(
      checkBlank(PageImage::fromRaster(ti::makePage({.dpi = 100, .textLines = 0, .seal = true})))
          .blank);
}
