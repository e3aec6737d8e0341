// Central checks every submitted case with the rules of the window (central/case_rules.hpp), over
// the catalog release it serves: a window is trusted no more than any client. Unit tests of the
// check on parsed bodies, and the 422 with located problems from the real server.

#include <regex>

#include <catch2/catch.hpp>

#include "central/case_document.hpp"
#include "central/case_rules.hpp"
#include "central_process.hpp"
#include "sample_case.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::central;
using forms::Rule;
using test::sampleCaseXml;
using test::uuidNumber;

namespace {

std::vector<Rule> rulesOf(const std::vector<forms::RuleProblem>& problems) {
  std::vector<Rule> rules;
  for (const auto& problem : problems) rules.push_back(problem.rule);
  return rules;
}

std::vector<forms::RuleProblem> check(const std::string& body) {
  static forms::XFormCache forms;
  const auto parsed = parseCaseDocument(body, uuidNumber(1), 1);
  if (const auto* problem = std::get_if<CaseProblem>(&parsed)) FAIL(problem->message);
  return checkSubmittedCase(test::sampleCatalog().get(), forms, std::get<CaseDocument>(parsed));
}

std::string sample(const std::string& state = "accepted",
                   const std::string& code = test::kSampleMatter) {
  return sampleCaseXml({uuidNumber(1), 1, {}, state, "张三", code});
}

std::string replaced(const std::string& body, const std::string& pattern,
                     const std::string& replacement) {
  const std::string changed = std::regex_replace(body, std::regex(pattern), replacement,
                                                 std::regex_constants::format_first_only);
  REQUIRE(changed != body);
  return changed;
}

}  // namespace

TEST_CASE("a case that keeps the rules of the window passes central's check", "[central][rules]") {
  CHECK(check(sample()).empty());
  CHECK(check(sample("intake")).empty());
  CHECK(check(sample("refused")).empty());
  CHECK(check(sample("accepted", "440300070003")).empty());
  CHECK(check(sample("accepted_with_gaps", "440300070003")).empty());
  CHECK(check(sample("accepted", "44030000B003")).empty());  // a bundle
}

