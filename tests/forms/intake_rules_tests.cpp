// The rules of a case at the window (forms/intake_rules.hpp) over the sample catalog, without an
// engine or a server: the checklist, due dates on the working calendar, the applicant, the form's
// answers, the materials and every decision rule, each with the rule it names and where.

#include <regex>

#include <catch2/catch.hpp>

#include "forms/intake_rules.hpp"
#include "forms/xform.hpp"
#include "sample_case.hpp"

using namespace onewindow;
using forms::CaseSlot;
using forms::CivilDate;
using forms::DecisionKind;
using forms::MaterialStatus;
using forms::Rule;

namespace {

constexpr const char* kDisabilityCard = "440300070003";  // 10 working days, 容缺 allowed

forms::IntakeSubject subject(const std::string& code, CivilDate date = {2026, 11, 27}) {
  const auto found = forms::subjectOn(*test::sampleCatalog(), code, date);
  REQUIRE(found.has_value());
  return *found;
}

std::vector<Rule> rulesOf(const std::vector<forms::RuleProblem>& problems) {
  std::vector<Rule> rules;
  for (const auto& problem : problems) rules.push_back(problem.rule);
  return rules;
}

forms::CaseFacts factsOf(std::vector<CaseSlot> slots, std::size_t formProblems = 0) {
  static const forms::WorkingCalendar& calendar =
      forms::windowCalendar(*test::sampleCatalog(), subject(test::kSampleMatter), {2026, 9, 30});
  return {std::move(slots), formProblems, {2026, 9, 30}, {2026, 10, 20}, &calendar};
}

}  // namespace

TEST_CASE("the checklist follows the scenario answers and says what may be a gap or an e-licence",
          "[forms][rules]") {
  const auto catalog = test::sampleCatalog();
  const auto business = subject(test::kSampleMatter);
  const auto certificate = forms::intakeChecklist(
      *catalog, business, {{"premises_kind", {"certificate"}}}, {2026, 11, 27});
  std::vector<std::string> keys;
  for (const auto& item : certificate) keys.push_back(item.material.key);
  CHECK(keys == std::vector<std::string>{"application_form", "id_card", "premises_proof"});
  CHECK(certificate[1].eLicenceAllowed);  // 居民身份证
  CHECK_FALSE(certificate[0].eLicenceAllowed);
  CHECK_FALSE(certificate[2].gapAllowed);  // the matter does not allow 容缺

  const auto card = forms::intakeChecklist(*catalog, subject(kDisabilityCard),
                                           {{"hukou_type", {"shenzhen"}}}, {2026, 11, 27});
  for (const auto& item : card) {
    INFO(item.material.key);
    CHECK(item.gapAllowed == (item.material.role == forms::MaterialRole::Secondary));
  }
  CHECK_THROWS_AS(
      forms::intakeChecklist(*catalog, business, {{"premises_kind", {"castle"}}}, {2026, 11, 27}),
      std::invalid_argument);

  // A bundle: its parts' lists merged, each material with the parts that ask for it.
  const auto bundle = forms::intakeChecklist(*catalog, subject("44030000B003"), {}, {2026, 11, 27});
  REQUIRE_FALSE(bundle.empty());
  CHECK_FALSE(bundle.front().askedBy.empty());
}

TEST_CASE("due dates count working days across National Day and its make-up workdays",
          "[forms][rules][calendar]") {
  const auto catalog = test::sampleCatalog();
  // 3 working days from Wednesday 30 September: 8, 9 and Saturday 10 October (worked).
  const auto business = forms::dueDatesFor(*catalog, subject(test::kSampleMatter), {2026, 9, 30});
  CHECK(business.promised == CivilDate{2026, 10, 10});
  CHECK(business.legal == CivilDate{2026, 10, 10});
  // From Friday 18 September: Sunday 20 September is worked.
  CHECK(forms::dueDatesFor(*catalog, subject(test::kSampleMatter), {2026, 9, 18}).promised ==
        CivilDate{2026, 9, 22});
  CHECK(forms::dueDatesFor(*catalog, subject(kDisabilityCard), {2026, 9, 30}).promised ==
        CivilDate{2026, 10, 20});
  const auto& calendar =
      forms::windowCalendar(*catalog, subject(test::kSampleMatter), {2026, 9, 30});
  CHECK(forms::correctionNoticeDeadline(calendar, {2026, 9, 30}) == CivilDate{2026, 10, 13});
  // A bundle is due when its slowest part is.
  const auto bundle = forms::dueDatesFor(*catalog, subject("44030000B003"), {2026, 11, 27});
  CHECK(bundle.promised > CivilDate{2026, 11, 27});
}

