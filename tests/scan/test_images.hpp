#pragma once
// Pages the pipeline's tests (and bench_scan) are run on, drawn in plain C++ — independent of
// Leptonica, so that what the pipeline measures is checked against what the generator knows:
// text-like lines, a red seal, paper tint, scanner noise, a known skew, a darker border, a grid
// seen by a camera at a known angle.

#include <array>
#include <cstdint>
#include <utility>

#include "client/scan/scan_types.hpp"

namespace onewindow::scan::testimages {

struct Rgb {
  std::uint8_t r = 255, g = 255, b = 255;
};

struct PageSpec {
  int dpi = 150;
  double widthMm = 210, heightMm = 297;  // A4
  int textLines = 30;                    // lines of word-like dark bars from the top margin
  Rgb paper{255, 255, 255};
  bool seal = false;       // a red round seal near the bottom right
  bool photo = false;      // a colour photograph-like block (gradients) in the upper half
  double noise = 0;        // scanner noise: standard deviation in grey levels
  std::uint32_t seed = 1;  // the same seed draws the same page
};

// An upright page, 3 channels.
[[nodiscard]] Raster makePage(const PageSpec& spec);

// A white page with dark grid lines every `spacingMm` (and along the edges' inside).
[[nodiscard]] Raster makeGridPage(int dpi, double widthMm, double heightMm, double spacingMm);

// The page turned clockwise by `degrees` about its centre on a canvas of the same size, the
// uncovered corners filled with `fill`.
[[nodiscard]] Raster rotated(const Raster& page, double degrees, Rgb fill);

// The page centred on a `border`-pixel frame of `background` colour (a scanner lid, a desk).
[[nodiscard]] Raster onBackground(const Raster& page, int border, Rgb background);

// Adds noise of standard deviation `sigma` grey levels (the same to every channel of a pixel).
void addNoise(Raster& raster, double sigma, std::uint32_t seed);

// A document camera's view of `page` (width × height mm) lying on a dark desk, the page tilted
// by tiltXDegrees (top away from the camera) and tiltYDegrees (right side away) and turned by
// turnDegrees in its plane, seen through a pinhole lens looking at the frame's centre.
struct CameraView {
  Raster frame;
  // Where the page's corners are in the frame: TL, TR, BR, BL (pixel (0,0) covers [0,1)²).
  std::array<std::pair<double, double>, 4> corners;
};
[[nodiscard]] CameraView cameraView(const Raster& page, int frameWidth, int frameHeight,
                                    double tiltXDegrees, double tiltYDegrees, double turnDegrees);

// The grey level (0..255) of a pixel, the mean of its channels.
[[nodiscard]] int greyAt(const Raster& raster, int x, int y);

}  // namespace onewindow::scan::testimages
