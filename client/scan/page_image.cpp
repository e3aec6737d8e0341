#include "client/scan/page_image.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

// Leptonica writes its own warnings and errors to stderr ("tiny scaling factor", "pix not
// read" for a corrupt file). Every failure here becomes an exception with a clear message, so
// its messages would only be noise in the workstation's log and the test output.
[[maybe_unused]] const bool kLeptonicaQuiet = [] {
  setMsgSeverity(L_SEVERITY_NONE);
  return true;
}();

// Brings whatever a file held to the three depths a page may have: 1 (bitonal), 8 (grey) and
// 32 (RGB without alpha, a transparent area showing as white paper).
PixPtr normalised(PixPtr pix) {
  if (pixGetColormap(pix.get()) != nullptr) {
    pix = checked(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC), "removing a colour map");
  }
  switch (pixGetDepth(pix.get())) {
    case 1:
    case 8:
      return pix;
    case 32:
      if (pixGetSpp(pix.get()) == 4) {
        PixPtr blended(pixAlphaBlendUniform(pix.get(), 0xffffff00));
        if (blended) pix = std::move(blended);
        pixSetSpp(pix.get(), 3);
      }
      return pix;
    default:  // 2, 4 and 16 bits: grey
      return checked(pixConvertTo8(pix.get(), 0), "converting to 8-bit grey");
  }
}

std::span<const std::uint8_t> requireBytes(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) throw std::runtime_error("cannot decode the image: no bytes (empty file)");
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(bytes.data(), &format);
  if (format != IFF_JFIF_JPEG && format != IFF_PNG && format != IFF_TIFF && format != IFF_TIFF_G3 &&
      format != IFF_TIFF_G4 && format != IFF_TIFF_PACKBITS && format != IFF_TIFF_RLE &&
      format != IFF_TIFF_LZW && format != IFF_TIFF_ZIP && format != IFF_TIFF_JPEG &&
      format != IFF_BMP && format != IFF_PNM) {
    throw std::runtime_error(
        "cannot decode the image: not a JPEG, PNG or TIFF file (unrecognised first bytes)");
  }
  return bytes;
}

bool isTiff(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= 4 && ((bytes[0] == 'I' && bytes[1] == 'I' && bytes[2] == 42) ||
                               (bytes[0] == 'M' && bytes[1] == 'M' && bytes[3] == 42));
}

}  // namespace

PageImage::PageImage(PIX* pix) : pix_(pix) {
  if (pix == nullptr) throw std::invalid_argument("PageImage: no image");
  const int depth = pixGetDepth(pix);
  if ((depth != 1 && depth != 8 && depth != 32) || pixGetColormap(pix) != nullptr) {
    pix_ = nullptr;
    pixDestroy(&pix);
    throw std::invalid_argument("PageImage: a page is 1-bit, 8-bit grey or 32-bit RGB");
  }
}

PageImage::~PageImage() {
  if (pix_ != nullptr) pixDestroy(&pix_);
}

PageImage::PageImage(PageImage&& other) noexcept : pix_(std::exchange(other.pix_, nullptr)) {}

PageImage& PageImage::operator=(PageImage&& other) noexcept {
  if (this != &other) {
    if (pix_ != nullptr) pixDestroy(&pix_);
    pix_ = std::exchange(other.pix_, nullptr);
  }
  return *this;
}

PageImage PageImage::fromRaster(const Raster& raster) {
  if (!raster.valid()) {
    throw std::invalid_argument(
        "PageImage::fromRaster: the raster's size, channels and pixels "
        "do not agree");
  }
  const int depth = raster.bitonal ? 1 : (raster.channels == 3 ? 32 : 8);
  PixPtr pix = checked(pixCreate(raster.width, raster.height, depth), "creating a page");
  pixSetResolution(pix.get(), raster.dpi, raster.dpi);
  const int wpl = pixGetWpl(pix.get());
  l_uint32* data = pixGetData(pix.get());
  for (int y = 0; y < raster.height; ++y) {
    const std::uint8_t* src = raster.pixels.data() + raster.stride() * y;
    l_uint32* line = data + static_cast<std::size_t>(wpl) * y;
    for (int x = 0; x < raster.width; ++x) {
      if (depth == 32) {
        const std::uint8_t* rgb = src + 3 * x;
        composeRGBPixel(rgb[0], rgb[1], rgb[2], line + x);
      } else if (depth == 8) {
        SET_DATA_BYTE(line, x, src[x]);
      } else {
        // Bitonal: the brightness of the pixel (the raster may carry it in 3 channels).
        const int level =
            raster.channels == 3 ? (src[3 * x] + src[3 * x + 1] + src[3 * x + 2]) / 3 : src[x];
        if (level < 128) SET_DATA_BIT(line, x);
      }
    }
  }
  if (depth == 32) pixSetSpp(pix.get(), 3);
  return PageImage(pix.release());
}