TEST_CASE("central refuses what the window should have refused, each problem located",
          "[central][rules]") {
  const std::string body = sample();
  SECTION("a matter not in the catalog on the intake date") {
    const auto problems =
        check(replaced(body, R"(matter-code="[0-9]+")", R"(matter-code="999999999999")"));
    CHECK(rulesOf(problems) == std::vector<Rule>{Rule::UnknownMatter});
  }
  SECTION("a due date the calendar does not give") {
    const auto problems =
        check(replaced(body, R"(promised-due="[0-9]+")", R"(promised-due="20261231")"));
    REQUIRE(rulesOf(problems) == std::vector<Rule>{Rule::DueDate});
    CHECK(problems[0].where == "case.promised_due");
  }
  SECTION("a material missing from the case, or marked main unlike the catalog") {
    CHECK(rulesOf(check(replaced(body, R"(<slot key="premises_proof"[^>]*/>)", ""))) ==
          std::vector<Rule>{Rule::MaterialAbsent});
    CHECK(rulesOf(check(replaced(body, R"((<slot key="id_card"[^>]*mandatory=")true)",
                                 "$1false"))) == std::vector<Rule>{Rule::MaterialRole});
  }
  SECTION("a gap where the matter allows none") {
    const auto problems =
        check(replaced(body, R"((<slot key="premises_proof"[^>]*status=")received)", "$1gap"));
    CHECK(rulesOf(problems) == std::vector<Rule>{Rule::GapNotAllowed, Rule::NotSupplied});
  }
  SECTION("an acceptance of a form with a wrong answer: the answer and the acceptance") {
    const auto problems = check(replaced(body, R"(<id_number>[^<]*</id_number>)",
                                         "<id_number>440305199001011234</id_number>"));
    REQUIRE(rulesOf(problems) == std::vector<Rule>{Rule::FormAnswer, Rule::FormInvalid});
    CHECK(problems[0].where == "/data/applicant/id_number");
  }
  SECTION("an applicant without a valid ID number") {
    CHECK(rulesOf(check(replaced(body, R"(id-number="[^"]*")", R"(id-number="123")"))) ==
          std::vector<Rule>{Rule::ApplicantIdNumber});
  }
  SECTION("a state its decisions do not lead to") {
    CHECK(rulesOf(check(replaced(body, R"(state="accepted")", R"(state="refused")"))) ==
          std::vector<Rule>{Rule::DecisionState});
  }
  SECTION("a refusal without grounds") {
    const std::string refusal = sample("refused");
    CHECK(rulesOf(check(replaced(refusal, R"( grounds="[^"]*")", ""))) ==
          std::vector<Rule>{Rule::RefusalGrounds});
  }
  SECTION("no catalog release to check against") {
    forms::XFormCache forms;
    const auto parsed = parseCaseDocument(body, uuidNumber(1), 1);
    CHECK(rulesOf(checkSubmittedCase(nullptr, forms, std::get<CaseDocument>(parsed))) ==
          std::vector<Rule>{Rule::NoCatalog});
  }
}

TEST_CASE("a case that breaks a rule is 422 case.rule_violation with its located problems",
          "[central][rules][process]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  test::StationClient station(central.port(), "station-a");
  const std::string uuid = uuidNumber(1);
  const std::string broken = replaced(sampleCaseXml({uuid, 1}), R"(<id_number>[^<]*</id_number>)",
                                      "<id_number>440305199001011234</id_number>");
  const httplib::Result refused = station.putCase(uuid, 1, broken);
  REQUIRE(refused);
  CHECK(refused->status == 422);
  const pugi::xml_document error = test::parseXml(refused->body);
  const pugi::xml_node root = error.child("error");
  CHECK(std::string(root.attribute("code").value()) == "case.rule_violation");
  CHECK_THAT(root.child("message").text().as_string(),
             Catch::Contains("/data/applicant/id_number"));
  std::vector<std::string> located;
  for (const pugi::xml_node problem : root.child("problems").children("problem")) {
    located.push_back(std::string(problem.attribute("rule").value()) + "@" +
                      problem.attribute("where").value());
  }
  CHECK(located == std::vector<std::string>{"form.answer@/data/applicant/id_number",
                                            "decision.form_invalid@form"});
  // Nothing was numbered; the corrected case goes through under the same UUID.
  CHECK(station.getCase(uuid)->status == 404);
  CHECK(station.putCase(uuid, 1, sampleCaseXml({uuid, 1}))->status == 201);
}

namespace {

// The 容缺 sample with its gap supplied at `at` (after `after` decisions), completed by an
// acceptance in the same second, as a window sends its next version.
std::string supplied(const std::string& at, const std::string& after = "1") {
  std::string body = sample("accepted_with_gaps", "440300070003");
  body = replaced(body, "state=\"accepted_with_gaps\"", "state=\"accepted\"");
  body = replaced(body, "status=\"gap\" originals=\"1\" copies=\"0\"/>",
                  "status=\"received\" originals=\"1\" copies=\"0\" supplied-at=\"" + at +
                      "\" was=\"gap\" supplied-after=\"" + after + "\"/>");
  return replaced(body, "</decisions>",
                  "<decision kind=\"accept\" decided-at=\"" + at +
                      "\" clerk-id=\"c1001\" grounds=\"容缺材料已补齐\"/></decisions>");
}

}  // namespace

TEST_CASE(
    "central judges each decision on the materials as they stood, and each supplement in time",
    "[central][rules][desk]") {
  // Supplied in the same second as the acceptance it completes, even the 容缺 decision's own.
  CHECK(check(supplied("20261203T020000")).empty());
  CHECK(check(supplied("20261127T040500")).empty());
  // After the supplement deadline.
  CHECK(rulesOf(check(supplied("20261214T020000"))) == std::vector<Rule>{Rule::SupplyLate});
  // Said to come after the acceptance: that acceptance lacked it, and an accepted case awaits
  // no supplement.
  CHECK(rulesOf(check(supplied("20261203T020000", "2"))) ==
        std::vector<Rule>{Rule::NotSupplied, Rule::SupplyNotExpected});
  const auto parsed = parseCaseDocument(supplied("20261203T020000", "0"), uuidNumber(1), 1);
  CHECK(std::holds_alternative<CaseProblem>(parsed));
}

TEST_CASE("central checks what happened after the decision: withdrawal, hand-over, posting",
          "[central][rules][desk]") {
  const std::string accepted = sample();
  const auto after = [&](const std::string& state, const std::string& events) {
    std::string body = replaced(accepted, "state=\"accepted\"", "state=\"" + state + "\"");
    return replaced(body, "</case>", "<events>" + events + "</events></case>");
  };
  CHECK(check(after("withdrawn",
                    "<event kind=\"withdrawal\" at=\"20261128T020000\" clerk-id=\"c1001\" "
                    "reason=\"申请人撤回\"/>"))
            .empty());
  CHECK(rulesOf(check(after("withdrawn", ""))) == std::vector<Rule>{Rule::EventMissing});
  CHECK(rulesOf(check(
            after("withdrawn",
                  "<event kind=\"withdrawal\" at=\"20261128T020000\" clerk-id=\"c1001\"/>"))) ==
        std::vector<Rule>{Rule::ReasonMissing});
  const std::string handover =
      "<event kind=\"handover\" at=\"20261210T020000\" clerk-id=\"c1001\" collector-name=\"李四\" "
      "collector-id-type=\"id_card\" collector-id-number=\"11010519491231002X\" AUTH "
      "id-checked=\"true\"><document number=\"W03-20261127-000042-BJ1\"/></event>";
  const auto withAuthority = [&](const std::string& authorised) {
    return std::regex_replace(handover, std::regex("AUTH"), authorised);
  };
  CHECK(check(after("collected", withAuthority("authorised=\"true\""))).empty());
  CHECK(rulesOf(check(after("collected", withAuthority("authorised=\"false\"")))) ==
        std::vector<Rule>{Rule::CollectorNotApplicant});
  CHECK(rulesOf(check(after("posted",
                            "<event kind=\"posting\" at=\"20261210T020000\" "
                            "clerk-id=\"c1001\" carrier=\"EMS\"/>"))) ==
        std::vector<Rule>{Rule::TrackingMissing});
}
