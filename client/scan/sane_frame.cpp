#include "client/scan/sane_frame.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "client/scan/scan_error.hpp"

namespace onewindow::scan {

SaneFrameLayout frameLayout(const SANE_Parameters& parameters) {
  SaneFrameLayout layout;
  switch (parameters.format) {
    case SANE_FRAME_RGB:
      layout.samplesPerPixel = 3;
      break;
    case SANE_FRAME_GRAY:
    case SANE_FRAME_RED:
    case SANE_FRAME_GREEN:
    case SANE_FRAME_BLUE:
      layout.samplesPerPixel = 1;
      break;
    default:
      throw ScanError(ScanErrorKind::Unsupported,
                      "SANE frame format " + std::to_string(parameters.format));
  }
  if (parameters.depth != 1 && parameters.depth != 8 && parameters.depth != 16)
    throw ScanError(ScanErrorKind::Unsupported,
                    std::to_string(parameters.depth) + " bits per sample");
  layout.depth = parameters.depth;
  layout.pixelsPerLine = parameters.pixels_per_line;
  layout.bytesPerLine = parameters.bytes_per_line;
  const long samplesPerLine = static_cast<long>(layout.pixelsPerLine) * layout.samplesPerPixel;
  const long neededBytes =
      layout.depth == 1 ? (samplesPerLine + 7) / 8 : samplesPerLine * (layout.depth / 8);
  if (layout.pixelsPerLine <= 0 || layout.bytesPerLine < neededBytes)
    throw ScanError(ScanErrorKind::Io, "SANE parameters: " + std::to_string(layout.pixelsPerLine) +
                                           " pixels in " + std::to_string(layout.bytesPerLine) +
                                           " bytes per line");
  return layout;
}

std::vector<std::uint8_t> eightBitSamples(const SaneFrameLayout& layout,
                                          std::span<const std::uint8_t> bytes, int lines) {
  const std::size_t samplesPerLine =
      static_cast<std::size_t>(layout.pixelsPerLine) * layout.samplesPerPixel;
  std::vector<std::uint8_t> samples(samplesPerLine * static_cast<std::size_t>(lines));
  for (int line = 0; line < lines; ++line) {
    const std::uint8_t* in = bytes.data() + static_cast<std::size_t>(line) * layout.bytesPerLine;
    std::uint8_t* out = samples.data() + static_cast<std::size_t>(line) * samplesPerLine;
    switch (layout.depth) {
      case 8:
        std::memcpy(out, in, samplesPerLine);
        break;
      case 16:
        for (std::size_t i = 0; i < samplesPerLine; ++i) {
          std::uint16_t sample = 0;
          std::memcpy(&sample, in + 2 * i, sizeof sample);
          out[i] = static_cast<std::uint8_t>(sample >> 8);
        }
        break;
      default:  // 1
        for (std::size_t i = 0; i < samplesPerLine; ++i) {
          const bool black = ((in[i / 8] >> (7 - i % 8)) & 1) != 0;
          out[i] = black ? 0 : 255;
        }
        break;
    }
  }
  return samples;
}

void SanePageAssembler::addFrame(const SANE_Parameters& parameters,
                                 std::span<const std::uint8_t> bytes) {
  const SaneFrameLayout layout = frameLayout(parameters);
  const int lines = static_cast<int>(bytes.size() / static_cast<std::size_t>(layout.bytesPerLine));
  Plane plane{layout.pixelsPerLine, lines, layout.depth == 1,
              eightBitSamples(layout, bytes, lines)};
  switch (parameters.format) {
    case SANE_FRAME_RED:
      separate_[0] = std::move(plane);
      break;
    case SANE_FRAME_GREEN:
      separate_[1] = std::move(plane);
      break;
    case SANE_FRAME_BLUE:
      separate_[2] = std::move(plane);
      break;
    default:
      whole_ = std::move(plane);
      break;
  }
  if (parameters.format == SANE_FRAME_RGB) wholeChannels_ = 3;
  if (parameters.format == SANE_FRAME_GRAY) wholeChannels_ = 1;
}

Raster SanePageAssembler::page(int dpi) const {
  Raster raster;
  raster.dpi = dpi;
  if (whole_) {
    raster.width = whole_->width;
    raster.height = whole_->height;
    raster.channels = wholeChannels_;
    raster.bitonal = whole_->bitonal;
    raster.pixels = whole_->samples;
  } else {
    for (const auto& plane : separate_)
      if (!plane) throw ScanError(ScanErrorKind::Io, "a three-pass page lacks a colour frame");
    raster.width = separate_[0]->width;
    // Frames of a hand scanner may differ by a line or two: keep what all three have.
    raster.height = std::min({separate_[0]->height, separate_[1]->height, separate_[2]->height});
    raster.channels = 3;
    raster.bitonal = separate_[0]->bitonal && separate_[1]->bitonal && separate_[2]->bitonal;
    for (const auto& plane : separate_)
      if (plane->width != raster.width)
        throw ScanError(ScanErrorKind::Io, "three-pass frames of different widths");
    raster.pixels.resize(raster.stride() * static_cast<std::size_t>(raster.height));
    for (std::size_t pixel = 0; pixel < raster.pixels.size() / 3; ++pixel)
      for (std::size_t channel = 0; channel < 3; ++channel)
        raster.pixels[pixel * 3 + channel] = separate_[channel]->samples[pixel];
  }
  if (raster.height == 0) throw ScanError(ScanErrorKind::Io, "the page has no lines");
  return raster;
}

}  // namespace onewindow::scan
