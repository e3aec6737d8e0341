#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "client/scan/page_image.hpp"
#include "client/scan/page_pipeline_encode.hpp"
#include "client/scan/page_pipeline_pdf.hpp"
#include "pdf_tools.hpp"
#include "temp_dir.hpp"
#include "test_images.hpp"

using namespace onewindow::scan;
namespace ti = onewindow::scan::testimages;
using onewindow::test::runTool;
using onewindow::test::TempDir;

namespace {

std::filesystem::path writeFile(const std::filesystem::path& path,
                                const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  return path;
}

bool contains(const std::vector<std::uint8_t>& haystack, const std::vector<std::uint8_t>& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

double meanGrey(const std::filesystem::path& png) {
  std::ifstream in(png, std::ios::binary);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  const Raster raster = PageImage::decode(bytes).toRaster();
  double sum = 0;
  for (int y = 0; y < raster.height; ++y) {
    for (int x = 0; x < raster.width; ++x) sum += ti::greyAt(raster, x, y);
  }
  return sum / (static_cast<double>(raster.width) * raster.height);
}

std::vector<EncodedPage> threePages() {
  const PageImage colour =
      PageImage::fromRaster(ti::makePage({.dpi = 100, .textLines = 10, .seal = true}));  // A4
  const PageImage a5 = PageImage::fromRaster(
      ti::makePage({.dpi = 100, .widthMm = 148, .heightMm = 210, .textLines = 10}));
  return {encodePage(colour, {.dpi = 100}),
          encodePage(a5, {.dpi = 100, .colour = ColourMode::Grey}),
          encodePage(colour, {.dpi = 100, .colour = ColourMode::BlackWhite})};
}

}  // namespace

TEST_CASE("Pages merge into one PDF with each page at its size and the JPEGs unchanged",
          "[scan][pipeline]") {
  const TempDir dir;
  const std::vector<EncodedPage> pages = threePages();
  const std::vector<std::uint8_t> pdf = mergeToPdf(pages, "营业执照副本");
  const auto path = writeFile(dir / "material.pdf", pdf);

  CHECK(onewindow::test::pdfPages(path) == 3);
  const std::string info = runTool("pdfinfo -f 1 -l 3 '" + path.string() + "'").output;
  INFO(info);
  CHECK_THAT(info, Catch::Contains("Page    1 size:  595.44 x 841.68 pts"));  // 827 × 1169 px
  CHECK_THAT(info, Catch::Contains("Page    2 size:  419.76 x 595.44 pts"));  // A5
  CHECK_THAT(info, Catch::Contains("Page    3 size:  595.44 x 841.68 pts"));
  CHECK_THAT(info, Catch::Contains("营业执照副本"));

  CHECK(contains(pdf, pages[0].bytes));  // embedded byte for byte, never re-encoded
  CHECK(contains(pdf, pages[1].bytes));

  const std::string images = runTool("pdfimages -list '" + path.string() + "'").output;
  INFO(images);
  CHECK(images.find("jpeg") != std::string::npos);
  CHECK(images.find("ccitt") != std::string::npos);
  CHECK(images.find("rgb") != std::string::npos);
  CHECK(images.find("gray") != std::string::npos);
  CHECK(images.find("Syntax") == std::string::npos);

  const auto rendered = onewindow::test::rasterisePdf(path, 20, dir / "page");
  REQUIRE(rendered.size() == 3);
  for (const auto& png : rendered) {
    // Mostly white paper with dark text: an inverted G4 page would come out mostly black.
    const double grey = meanGrey(png);
    CHECK(grey > 180);
    CHECK(grey < 254);
  }
  // poppler complains on stderr about a wrong xref offset or a broken stream; nothing may show.
  const std::string complaints =
      runTool("pdftoppm -r 10 -png '" + path.string() + "' '" + (dir / "x").string() + "' 2>&1")
          .output;
  CHECK(complaints.empty());
}

TEST_CASE("PNG pages merge too, and an empty list is refused", "[scan][pipeline]") {
  const TempDir dir;
  const PageImage page = PageImage::fromRaster(ti::makePage({.dpi = 60, .seal = true}));
  const std::vector<EncodedPage> pages{
      encodePage(page, {.dpi = 60, .losslessPng = true}),
      encodePage(page, {.dpi = 60, .colour = ColourMode::Grey, .losslessPng = true})};
  const auto path = writeFile(dir / "png.pdf", mergeToPdf(pages, "Plain ASCII title"));
  CHECK(onewindow::test::pdfPages(path) == 2);
  const auto rendered = onewindow::test::rasterisePdf(path, 20, dir / "page");
  REQUIRE(rendered.size() == 2);
  CHECK(meanGrey(rendered[0]) > 180);

  CHECK_THROWS_AS(mergeToPdf({}, "nothing"), std::invalid_argument);
  EncodedPage broken = pages[0];
  broken.format = OutputFormat::Jpeg;
  CHECK_THROWS_AS(mergeToPdf({broken}, "x"), std::invalid_argument);
}
