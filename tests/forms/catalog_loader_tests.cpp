#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/catalog_codes.hpp"
#include "forms/catalog_loader.hpp"
#include "forms/diagnostics.hpp"

using namespace onewindow::forms;

namespace {

const std::string kFixtures = std::string(ONEWINDOW_FORMS_FIXTURES) + "/catalog/";

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

// The diagnostics of a load that must fail, as "line:column: message" with the file name
// checked separately, so the expectations read like the file.
std::vector<std::string> problemsOf(const std::string& path) {
  try {
    (void)loadCatalog(path);
  } catch (const LoadError& error) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : error.diagnostics()) {
      CHECK(diagnostic.file == path);
      lines.push_back(std::to_string(diagnostic.line) + ":" + std::to_string(diagnostic.column) +
                      ": " + diagnostic.message);
    }
    return lines;
  }
  FAIL("the catalog " << path << " loaded without problems");
  return {};
}

std::vector<std::string> problemsOfText(const std::string& text) {
  try {
    (void)loadCatalogText(kFixtures + "inline.xml", text);
  } catch (const LoadError& error) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : error.diagnostics()) {
      lines.push_back(std::to_string(diagnostic.line) + ":" + std::to_string(diagnostic.column) +
                      ": " + diagnostic.message);
    }
    return lines;
  }
  FAIL("the inline catalog loaded without problems");
  return {};
}

const std::string kHead =
    "<catalog xmlns=\"urn:onewindow:catalog:1\" release=\"1\" published=\"2026-11-20\" "
    "publisher=\"p\">\n";

}  // namespace

