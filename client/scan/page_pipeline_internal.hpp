#pragma once
// Helpers the page pipeline's files share; not part of the library's interface. Includes
// Leptonica, so only the pipeline's .cpp files (and tests) include it.

#include <memory>
#include <string>

#include <leptonica/allheaders.h>

#include "client/scan/page_image.hpp"

namespace onewindow::scan::detail {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct BoxDeleter {
  void operator()(BOX* box) const { boxDestroy(&box); }
};
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;

struct BoxaDeleter {
  void operator()(BOXA* boxa) const { boxaDestroy(&boxa); }
};
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;

struct PixaDeleter {
  void operator()(PIXA* pixa) const { pixaDestroy(&pixa); }
};
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

struct PtaDeleter {
  void operator()(PTA* pta) const { ptaDestroy(&pta); }
};
using PtaPtr = std::unique_ptr<PTA, PtaDeleter>;

// Leptonica returns null on failure (and says why on stderr); we throw with what we were doing.
PixPtr checked(PIX* pix, const char* what);

// Throws std::invalid_argument when the page is empty.
void requireValid(const PageImage& image, const char* what);

// An 8-bit grey copy of any page (1 bpp: black 0, white 255).
PixPtr greyCopy(PIX* pix);

// A grey copy scaled down (area averaging, which also smooths noise) so that its longer side is
// at most maxSide; `scale` receives the factor applied (≤ 1).
PixPtr greyReduced(PIX* pix, int maxSide, double* scale);

// The grey level separating the two modes of an 8-bit image's histogram (Otsu's method).
int otsuThreshold(PIX* grey);

// The pixels at or above `threshold` as foreground (1) — the light paper, not the dark ink.
PixPtr lightMask(PIX* grey, int threshold);

// The largest 8-connected component of a 1-bit image, with its box; null when there is none.
struct Component {
  PixPtr mask;  // the component alone, box-sized
  int x = 0, y = 0, width = 0, height = 0;
  int pixels = 0;
};
Component largestComponent(PIX* binary);

// The light paper in a reduced grey image of a page on a darker background: the largest light
// region once thin dark lines across it (rules, a table's grid, a fold) are closed over and
// specks on the background are opened away. `threshold` receives the paper/background split.
Component paperComponent(PIX* grey, int* threshold);

}  // namespace onewindow::scan::detail
