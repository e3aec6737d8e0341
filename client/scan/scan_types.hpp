#pragma once
// What every scanner driver speaks (DESIGN.md §9): devices, their capabilities, the settings of
// one capture, and the raster a page arrives as. No wx, no Leptonica: the page pipeline
// (page_image.hpp) turns a Raster into its own image type.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onewindow::scan {

enum class ColourMode { Colour, Grey, BlackWhite };
// Where the paper is: the glass, the feeder (one or both sides), a document camera, or files.
enum class PaperSource { Flatbed, Feeder, FeederDuplex, Camera, Files };

[[nodiscard]] const char* colourModeName(ColourMode mode);      // "colour", "grey", "bw"
[[nodiscard]] const char* paperSourceName(PaperSource source);  // "flatbed", "feeder", ...

struct DeviceInfo {
  std::string id;      // what capture() is given: "test:0", "/dev/video0", a folder path
  std::string driver;  // "sane", "camera", "files"
  std::string vendor;
  std::string model;
  std::string kind;  // the device's own word: "flatbed scanner", "document camera", ...
  // What a clerk reads in the device list: "Noname frontend-tester (test:0)".
  [[nodiscard]] std::string label() const;
};

struct Resolutions {
  std::vector<int> list;           // a device offering fixed values
  int min = 0, max = 0, step = 0;  // or a range (step 0: any value in it)
  // The value the device can do that is closest to `wanted` (ties go up, for legibility).
  [[nodiscard]] int snap(int wanted) const;
};

struct FrameSize {  // a camera's frame sizes
  int width = 0, height = 0;
};

struct Capabilities {
  std::vector<PaperSource> sources;
  std::vector<ColourMode> modes;
  std::vector<int> depths;  // bits per sample the device offers: 1, 8, 16
  Resolutions resolutions;
  double maxWidthMm = 0, maxHeightMm = 0;  // the scan area; 0 when unknown (cameras, files)
  std::vector<FrameSize> frameSizes;       // cameras only
};

struct AreaMm {
  double left = 0, top = 0, width = 0, height = 0;
};

struct ScanSettings {
  PaperSource source = PaperSource::Flatbed;
  ColourMode mode = ColourMode::Colour;
  int dpi = 300;               // snapped to what the device offers
  int depth = 8;               // bits per sample asked of the device; pages always arrive as 8-bit
  std::optional<AreaMm> area;  // none: the whole scan area
  int maxPages = 0;            // feeder: stop after this many (0: until the feeder is empty)
};

// One page as it came off the device: 8 bits per sample, `channels` 1 (grey) or 3 (RGB),
// rows top to bottom with no padding. A 16-bit device page is reduced to 8 bits, a 1-bit one is
// expanded (0 → white 255, 1 → black 0, as SANE's lineart means) and marked `bitonal`.
struct Raster {
  int width = 0, height = 0;
  int channels = 3;
  int dpi = 0;  // 0 when unknown (camera frames, some files)
  bool bitonal = false;
  std::vector<std::uint8_t> pixels;

  [[nodiscard]] std::size_t stride() const { return static_cast<std::size_t>(width) * channels; }
  [[nodiscard]] bool valid() const {
    return width > 0 && height > 0 && (channels == 1 || channels == 3) &&
           pixels.size() == stride() * static_cast<std::size_t>(height);
  }
};

}  // namespace onewindow::scan
