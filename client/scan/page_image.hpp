#pragma once
// One page inside the pipeline (DESIGN.md §9): a Leptonica image owned by value. A page is
// colour (32 bpp RGB), grey (8 bpp) or bitonal (1 bpp, 1 = black); whatever arrives — a driver's
// Raster or the bytes of a JPEG/PNG/TIFF file — is brought to one of those three.

#include <cstdint>
#include <span>
#include <vector>

#include "client/scan/scan_types.hpp"

// Leptonica's image type, declared here so that callers need not include Leptonica's headers.
struct Pix;
using PIX = Pix;

namespace onewindow::scan {

class PageImage {
 public:
  PageImage() = default;  // empty; valid() is false
  // Takes ownership of `pix` (colour, grey or 1-bit); throws std::invalid_argument on null or
  // on another depth.
  explicit PageImage(PIX* pix);
  ~PageImage();
  PageImage(PageImage&& other) noexcept;
  PageImage& operator=(PageImage&& other) noexcept;
  PageImage(const PageImage&) = delete;
  PageImage& operator=(const PageImage&) = delete;

  // Throws std::invalid_argument when the raster is not valid(). A `bitonal` raster becomes a
  // 1-bit page (a sample below 128 is black).
  [[nodiscard]] static PageImage fromRaster(const Raster& raster);
  // A JPEG, PNG or TIFF file (the first page of a multi-page TIFF). Throws std::runtime_error
  // saying what is wrong: empty, not an image format we read, or damaged.
  [[nodiscard]] static PageImage decode(std::span<const std::uint8_t> bytes);
  // Every page of a multi-page TIFF; any other format gives its one page.
  [[nodiscard]] static std::vector<PageImage> decodeAllPages(std::span<const std::uint8_t> bytes);

  [[nodiscard]] Raster toRaster() const;  // 3 channels for colour, 1 for grey and bitonal
  [[nodiscard]] PageImage clone() const;  // a deep copy
  // A copy whose longer side is at most maxSide (never enlarged), grey or colour, for lists.
  [[nodiscard]] PageImage thumbnail(int maxSide) const;

  [[nodiscard]] bool valid() const { return pix_ != nullptr; }
  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;
  [[nodiscard]] int dpi() const;  // 0 when unknown
  void setDpi(int dpi);
  [[nodiscard]] bool colour() const;               // 32 bpp RGB
  [[nodiscard]] bool bitonal() const;              // 1 bpp
  [[nodiscard]] PIX* pix() const { return pix_; }  // still owned by this page

 private:
  PIX* pix_ = nullptr;
};

}  // namespace onewindow::scan