TEST_CASE("the applicant is named and identified by a number valid for its kind",
          "[forms][rules]") {
  const CivilDate today{2026, 11, 27};
  CHECK(forms::checkApplicant({"张三", "id_card", test::kSampleIdNumber}, today).empty());
  CHECK(rulesOf(forms::checkApplicant({"\u3000", "id_card", test::kSampleIdNumber}, today)) ==
        std::vector<Rule>{Rule::ApplicantName});
  const auto wrongDigit = forms::checkApplicant({"张三", "id_card", "440305199001011234"}, today);
  REQUIRE(rulesOf(wrongDigit) == std::vector<Rule>{Rule::ApplicantIdNumber});
  CHECK(wrongDigit[0].where == "applicant.id_number");
  CHECK_FALSE(wrongDigit[0].detail.empty());
  CHECK(rulesOf(forms::checkApplicant({"某公司", "uscc", "91440300MA5DC12345"}, today)) ==
        std::vector<Rule>{Rule::ApplicantIdNumber});
  CHECK(forms::checkApplicant({"John Smith", "passport", "E12345678"}, today).empty());
  CHECK(rulesOf(forms::checkApplicant({"张三", "driving_licence", "1"}, today)) ==
        std::vector<Rule>{Rule::ApplicantIdType});
  CHECK(rulesOf(forms::checkApplicant({"张三", "id_card", ""}, today)) ==
        std::vector<Rule>{Rule::ApplicantIdNumber});
}

TEST_CASE("the form's answers are checked with the matter's form as of the intake moment",
          "[forms][rules]") {
  const test::SampleIntake intake = test::sampleIntake();
  const auto definition = std::make_shared<const forms::XFormDefinition>(
      forms::loadXForm(intake.subject.form()->path.string()));
  const auto at = test::sampleIntakeTime();
  CHECK(forms::checkFormAnswers(definition, {intake.formId, intake.formVersion, intake.instanceXml},
                                at)
            .problems.empty());
  CHECK(rulesOf(forms::checkFormAnswers(definition, {intake.formId, "0", intake.instanceXml}, at)
                    .problems) == std::vector<Rule>{Rule::FormMismatch});
  CHECK(rulesOf(forms::checkFormAnswers(definition, {}, at).problems) ==
        std::vector<Rule>{Rule::FormMismatch});
  CHECK(rulesOf(
            forms::checkFormAnswers(definition, {intake.formId, intake.formVersion, "<nope/>"}, at)
                .problems) == std::vector<Rule>{Rule::FormUnreadable});
  const std::string emptied = std::regex_replace(
      intake.instanceXml, std::regex("<business_name>[^<]*</business_name>"), "<business_name/>");
  const forms::FormCheck missing =
      forms::checkFormAnswers(definition, {intake.formId, intake.formVersion, emptied}, at);
  REQUIRE(rulesOf(missing.problems) == std::vector<Rule>{Rule::FormAnswer});
  CHECK(missing.problems[0].where == "/data/business/business_name");
  CHECK(missing.formProblems.size() == 1);
  // A matter without a form takes no answers.
  CHECK(rulesOf(forms::checkFormAnswers(nullptr, {"x", "1", "<x/>"}, at).problems) ==
        std::vector<Rule>{Rule::FormMismatch});
  CHECK(forms::checkFormAnswers(nullptr, {}, at).problems.empty());
}

TEST_CASE("the slots are the checklist's, with what the clerk recorded and nothing else",
          "[forms][rules]") {
  const auto catalog = test::sampleCatalog();
  const auto checklist = forms::intakeChecklist(
      *catalog, subject(test::kSampleMatter), {{"premises_kind", {"certificate"}}}, {2026, 11, 27});
  const forms::SlotCheck ok = forms::checkMaterials(
      checklist,
      {{"id_card", MaterialStatus::ELicence, 0}, {"premises_proof", MaterialStatus::Received, 2}});
  CHECK(ok.problems.empty());
  REQUIRE(ok.slots.size() == 3);
  CHECK(ok.slots[0].status == MaterialStatus::Pending);  // nothing said about it
  CHECK(ok.slots[1].status == MaterialStatus::ELicence);
  CHECK(ok.slots[0].main);

  const forms::SlotCheck wrong =
      forms::checkMaterials(checklist, {{"application_form", MaterialStatus::ELicence, 0},
                                        {"id_card", MaterialStatus::Gap, 0},
                                        {"premises_proof", MaterialStatus::Missing, 1},
                                        {"photo", MaterialStatus::Received, 0}});
  CHECK(rulesOf(wrong.problems) == std::vector<Rule>{Rule::ELicenceNotAllowed, Rule::GapNotAllowed,
                                                     Rule::PagesNotReceived,
                                                     Rule::MaterialUnknown});
  CHECK(wrong.problems[1].detail == "main");
  CHECK(wrong.problems[3].where == "material.photo");
}