TEST_CASE("The sample-sized catalog loads with every part in place", "[forms][catalog]") {
  const auto catalog = loadCatalog(kFixtures + "good/catalog.xml");
  CHECK(catalog.release == "2026.12.1");
  CHECK(catalog.published == day("2026-11-20"));
  CHECK(catalog.sample);
  CHECK(catalog.publisher == "深圳市政务服务和数据管理局");
  REQUIRE(catalog.calendars.size() == 2);
  CHECK(catalog.calendars[0].holidays().size() == 4);
  CHECK(catalog.calendars[0].workdays().size() == 5);
  CHECK(catalog.calendars[1].sample());
  CHECK(catalog.categories.size() == 6);
  CHECK(catalog.matters.size() == 7);
  CHECK(catalog.bundles.size() == 1);

  const auto* residence = catalog.matterOn("440300007001", day("2026-12-01"));
  REQUIRE(residence != nullptr);
  CHECK(residence->version == 3);
  CHECK(residence->implementationCode == "11440300MB2C9231734440300007001");
  CHECK(residence->name.zh == "居住证申领");
  CHECK(residence->name.in("en") == "Residence permit application");
  CHECK(residence->pinyin == std::vector<std::string>{"jzzsl", "juzhuzhengshenling"});
  CHECK(residence->keywords.size() == 4);
  CHECK(residence->targets == std::vector<int>{1});
  CHECK(residence->forPersons());
  CHECK_FALSE(residence->forLegalEntities());
  CHECK(residence->flags.eLicence);
  CHECK(residence->flags.districtWide);
  CHECK_FALSE(residence->flags.autoApproval);
  CHECK(residence->caseType == CaseType::PromisedTime);
  REQUIRE(residence->limits.legal.has_value());
  CHECK(*residence->limits.legal == Limit{15, LimitUnit::CalendarDay, true});
  CHECK(residence->limits.promised == Limit{10, LimitUnit::WorkingDay, true});
  CHECK(residence->guide.conditions.size() == 2);
  CHECK(residence->guide.conditions[0].in("en") == "Lived in Shenzhen for six months or more");
  CHECK(residence->guide.flow.size() == 3);
  CHECK(residence->guide.phone.zh == "0755-12345");
  CHECK(residence->guide.phone.sample);
  CHECK_FALSE(residence->guide.fees.sample);
  REQUIRE(residence->guide.faq.size() == 1);
  CHECK(residence->guide.faq[0].answer.zh == "可以，需携带代办人身份证。");
  REQUIRE(residence->materials.size() == 5);
  const auto* idCard = residence->material("id_card");
  REQUIRE(idCard != nullptr);
  CHECK(idCard->role == MaterialRole::Main);
  CHECK(idCard->eLicenceType == "居民身份证");
  CHECK(idCard->note.zh == "核验原件，复印件留存");
  CHECK(idCard->scan.dpi == 300);
  CHECK(idCard->scan.maxBytes == 2097152);
  CHECK(residence->material("labour_contract")->scan.colour == ScanColour::BlackWhite);
  CHECK(residence->material("labour_contract")->scan.format == ScanFormat::Tiff);
  CHECK(residence->material("property_cert")->medium == MaterialMedium::Both);
  CHECK(residence->material("property_cert")->scan.sample);
  CHECK(residence->material("nothing") == nullptr);
  REQUIRE(residence->scenarios.size() == 1);
  CHECK(residence->scenarios[0].multiple);
  CHECK(residence->scenarios[0].answers[2].materials ==
        std::vector<std::string>{"lease", "labour_contract"});
  REQUIRE(residence->form.has_value());
  CHECK(residence->form->ref == "forms/residence_permit.xml");
  CHECK(residence->form->path ==
        std::filesystem::path(kFixtures + "good/forms/residence_permit.xml").lexically_normal());
  CHECK(&catalog.calendarOf(*residence) == &catalog.calendars[0]);

  const auto* allowance = catalog.matterOn("440300005010", day("2026-12-01"));
  REQUIRE(allowance != nullptr);
  CHECK(allowance->limits.promised == Limit{0, LimitUnit::Immediate, false});
  CHECK_FALSE(allowance->limits.legal.has_value());
  CHECK(allowance->caseType == CaseType::Immediate);
  REQUIRE(allowance->rules.size() == 1);
  const auto& rule = allowance->rules[0];
  CHECK(rule.id == "old_age_allowance");
  REQUIRE(rule.conditions.size() == 2);
  CHECK(rule.conditions[0].test.text() == "/data/age >= 70");
  REQUIRE(rule.conditions[0].show.has_value());
  CHECK(rule.conditions[0].show->text() == "/data/age");
  CHECK(rule.outcome.in("en") == "Eligible: approved automatically");
  CHECK(rule.decision == RuleDecision::Approve);

  const auto* business = catalog.matterOn("000131128000", day("2026-12-01"));
  REQUIRE(business != nullptr);
  CHECK(business->sample);
  CHECK(business->forLegalEntities());
  CHECK_FALSE(business->forPersons());

  const auto& bundle = catalog.bundles[0];
  CHECK(bundle.code == "44030000B001");
  REQUIRE(bundle.parts.size() == 2);
  CHECK(bundle.parts[1].department == "派出所");
  CHECK(bundle.pinyin == std::vector<std::string>{"xsecsyjs"});
}

TEST_CASE("The version in effect is the latest effective one not after the date",
          "[forms][catalog]") {
  const auto catalog = loadCatalog(kFixtures + "good/catalog.xml");
  CHECK(catalog.matterOn("440300007001", day("2024-12-31")) == nullptr);
  CHECK(catalog.matterOn("440300007001", day("2025-01-01"))->version == 2);
  CHECK(catalog.matterOn("440300007001", day("2026-06-30"))->version == 2);
  CHECK(catalog.matterOn("440300007001", day("2026-07-01"))->version == 3);
  // By implementation code too.
  CHECK(catalog.matterOn("11440300MB2C9231734440300007001", day("2026-07-01"))->version == 3);
  CHECK(catalog.matterOn("440399999999", day("2026-07-01")) == nullptr);

  const auto versions = catalog.versions("440300007001");
  REQUIRE(versions.size() == 2);
  CHECK(versions[0]->version == 2);
  CHECK(versions[1]->version == 3);

  // One version per basic code; the matter effective in 2027 is not offered yet.
  const auto offered = catalog.mattersOn(day("2026-12-01"));
  CHECK(offered.size() == 5);
  CHECK(std::count_if(offered.begin(), offered.end(), [](const Matter* matter) {
          return matter->basicCode == "440300007001" && matter->version == 3;
        }) == 1);
  CHECK(std::none_of(offered.begin(), offered.end(),
                     [](const Matter* matter) { return matter->basicCode == "440300099001"; }));
  CHECK(catalog.mattersOn(day("2027-01-01")).size() == 6);
  CHECK(catalog.mattersOn(day("2025-06-01")).size() == 1);
  CHECK(catalog.bundlesOn(day("2025-12-31")).empty());
  CHECK(catalog.bundlesOn(day("2026-01-01")).size() == 1);
  CHECK(catalog.bundleOn("44030000B001", day("2026-01-01")) == &catalog.bundles[0]);
}

