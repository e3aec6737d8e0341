#pragma once
// A page photographed by a document camera at an angle: its four corners, and the page cut out
// and straightened to a rectangle.

#include <array>
#include <optional>
#include <utility>

#include "client/scan/page_image.hpp"

namespace onewindow::scan {

// Corners in pixel coordinates (pixel (0,0) covers [0,1)×[0,1)), in the order top-left,
// top-right, bottom-right, bottom-left as seen in the image.
struct Quad {
  std::array<std::pair<double, double>, 4> corners;
};

// A light page on a darker desk: the corners where its four straight edges meet (each edge is a
// line fitted along the page's border, so rounded or dog-eared corners do not pull it off).
// None when no page stands out or the page runs off the frame.
[[nodiscard]] std::optional<Quad> findDocumentCorners(const PageImage& image);
// The inside of `quad` mapped onto an upright rectangle (white where the quad leaves the image).
// With outWidth/outHeight 0 the size comes from the quad: the height of its longer side, and the
// page's true width/height ratio recovered from the perspective (the camera looking at the
// image's centre; with a pair of parallel sides a typical document-camera lens is assumed). Throws
// std::invalid_argument for a degenerate quad.
[[nodiscard]] PageImage correctPerspective(const PageImage& image, const Quad& quad,
                                           int outWidth = 0, int outHeight = 0);

}  // namespace onewindow::scan
