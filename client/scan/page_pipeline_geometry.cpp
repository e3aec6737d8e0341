#include "client/scan/page_pipeline_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

// Side of the reduced copy the paper is first looked for in: enough to find a page, small
// enough that finding it takes milliseconds at 300 dpi.
constexpr int kSearchSide = 800;

// Counts, for each row (or column) of the band, the paper-light pixels along the coarse edge.
// Reads the page itself, whatever its depth: a full-size grey copy would cost more than all the
// lines looked at.
struct EdgeBand {
  const l_uint32* data;
  int wpl;
  int depth;
  int threshold;
  bool lightAt(int x, int y) const {
    const l_uint32* line = data + static_cast<std::size_t>(wpl) * y;
    int level = 0;
    if (depth == 32) {
      l_int32 r = 0, g = 0, b = 0;
      extractRGBValues(line[x], &r, &g, &b);
      level = (77 * r + 150 * g + 29 * b) >> 8;
    } else if (depth == 8) {
      level = static_cast<int>(GET_DATA_BYTE(line, x));
    } else {
      level = GET_DATA_BIT(line, x) ? 0 : 255;
    }
    return level >= threshold;
  }
};

// Moves one edge of the coarse box to the outermost full-resolution row/column that holds paper:
// starting outside the coarse edge, step inwards until a line has a few light pixels.
int refineEdge(const EdgeBand& band, bool horizontalLine, int coarse, int step, int slack,
               int spanFrom, int spanTo, int limit) {
  const int minLight = std::max(3, (spanTo - spanFrom) / 100);
  const int start = std::clamp(coarse - step * slack, 0, limit - 1);
  const int stop = std::clamp(coarse + step * slack, 0, limit - 1);
  for (int line = start; step > 0 ? line <= stop : line >= stop; line += step) {
    int light = 0;
    for (int along = spanFrom; along < spanTo && light < minLight; ++along) {
      if (horizontalLine ? band.lightAt(along, line) : band.lightAt(line, along)) ++light;
    }
    if (light >= minLight) return line;
  }
  return coarse;
}

}  // namespace

PageImage rotateQuarterTurns(const PageImage& image, int turns) {
  detail::requireValid(image, "rotateQuarterTurns");
  const int quads = ((turns % 4) + 4) % 4;
  if (quads == 0) return image.clone();
  PixPtr turned = checked(pixRotateOrth(image.pix(), quads), "turning the page");
  return PageImage(turned.release());
}

PageImage rotateDegrees(const PageImage& image, double degrees) {
  detail::requireValid(image, "rotateDegrees");
  if (!std::isfinite(degrees))
    throw std::invalid_argument("rotateDegrees: the angle is not finite");
  const double normalised = std::remainder(degrees, 360.0);
  const double quarter = std::round(normalised / 90.0);
  if (std::abs(normalised - quarter * 90.0) < 1e-6) {
    return rotateQuarterTurns(image, static_cast<int>(quarter));
  }
  const auto radians = static_cast<float>(normalised * std::numbers::pi / 180.0);
  // Giving the page's size makes Leptonica enlarge the canvas so no corner is cut off.
  PixPtr rotated = checked(pixRotate(image.pix(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                                     image.width(), image.height()),
                           "rotating the page");
  return PageImage(rotated.release());
}

PageImage crop(const PageImage& image, PixelRect rect) {
  detail::requireValid(image, "crop");
  const int left = std::max(rect.x, 0), top = std::max(rect.y, 0);
  const int right = std::min(rect.x + std::max(rect.width, 0), image.width());
  const int bottom = std::min(rect.y + std::max(rect.height, 0), image.height());
  if (right <= left || bottom <= top) {
    throw std::invalid_argument("crop: the rectangle lies outside the page (nothing left)");
  }
  detail::BoxPtr box(boxCreate(left, top, right - left, bottom - top));
  PixPtr part = checked(pixClipRectangle(image.pix(), box.get(), nullptr), "cropping the page");
  return PageImage(part.release());
}

std::optional<PixelRect> findDocumentEdges(const PageImage& image) {
  detail::requireValid(image, "findDocumentEdges");
  double scale = 1.0;
  PixPtr reduced = detail::greyReduced(image.pix(), kSearchSide, &scale);
  int threshold = 0;
  const detail::Component paper = detail::paperComponent(reduced.get(), &threshold);
  const int rw = pixGetWidth(reduced.get()), rh = pixGetHeight(reduced.get());
  if (paper.pixels < rw * rh / 10) return std::nullopt;  // no page stands out
  const int margin = std::max(1, std::min(rw, rh) / 100);
  if (paper.x <= margin && paper.y <= margin && paper.x + paper.width >= rw - margin &&
      paper.y + paper.height >= rh - margin) {
    return std::nullopt;  // the paper fills the image: nothing to crop
  }

  // The reduced copy places each edge within a few pixels; the full page places it exactly.
  const EdgeBand band{pixGetData(image.pix()), pixGetWpl(image.pix()), pixGetDepth(image.pix()),
                      threshold};
  const int w = image.width(), h = image.height();
  const int slack = static_cast<int>(std::ceil(2.0 / scale)) + 2;
  const int left0 = static_cast<int>(paper.x / scale);
  const int top0 = static_cast<int>(paper.y / scale);
  const int right0 = std::min(w - 1, static_cast<int>((paper.x + paper.width) / scale) - 1);
  const int bottom0 = std::min(h - 1, static_cast<int>((paper.y + paper.height) / scale) - 1);
  const int top = refineEdge(band, true, top0, 1, slack, left0, right0, h);
  const int bottom = refineEdge(band, true, bottom0, -1, slack, left0, right0, h);
  const int left = refineEdge(band, false, left0, 1, slack, top0, bottom0, w);
  const int right = refineEdge(band, false, right0, -1, slack, top0, bottom0, w);
  if (right <= left || bottom <= top) return std::nullopt;
  return PixelRect{left, top, right - left + 1, bottom - top + 1};
}

PageImage cropToDocument(const PageImage& image) {
  const std::optional<PixelRect> edges = findDocumentEdges(image);
  return edges ? crop(image, *edges) : image.clone();
}

}  // namespace onewindow::scan
