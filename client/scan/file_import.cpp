#include "client/scan/file_import.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

namespace onewindow::scan {
namespace {

constexpr std::size_t kPdfHeaderWindow = 1024;

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

std::string quoted(const std::filesystem::path& file) { return "'" + file.string() + "'"; }

std::string fileClerkText(ScanErrorKind kind, const std::filesystem::path& file) {
  const std::string name = "“" + file.filename().string() + "”";
  if (kind == ScanErrorKind::Unsupported)
    return "文件" + name + "不是可导入的格式：请使用 JPEG、PNG、TIFF 或 PDF";
  return "文件" + name + "无法读取：文件不存在、已损坏、不完整或有密码保护";
}

std::vector<std::uint8_t> readWholeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScanError(ScanErrorKind::Io, "cannot open " + quoted(file));
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (in.bad()) throw ScanError(ScanErrorKind::Io, "cannot read " + quoted(file));
  return bytes;
}

bool startsWith(std::span<const std::uint8_t> bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && std::memcmp(bytes.data(), magic.data(), magic.size()) == 0;
}

// Any depth and colour map to 8-bit grey or RGB. Leptonica keeps 1-bit pages with 1 = black,
// which pixConvertTo8 turns into 0 (black) and 255 (white).
Raster rasterFromPix(PIX* source, const std::filesystem::path& file) {
  PixPtr flat(pixGetColormap(source) != nullptr
                  ? pixRemoveColormap(source, REMOVE_CMAP_BASED_ON_SRC)
                  : pixClone(source));
  if (!flat) throw ScanError(ScanErrorKind::Io, "cannot convert the colours of " + quoted(file));
  const int depth = pixGetDepth(flat.get());
  Raster raster;
  raster.bitonal = depth == 1;
  raster.dpi = std::max(0, pixGetXRes(source));
  PixPtr converted(depth == 32 ? pixClone(flat.get()) : pixConvertTo8(flat.get(), 0));
  if (!converted || (pixGetDepth(converted.get()) != 8 && pixGetDepth(converted.get()) != 32))
    throw ScanError(ScanErrorKind::Io,
                    "cannot convert a " + std::to_string(depth) + "-bit page of " + quoted(file));
  PIX* pix = converted.get();
  raster.width = pixGetWidth(pix);
  raster.height = pixGetHeight(pix);
  raster.channels = pixGetDepth(pix) == 32 ? 3 : 1;
  raster.pixels.resize(raster.stride() * static_cast<std::size_t>(raster.height));
  const l_uint32* data = pixGetData(pix);
  const int wordsPerLine = pixGetWpl(pix);
  std::uint8_t* out = raster.pixels.data();
  for (int y = 0; y < raster.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wordsPerLine;
    for (int x = 0; x < raster.width; ++x) {
      if (raster.channels == 1) {
        *out++ = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
      } else {
        const l_uint32 word = line[x];
        *out++ = static_cast<std::uint8_t>(word >> L_RED_SHIFT);
        *out++ = static_cast<std::uint8_t>(word >> L_GREEN_SHIFT);
        *out++ = static_cast<std::uint8_t>(word >> L_BLUE_SHIFT);
      }
    }
  }
  return raster;
}

void forEachImagePage(const std::vector<std::uint8_t>& bytes, FileFormat format,
                      const std::filesystem::path& file,
                      const std::function<bool(Raster)>& onPage) {
  if (format != FileFormat::Tiff) {
    const PixPtr pix(pixReadMem(bytes.data(), bytes.size()));
    if (!pix) throw ScanError(ScanErrorKind::Io, "cannot decode " + quoted(file) + " (broken?)");
    onPage(rasterFromPix(pix.get(), file));
    return;
  }
  // Leptonica sets the offset to the next page's directory, and to 0 after the last page.
  std::size_t offset = 0;
  int page = 0;
  do {
    const PixPtr pix(pixReadMemFromMultipageTiff(bytes.data(), bytes.size(), &offset));
    if (!pix)
      throw ScanError(ScanErrorKind::Io,
                      "cannot decode page " + std::to_string(page + 1) + " of " + quoted(file));
    ++page;
    if (!onPage(rasterFromPix(pix.get(), file))) return;
  } while (offset != 0);
}

Raster rasterFromPopplerImage(const poppler::image& image, int dpi) {
  Raster raster;
  raster.width = image.width();
  raster.height = image.height();
  raster.channels = 3;
  raster.dpi = dpi;
  raster.pixels.resize(raster.stride() * static_cast<std::size_t>(raster.height));
  const char* data = image.const_data();
  std::uint8_t* out = raster.pixels.data();
  for (int y = 0; y < raster.height; ++y) {
    const char* line = data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
    for (int x = 0; x < raster.width; ++x) {
      // ARGB32 is one native-endian word 0xAARRGGBB per pixel, on an opaque white paper.
      std::uint32_t word = 0;
      std::memcpy(&word, line + static_cast<std::ptrdiff_t>(x) * 4, sizeof word);
      *out++ = static_cast<std::uint8_t>(word >> 16);
      *out++ = static_cast<std::uint8_t>(word >> 8);
      *out++ = static_cast<std::uint8_t>(word);
    }
  }
  return raster;
}

// poppler prints its parser's complaints to stderr; a broken PDF is reported to the clerk as
// a ScanError naming the file instead.
void ignorePopplerMessage(const std::string&, void*) {}

void forEachPdfPage(const std::vector<std::uint8_t>& bytes, int dpi,
                    const std::filesystem::path& file, const std::function<bool(Raster)>& onPage) {
  static const bool quiet = [] {
    poppler::set_debug_error_function(ignorePopplerMessage, nullptr);
    return true;
  }();
  (void)quiet;
  // load_from_raw_data keeps a pointer into `bytes`, which outlives the document here.
  std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(
      reinterpret_cast<const char*>(bytes.data()), static_cast<int>(bytes.size())));
  if (!document)
    throw ScanError(ScanErrorKind::Io, "cannot open the PDF " + quoted(file) +
                                           " (broken, or encrypted with a password)");
  if (document->is_locked())
    throw ScanError(ScanErrorKind::Io, "the PDF " + quoted(file) + " is password-protected");
  if (dpi <= 0) throw ScanError(ScanErrorKind::Unsupported, "a PDF needs a dpi to render at");
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  const int pages = document->pages();
  if (pages <= 0) throw ScanError(ScanErrorKind::Io, "the PDF " + quoted(file) + " has no pages");
  for (int index = 0; index < pages; ++index) {
    const std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page)
      throw ScanError(ScanErrorKind::Io,
                      "cannot read page " + std::to_string(index + 1) + " of " + quoted(file));
    const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_argb32)
      throw ScanError(ScanErrorKind::Io,
                      "cannot render page " + std::to_string(index + 1) + " of " + quoted(file));
    if (!onPage(rasterFromPopplerImage(image, dpi))) return;
  }
}

}  // namespace