TEST_CASE("The category tree of the catalog", "[forms][catalog]") {
  const auto catalog = loadCatalog(kFixtures + "good/catalog.xml");
  const auto top = catalog.childCategories("");
  REQUIRE(top.size() == 4);
  CHECK(top[0]->id == "residence");
  const auto social = catalog.childCategories("social");
  REQUIRE(social.size() == 2);
  CHECK(social[0]->id == "elderly");
  CHECK(catalog.categoryWithin("elderly", "social"));
  CHECK(catalog.categoryWithin("social", "social"));
  CHECK_FALSE(catalog.categoryWithin("social", "elderly"));
  CHECK_FALSE(catalog.categoryWithin("residence", "social"));
  CHECK(catalog.category("disability")->name.in("en") == "Disability services");
  CHECK(catalog.category("nothing") == nullptr);
  CHECK(catalog.calendar("weekdays") != nullptr);
  CHECK(catalog.calendar("lunar") == nullptr);
}

TEST_CASE("A broken catalog reports every problem at its place in one load",
          "[forms][catalog][diagnostics]") {
  const auto problems = problemsOf(kFixtures + "broken/many_problems.xml");
  const std::vector<std::string> expected = {
      "8:23: attribute 'basic-code' of <matter>: a basic code has 12 digits, '44030000700' has "
      "11 characters",
      "14:5: unknown element <colour> in <matter>",
      // The 18th character of the implementation code: the USCC's check character.
      "16:75: attribute 'implementation-code' of <matter>: the implementing body's USCC "
      "'11440300MB2C923172' has check character '2', the code's first 17 characters give '3'",
      "19:30: unknown attribute 'shade' on <name>",
      "27:22: attribute 'key' of <material>: duplicate material key 'id_card' (first at line 23)",
      // The second key of materials="id_card lease".
      "34:50: attribute 'materials' of <answer>: material 'lease' is not a material of matter "
      "440300007002",
      // The end of "/data/age &gt;= (70", counted in the raw text (the entity is 4 columns).
      "39:48: attribute 'test' of <when>: expression error: unexpected end of expression: "
      "expected ')'",
  };
  CHECK(problems == expected);
}

TEST_CASE("An XML syntax error is located where the parser stopped",
          "[forms][catalog][diagnostics]") {
  const auto problems = problemsOf(kFixtures + "broken/syntax_error.xml");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "5:5: XML syntax error: Start-end tags mismatch");
}

TEST_CASE("Cross-references are checked once the whole catalog is read",
          "[forms][catalog][diagnostics]") {
  const auto problems = problemsOf(kFixtures + "broken/references.xml");
  const std::vector<std::string> expected = {
      "5:30: attribute 'parent' of <category>: category 'a' lies below itself (parent cycle)",
      "6:30: attribute 'parent' of <category>: category 'b' lies below itself (parent cycle)",
      "7:30: attribute 'parent' of <category>: no category 'nowhere' in the catalog",
      "10:56: attribute 'category' of <matter>: no category 'missing' in the catalog",
      "11:35: attribute 'calendar' of <matter>: no calendar 'lunar' in the catalog",
      "15:16: attribute 'ref' of <form>: form file '" + kFixtures +
          "broken/forms/not_there.xml' does not exist",
      "20:19: attribute 'matter' of <part>: no matter with basic code 440300099999 in the "
      "catalog",
  };
  CHECK(problems == expected);
}

