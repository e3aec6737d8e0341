#pragma once
// Pages from files (DESIGN.md §9): what a clerk picks from disk or a network scanner drops into
// a folder. JPEG, PNG and TIFF (every page) through Leptonica, PDF rendered with poppler at the
// dpi asked. The format comes from the bytes, never from the name.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "client/scan/scan_driver.hpp"

namespace onewindow::scan {

enum class FileFormat { Jpeg, Png, Tiff, Pdf };

// From the first bytes of a file (a PDF's header may come after up to 1024 bytes of junk).
[[nodiscard]] std::optional<FileFormat> sniffFileFormat(std::span<const std::uint8_t> head);

// Each page of `file`, in order, as an 8-bit grey or RGB Raster (colour maps and other depths
// converted; a 1-bit page expanded and marked bitonal) with the file's dpi when it has one, a
// PDF's pages at `pdfDpi`. Stops early when onPage returns false. Throws ScanError: Unsupported
// for a format it does not read, Io for a missing, broken or encrypted file; the detail names
// the file.
void forEachFilePage(const std::filesystem::path& file, int pdfDpi,
                     const std::function<bool(Raster page)>& onPage);

// All pages of a file at once; throws as forEachFilePage.
[[nodiscard]] std::vector<Raster> importFile(const std::filesystem::path& file, int pdfDpi);

// What file import and the watched folder both offer.
[[nodiscard]] Capabilities fileImportCapabilities();

}  // namespace onewindow::scan
