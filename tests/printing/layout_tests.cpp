#include <catch2/catch.hpp>

#include "printing/calibration.hpp"
#include "printing/layout.hpp"
#include "printing/specimen.hpp"
#include "printing/template_loader.hpp"

using namespace onewindow::printing;

namespace {

Template shipped(const std::string& kind) {
  return loadTemplate(std::string(ONEWINDOW_TEMPLATES_DIR) + "/" + kind + ".xml");
}

int textsOnPage(const LaidOutPage& page, const std::string& text) {
  int count = 0;
  for (const auto& op : page.ops)
    if (const auto* item = std::get_if<TextOp>(&op); item && item->text == text) ++count;
  return count;
}

}  // namespace

TEST_CASE("layout: a materials table of 40 rows breaks onto the next page with its header",
          "[printing][layout]") {
  const LaidOutDocument document = layOut(shipped("acceptance-notice"), specimenData(40));
  // Two labelled copies, each at least two pages.
  REQUIRE(document.pages.size() >= 4);
  const std::size_t perCopy = document.pages.size() / 2;
  CHECK(textsOnPage(document.pages[0], "材料名称") == 1);
  CHECK(textsOnPage(document.pages[1], "材料名称") == 1);
  CHECK(textsOnPage(document.pages[perCopy], "材料名称") == 1);
  CHECK(textsOnPage(document.pages[1], "第 2 页 共 " + std::to_string(perCopy) + " 页") == 1);
  CHECK(textsOnPage(document.pages[perCopy], "第二联 窗口存档") == 1);
  CHECK(document.missingFields.empty());
}

TEST_CASE("layout: every row of a long table is on some page, once", "[printing][layout]") {
  const LaidOutDocument document = layOut(shipped("acceptance-notice"), specimenData(40));
  int rows = 0;
  const std::size_t perCopy = document.pages.size() / 2;
  for (std::size_t page = 0; page < perCopy; ++page)
    for (int index = 1; index <= 40; ++index)
      rows += textsOnPage(document.pages[page], std::to_string(index));
  // Row numbers 1 and 2 also appear as counts ("份数"); at least all 40 numbers are there.
  CHECK(rows >= 40);
}

TEST_CASE("layout: nothing is drawn outside the page", "[printing][layout]") {
  const TemplateSetLoad set = loadTemplateDirectory(ONEWINDOW_TEMPLATES_DIR);
  for (const auto& loaded : set.templates) {
    const LaidOutDocument document = layOut(loaded, specimenData(40));
    for (const auto& page : document.pages) {
      for (const auto& op : page.ops) {
        INFO(loaded.kind);
        std::visit(
            [&](const auto& item) {
              using T = std::decay_t<decltype(item)>;
              if constexpr (std::is_same_v<T, TextOp> || std::is_same_v<T, RectOp> ||
                            std::is_same_v<T, ImageOp> || std::is_same_v<T, BarsOp>) {
                CHECK(item.x >= 0);
                CHECK(item.y >= 0);
                CHECK(item.x + std::max(0.0, item.width) <= page.width + 0.01);
              }
            },
            op);
      }
    }
  }
}

TEST_CASE("layout: a long name shrinks to fit its box", "[printing][layout]") {
  DocumentData data = specimenData();
  data.set("certificate.business_name",
           "深圳市罗湖区东门街道张三丰老字号特色潮汕牛肉火锅便利连锁经营店");
  const LaidOutDocument document = layOut(shipped("business-licence"), data);
  const TextOp* name = nullptr;
  for (const auto& op : document.pages[0].ops)
    if (const auto* text = std::get_if<TextOp>(&op);
        text && text->text == data.valueOr("certificate.business_name"))
      name = text;
  REQUIRE(name != nullptr);
  CHECK(name->sizePt < name->style.sizePt);
  CHECK(name->sizePt >= name->style.minSizePt);
}

TEST_CASE("layout: conditional blocks follow the data", "[printing][layout]") {
  DocumentData data = specimenData();
  const auto has = [](const LaidOutDocument& document, const std::string& needle) {
    for (const auto& op : document.pages[0].ops)
      if (const auto* text = std::get_if<TextOp>(&op);
          text && text->text.find(needle) != std::string::npos)
        return true;
    return false;
  };
  CHECK(has(layOut(shipped("refusal-notice"), data), "退还的申请材料"));
  data.list("returned").clear();
  data.set("decision.redirect", "");
  const LaidOutDocument without = layOut(shipped("refusal-notice"), data);
  CHECK_FALSE(has(without, "退还的申请材料"));
  CHECK_FALSE(has(without, "提出申请。"));
}

TEST_CASE("layout: a value a formatter cannot read is a located error", "[printing][layout]") {
  DocumentData data = specimenData();
  data.set("case.promised_due", "next Friday");
  try {
    layOut(shipped("acceptance-notice"), data);
    FAIL("laid out a notice with a promised date that is not a date");
  } catch (const LayoutError& error) {
    CHECK_THAT(error.what(),
               Catch::Contains("acceptance-notice.xml:") && Catch::Contains("case.promised_due"));
  }
}

TEST_CASE("layout: missing fields are reported, not invented", "[printing][layout]") {
  DocumentData data;
  data.set("applicant.name", "王五");
  const LaidOutDocument document = layOut(shipped("refusal-notice"), data);
  CHECK(std::find(document.missingFields.begin(), document.missingFields.end(), "case.number") !=
        document.missingFields.end());
}

TEST_CASE("layout: the calibration page has its marks where it says", "[printing][layout]") {
  const LaidOutDocument page = calibrationPage(210, 297, "PDF");
  REQUIRE(page.pages.size() == 1);
  int crosses = 0;
  for (const auto& op : page.pages[0].ops)
    if (const auto* circle = std::get_if<RectOp>(&op); circle && circle->ellipse) {
      ++crosses;
      const double cx = circle->x + circle->width / 2, cy = circle->y + circle->height / 2;
      CHECK(((cx == Approx(20) || cx == Approx(190) || cx == Approx(105)) &&
             (cy == Approx(20) || cy == Approx(277) || cy == Approx(148.5))));
    }
  CHECK(crosses == 5);
}
