// File import with files made by the test: Leptonica writes PNG, JPEG and TIFF, cairo a PDF.

#include <cairo.h>

#include <fstream>
#include <string>

#include <cairo-pdf.h>
#include <catch2/catch.hpp>
#include <leptonica/allheaders.h>

#include "client/scan/file_import.hpp"
#include "client/scan/file_import_driver.hpp"
#include "sane_fixture.hpp"
#include "temp_dir.hpp"

using namespace onewindow::scan;
using onewindow::test::RecordingObserver;
using onewindow::test::TempDir;

namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// A white colour page with a red square in the top-left quarter.
PixPtr colourPage(int width, int height, int dpi) {
  PixPtr pix(pixCreate(width, height, 32));
  pixSetAllArbitrary(pix.get(), 0xffffff00);
  for (int y = 0; y < height / 2; ++y)
    for (int x = 0; x < width / 2; ++x) pixSetRGBPixel(pix.get(), x, y, 255, 0, 0);
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// A grey page: a horizontal ramp.
PixPtr greyPage(int width, int height, int dpi) {
  PixPtr pix(pixCreate(width, height, 8));
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) pixSetPixel(pix.get(), x, y, x * 255 / (width - 1));
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// A 1-bit page, black on its left half.
PixPtr lineartPage(int width, int height, int dpi) {
  PixPtr pix(pixCreate(width, height, 1));
  pixSetAll(pix.get());  // 1 = black
  for (int y = 0; y < height; ++y)
    for (int x = width / 2; x < width; ++x) pixSetPixel(pix.get(), x, y, 0);
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

void writePix(const std::filesystem::path& file, PIX* pix, int format) {
  REQUIRE(pixWrite(file.c_str(), pix, format) == 0);
}

// Two pages: 2 × 1 in with a red band, then 1 × 2 in blank.
void writeTwoPagePdf(const std::filesystem::path& file) {
  cairo_surface_t* surface = cairo_pdf_surface_create(file.c_str(), 144, 72);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 0, 0, 72, 72);
  cairo_fill(cr);
  cairo_show_page(cr);
  cairo_pdf_surface_set_size(surface, 72, 144);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surface);
}

void writeText(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

const std::uint8_t* pixelAt(const Raster& page, int x, int y) {
  return page.pixels.data() + static_cast<std::size_t>(y) * page.stride() +
         static_cast<std::size_t>(x) * page.channels;
}

}  // namespace

TEST_CASE("File import reads a colour PNG with its dpi", "[scan][files]") {
  const TempDir dir;
  writePix(dir / "page.png", colourPage(120, 80, 200).get(), IFF_PNG);
  const std::vector<Raster> pages = importFile(dir / "page.png", 150);
  REQUIRE(pages.size() == 1);
  const Raster& page = pages.front();
  CHECK(page.valid());
  CHECK(page.width == 120);
  CHECK(page.height == 80);
  CHECK(page.channels == 3);
  CHECK(page.dpi == 200);
  CHECK_FALSE(page.bitonal);
  const std::uint8_t* red = pixelAt(page, 10, 10);
  CHECK((red[0] == 255 && red[1] == 0 && red[2] == 0));
  const std::uint8_t* white = pixelAt(page, 100, 70);
  CHECK((white[0] == 255 && white[1] == 255 && white[2] == 255));
}

TEST_CASE("File import reads a grey JPEG as one channel", "[scan][files]") {
  const TempDir dir;
  writePix(dir / "page.jpg", greyPage(64, 40, 150).get(), IFF_JFIF_JPEG);
  const std::vector<Raster> pages = importFile(dir / "page.jpg", 150);
  REQUIRE(pages.size() == 1);
  CHECK(pages.front().channels == 1);
  CHECK(pages.front().width == 64);
  CHECK(pages.front().height == 40);
  CHECK(pages.front().dpi == 150);
  // Lossy, but the ramp still runs from dark to light.
  CHECK(*pixelAt(pages.front(), 1, 20) < 30);
  CHECK(*pixelAt(pages.front(), 62, 20) > 225);
}

TEST_CASE("File import reads every page of a multi-page TIFF", "[scan][files]") {
  const TempDir dir;
  const std::filesystem::path file = dir / "batch.tif";
  REQUIRE(pixWriteTiff(file.c_str(), colourPage(100, 60, 300).get(), IFF_TIFF_ZIP, "w") == 0);
  REQUIRE(pixWriteTiff(file.c_str(), lineartPage(80, 50, 300).get(), IFF_TIFF_G4, "a") == 0);
  REQUIRE(pixWriteTiff(file.c_str(), greyPage(40, 30, 200).get(), IFF_TIFF_ZIP, "a") == 0);
  const std::vector<Raster> pages = importFile(file, 150);
  REQUIRE(pages.size() == 3);
  CHECK((pages[0].width == 100 && pages[0].height == 60 && pages[0].channels == 3));
  CHECK(pages[0].dpi == 300);
  CHECK((pages[1].width == 80 && pages[1].height == 50 && pages[1].channels == 1));
  CHECK(pages[1].bitonal);
  CHECK(*pixelAt(pages[1], 5, 5) == 0);     // set bit: black
  CHECK(*pixelAt(pages[1], 75, 5) == 255);  // unset: white
  CHECK((pages[2].width == 40 && pages[2].height == 30 && pages[2].channels == 1));
  CHECK(pages[2].dpi == 200);
  for (const Raster& page : pages) CHECK(page.valid());
}

