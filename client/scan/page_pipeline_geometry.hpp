#pragma once
// Turning and cutting a page: quarter turns (lossless), any angle, a rectangle, and the paper
// found on a darker scanner lid or background.

#include <optional>

#include "client/scan/page_image.hpp"

namespace onewindow::scan {

struct PixelRect {
  int x = 0, y = 0, width = 0, height = 0;
  friend bool operator==(const PixelRect&, const PixelRect&) = default;
};

// Clockwise quarter turns (negative: anticlockwise); pixels are moved, never resampled.
[[nodiscard]] PageImage rotateQuarterTurns(const PageImage& image, int turns);
// Clockwise by `degrees`; the canvas grows to hold the whole page and the new corners are white.
[[nodiscard]] PageImage rotateDegrees(const PageImage& image, double degrees);
// The part of the page inside `rect`, clamped to the page; throws std::invalid_argument when
// nothing of the page is left.
[[nodiscard]] PageImage crop(const PageImage& image, PixelRect rect);
// The bounding box of a light page lying on a darker background (the scanner lid, a desk):
// none when no such page stands out (the page fills the whole image, or there is no contrast).
[[nodiscard]] std::optional<PixelRect> findDocumentEdges(const PageImage& image);
// crop(image, *findDocumentEdges(image)), or an unchanged copy when no edges are found.
[[nodiscard]] PageImage cropToDocument(const PageImage& image);

}  // namespace onewindow::scan
