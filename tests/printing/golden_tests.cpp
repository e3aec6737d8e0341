// Golden tests of the document set: each template rendered with the specimen data to PDF,
// rasterised by poppler at a fixed resolution and compared with a committed reference image.
// ONEWINDOW_UPDATE_GOLDEN=1 rewrites the references (look at every one before committing).
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include <catch2/catch.hpp>

#include "pdf_tools.hpp"
#include "printing/layout.hpp"
#include "printing/render.hpp"
#include "printing/specimen.hpp"
#include "printing/template_loader.hpp"
#include "temp_dir.hpp"

using namespace onewindow::printing;
namespace fs = std::filesystem;
using onewindow::test::TempDir;

namespace {

constexpr int kGoldenDpi = 60;
constexpr double kTolerance = 0.004;  // share of pixels allowed to differ (anti-aliasing)

Template shipped(const std::string& kind) {
  return loadTemplate(std::string(ONEWINDOW_TEMPLATES_DIR) + "/" + kind + ".xml");
}

fs::path writePdf(const TempDir& dir, const std::string& name, const std::string& bytes) {
  const fs::path path = dir / (name + ".pdf");
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

const char* const kKinds[] = {"acceptance-notice",     "material-receipt", "correction-notice",
                              "gap-acceptance-notice", "refusal-notice",   "transfer-slip",
                              "completion-notice",     "business-licence", "senior-card"};

}  // namespace

TEST_CASE("golden: each template renders as its reference image", "[printing][golden]") {
  const bool update = std::getenv("ONEWINDOW_UPDATE_GOLDEN") != nullptr;
  TempDir dir;
  for (const std::string kind : kKinds) {
    INFO(kind);
    const LaidOutDocument document = layOut(shipped(kind), specimenData());
    const fs::path pdf = writePdf(dir, kind, renderPdf(document));
    const auto pages = onewindow::test::rasterisePdf(pdf, kGoldenDpi, dir / kind);
    REQUIRE(pages.size() == document.pages.size());
    for (std::size_t index = 0; index < pages.size(); ++index) {
      const fs::path golden =
          fs::path(ONEWINDOW_PRINTING_GOLDEN) / (kind + "-" + std::to_string(index + 1) + ".png");
      if (update) fs::copy_file(pages[index], golden, fs::copy_options::overwrite_existing);
      INFO("page " << index + 1 << " against " << golden.string());
      REQUIRE(fs::exists(golden));
      CHECK(onewindow::test::differingPixels(pages[index], golden) <= kTolerance);
    }
  }
}

TEST_CASE("golden: the PDF's text is extractable Chinese with the case's fields",
          "[printing][golden]") {
  TempDir dir;
  const DocumentData data = specimenData();
  const fs::path pdf =
      writePdf(dir, "notice", renderPdf(layOut(shipped("acceptance-notice"), data)));
  const std::string text = onewindow::test::pdfText(pdf);
  CHECK_THAT(text, Catch::Contains("受理通知书"));
  CHECK_THAT(text, Catch::Contains("张三丰"));
  CHECK_THAT(text, Catch::Contains("深圳市居住证申领"));
  CHECK_THAT(text, Catch::Contains("440305********123X"));
  CHECK_THAT(text, Catch::Contains("2026年11月27日"));
  CHECK_THAT(text, Catch::Contains("第一联 申请人留存"));
  CHECK_THAT(text, Catch::Contains("第二联 窗口存档"));
  CHECK_THAT(text, !Catch::Contains("44030519900101123X"));
}

TEST_CASE("golden: every font is embedded as a subset", "[printing][golden]") {
  TempDir dir;
  for (const std::string kind : kKinds) {
    INFO(kind);
    const fs::path pdf = writePdf(dir, kind, renderPdf(layOut(shipped(kind), specimenData())));
    const std::string fonts = onewindow::test::pdfFonts(pdf);
    // pdffonts: name type encoding emb sub uni object ID; two header lines.
    std::istringstream lines(fonts);
    std::string line;
    int listed = 0;
    for (int header = 0; header < 2 && std::getline(lines, line); ++header) {
    }
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      ++listed;
      INFO(line);
      CHECK(line.find("+") == 6);  // subset tag: ABCDEF+Name
      std::istringstream columns(line.substr(line.find(' ')));
      std::vector<std::string> words{std::istream_iterator<std::string>(columns), {}};
      REQUIRE(words.size() >= 5);
      CHECK(words[words.size() - 5] == "yes");  // emb
      CHECK(words[words.size() - 4] == "yes");  // sub
    }
    CHECK(listed > 0);
  }
}