TEST_CASE("Wrong values are named with what was expected", "[forms][catalog][diagnostics]") {
  const auto problems = problemsOf(kFixtures + "broken/values.xml");
  const std::vector<std::string> expected = {
      "3:65: attribute 'published' of <catalog>: '2026-13-01' is not a date of the form "
      "YYYY-MM-DD that exists",
      "5:36: attribute 'to' of <holiday>: 2026-10-01 is before 'from' 2026-10-07",
      "6:20: attribute 'date' of <workday>: 2026-10-09 is a weekday; a make-up workday is a "
      "Saturday or Sunday",
      "11:76: attribute 'implementation-code' of <matter>: the level digit of an implementation "
      "code (position 19) is 1-6, got '7'",
      "12:20: attribute 'version' of <matter>: 0 is outside 1-1000000",
      "12:65: attribute 'type' of <matter>: '12' is not a matter type code (00-11, 20, 21)",
      "12:76: attribute 'level' of <matter>: 7 is outside 1-6",
      "13:22: attribute 'case-type' of <matter>: '4' is not one of 1, 2, 3, 9",
      "14:5: missing attribute 'zh' on <name>",
      "15:5: service target '7' is not a code 1-6",
      "15:5: service target 1 is listed twice",
      "16:23: attribute 'immediate' of <flags>: 'yes' is not true or false",
      "17:58: attribute 'promised' of <limits>: the promised limit 10 is longer than the legal "
      "limit 5",
      "19:22: attribute 'key' of <material>: '9lives' is not an identifier (ASCII letters, "
      "digits, '_' and '-', starting with a letter)",
      "19:36: attribute 'role' of <material>: 'primary' is not one of main, secondary",
      "19:56: attribute 'originals' of <material>: -1 is outside 0-1000",
      "19:68: attribute 'copies' of <material>: 'x' is not a whole number",
      "21:20: attribute 'dpi' of <scan>: 100 is outside 150-600",
      "21:33: attribute 'colour' of <scan>: 'red' is not one of colour, grey, bw",
      "21:46: attribute 'format' of <scan>: 'gif' is not one of pdf, jpeg, png, tiff",
      "21:62: attribute 'max-bytes' of <scan>: 0 is outside 1-1099511627776",
      "24:21: attribute 'pinyin' of <search>: pinyin 'JZZ' has characters other than a-z",
      "27:34: attribute 'effective' of <matter>: duplicate effective date 2026-01-01 for matter "
      "440300007001: two versions cannot take effect on the same day (first at line 11)",
      "31:23: attribute 'promised' of <limits>: an immediate limit is 0 days, got 3",
  };
  CHECK(problems == expected);
}

TEST_CASE("Structure problems: missing parts, duplicates, stray text, the namespace",
          "[forms][catalog][diagnostics]") {
  SECTION("wrong namespace, a stray attribute and a repeated one on the root") {
    const auto problems = problemsOfText(
        "<catalog xmlns=\"urn:other\" release=\"1\" published=\"2026-11-20\" publisher=\"p\" "
        "colour=\"red\" release=\"2\"/>");
    CHECK(problems == std::vector<std::string>{
                          "1:1: attribute 'release' is given twice on <catalog>",
                          "1:17: attribute 'xmlns' of <catalog>: namespace 'urn:other' is not "
                          "'urn:onewindow:catalog:1' (catalog format version 1)",
                          "1:85: unknown attribute 'colour' on <catalog>"});
  }
  SECTION("a matter without its required children, and one given twice") {
    const auto problems = problemsOfText(
        kHead +
        "<calendar id=\"c\"/><categories><category id=\"x\" zh=\"x\"/></categories>\n"
        "<matter basic-code=\"440300007001\" "
        "implementation-code=\"11440300MB2C9231734440300007001\" version=\"1\" "
        "effective=\"2026-01-01\" category=\"x\" type=\"07\" level=\"5\" case-type=\"2\" "
        "calendar=\"c\">\n"
        "  <name zh=\"a\"/><name zh=\"b\"/>text<materials><material key=\"k\" role=\"main\" "
        "originals=\"1\" copies=\"0\" medium=\"paper\"><name zh=\"m\"/></material></materials>\n"
        "</matter>\n<categories/>\n</catalog>");
    CHECK(problems == std::vector<std::string>{
                          "3:1: missing <targets> in <matter>",
                          "3:1: missing <limits> in <matter>",
                          "4:17: duplicate <name> in <matter> (first at line 4)",
                          "4:31: unexpected text in <matter>",
                          "4:46: missing <scan> in <material>",
                          "6:1: duplicate <categories> in <catalog> (first at line 2)",
                      });
  }
  SECTION("a rule without conditions or outcome, a bundle of one part") {
    const auto problems = problemsOfText(
        kHead +
        "<calendar id=\"c\"/><categories><category id=\"x\" zh=\"x\"/></categories>\n"
        "<matter basic-code=\"440300007001\" "
        "implementation-code=\"11440300MB2C9231734440300007001\" version=\"1\" "
        "effective=\"2026-01-01\" category=\"x\" type=\"07\" level=\"5\" case-type=\"2\" "
        "calendar=\"c\"><name zh=\"a\"/><targets>1</targets>"
        "<limits promised=\"1\" promised-unit=\"working-day\"/>\n"
        "<rules><rule id=\"r\" zh=\"r\"/></rules></matter>\n"
        "<bundle code=\"44030000b001\" version=\"1\" effective=\"2026-01-01\" category=\"x\">"
        "<name zh=\"b\"/><part matter=\"440300007001\" department=\"d\"/></bundle>\n"
        "</catalog>");
    CHECK(problems == std::vector<std::string>{
                          "4:8: rule 'r' has no <when>",
                          "4:8: missing <outcome> in <rule>",
                          "5:1: bundle 44030000b001 has 1 <part>; a bundle joins at least two "
                          "matters",
                          "5:23: attribute 'code' of <bundle>: a bundle code has only digits "
                          "and capital letters, '44030000b001' has 'b' at position 9",
                      });
  }
}

