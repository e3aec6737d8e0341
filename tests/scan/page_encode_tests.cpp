#include <stdexcept>

#include <catch2/catch.hpp>

#include "client/scan/page_image.hpp"
#include "client/scan/page_pipeline_encode.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

namespace {

PageImage photoLikePage(int dpi) {
  return PageImage::fromRaster(ti::makePage(
      {.dpi = dpi, .paper = {246, 242, 232}, .seal = true, .photo = true, .noise = 4}));
}

}  // namespace

TEST_CASE("A colour page with a photo meets a 300 KB policy", "[scan][pipeline]") {
  const OutputPolicy policy{.dpi = 150, .colour = ColourMode::Colour, .maxBytesPerPage = 300'000};
  const EncodedPage page = encodePage(photoLikePage(150), policy);
  CHECK(page.format == OutputFormat::Jpeg);
  CHECK(page.withinLimit);
  CHECK(page.bytes.size() <= 300'000);
  CHECK(page.warning.empty());
  CHECK(page.quality >= policy.qualityFloor);
  CHECK(page.quality <= policy.startQuality);
  if (page.quality < policy.startQuality) {  // the best quality that fits: one rung up does not
    const OutputPolicy better{.dpi = 150, .startQuality = page.quality + policy.qualityStep};
    CHECK(encodePage(photoLikePage(150), better).bytes.size() > 300'000);
  }
  const PageImage back = PageImage::decode(page.bytes);
  CHECK(back.colour());
  CHECK(back.width() == page.width);
  CHECK(back.dpi() == 150);  // in the JFIF density
}

TEST_CASE("A page over the limit at the lowest quality is kept with a warning",
          "[scan][pipeline]") {
  const OutputPolicy policy{.dpi = 150, .maxBytesPerPage = 20'000, .qualityFloor = 40};
  const EncodedPage page = encodePage(photoLikePage(150), policy);
  CHECK_FALSE(page.withinLimit);
  CHECK(page.quality == 40);
  CHECK(page.bytes.size() > 20'000);
  CHECK_THAT(page.warning, Catch::Contains("最低质量仍超过上限"));
  CHECK_FALSE(page.bytes.empty());
}

TEST_CASE("Black and white gives a G4 TIFF that decodes back to 1-bit", "[scan][pipeline]") {
  const PageImage scan = PageImage::fromRaster(
      ti::makePage({.dpi = 300, .textLines = 12, .paper = {236, 230, 210}, .noise = 6}));
  const OutputPolicy policy{
      .dpi = 200, .colour = ColourMode::BlackWhite, .maxBytesPerPage = 200'000};
  const EncodedPage page = encodePage(scan, policy);
  CHECK(page.format == OutputFormat::TiffG4);
  CHECK(page.quality == 0);
  CHECK(page.withinLimit);
  CHECK(page.dpi == 200);
  REQUIRE(page.bytes.size() > 8);
  CHECK(page.bytes[0] == page.bytes[1]);  // "II" or "MM"
  const PageImage back = PageImage::decode(page.bytes);
  CHECK(back.bitonal());
  CHECK(back.width() == page.width);
  CHECK(back.dpi() == 200);
  // Tinted, noisy paper is white; the text is black.
  const Raster raster = back.toRaster();
  long black = 0;
  for (const auto p : raster.pixels) black += p == 0 ? 1 : 0;
  const double share = static_cast<double>(black) / raster.pixels.size();
  CHECK(share > 0.01);
  CHECK(share < 0.15);
}

TEST_CASE("A finer page is resampled to the policy and a coarser one is never enlarged",
          "[scan][pipeline]") {
  const PageImage fine = PageImage::fromRaster(ti::makePage({.dpi = 200, .textLines = 5}));
  const EncodedPage reduced = encodePage(fine, {.dpi = 100, .colour = ColourMode::Grey});
  CHECK(reduced.dpi == 100);
  CHECK(reduced.width == Approx(fine.width() / 2.0).margin(1));
  CHECK_FALSE(PageImage::decode(reduced.bytes).colour());  // grey JPEG

  const PageImage coarse = PageImage::fromRaster(ti::makePage({.dpi = 75, .textLines = 5}));
  const EncodedPage kept = encodePage(coarse, {.dpi = 300});
  CHECK(kept.dpi == 75);
  CHECK(kept.width == coarse.width());

  Raster camera = ti::makePage({.dpi = 75, .textLines = 5});
  camera.dpi = 0;
  CHECK(encodePage(PageImage::fromRaster(camera), {.dpi = 200}).dpi == 200);
}

TEST_CASE("PNG is written only when asked, and nonsense policies are refused", "[scan][pipeline]") {
  const PageImage page = PageImage::fromRaster(ti::makePage({.dpi = 50, .textLines = 5}));
  const EncodedPage png = encodePage(page, {.dpi = 50, .losslessPng = true});
  CHECK(png.format == OutputFormat::Png);
  CHECK(PageImage::decode(png.bytes).toRaster().pixels == page.toRaster().pixels);

  CHECK_THROWS_AS(encodePage(page, {.dpi = 0}), std::invalid_argument);
  CHECK_THROWS_AS(encodePage(page, {.startQuality = 101}), std::invalid_argument);
  CHECK_THROWS_AS(encodePage(page, {.qualityStep = 0}), std::invalid_argument);
  CHECK_THROWS_AS(encodePage(PageImage(), {}), std::invalid_argument);
}