TEST_CASE("golden: the QR code decodes to the case's verification address", "[printing][golden]") {
  TempDir dir;
  const DocumentData data = specimenData();
  const fs::path pdf =
      writePdf(dir, "notice", renderPdf(layOut(shipped("acceptance-notice"), data)));
  const auto pages = onewindow::test::rasterisePdf(pdf, 200, dir / "page");
  REQUIRE_FALSE(pages.empty());
  CHECK_THAT(onewindow::test::decodeSymbols(pages.front()),
             Catch::Contains(data.valueOr("case.verify_url")));
}

// The provisional number: central's 43-character number does not fit a 62 mm Code 128.
TEST_CASE("golden: the barcode decodes to the case's provisional number", "[printing][golden]") {
  TempDir dir;
  const DocumentData data = specimenData();
  const fs::path pdf =
      writePdf(dir, "receipt", renderPdf(layOut(shipped("material-receipt"), data)));
  const auto pages = onewindow::test::rasterisePdf(pdf, 300, dir / "page");
  REQUIRE_FALSE(pages.empty());
  CHECK_THAT(onewindow::test::decodeSymbols(pages.front()),
             Catch::Contains(data.valueOr("case.provisional_number")));
}

TEST_CASE("golden: the same document renders to the same bytes", "[printing][golden]") {
  const LaidOutDocument document = layOut(shipped("acceptance-notice"), specimenData());
  CHECK(renderPdf(document) == renderPdf(document));
  RenderOptions other;
  other.creationDate = "2026-11-27T10:15:00";
  CHECK(renderPdf(document, other) != renderPdf(document));
}

TEST_CASE("golden: watermarks mark training, reprints and voided documents", "[printing][golden]") {
  // poppler does not extract diagonal text, so the mark is looked for in the pixels: each word
  // changes the page where it lies, and differently from the others.
  TempDir dir;
  const LaidOutDocument document = layOut(shipped("acceptance-notice"), specimenData());
  writePagePng(document, 0, kGoldenDpi, (dir / "plain.png").string());
  std::vector<fs::path> marked;
  for (const std::string mark : {"样本", "补打", "作废"}) {
    RenderOptions options;
    options.watermark = mark;
    marked.push_back(dir / (mark + ".png"));
    writePagePng(document, 0, kGoldenDpi, marked.back().string(), options);
    CHECK(onewindow::test::differingPixels(dir / "plain.png", marked.back(), 20) > 0.02);
  }
  CHECK(onewindow::test::differingPixels(marked[0], marked[1], 20) > 0.01);
  CHECK(onewindow::test::differingPixels(marked[1], marked[2], 20) > 0.01);
}

TEST_CASE("golden: on pre-printed stock only the values print, moved by the calibration",
          "[printing][golden]") {
  TempDir dir;
  const DocumentData data = specimenData();
  const LaidOutDocument document = layOut(shipped("business-licence"), data);
  const std::string archive =
      onewindow::test::pdfText(writePdf(dir, "archive", renderPdf(document)));
  CHECK_THAT(archive, Catch::Contains("营业执照"));
  RenderOptions printer;
  printer.includeStock = false;
  printer.offsetX = 1.5;
  printer.offsetY = -0.8;
  const fs::path printed = writePdf(dir, "printed", renderPdf(document, printer));
  const std::string text = onewindow::test::pdfText(printed);
  CHECK_THAT(text, !Catch::Contains("营业执照"));
  CHECK_THAT(text, Catch::Contains(data.valueOr("certificate.business_name")));
}
