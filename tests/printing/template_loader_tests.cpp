#include <catch2/catch.hpp>

#include "printing/template_loader.hpp"

using namespace onewindow::printing;

namespace {

std::string problemsOf(const std::string& xml) {
  const TemplateLoad load = loadTemplateText("bad.xml", xml);
  std::string text;
  for (const auto& problem : load.problems) text += problem.toString() + "\n";
  return text;
}

}  // namespace

TEST_CASE("templates: every shipped template loads without a problem", "[printing][templates]") {
  const TemplateSetLoad set = loadTemplateDirectory(ONEWINDOW_TEMPLATES_DIR);
  std::string problems;
  for (const auto& problem : set.problems) problems += problem.toString() + "\n";
  INFO(problems);
  CHECK(set.problems.empty());
  std::vector<std::string> kinds;
  for (const auto& loaded : set.templates) kinds.push_back(loaded.kind);
  for (const char* kind : {"acceptance-notice", "material-receipt", "correction-notice",
                           "gap-acceptance-notice", "refusal-notice", "transfer-slip",
                           "completion-notice", "business-licence", "senior-card"}) {
    INFO(kind);
    CHECK(std::find(kinds.begin(), kinds.end(), kind) != kinds.end());
  }
}

TEST_CASE("templates: malformed XML is located", "[printing][templates]") {
  const std::string problems =
      problemsOf("<template name=\"x\" kind=\"y\">\n  <body>\n  <p>text</body>\n");
  CHECK_THAT(problems, Catch::Contains("bad.xml:3:"));
  CHECK_THAT(problems, Catch::Contains("not well-formed XML"));
}

TEST_CASE("templates: every problem of a file is reported in one pass, each located",
          "[printing][templates]") {
  const std::string problems = problemsOf(R"(<template name="受理通知书" kind="x" page="B9">
  <margins top="20" colour="red"/>
  <body>
    <p sise="12">{applicant.nmae}</p>
    <p>{case.intake_at|chinese-date}</p>
    <table list="materials">
      <column title="名称">{name}</column>
      <column title="状态" width="900">{applicant.name} {row.index} {colour}</column>
    </table>
    <block height="30"><qr x="180" y="0" size="30">{case.verify_url}</qr></block>
    <blink/>
    <p>a { without end</p>
  </body>
</template>)");
  INFO(problems);
  CHECK_THAT(problems, Catch::Contains("bad.xml:1:") && Catch::Contains("unknown page 'B9'"));
  CHECK_THAT(problems, Catch::Contains("bad.xml:2:") && Catch::Contains("no attribute 'colour'"));
  CHECK_THAT(problems, Catch::Contains("bad.xml:4:") && Catch::Contains("no attribute 'sise'"));
  CHECK_THAT(problems, Catch::Contains("unknown field 'applicant.nmae'"));
  CHECK_THAT(problems,
             Catch::Contains("bad.xml:5:") && Catch::Contains("unknown formatter 'chinese-date'"));
  CHECK_THAT(problems, Catch::Contains("unknown field 'colour' (in a row of 'materials')"));
  CHECK_THAT(problems, Catch::Contains("do not fit the body width"));
  CHECK_THAT(problems, Catch::Contains("<qr> runs outside its area"));
  CHECK_THAT(problems, Catch::Contains("bad.xml:11:") && Catch::Contains("<blink>"));
  CHECK_THAT(problems, Catch::Contains("bad.xml:12:") && Catch::Contains("without its '}'"));
}

TEST_CASE("templates: page fields belong to the page layer", "[printing][templates]") {
  CHECK_THAT(
      problemsOf(R"(<template name="a" kind="b"><body><p>{page.number}</p></body></template>)"),
      Catch::Contains("page fields are for <every-page>"));
  CHECK(problemsOf(R"(<template name="a" kind="b"><every-page>
      <text x="10" y="280" width="100">第 {page.number} 页 共 {page.count} 页</text></every-page>
      <body/></template>)")
            .empty());
}

TEST_CASE("templates: an image must exist beside the template", "[printing][templates]") {
  CHECK_THAT(problemsOf(R"(<template name="a" kind="b"><body><block height="20">
      <image x="0" y="0" width="10" height="10" src="nowhere.png"/></block></body></template>)"),
             Catch::Contains("no such image file"));
}

TEST_CASE("templates: conditions name a field or a list and one test", "[printing][templates]") {
  const std::string problems = problemsOf(R"(<template name="a" kind="b"><body>
    <if field="decision.kind"><p>x</p></if>
    <if list="materials" equals="x"><p>y</p></if>
    <if list="nothing" empty="true"><p>z</p></if>
  </body></template>)");
  CHECK_THAT(problems, Catch::Contains("bad.xml:2:") && Catch::Contains("exactly one of"));
  CHECK_THAT(problems, Catch::Contains("bad.xml:3:") && Catch::Contains("empty=\"true\""));
  CHECK_THAT(problems, Catch::Contains("bad.xml:4:") && Catch::Contains("unknown list 'nothing'"));
}

TEST_CASE("templates: stock belongs to pre-printed templates only", "[printing][templates]") {
  CHECK_THAT(
      problemsOf(
          R"(<template name="a" kind="b"><stock><box x="1" y="1" width="5" height="5"/></stock><body/></template>)"),
      Catch::Contains("preprinted"));
}

TEST_CASE("templates: sides are asked of the printer as the template says",
          "[printing][templates]") {
  const TemplateLoad card = loadTemplateText(
      "card.xml", R"(<template name="卡" kind="card" page="card" sides="two-sided-short-edge">
  <body><p>正面</p></body>
</template>)");
  REQUIRE(card.problems.empty());
  CHECK(card.result->sides == "two-sided-short-edge");
  CHECK_THAT(problemsOf(R"(<template name="卡" kind="card" sides="both">
  <body><p>正面</p></body>
</template>)"),
             Catch::Contains("bad.xml:1:") && Catch::Contains("sides is one-sided"));
}
