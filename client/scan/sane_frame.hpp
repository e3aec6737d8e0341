#pragma once
// From SANE frames to a Raster (scan_types.hpp): a page arrives as one grey or RGB frame, or as
// red, green and blue frames from a three-pass scanner; samples are 1, 8 or 16 bits with lines
// padded to bytes_per_line. Pure: tested with hand-made frames as well as the test backend's.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <sane/sane.h>

#include "client/scan/scan_types.hpp"

namespace onewindow::scan {

struct SaneFrameLayout {
  int samplesPerPixel = 1;  // 3 for SANE_FRAME_RGB
  int depth = 8;            // 1, 8 or 16 bits per sample
  int pixelsPerLine = 0;
  int bytesPerLine = 0;  // at least the samples' bytes; the rest is padding
};

// Throws ScanError(Unsupported) for a depth or frame format the driver cannot read.
[[nodiscard]] SaneFrameLayout frameLayout(const SANE_Parameters& parameters);

// The 8-bit samples of the first `lines` lines, padding dropped: 16-bit samples (native-endian,
// as SANE sends them) keep their high byte; 1-bit samples become 0 where the bit is set (SANE's
// lineart: set means black) and 255 where it is not.
[[nodiscard]] std::vector<std::uint8_t> eightBitSamples(const SaneFrameLayout& layout,
                                                        std::span<const std::uint8_t> bytes,
                                                        int lines);

// Collects a page's frames and makes the Raster once the last one is in.
class SanePageAssembler {
 public:
  // `bytes` holds the frame as read; a trailing partial line (a hand scanner stopped
  // mid-line) is dropped.
  void addFrame(const SANE_Parameters& parameters, std::span<const std::uint8_t> bytes);
  // Throws ScanError(Io) when a three-pass page lacks a colour or no frame came.
  [[nodiscard]] Raster page(int dpi) const;

 private:
  struct Plane {
    int width = 0, height = 0;
    bool bitonal = false;
    std::vector<std::uint8_t> samples;
  };
  std::optional<Plane> whole_;  // a grey or RGB frame
  int wholeChannels_ = 1;
  std::optional<Plane> separate_[3];  // red, green, blue frames
};

}  // namespace onewindow::scan
