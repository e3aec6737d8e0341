// SANE frames to Rasters with hand-made frames: padding, 1 and 16 bits, three passes.

#include <cstdint>
#include <cstring>
#include <vector>

#include <catch2/catch.hpp>
#include <sane/sane.h>

#include "client/scan/sane_frame.hpp"
#include "client/scan/scan_error.hpp"

using namespace onewindow::scan;

namespace {

SANE_Parameters parameters(SANE_Frame format, int depth, int pixels, int bytesPerLine, int lines) {
  SANE_Parameters result{};
  result.format = format;
  result.last_frame = SANE_TRUE;
  result.depth = depth;
  result.pixels_per_line = pixels;
  result.bytes_per_line = bytesPerLine;
  result.lines = lines;
  return result;
}

}  // namespace

TEST_CASE("SANE 8-bit grey lines lose their padding", "[scan][sane]") {
  // 3 pixels in 4 bytes per line, 2 lines.
  const std::vector<std::uint8_t> bytes{1, 2, 3, 99, 4, 5, 6, 99};
  SanePageAssembler assembler;
  assembler.addFrame(parameters(SANE_FRAME_GRAY, 8, 3, 4, 2), bytes);
  const Raster page = assembler.page(75);
  CHECK(page.valid());
  CHECK(page.channels == 1);
  CHECK(page.dpi == 75);
  CHECK(page.pixels == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("SANE 1-bit lineart is black where the bit is set", "[scan][sane]") {
  // 10 pixels: 1010 0000 | 01 (then padding bits, then a padding byte).
  const std::vector<std::uint8_t> bytes{0b10100000, 0b01000000, 0xff};
  SanePageAssembler assembler;
  assembler.addFrame(parameters(SANE_FRAME_GRAY, 1, 10, 3, 1), bytes);
  const Raster page = assembler.page(0);
  CHECK(page.bitonal);
  CHECK(page.pixels == std::vector<std::uint8_t>{0, 255, 0, 255, 255, 255, 255, 255, 255, 0});
}

TEST_CASE("SANE 16-bit samples keep their high byte in native order", "[scan][sane]") {
  const std::uint16_t samples[] = {0x1234, 0xff00, 0x00ff, 0xabcd, 0x8001, 0x7fff};
  std::vector<std::uint8_t> bytes(sizeof samples);
  std::memcpy(bytes.data(), samples, sizeof samples);
  SanePageAssembler assembler;
  assembler.addFrame(parameters(SANE_FRAME_RGB, 16, 1, 6, 2), std::span(bytes).first(6));
  // Only one line was given although two were announced: the page has what came.
  const Raster page = assembler.page(0);
  CHECK(page.height == 1);
  CHECK(page.channels == 3);
  CHECK(page.pixels == std::vector<std::uint8_t>{0x12, 0xff, 0x00});
}

TEST_CASE("SANE three-pass frames make one RGB page in any order", "[scan][sane]") {
  SanePageAssembler assembler;
  SANE_Parameters blue = parameters(SANE_FRAME_BLUE, 8, 2, 2, 1);
  SANE_Parameters red = parameters(SANE_FRAME_RED, 8, 2, 2, 1);
  SANE_Parameters green = parameters(SANE_FRAME_GREEN, 8, 2, 2, 1);
  blue.last_frame = red.last_frame = SANE_FALSE;
  const std::vector<std::uint8_t> blueBytes{30, 31}, redBytes{10, 11}, greenBytes{20, 21};
  assembler.addFrame(blue, blueBytes);
  assembler.addFrame(red, redBytes);
  SECTION("all three") {
    assembler.addFrame(green, greenBytes);
    const Raster page = assembler.page(0);
    CHECK(page.channels == 3);
    CHECK(page.pixels == std::vector<std::uint8_t>{10, 20, 30, 11, 21, 31});
  }
  SECTION("a colour missing") { CHECK_THROWS_AS(assembler.page(0), ScanError); }
}

TEST_CASE("SANE frame formats and depths the driver cannot read are refused", "[scan][sane]") {
  CHECK_THROWS_AS(frameLayout(parameters(SANE_FRAME_GRAY, 12, 4, 8, 1)), ScanError);
  CHECK_THROWS_AS(frameLayout(parameters(SANE_FRAME_RGB, 8, 4, 11, 1)), ScanError);  // too short
  CHECK_NOTHROW(frameLayout(parameters(SANE_FRAME_RGB, 8, 4, 12, 1)));
}
