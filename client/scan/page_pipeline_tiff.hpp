#pragma once
// CCITT G4 TIFF in memory through libtiff: written as one strip so that the PDF writer can lift
// the compressed strip out unchanged. Internal to the pipeline.

#include <cstdint>
#include <span>
#include <vector>

struct Pix;
using PIX = Pix;

namespace onewindow::scan::detail {

// A 1-bit page (1 = black) as a single-strip G4 TIFF, black-on-white, with its dpi.
std::vector<std::uint8_t> writeG4Tiff(PIX* binary, int dpi);

struct G4Strip {
  int width = 0, height = 0;
  bool blackIs1 = false;  // true when the TIFF says 0 is black (PhotometricInterpretation 1)
  std::vector<std::uint8_t> data;
};
// The raw G4 data of a single-strip, G4-compressed TIFF; throws std::runtime_error otherwise.
G4Strip readG4Strip(std::span<const std::uint8_t> tiff);

}  // namespace onewindow::scan::detail
