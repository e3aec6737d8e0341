#include "client/scan/encoded_page_info.hpp"

#include <stdexcept>

#include <leptonica/allheaders.h>

namespace onewindow::scan {

EncodedPage describeEncoded(std::span<const std::uint8_t> bytes) {
  l_int32 format = 0, width = 0, height = 0, bitsPerSample = 0, samplesPerPixel = 0, colormap = 0;
  if (bytes.empty() || pixReadHeaderMem(bytes.data(), bytes.size(), &format, &width, &height,
                                        &bitsPerSample, &samplesPerPixel, &colormap) != 0) {
    throw std::invalid_argument("the stored page is not an image Leptonica can read");
  }
  EncodedPage page;
  page.bytes.assign(bytes.begin(), bytes.end());
  page.width = width;
  page.height = height;
  if (format == IFF_JFIF_JPEG) {
    page.format = OutputFormat::Jpeg;
    l_int32 xres = 0, yres = 0;
    if (readResolutionMemJpeg(bytes.data(), bytes.size(), &xres, &yres) == 0) page.dpi = xres;
    return page;
  }
  if (format == IFF_PNG) {
    page.format = OutputFormat::Png;
  } else if (format == IFF_TIFF_G4) {
    page.format = OutputFormat::TiffG4;
  } else {
    throw std::invalid_argument("the stored page is neither JPEG, PNG nor a G4 TIFF");
  }
  // PNG and TIFF keep their resolution in the header Leptonica reads with the pixels.
  PIX* pix = pixReadMem(bytes.data(), bytes.size());
  if (pix == nullptr) throw std::invalid_argument("the stored page cannot be decoded");
  page.dpi = pixGetXRes(pix);
  pixDestroy(&pix);
  return page;
}

}  // namespace onewindow::scan
