#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "forms/approval_rules.hpp"
#include "forms/catalog_loader.hpp"

using namespace onewindow::forms;

namespace {

const std::string kGood = std::string(ONEWINDOW_FORMS_FIXTURES) + "/catalog/good/catalog.xml";

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

// A fixed clock (27 November 2026, noon in Shenzhen) and the labels of the hukou choices.
class TestEnvironment : public expr::Environment {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    using namespace std::chrono;
    return sys_days{year{2026} / 11 / 27} + hours{4};
  }
  [[nodiscard]] std::string choiceLabel(pugi::xml_node, std::string_view value) const override {
    return value == "shenzhen" ? "深圳户籍" : "";
  }
};

struct Instance {
  pugi::xml_document document;
  explicit Instance(const char* xml) { REQUIRE(document.load_string(xml)); }
  [[nodiscard]] pugi::xml_node root() const { return document.document_element(); }
};

RuleCondition condition(const char* zh, const char* test, const char* show = nullptr) {
  std::optional<expr::Expression> shown;
  if (show != nullptr) shown = expr::Expression::parse(show);
  return RuleCondition{Text{zh, {}, false}, expr::Expression::parse(test), shown};
}

ApprovalRule rule(std::vector<RuleCondition> conditions) {
  ApprovalRule made;
  made.id = "test";
  made.label = Text{"测试", "Test", false};
  made.conditions = std::move(conditions);
  made.outcome = Text{"核准", {}, false};
  return made;
}

}  // namespace

TEST_CASE("A catalog rule passes when every condition holds, with a readable trace",
          "[forms][rules]") {
  const auto catalog = loadCatalog(kGood);
  const auto& matter = *catalog.matterOn("440300005010", day("2026-12-01"));
  const TestEnvironment environment;

  const Instance eligible("<data><age>78</age><hukou>shenzhen</hukou></data>");
  const auto results = evaluateRules(matter, eligible.root(), &environment);
  REQUIRE(results.size() == 1);
  const auto& result = results[0];
  CHECK(result.rule == &matter.rules[0]);
  CHECK(result.passed);
  REQUIRE(result.trace.size() == 2);
  CHECK(result.trace[0].label.zh == "年满70周岁");
  CHECK(result.trace[0].label.in("en") == "Aged 70 or over");
  CHECK(result.trace[0].shown == "78");
  CHECK(result.trace[0].outcome == ConditionOutcome::True);
  CHECK(result.trace[0].error.empty());
  CHECK(result.trace[1].shown == "shenzhen");
  CHECK(result.trace[1].outcome == ConditionOutcome::True);
}

TEST_CASE("A failing condition fails the rule and the others are still traced", "[forms][rules]") {
  const auto catalog = loadCatalog(kGood);
  const auto& matter = *catalog.matterOn("440300005010", day("2026-12-01"));
  const Instance young("<data><age>65</age><hukou>shenzhen</hukou></data>");
  const auto result = evaluateRule(matter.rules[0], young.root(), nullptr);
  CHECK_FALSE(result.passed);
  REQUIRE(result.trace.size() == 2);
  CHECK(result.trace[0].outcome == ConditionOutcome::False);
  CHECK(result.trace[0].shown == "65");
  CHECK(result.trace[1].outcome == ConditionOutcome::True);

  const Instance empty("<data/>");
  const auto missing = evaluateRule(matter.rules[0], empty.root(), nullptr);
  CHECK_FALSE(missing.passed);
  CHECK(missing.trace[0].outcome == ConditionOutcome::False);
  CHECK(missing.trace[0].shown.empty());
}

TEST_CASE("An erroring condition is traced with its message and fails the rule", "[forms][rules]") {
  const Instance instance("<data><age>78</age><birth>not a date</birth></data>");
  const auto erroring = rule({condition("出生日期", "date(/data/birth) < date('2000-01-01')"),
                              condition("年龄", "/data/age >= 70", "/data/age")});
  const auto result = evaluateRule(erroring, instance.root(), nullptr);
  CHECK_FALSE(result.passed);
  REQUIRE(result.trace.size() == 2);
  CHECK(result.trace[0].outcome == ConditionOutcome::Error);
  CHECK_THAT(result.trace[0].error, Catch::Contains("date()"));
  CHECK(result.trace[1].outcome == ConditionOutcome::True);
  CHECK(result.trace[1].shown == "78");

  // A `show` that fails leaves the outcome to `test` and says why nothing is shown.
  const auto badShow = rule({condition("年龄", "/data/age >= 70", "date(/data/birth)")});
  const auto shown = evaluateRule(badShow, instance.root(), nullptr);
  CHECK(shown.passed);
  CHECK(shown.trace[0].shown.empty());
  CHECK_THAT(shown.trace[0].showError, Catch::Contains("date()"));

  // A rule without conditions never approves anything.
  CHECK_FALSE(evaluateRule(rule({}), instance.root(), nullptr).passed);
}

TEST_CASE("Rules see the injected clock and choice labels", "[forms][rules]") {
  const TestEnvironment environment;
  // Born 15 May 1948: 78 on 27 November 2026.
  const Instance instance(
      "<data><applicant><id_number>440304194805150017</id_number></applicant>"
      "<hukou>shenzhen</hukou></data>");
  const auto allowance =
      rule({condition("年满70周岁", "age-from-id(/data/applicant/id_number) >= 70",
                      "age-from-id(/data/applicant/id_number)"),
            condition("深圳户籍", "/data/hukou = 'shenzhen'",
                      "jr:choice-name(/data/hukou, '/data/hukou')")});
  const auto result = evaluateRule(allowance, instance.root(), &environment);
  CHECK(result.passed);
  CHECK(result.trace[0].shown == "78");
  CHECK(result.trace[1].shown == "深圳户籍");
}

TEST_CASE("A matter without rules has nothing to evaluate", "[forms][rules]") {
  const auto catalog = loadCatalog(kGood);
  const auto& matter = *catalog.matterOn("440300007001", day("2026-12-01"));
  const Instance instance("<data/>");
  CHECK(evaluateRules(matter, instance.root(), nullptr).empty());
}
