#include <cstdint>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>
#include <leptonica/allheaders.h>

#include "client/scan/page_image.hpp"
#include "client/scan/page_pipeline_encode.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;

namespace {

Raster smallColourRaster() {
  Raster raster;
  raster.width = 37;
  raster.height = 23;
  raster.channels = 3;
  raster.dpi = 200;
  for (int i = 0; i < raster.width * raster.height * 3; ++i) {
    raster.pixels.push_back(static_cast<std::uint8_t>(i * 37 % 251));
  }
  return raster;
}

std::vector<std::uint8_t> leptonicaBytes(PIX* pix, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(pixWriteMem(&data, &size, pix, format) == 0);
  std::vector<std::uint8_t> bytes(data, data + size);
  lept_free(data);
  return bytes;
}

}  // namespace

TEST_CASE("A colour, grey or bitonal raster survives the round trip through a page",
          "[scan][pipeline]") {
  const Raster colour = smallColourRaster();
  const PageImage page = PageImage::fromRaster(colour);
  CHECK(page.colour());
  CHECK(page.width() == 37);
  CHECK(page.height() == 23);
  CHECK(page.dpi() == 200);
  CHECK(page.toRaster().pixels == colour.pixels);

  Raster grey = colour;
  grey.channels = 1;
  grey.pixels.resize(grey.stride() * grey.height);
  const PageImage greyPage = PageImage::fromRaster(grey);
  CHECK_FALSE(greyPage.colour());
  CHECK_FALSE(greyPage.bitonal());
  CHECK(greyPage.toRaster().pixels == grey.pixels);

  Raster lineart = grey;
  lineart.bitonal = true;
  for (auto& p : lineart.pixels) p = p < 128 ? 0 : 255;
  const PageImage bitonal = PageImage::fromRaster(lineart);
  CHECK(bitonal.bitonal());
  const Raster back = bitonal.toRaster();
  CHECK(back.bitonal);
  CHECK(back.pixels == lineart.pixels);

  Raster broken = colour;
  broken.pixels.pop_back();
  CHECK_THROWS_AS(PageImage::fromRaster(broken), std::invalid_argument);
}

TEST_CASE("A page is moved and deep-copied, never shared", "[scan][pipeline]") {
  PageImage page = PageImage::fromRaster(smallColourRaster());
  PageImage copy = page.clone();
  copy.setDpi(72);
  CHECK(page.dpi() == 200);
  CHECK(copy.pix() != page.pix());
  PageImage moved = std::move(page);
  CHECK(moved.valid());
  CHECK_FALSE(page.valid());  // NOLINT(bugprone-use-after-move): the moved-from state is defined
  moved = std::move(copy);
  CHECK(moved.dpi() == 72);
}

TEST_CASE("A page decodes from PNG, JPEG and TIFF bytes", "[scan][pipeline]") {
  const PageImage page = PageImage::fromRaster(smallColourRaster());

  const PageImage png = PageImage::decode(leptonicaBytes(page.pix(), IFF_PNG));
  CHECK(png.colour());
  CHECK(png.toRaster().pixels == page.toRaster().pixels);

  const PageImage jpeg = PageImage::decode(leptonicaBytes(page.pix(), IFF_JFIF_JPEG));
  CHECK(jpeg.colour());
  CHECK(jpeg.width() == 37);
  CHECK(jpeg.dpi() == 200);

  const PageImage tiff = PageImage::decode(leptonicaBytes(page.pix(), IFF_TIFF_ZIP));
  CHECK(tiff.toRaster().pixels == page.toRaster().pixels);

  // A palette PNG comes out as a plain page, not a colour-mapped one.
  PIX* palette = pixConvertRGBToColormap(page.pix(), 1);
  REQUIRE(palette != nullptr);
  const PageImage fromPalette = PageImage::decode(leptonicaBytes(palette, IFF_PNG));
  pixDestroy(&palette);
  CHECK(pixGetColormap(fromPalette.pix()) == nullptr);
  CHECK(fromPalette.width() == 37);
}

TEST_CASE("Every page of a multi-page TIFF is decoded", "[scan][pipeline]") {
  PIXA* pixa = pixaCreate(3);
  for (int i = 0; i < 3; ++i) {
    Raster raster = smallColourRaster();
    raster.width = 20 + i;
    raster.pixels.resize(raster.stride() * raster.height);
    PageImage page = PageImage::fromRaster(raster);
    pixaAddPix(pixa, page.pix(), L_COPY);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(pixaWriteMemMultipageTiff(&data, &size, pixa) == 0);
  const std::vector<std::uint8_t> bytes(data, data + size);
  lept_free(data);
  pixaDestroy(&pixa);

  const std::vector<PageImage> pages = PageImage::decodeAllPages(bytes);
  REQUIRE(pages.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(pages[i].width() == 20 + i);
  CHECK(PageImage::decode(bytes).width() == 20);  // decode() takes the first page
}

TEST_CASE("Corrupt bytes give a clear error, not a crash", "[scan][pipeline]") {
  auto message = [](const std::vector<std::uint8_t>& bytes) {
    try {
      (void)PageImage::decode(bytes);
    } catch (const std::runtime_error& error) {
      return std::string(error.what());
    }
    return std::string("decoded");
  };
  CHECK_THAT(message({}), Catch::Contains("empty"));
  CHECK_THAT(message({'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}),
             Catch::Contains("not a JPEG, PNG or TIFF"));

  const PageImage page = PageImage::fromRaster(ti::makePage({.dpi = 50}));
  std::vector<std::uint8_t> png = leptonicaBytes(page.pix(), IFF_PNG);
  png.resize(png.size() / 2);
  CHECK_THAT(message(png), Catch::Contains("damaged or truncated"));

  std::vector<std::uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0};
  jpeg.resize(200, 0x5A);
  CHECK_THAT(message(jpeg), Catch::Contains("cannot decode"));

  std::vector<std::uint8_t> tiff = leptonicaBytes(page.pix(), IFF_TIFF_ZIP);
  tiff.resize(64);
  CHECK_THROWS_WITH(PageImage::decodeAllPages(tiff), Catch::Contains("cannot decode"));
}

TEST_CASE("A thumbnail fits its box and keeps the page's proportions", "[scan][pipeline]") {
  const PageImage page = PageImage::fromRaster(ti::makePage({.dpi = 100}));
  const PageImage thumb = page.thumbnail(200);
  CHECK(thumb.height() == 200);
  CHECK(thumb.width() == Approx(page.width() * 200.0 / page.height()).margin(1));
  CHECK(thumb.colour());
  CHECK(page.thumbnail(5000).width() == page.width());  // never enlarged

  Raster lineart = ti::makePage({.dpi = 100});
  lineart.bitonal = true;
  const PageImage thumbOfBitonal = PageImage::fromRaster(lineart).thumbnail(100);
  CHECK_FALSE(thumbOfBitonal.bitonal());  // grey keeps thin strokes visible
  CHECK_THROWS_AS(page.thumbnail(0), std::invalid_argument);
}
