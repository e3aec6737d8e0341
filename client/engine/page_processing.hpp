#pragma once
// What the engine does with a captured page, as pure functions over bytes (DESIGN.md §9), so
// they run on the engine's page thread and in tests without a store: the source as it is kept,
// the automatic steps (a camera frame's perspective; a scanned page's skew and the document's
// edges), the clerk's turns and crop, blank flagging, and the encoding the material's policy
// asks for; then, at intake, the files that make up the material.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/scan/scan_types.hpp"
#include "forms/catalog.hpp"
#include "localdb/captured_pages.hpp"

namespace onewindow::engine {

struct EncodedFile {
  std::vector<std::uint8_t> bytes;
  std::string mediaType;
};

// The catalog's colour as the scanner's mode (the capture window preselects it).
[[nodiscard]] scan::ColourMode colourModeOf(forms::ScanColour colour);

// The page as the device gave it, kept so nothing is lost and every later step can be redone:
// JPEG at high quality for grey and colour, 1-bit G4 TIFF for a bitonal page. The page must
// carry its resolution (the capture gives one it does not know the policy's).
[[nodiscard]] EncodedFile encodeSource(const scan::Raster& page);

struct PageSteps {
  bool fromCamera = false;                 // correct the perspective instead of deskewing
  int quarterTurns = 0;                    // clockwise, after the automatic steps
  std::optional<localdb::PixelCrop> crop;  // in pixels of the page after the turns
};

struct ProcessedPage {
  EncodedFile file;
  localdb::PageOutput output;  // sha256 left empty: the store names it
  scan::Raster thumbnail;
};

// Throws std::runtime_error when the source cannot be decoded.
[[nodiscard]] ProcessedPage processPage(const std::vector<std::uint8_t>& source,
                                        const PageSteps& steps, const forms::ScanPolicy& policy,
                                        int thumbnailSide);

// The page as the clerk crops it: after the automatic steps and the turns, before any crop,
// scaled to fit `maxSide`, with the size in pixels a crop is given in.
struct UncroppedPage {
  scan::Raster preview;
  int width = 0, height = 0;
};
[[nodiscard]] UncroppedPage uncroppedPage(const std::vector<std::uint8_t>& source, bool fromCamera,
                                          int quarterTurns, int maxSide);

// A document camera's frame fitted into `maxSide` for the live preview.
[[nodiscard]] scan::Raster previewFrame(const scan::Raster& frame, int maxSide);

// A quick look at a page not processed yet: its source with the clerk's turns.
[[nodiscard]] scan::Raster sourceThumbnail(const std::vector<std::uint8_t>& source,
                                           int quarterTurns, int thumbnailSide);

// The material's files from its processed pages, in order: one merged PDF (JPEG pages inside
// as they are) for the pdf format, else one file per page. With the ID-card layout two pages
// (front, back) become one. `title` names the PDF.
[[nodiscard]] std::vector<EncodedFile> materialFiles(
    const std::vector<std::vector<std::uint8_t>>& pageOutputs, const forms::ScanPolicy& policy,
    const std::string& title);

}  // namespace onewindow::engine