std::optional<FileFormat> sniffFileFormat(std::span<const std::uint8_t> head) {
  if (startsWith(head, "\xFF\xD8\xFF")) return FileFormat::Jpeg;
  if (startsWith(head, "\x89PNG\r\n\x1A\n")) return FileFormat::Png;
  if (startsWith(head, std::string_view("II*\0", 4)) ||
      startsWith(head, std::string_view("MM\0*", 4)))
    return FileFormat::Tiff;
  const std::span<const std::uint8_t> window = head.first(std::min(head.size(), kPdfHeaderWindow));
  const std::string_view pdfMagic = "%PDF-";
  const auto found =
      std::search(window.begin(), window.end(), pdfMagic.begin(), pdfMagic.end(),
                  [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); });
  if (found != window.end()) return FileFormat::Pdf;
  return std::nullopt;
}

void forEachFilePage(const std::filesystem::path& file, int pdfDpi,
                     const std::function<bool(Raster page)>& onPage) {
  try {
    const std::vector<std::uint8_t> bytes = readWholeFile(file);
    const std::optional<FileFormat> format = sniffFileFormat(bytes);
    if (!format)
      throw ScanError(ScanErrorKind::Unsupported,
                      quoted(file) + " is not a JPEG, PNG, TIFF or PDF file");
    if (*format == FileFormat::Pdf) {
      forEachPdfPage(bytes, pdfDpi, file, onPage);
    } else {
      forEachImagePage(bytes, *format, file, onPage);
    }
  } catch (const ScanError& error) {
    // Whatever went wrong, the clerk is told about the file, not about a scanner.
    throw ScanError(error.kind(), error.detail(), fileClerkText(error.kind(), file));
  }
}

std::vector<Raster> importFile(const std::filesystem::path& file, int pdfDpi) {
  std::vector<Raster> pages;
  forEachFilePage(file, pdfDpi, [&](Raster page) {
    pages.push_back(std::move(page));
    return true;
  });
  return pages;
}

Capabilities fileImportCapabilities() {
  Capabilities capabilities;
  capabilities.sources = {PaperSource::Files};
  capabilities.modes = {ColourMode::Colour, ColourMode::Grey, ColourMode::BlackWhite};
  capabilities.depths = {8};
  capabilities.resolutions = Resolutions{{}, 50, 1200, 0};  // the dpi PDFs are rendered at
  return capabilities;
}

}  // namespace onewindow::scan
