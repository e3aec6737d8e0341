// The rules of the window decided in the engine (issue 10): a front end sends what the clerk
// entered; the engine checks the applicant and the form with the matter's form in force, makes
// the material slots from the catalog, counts the due dates on the working calendar, and checks
// every decision. These drive the engine as a second front end would, with a clock the test
// sets, against the sample catalog.

#include <catch2/catch.hpp>

#include "localdb/case_repository.hpp"
#include "localdb/sqlite.hpp"
#include "localdb/workstation_store.hpp"
#include "rules_fixture.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using forms::CivilDate;
using forms::Rule;
using test::EngineHarness;
using test::kDisabilityCard;
using test::refusal;
using test::RulesFixture;
using test::rulesOf;

namespace {

std::int64_t countCases(const std::filesystem::path& profile, const std::string& state) {
  localdb::Database db(profile / "workstation.db", localdb::OpenMode::ReadOnly);
  localdb::Statement query = db.prepare("SELECT count(*) FROM cases WHERE state = ?1");
  query.bind(1, state);
  REQUIRE(query.step());
  return query.columnInt(0);
}

}  // namespace

TEST_CASE("a finalize whose form answers break its rules is refused, each problem at its field",
          "[engine][rules]") {
  RulesFixture fixture;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, fixture.clock->now());
  DraftContent content = test::sampleDraft(intake, "张三");
  // The check digit of this ID number is wrong (it should be X).
  content.instanceXml =
      test::answeredInstance(intake, "/data/applicant/id_number", "440305199001011234");
  const std::string uuid = fixture.draft(test::kSampleMatter, content);
  const auto materials = test::sampleMaterials(intake);

  const CommandFailed failed = refusal(fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, intake.scenarios, materials, false}));
  REQUIRE(failed.problems.size() == 1);
  CHECK(failed.problems[0].rule == Rule::FormAnswer);
  CHECK(failed.problems[0].where == "/data/applicant/id_number");
  CHECK_FALSE(failed.problems[0].subject.empty());  // the field's label
  CHECK_THAT(failed.message, Catch::Contains("/data/applicant/id_number"));
  // Nothing was taken in.
  CHECK(countCases(fixture.dir / "profile", "draft") == 1);
  CHECK(fixture.harness->engine().status().pendingSync == 0);

  // Taken in for a one-time correction notice: numbered, but never accepted as it is.
  const auto taken = fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, intake.scenarios, materials, true});
  REQUIRE(std::holds_alternative<CaseFinalized>(taken));
  const CaseFinalized& finalized = std::get<CaseFinalized>(taken);
  REQUIRE(finalized.formProblems.size() == 1);
  CHECK(finalized.formProblems[0].path == "/data/applicant/id_number");
  const CommandFailed accept = refusal(fixture.decide(uuid, {.kind = DecisionKind::Accept}));
  CHECK(rulesOf(accept) == std::vector<Rule>{Rule::FormInvalid});

  // The notice lists the form's problem itself, whatever the clerk adds.
  const auto notice = fixture.decide(uuid, {.kind = DecisionKind::CorrectionNotice});
  REQUIRE(std::holds_alternative<DecisionRecorded>(notice));
  CHECK(std::get<DecisionRecorded>(notice).state == CaseState::AwaitingCorrection);
  fixture.harness.reset();
  localdb::Database db(fixture.dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
  localdb::Statement details = db.prepare("SELECT details_xml FROM decisions");
  REQUIRE(details.step());
  CHECK_THAT(
      details.columnText(0),
      Catch::Contains("<correction-notice><form-problem path=\"/data/applicant/id_number\""));
}

TEST_CASE("a form of another form or version is refused, whatever the answers", "[engine][rules]") {
  RulesFixture fixture;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, fixture.clock->now());
  DraftContent content = test::sampleDraft(intake, "张三");
  content.formVersion = "1";
  const std::string uuid = fixture.draft(test::kSampleMatter, content);
  const CommandFailed failed = refusal(fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, intake.scenarios, test::sampleMaterials(intake), true}));
  CHECK(rulesOf(failed) == std::vector<Rule>{Rule::FormMismatch});
}