TEST_CASE("File import converts a colour-mapped image", "[scan][files]") {
  const TempDir dir;
  PixPtr grey = greyPage(32, 16, 96);
  PixPtr mapped(pixConvertGrayToColormap(grey.get()));
  REQUIRE(pixGetColormap(mapped.get()) != nullptr);
  writePix(dir / "mapped.png", mapped.get(), IFF_PNG);
  const std::vector<Raster> pages = importFile(dir / "mapped.png", 150);
  REQUIRE(pages.size() == 1);
  CHECK(pages.front().valid());
  CHECK(pages.front().channels == 1);
  CHECK(*pixelAt(pages.front(), 31, 0) == 255);
}

TEST_CASE("File import renders each PDF page at the dpi asked", "[scan][files]") {
  const TempDir dir;
  writeTwoPagePdf(dir / "two.pdf");
  const std::vector<Raster> pages = importFile(dir / "two.pdf", 100);
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].width == 200);  // 2 in at 100 dpi
  CHECK(pages[0].height == 100);
  CHECK(pages[1].width == 100);
  CHECK(pages[1].height == 200);
  for (const Raster& page : pages) {
    CHECK(page.valid());
    CHECK(page.channels == 3);
    CHECK(page.dpi == 100);
  }
  const std::uint8_t* red = pixelAt(pages[0], 20, 50);
  CHECK((red[0] == 255 && red[1] == 0 && red[2] == 0));
  const std::uint8_t* paper = pixelAt(pages[0], 180, 50);
  CHECK((paper[0] == 255 && paper[1] == 255 && paper[2] == 255));
}

TEST_CASE("File import goes by the bytes, not the name", "[scan][files]") {
  const TempDir dir;
  writePix(dir / "really-a-png.pdf", colourPage(20, 10, 72).get(), IFF_PNG);
  const std::vector<Raster> pages = importFile(dir / "really-a-png.pdf", 150);
  REQUIRE(pages.size() == 1);
  CHECK(pages.front().width == 20);
  CHECK(sniffFileFormat(std::span<const std::uint8_t>()) == std::nullopt);
}

TEST_CASE("File import errors name the file", "[scan][files]") {
  const TempDir dir;
  auto failure = [](const std::filesystem::path& file) -> ScanError {
    try {
      (void)importFile(file, 100);
    } catch (const ScanError& error) {
      return error;
    }
    FAIL("no error for " << file);
    return {ScanErrorKind::Io, ""};
  };
  SECTION("an unknown format is unsupported") {
    writeText(dir / "notes.txt", "just some text, not a page");
    const ScanError error = failure(dir / "notes.txt");
    CHECK(error.kind() == ScanErrorKind::Unsupported);
    CHECK(error.detail().find("notes.txt") != std::string::npos);
    CHECK(error.clerkText() == "文件“notes.txt”不是可导入的格式：请使用 JPEG、PNG、TIFF 或 PDF");
  }
  SECTION("a broken PDF") {
    writeText(dir / "broken.pdf", "%PDF-1.4\nthis is not a PDF body\n%%EOF\n");
    const ScanError error = failure(dir / "broken.pdf");
    CHECK(error.kind() == ScanErrorKind::Io);
    CHECK(error.detail().find("broken.pdf") != std::string::npos);
    // The clerk hears about the file, not about restarting a scanner.
    CHECK(error.clerkText().find("broken.pdf") != std::string::npos);
    CHECK(error.clerkText().find("扫描仪") == std::string::npos);
  }
  SECTION("a truncated PNG") {
    writeText(dir / "cut.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    const ScanError error = failure(dir / "cut.png");
    CHECK(error.kind() == ScanErrorKind::Io);
    CHECK(error.detail().find("cut.png") != std::string::npos);
  }
  SECTION("a missing file") {
    const ScanError error = failure(dir / "absent.jpg");
    CHECK(error.kind() == ScanErrorKind::Io);
    CHECK(error.detail().find("absent.jpg") != std::string::npos);
  }
}

TEST_CASE("File import driver captures a file's pages as a batch", "[scan][files]") {
  const TempDir dir;
  FileImportDriver driver;
  REQUIRE(driver.devices().size() == 1);
  CHECK(driver.devices().front().id == "files");
  CHECK(driver.devices().front().kind == "file import");
  CHECK(driver.capabilities("files").sources == std::vector{PaperSource::Files});
  writeTwoPagePdf(dir / "two.pdf");
  ScanSettings settings;
  settings.dpi = 50;
  CancelFlag cancel;
  SECTION("every page") {
    RecordingObserver observer;
    driver.capture((dir / "two.pdf").string(), settings, observer, cancel);
    REQUIRE(observer.end);
    CHECK_FALSE(observer.end->error);
    CHECK(observer.end->pagesDone == 2);
    CHECK(observer.started == std::vector{0, 1});
    CHECK(observer.pages.at(0).width == 100);
  }
  SECTION("up to the page limit") {
    settings.maxPages = 1;
    RecordingObserver observer;
    driver.capture((dir / "two.pdf").string(), settings, observer, cancel);
    REQUIRE(observer.end);
    CHECK_FALSE(observer.end->error);
    CHECK(observer.end->pagesDone == 1);
  }
  SECTION("a broken file ends with the error") {
    writeText(dir / "bad.tif", std::string("II*\0garbage", 11));
    RecordingObserver observer;
    driver.capture((dir / "bad.tif").string(), settings, observer, cancel);
    REQUIRE(observer.end);
    REQUIRE(observer.end->error);
    CHECK(observer.end->error->kind() == ScanErrorKind::Io);
    CHECK(observer.end->error->detail().find("bad.tif") != std::string::npos);
    CHECK(observer.endedCalls == 1);
  }
}
