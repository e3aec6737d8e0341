#pragma once
// Renderers of a laid-out document through cairo: PDF (archived with the case, sent to CUPS)
// and raster pages (the on-screen preview, golden tests). Both draw the same operations.
#include <cstdint>
#include <string>
#include <vector>

#include "printing/layout.hpp"

namespace onewindow::printing {

struct RenderOptions {
  std::string watermark;            // 样本, 补打, 作废 … across every page; empty: none
  bool includeStock = true;         // false when printing on pre-printed stock (套打)
  double offsetX = 0, offsetY = 0;  // the printer's calibration, millimetres (套打)
  // PDF metadata: fixed, so the same document renders to the same bytes (golden tests, and
  // an archive whose hash does not change on a re-render).
  std::string creationDate = "2026-01-01T00:00:00";
  std::string title;
};

class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The whole document as PDF bytes: fonts embedded as subsets, text extractable.
std::string renderPdf(const LaidOutDocument& document, const RenderOptions& options = {});

struct RasterPage {
  int width = 0, height = 0, stride = 0;  // pixels; stride in bytes
  std::vector<std::uint8_t> pixels;       // cairo ARGB32 (native-endian 0xAARRGGBB words)
};
RasterPage renderPage(const LaidOutDocument& document, std::size_t page, double dpi,
                      const RenderOptions& options = {});
// The same page as a PNG file (golden tests, screenshots).
void writePagePng(const LaidOutDocument& document, std::size_t page, double dpi,
                  const std::string& path, const RenderOptions& options = {});

}  // namespace onewindow::printing