TEST_CASE("the applicant must be named and identified by a valid number", "[engine][rules]") {
  RulesFixture fixture;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, fixture.clock->now());
  const std::string uuid =
      fixture.draft(test::kSampleMatter, test::sampleDraft(intake, " ", "440305199001011234"));
  const CommandFailed failed = refusal(fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, intake.scenarios, test::sampleMaterials(intake), true}));
  CHECK(rulesOf(failed) == std::vector<Rule>{Rule::ApplicantName, Rule::ApplicantIdNumber});
  CHECK(failed.problems[1].where == "applicant.id_number");
}

TEST_CASE("the materials come from the catalog: gaps and e-licences only where it allows them",
          "[engine][rules]") {
  RulesFixture fixture;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, fixture.clock->now());
  const std::string uuid = fixture.draft(test::kSampleMatter, test::sampleDraft(intake, "张三"));
  auto materials = test::sampleMaterials(intake);
  materials[0].status = MaterialStatus::ELicence;  // the application form has no e-licence
  materials[1].status = MaterialStatus::Gap;       // a main material of a matter without 容缺
  MaterialAnswer photo;
  photo.key = "photo";  // not asked for in this matter
  photo.status = MaterialStatus::Received;
  materials.push_back(photo);
  const CommandFailed failed = refusal(fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, intake.scenarios, materials, false}));
  CHECK(rulesOf(failed) ==
        std::vector<Rule>{Rule::ELicenceNotAllowed, Rule::GapNotAllowed, Rule::MaterialUnknown});
  CHECK(failed.problems[1].where == "material." + intake.slots[1].key);

  // A scenario answer the matter does not have.
  forms::ScenarioAnswers wrong{{"premises_kind", {"castle"}}};
  const CommandFailed scenario = refusal(fixture.harness->call<CaseFinalized>(
      FinalizeIntake{0, uuid, wrong, test::sampleMaterials(intake), false}));
  CHECK(rulesOf(scenario) == std::vector<Rule>{Rule::ScenarioAnswer});
}

TEST_CASE("the engine counts the due dates across National Day and its make-up workdays",
          "[engine][rules][calendar]") {
  RulesFixture fixture;
  // Wednesday 30 September 2026: 1–7 October are off, Saturday 10 October is worked.
  fixture.today({2026, 9, 30});
  const CaseFinalized business = fixture.takeIn(test::kSampleMatter);  // 3 working days
  CHECK(business.due.promised == CivilDate{2026, 10, 10});
  REQUIRE(business.due.legal.has_value());
  CHECK(*business.due.legal == CivilDate{2026, 10, 10});
  CHECK(business.correctionDeadline == CivilDate{2026, 10, 13});
  const CaseFinalized card = fixture.takeIn(kDisabilityCard);  // 10 working days
  CHECK(card.due.promised == CivilDate{2026, 10, 20});
  // Friday 18 September: Sunday 20 September is a make-up workday.
  fixture.today({2026, 9, 18});
  const CaseFinalized early = fixture.takeIn(test::kSampleMatter);
  CHECK(early.due.promised == CivilDate{2026, 9, 22});

  fixture.harness.reset();
  localdb::WorkstationStore store(fixture.dir / "profile" / "workstation.db");
  localdb::CaseRepository cases(store.database());
  const auto record = cases.findByNumber(business.provisionalNo);
  REQUIRE(record.has_value());
  CHECK(record->promisedDueDate == "2026-10-10");
  CHECK(record->legalDueDate == "2026-10-10");
  CHECK_THAT(business.provisionalNo, Catch::Contains("-20260930-"));
}

