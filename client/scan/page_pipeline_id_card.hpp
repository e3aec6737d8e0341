#pragma once
// ID card copies as the window files them: "复印件正反面复印在同一张A4纸上" — both sides of the
// card at their true size on one A4 page.

#include "client/scan/page_image.hpp"

namespace onewindow::scan {

// Each side is scaled (aspect kept) to fit the card's 85.6 × 54 mm and centred in its half of a
// portrait A4 page at `dpi`: the front in the upper half, the back in the lower. White paper;
// colour when either side is colour, else grey. Throws std::invalid_argument for an empty side
// or a dpi outside 50..1200.
[[nodiscard]] PageImage combineIdCardSides(const PageImage& front, const PageImage& back, int dpi);

}  // namespace onewindow::scan
