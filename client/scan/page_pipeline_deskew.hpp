#pragma once
// Straightening a page fed or laid a little crooked, from its lines of text.

#include "client/scan/page_image.hpp"

namespace onewindow::scan {

// How far the page's lines of text are turned, in degrees, clockwise positive (the direction
// rotateDegrees turns); 0 when no lines are found. Looks within ±7°.
[[nodiscard]] double measureSkewDegrees(const PageImage& image);
// The page turned back by its measured skew, same size, colour kept, white brought in at the
// corners. An unchanged copy when the skew is tiny or the measurement is not confident (a photo,
// a blank page). `appliedDegrees` receives the rotation applied (0 when none).
[[nodiscard]] PageImage deskew(const PageImage& image, double* appliedDegrees = nullptr);

}  // namespace onewindow::scan
