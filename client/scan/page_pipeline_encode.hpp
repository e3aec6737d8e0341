#pragma once
// A page written as the material's output policy asks (DESIGN.md §9: dpi, colour, format and a
// byte limit per page come from the catalog).

#include <cstdint>
#include <string>
#include <vector>

#include "client/scan/page_image.hpp"
#include "client/scan/scan_types.hpp"

namespace onewindow::scan {

enum class OutputFormat { Jpeg, Png, TiffG4 };

struct OutputPolicy {
  int dpi = 300;                           // a finer page is resampled down, never up
  ColourMode colour = ColourMode::Colour;  // BlackWhite always gives a G4 TIFF
  std::uint64_t maxBytesPerPage = 0;       // 0: no limit
  int startQuality = 85;                   // JPEG quality tried first ...
  int qualityFloor = 40;                   // ... and the lowest one tried
  int qualityStep = 10;
  bool losslessPng = false;  // Colour/Grey as PNG instead of JPEG (no quality to give up)
};

struct EncodedPage {
  std::vector<std::uint8_t> bytes;
  OutputFormat format = OutputFormat::Jpeg;
  int width = 0, height = 0, dpi = 0;
  int quality = 0;          // the JPEG quality used; 0 for PNG and G4
  bool withinLimit = true;  // false: kept anyway, with `warning` for the clerk
  // The clerk's sentence when the page is still too big, without the page number (the caller
  // prefixes "第N页"): "压缩到最低质量仍超过上限…". Empty otherwise.
  std::string warning;
};

// Never fails for size: a page over the limit at the lowest quality is returned with
// withinLimit=false. Throws std::invalid_argument for an empty page or a policy that makes no
// sense (dpi ≤ 0, qualities outside 1..100, step ≤ 0). A page of unknown dpi is kept at its
// size and labelled with the policy's dpi.
[[nodiscard]] EncodedPage encodePage(const PageImage& image, const OutputPolicy& policy);

}  // namespace onewindow::scan
