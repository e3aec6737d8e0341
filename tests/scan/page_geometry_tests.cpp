#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "client/scan/page_pipeline_geometry.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

namespace {

Raster gradient(int width, int height) {
  Raster raster;
  raster.width = width;
  raster.height = height;
  raster.channels = 3;
  raster.dpi = 100;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      raster.pixels.push_back(static_cast<std::uint8_t>(x));
      raster.pixels.push_back(static_cast<std::uint8_t>(y));
      raster.pixels.push_back(static_cast<std::uint8_t>(x ^ y));
    }
  }
  return raster;
}

}  // namespace

TEST_CASE("Quarter turns move pixels without changing them", "[scan][pipeline]") {
  const Raster source = gradient(30, 20);
  const PageImage page = PageImage::fromRaster(source);
  const Raster once = rotateQuarterTurns(page, 1).toRaster();
  REQUIRE(once.width == 20);
  REQUIRE(once.height == 30);
  // Clockwise: the top-left pixel goes to the top-right corner.
  for (int y = 0; y < source.height; ++y) {
    for (int x = 0; x < source.width; ++x) {
      const int tx = source.height - 1 - y, ty = x;
      for (int c = 0; c < 3; ++c) {
        REQUIRE(once.pixels[once.stride() * ty + 3 * tx + c] ==
                source.pixels[source.stride() * y + 3 * x + c]);
      }
    }
  }
  CHECK(rotateQuarterTurns(page, 4).toRaster().pixels == source.pixels);
  CHECK(rotateQuarterTurns(page, -1).toRaster().pixels ==
        rotateQuarterTurns(page, 3).toRaster().pixels);
  CHECK(rotateDegrees(page, 90).toRaster().pixels == once.pixels);
  CHECK(rotateQuarterTurns(page, 1).dpi() == 100);
}

TEST_CASE("Turning by any angle grows the canvas and fills the corners white", "[scan][pipeline]") {
  const PageImage page = PageImage::fromRaster(
      ti::onBackground(ti::makePage({.dpi = 30, .textLines = 0}), 2, ti::Rgb{0, 0, 0}));
  const PageImage turned = rotateDegrees(page, 30);
  CHECK(turned.width() > page.width());
  CHECK(turned.height() > page.height());
  const Raster raster = turned.toRaster();
  CHECK(ti::greyAt(raster, 0, 0) > 240);
  CHECK(ti::greyAt(raster, raster.width - 1, raster.height - 1) > 240);
  CHECK_THROWS_AS(rotateDegrees(page, std::nan("")), std::invalid_argument);
}

TEST_CASE("A crop is clamped to the page and refuses an empty result", "[scan][pipeline]") {
  const PageImage page = PageImage::fromRaster(gradient(50, 40));
  const PageImage inside = crop(page, {10, 5, 20, 10});
  CHECK(inside.width() == 20);
  CHECK(inside.height() == 10);
  CHECK(inside.toRaster().pixels[0] == 10);  // red holds x
  const PageImage clamped = crop(page, {-10, 30, 100, 100});
  CHECK(clamped.width() == 50);
  CHECK(clamped.height() == 10);
  CHECK_THROWS_AS(crop(page, {60, 0, 10, 10}), std::invalid_argument);
  CHECK_THROWS_AS(crop(page, {0, 0, 0, 10}), std::invalid_argument);
  CHECK_THROWS_AS(crop(PageImage(), {0, 0, 1, 1}), std::invalid_argument);
}

TEST_CASE("A page on a dark scanner lid is cropped to the paper", "[scan][pipeline]") {
  Raster page = ti::makePage({.dpi = 100, .paper = {245, 242, 230}, .seal = true});
  const int border = 57;
  Raster scan = ti::onBackground(page, border, ti::Rgb{80, 78, 75});
  ti::addNoise(scan, 6, 3);
  const PageImage image = PageImage::fromRaster(scan);

  const std::optional<PixelRect> edges = findDocumentEdges(image);
  REQUIRE(edges.has_value());
  CHECK(std::abs(edges->x - border) <= 3);
  CHECK(std::abs(edges->y - border) <= 3);
  CHECK(std::abs(edges->width - page.width) <= 3);
  CHECK(std::abs(edges->height - page.height) <= 3);

  const PageImage cropped = cropToDocument(image);
  CHECK(std::abs(cropped.width() - page.width) <= 3);
  CHECK(cropped.colour());

  // Paper filling the whole image: nothing to find, and cropping leaves it whole.
  const PageImage bare = PageImage::fromRaster(page);
  CHECK_FALSE(findDocumentEdges(bare).has_value());
  CHECK(cropToDocument(bare).width() == page.width);
}
