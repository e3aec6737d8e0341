#pragma once
// Flagging blank pages (the empty backs of a duplex batch). A blank page is only flagged for the
// clerk to confirm; the pipeline never drops a page by itself.

#include "client/scan/page_image.hpp"

namespace onewindow::scan {

struct BlankVerdict {
  bool blank = false;
  double inkFraction = 0;  // share of the paper (inside a margin) covered by marks, 0..1
};

// Looks only at the paper (a darker scanner border is cut away, then a 4% margin where shadows
// and punch holes live), measures ink against the paper's own tint, and ignores specks smaller
// than about 0.7 mm (dust, scanner noise). A few lines of text are well above the limit.
[[nodiscard]] BlankVerdict checkBlank(const PageImage& image);

}  // namespace onewindow::scan