TEST_CASE("A catalog file that cannot be read is a load error naming it", "[forms][catalog]") {
  try {
    (void)loadCatalog(kFixtures + "no_such_catalog.xml");
    FAIL("loaded a file that does not exist");
  } catch (const LoadError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].file == kFixtures + "no_such_catalog.xml");
    CHECK(error.diagnostics()[0].line == 0);
  }
}

TEST_CASE("Code shapes and the USCC check character", "[forms][catalog]") {
  CHECK_FALSE(basicCodeProblem("440300007001"));
  CHECK(basicCodeProblem("44030000700A")->offset == 11);
  CHECK_FALSE(bundleCodeProblem("44030000B001"));
  CHECK(bundleCodeProblem("44030000B00") != std::nullopt);
  CHECK_FALSE(implementationCodeProblem("11440300MB2C9231734440300007001", "440300007001"));
  // The body's USCC with an I (outside the alphabet) at position 9.
  const auto badLetter =
      implementationCodeProblem("11440300IB2C9231734440300007001", "440300007001");
  REQUIRE(badLetter);
  CHECK(badLetter->offset == 8);
  // Ends with another basic code.
  const auto otherCode =
      implementationCodeProblem("11440300MB2C9231734440300007002", "440300007001");
  REQUIRE(otherCode);
  CHECK(otherCode->offset == 19);
  // When the basic code itself is wrong, only that is reported.
  CHECK_FALSE(implementationCodeProblem("11440300MB2C9231734440300007002", "4403"));
}

TEST_CASE("Cut or damaged catalogs fail with diagnostics, never otherwise",
          "[forms][catalog][diagnostics]") {
  const auto text = readSourceFile(kFixtures + "good/catalog.xml");
  std::size_t failures = 0;
  const auto attempt = [&](const std::string& damaged) {
    try {
      (void)loadCatalogText(kFixtures + "good/damaged.xml", damaged);
    } catch (const LoadError& error) {
      ++failures;
      CHECK_FALSE(error.diagnostics().empty());
      for (const auto& diagnostic : error.diagnostics()) {
        CHECK(diagnostic.line >= 1);
        CHECK_FALSE(diagnostic.message.empty());
      }
    }
  };
  std::size_t attempts = 0;
  for (std::size_t cut = 0; cut < text.size(); cut += 89, ++attempts) {
    attempt(text.substr(0, cut));
  }
  for (std::size_t at = 0; at < text.size(); at += 61) {
    for (const char replacement : {'"', '<', '9', ' '}) {
      auto damaged = text;
      damaged[at] = replacement;
      attempt(damaged);
      ++attempts;
    }
  }
  // Every cut fails; some replacements land in comments or text and still load.
  CHECK(failures > attempts / 2);
}