TEST_CASE("each decision rule, with its reason", "[forms][rules][decisions]") {
  const CaseSlot main{"id_card", "居民身份证", true, MaterialStatus::Received};
  const CaseSlot gap{"assessment_form", "评定表", false, MaterialStatus::Gap};
  const CaseSlot missing{"photo", "照片", true, MaterialStatus::Missing};
  const CivilDate today{2026, 9, 30};

  CHECK(forms::checkDecision(factsOf({main}), {DecisionKind::Accept}, today).empty());
  const auto notSupplied =
      forms::checkDecision(factsOf({main, missing}), {DecisionKind::Accept}, today);
  REQUIRE(rulesOf(notSupplied) == std::vector<Rule>{Rule::NotSupplied});
  CHECK(notSupplied[0].where == "material.photo");
  CHECK(rulesOf(forms::checkDecision(factsOf({main}, 2), {DecisionKind::Accept}, today)) ==
        std::vector<Rule>{Rule::FormInvalid});

  const auto gaps = [&](std::optional<CivilDate> deadline, bool signed_,
                        std::vector<CaseSlot> slots) {
    return rulesOf(forms::checkDecision(
        factsOf(std::move(slots)), {DecisionKind::AcceptWithGaps, "", deadline, signed_}, today));
  };
  CHECK(gaps(CivilDate{2026, 10, 20}, true, {main, gap}).empty());
  CHECK(gaps(CivilDate{2026, 10, 21}, true, {main, gap}) ==
        std::vector<Rule>{Rule::GapDeadlineLate});
  CHECK(gaps(CivilDate{2026, 9, 29}, true, {main, gap}) ==
        std::vector<Rule>{Rule::GapDeadlinePast});
  CHECK(gaps(std::nullopt, true, {main, gap}) == std::vector<Rule>{Rule::GapDeadlineMissing});
  CHECK(gaps(CivilDate{2026, 10, 20}, false, {main, gap}) ==
        std::vector<Rule>{Rule::CommitmentMissing});
  CHECK(gaps(CivilDate{2026, 10, 20}, true, {main}) == std::vector<Rule>{Rule::NoGap});
  CHECK(gaps(CivilDate{2026, 10, 20}, true, {main, gap, missing}) ==
        std::vector<Rule>{Rule::NotSupplied});

  const auto notice = [&](std::vector<CaseSlot> slots, std::size_t formProblems,
                          std::string grounds, CivilDate on) {
    return rulesOf(forms::checkDecision(factsOf(std::move(slots), formProblems),
                                        {DecisionKind::CorrectionNotice, std::move(grounds)}, on));
  };
  CHECK(notice({main, missing}, 0, "", {2026, 10, 13}).empty());
  CHECK(notice({main}, 1, "", today).empty());
  CHECK(notice({main}, 0, "印章不清", today).empty());
  CHECK(notice({main}, 0, " ", today) == std::vector<Rule>{Rule::CorrectionEmpty});
  CHECK(notice({main, missing}, 0, "", {2026, 10, 14}) == std::vector<Rule>{Rule::CorrectionLate});

  CHECK(rulesOf(forms::checkDecision(factsOf({main}), {DecisionKind::Refuse, "\n\u3000"}, today)) ==
        std::vector<Rule>{Rule::RefusalGrounds});
  CHECK(forms::checkDecision(factsOf({main}), {DecisionKind::Refuse, "不属于本机关职权范围"}, today)
            .empty());
}

TEST_CASE("rule names and scenario answers keep their text forms", "[forms][rules]") {
  for (int value = static_cast<int>(Rule::NoCatalog);
       value <= static_cast<int>(Rule::DecisionState); ++value) {
    const auto rule = static_cast<Rule>(value);
    INFO(value);
    CHECK_FALSE(forms::ruleName(rule).empty());
    CHECK(forms::ruleFromName(forms::ruleName(rule)) == rule);
  }
  const forms::ScenarioAnswers answers{{"hukou_type", {"shenzhen"}}, {"needs", {"a", "b"}}};
  CHECK(forms::scenarioAnswersText(answers) == "hukou_type=shenzhen\nneeds=a b\n");
  CHECK(forms::parseScenarioAnswers(forms::scenarioAnswersText(answers)) == answers);
  CHECK(forms::parseScenarioAnswers("").empty());
  CHECK_THROWS_AS(forms::parseScenarioAnswers("no equals sign"), std::invalid_argument);
  CHECK(forms::decisionKindFromName("accept_with_gaps") == DecisionKind::AcceptWithGaps);
  CHECK(forms::materialStatusFromName("elicence") == MaterialStatus::ELicence);
  CHECK_FALSE(forms::materialStatusFromName("waived"));
}