Raster PageImage::toRaster() const {
  detail::requireValid(*this, "PageImage::toRaster");
  Raster raster;
  raster.width = width();
  raster.height = height();
  raster.dpi = dpi();
  raster.channels = colour() ? 3 : 1;
  raster.bitonal = bitonal();
  raster.pixels.resize(raster.stride() * raster.height);
  const int wpl = pixGetWpl(pix_);
  const l_uint32* data = pixGetData(pix_);
  const int depth = pixGetDepth(pix_);
  for (int y = 0; y < raster.height; ++y) {
    std::uint8_t* dst = raster.pixels.data() + raster.stride() * y;
    const l_uint32* line = data + static_cast<std::size_t>(wpl) * y;
    for (int x = 0; x < raster.width; ++x) {
      if (depth == 32) {
        l_int32 r = 0, g = 0, b = 0;
        extractRGBValues(line[x], &r, &g, &b);
        dst[3 * x] = static_cast<std::uint8_t>(r);
        dst[3 * x + 1] = static_cast<std::uint8_t>(g);
        dst[3 * x + 2] = static_cast<std::uint8_t>(b);
      } else if (depth == 8) {
        dst[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
      } else {
        dst[x] = GET_DATA_BIT(line, x) ? 0 : 255;
      }
    }
  }
  return raster;
}

PageImage PageImage::decode(std::span<const std::uint8_t> bytes) {
  requireBytes(bytes);
  PIX* pix = pixReadMem(bytes.data(), bytes.size());
  if (pix == nullptr) {
    throw std::runtime_error("cannot decode the image: the file is damaged or truncated (" +
                             std::to_string(bytes.size()) + " bytes)");
  }
  return PageImage(normalised(PixPtr(pix)).release());
}

std::vector<PageImage> PageImage::decodeAllPages(std::span<const std::uint8_t> bytes) {
  requireBytes(bytes);
  std::vector<PageImage> pages;
  if (!isTiff(bytes)) {
    pages.push_back(decode(bytes));
    return pages;
  }
  detail::PixaPtr pixa(pixaReadMemMultipageTiff(bytes.data(), bytes.size()));
  const int count = pixa ? pixaGetCount(pixa.get()) : 0;
  if (count == 0) {
    throw std::runtime_error("cannot decode the TIFF file: it is damaged or has no pages (" +
                             std::to_string(bytes.size()) + " bytes)");
  }
  for (int i = 0; i < count; ++i) {
    PixPtr pix = checked(pixaGetPix(pixa.get(), i, L_COPY), "reading a TIFF page");
    pages.emplace_back(normalised(std::move(pix)).release());
  }
  return pages;
}

PageImage PageImage::clone() const {
  if (pix_ == nullptr) return {};
  return PageImage(checked(pixCopy(nullptr, pix_), "copying a page").release());
}

PageImage PageImage::thumbnail(int maxSide) const {
  detail::requireValid(*this, "PageImage::thumbnail");
  if (maxSide <= 0) throw std::invalid_argument("PageImage::thumbnail: maxSide must be positive");
  // A 1-bit page scaled as 1-bit loses thin strokes; grey keeps them legible.
  PixPtr source = bitonal() ? detail::greyCopy(pix_) : checked(pixCopy(nullptr, pix_), "copying");
  const int longer = std::max(width(), height());
  if (longer <= maxSide) return PageImage(source.release());
  const auto factor = static_cast<float>(maxSide) / static_cast<float>(longer);
  PixPtr small = checked(pixScaleAreaMap(source.get(), factor, factor), "making a thumbnail");
  const int scaledDpi = static_cast<int>(dpi() * factor + 0.5);
  pixSetResolution(small.get(), scaledDpi, scaledDpi);
  return PageImage(small.release());
}

int PageImage::width() const { return pix_ ? pixGetWidth(pix_) : 0; }
int PageImage::height() const { return pix_ ? pixGetHeight(pix_) : 0; }
int PageImage::dpi() const { return pix_ ? pixGetXRes(pix_) : 0; }
void PageImage::setDpi(int dpi) {
  if (pix_ != nullptr) pixSetResolution(pix_, dpi, dpi);
}
bool PageImage::colour() const { return pix_ != nullptr && pixGetDepth(pix_) == 32; }
bool PageImage::bitonal() const { return pix_ != nullptr && pixGetDepth(pix_) == 1; }

}  // namespace onewindow::scan
