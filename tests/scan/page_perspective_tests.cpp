#include <cmath>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "client/scan/page_pipeline_perspective.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

namespace {

constexpr double kGridMm = 30;

// The darkest column (or row) near `expected` in a band across the page: where a grid line is.
int darkestNear(const Raster& page, bool column, int expected, int bandFrom, int bandTo,
                int window) {
  int best = expected;
  double bestMean = 1e9;
  for (int at = expected - window; at <= expected + window; ++at) {
    if (at < 0 || at >= (column ? page.width : page.height)) continue;
    double sum = 0;
    for (int along = bandFrom; along < bandTo; ++along) {
      sum += column ? ti::greyAt(page, at, along) : ti::greyAt(page, along, at);
    }
    if (sum < bestMean) {
      bestMean = sum;
      best = at;
    }
  }
  return best;
}

}  // namespace

TEST_CASE("A page photographed at an angle is straightened to an upright A4 rectangle",
          "[scan][pipeline]") {
  const Raster grid = ti::makeGridPage(100, 210, 297, kGridMm);
  const ti::CameraView view = ti::cameraView(grid, 1600, 1200, 18, -14, 7);
  const PageImage frame = PageImage::fromRaster(view.frame);

  const std::optional<Quad> quad = findDocumentCorners(frame);
  REQUIRE(quad.has_value());
  for (int i = 0; i < 4; ++i) {
    INFO("corner " << i << " found at " << quad->corners[i].first << "," << quad->corners[i].second
                   << " truly at " << view.corners[i].first << "," << view.corners[i].second);
    CHECK(std::hypot(quad->corners[i].first - view.corners[i].first,
                     quad->corners[i].second - view.corners[i].second) < 4.0);
  }

  const PageImage straight = correctPerspective(frame, *quad);
  const double aspect = static_cast<double>(straight.height()) / straight.width();
  CHECK(aspect == Approx(297.0 / 210.0).epsilon(0.03));

  // Every grid line is found where the page has it, at the same place across the whole page:
  // straight and parallel to the edges.
  const Raster page = straight.toRaster();
  const int window = page.width / 60;
  for (double mm = kGridMm; mm < 210 - 1; mm += kGridMm) {
    const int expected = static_cast<int>(std::lround(mm / 210 * page.width));
    std::vector<int> found;
    for (const double band : {0.15, 0.5, 0.85}) {
      const int from = static_cast<int>(band * page.height) + 5;
      found.push_back(darkestNear(page, true, expected, from, from + 12, window));
    }
    INFO("vertical line at " << mm << " mm, expected x " << expected);
    for (const int x : found) CHECK(std::abs(x - expected) <= page.width / 100 + 1);
    CHECK(std::abs(found.front() - found.back()) <= 2);
  }
  for (double mm = kGridMm; mm < 297 - 1; mm += kGridMm) {
    const int expected = static_cast<int>(std::lround(mm / 297 * page.height));
    std::vector<int> found;
    for (const double band : {0.1, 0.5, 0.9}) {
      const int from = static_cast<int>(band * page.width) + 5;
      found.push_back(darkestNear(page, false, expected, from, from + 12, window));
    }
    INFO("horizontal line at " << mm << " mm, expected y " << expected);
    for (const int y : found) CHECK(std::abs(y - expected) <= page.height / 100 + 1);
    CHECK(std::abs(found.front() - found.back()) <= 2);
  }
}

TEST_CASE("A page tilted only forwards still gets its true proportions", "[scan][pipeline]") {
  const Raster grid = ti::makeGridPage(60, 210, 297, kGridMm);
  const ti::CameraView view = ti::cameraView(grid, 1200, 900, 20, 0, 0);
  const PageImage frame = PageImage::fromRaster(view.frame);
  const std::optional<Quad> quad = findDocumentCorners(frame);
  REQUIRE(quad.has_value());
  const PageImage straight = correctPerspective(frame, *quad);
  CHECK(static_cast<double>(straight.height()) / straight.width() ==
        Approx(297.0 / 210.0).epsilon(0.05));
  const PageImage sized = correctPerspective(frame, *quad, 420, 594);
  CHECK(sized.width() == 420);
  CHECK(sized.height() == 594);
}

TEST_CASE("No corners are found where no page lies, and a flat quad is refused",
          "[scan][pipeline]") {
  Raster desk = ti::cameraView(ti::makeGridPage(20, 10, 10, 5), 400, 300, 0, 0, 0).frame;
  for (std::size_t i = 0; i < desk.pixels.size(); ++i) desk.pixels[i] = 70;
  ti::addNoise(desk, 4, 5);
  const PageImage empty = PageImage::fromRaster(desk);
  CHECK_FALSE(findDocumentCorners(empty).has_value());

  const Quad flat{{{{10, 10}, {100, 10}, {200, 10}, {300, 10}}}};
  CHECK_THROWS_AS(correctPerspective(empty, flat), std::invalid_argument);
  const Quad crossed{{{{10, 10}, {100, 100}, {100, 10}, {10, 100}}}};
  CHECK_THROWS_AS(correctPerspective(empty, crossed), std::invalid_argument);
}