TEST_CASE("each decision at the window is refused with its reason when a rule is broken",
          "[engine][rules][decisions]") {
  RulesFixture fixture;
  fixture.today({2026, 9, 30});

  SECTION("a plain acceptance needs every material") {
    const CaseFinalized taken =
        fixture.takeIn(test::kSampleMatter, {{"id_card", MaterialStatus::Missing}});
    const CommandFailed& failed =
        refusal(fixture.decide(taken.uuid, {.kind = DecisionKind::Accept}));
    CHECK(rulesOf(failed) == std::vector<Rule>{Rule::NotSupplied});
    CHECK(failed.problems[0].where == "material.id_card");
    CHECK(failed.problems[0].subject == "居民身份证");
  }

  SECTION("容缺: a gap, a deadline from today to the promised date, the signed commitment") {
    const CaseFinalized taken =
        fixture.takeIn(kDisabilityCard, {{"assessment_form", MaterialStatus::Gap}});
    CHECK(taken.due.promised == CivilDate{2026, 10, 20});
    const auto gaps = [&](std::string deadline, bool signed_) {
      return fixture.decide(taken.uuid, {.kind = DecisionKind::AcceptWithGaps,
                                         .gapDeadline = std::move(deadline),
                                         .commitmentSigned = signed_});
    };
    CHECK(rulesOf(refusal(gaps("2026-10-21", true))) == std::vector<Rule>{Rule::GapDeadlineLate});
    CHECK(rulesOf(refusal(gaps("2026-09-29", true))) == std::vector<Rule>{Rule::GapDeadlinePast});
    CHECK(rulesOf(refusal(gaps("", true))) == std::vector<Rule>{Rule::GapDeadlineMissing});
    CHECK(rulesOf(refusal(gaps("20. Oktober", true))) ==
          std::vector<Rule>{Rule::GapDeadlineMissing});
    CHECK(rulesOf(refusal(gaps("2026-10-20", false))) ==
          std::vector<Rule>{Rule::CommitmentMissing});
    const auto recorded = gaps("2026-10-20", true);
    REQUIRE(std::holds_alternative<DecisionRecorded>(recorded));
    CHECK(std::get<DecisionRecorded>(recorded).state == CaseState::AcceptedWithGaps);
  }

  SECTION("容缺 without a gap is a plain acceptance") {
    const CaseFinalized taken = fixture.takeIn(kDisabilityCard);
    CHECK(rulesOf(refusal(fixture.decide(taken.uuid, {.kind = DecisionKind::AcceptWithGaps,
                                                      .gapDeadline = "2026-10-20",
                                                      .commitmentSigned = true}))) ==
          std::vector<Rule>{Rule::NoGap});
  }

  SECTION("a correction notice by the 5th working day after intake, listing something") {
    const CaseFinalized complete = fixture.takeIn(test::kSampleMatter);
    CHECK(
        rulesOf(refusal(fixture.decide(complete.uuid, {.kind = DecisionKind::CorrectionNotice}))) ==
        std::vector<Rule>{Rule::CorrectionEmpty});
    const CaseFinalized missing =
        fixture.takeIn(test::kSampleMatter, {{"premises_proof", MaterialStatus::Missing}});
    fixture.today({2026, 10, 14});  // the 6th working day after 30 September
    const CommandFailed late =
        refusal(fixture.decide(missing.uuid, {.kind = DecisionKind::CorrectionNotice}));
    CHECK(rulesOf(late) == std::vector<Rule>{Rule::CorrectionLate});
    CHECK(late.problems[0].detail == "2026-10-13");
    fixture.today({2026, 10, 13});
    const auto issued = fixture.decide(missing.uuid, {.kind = DecisionKind::CorrectionNotice});
    REQUIRE(std::holds_alternative<DecisionRecorded>(issued));
    CHECK(std::get<DecisionRecorded>(issued).state == CaseState::AwaitingCorrection);
  }

  SECTION("a refusal needs its grounds; the legal basis comes from the catalog") {
    const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
    CHECK(rulesOf(refusal(
              fixture.decide(taken.uuid, {.kind = DecisionKind::Refuse, .grounds = " \u3000 "}))) ==
          std::vector<Rule>{Rule::RefusalGrounds});
    const auto refused = fixture.decide(
        taken.provisionalNo, {.kind = DecisionKind::Refuse, .grounds = "不属于本机关职权范围"});
    REQUIRE(std::holds_alternative<DecisionRecorded>(refused));
    fixture.harness.reset();
    localdb::Database db(fixture.dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
    localdb::Statement basis = db.prepare("SELECT legal_basis, details_xml FROM decisions");
    REQUIRE(basis.step());
    CHECK_THAT(basis.columnText(0), Catch::Contains("促进个体工商户发展条例"));
    CHECK_THAT(basis.columnText(1), Catch::Contains("六十日内"));
  }

  SECTION("a decision is taken once") {
    const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
    REQUIRE(std::holds_alternative<DecisionRecorded>(
        fixture.decide(taken.uuid, {.kind = DecisionKind::Accept})));
    const auto again = fixture.decide(taken.uuid, {.kind = DecisionKind::Refuse, .grounds = "x"});
    REQUIRE(std::holds_alternative<CommandFailed>(again));
    CHECK(std::get<CommandFailed>(again).failure == CommandFailure::WrongState);
  }
}
