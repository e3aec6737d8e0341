#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "localdb/audit_log.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using test::EngineHarness;

namespace {

struct LoggedInEngine {
  test::TempDir dir;
  test::CentralProcess central{dir / "central.db"};
  std::unique_ptr<EngineHarness> harness;

  explicit LoggedInEngine(const std::string& clerk = "c1001",
                          const std::string& password = "demo1001") {
    central.start();
    harness = std::make_unique<EngineHarness>(dir / "profile", central.baseUrl());
    REQUIRE(harness->login(clerk, password, "W03").ok());
  }

  std::string storePage(const std::string& name, const std::string& bytes) {
    auto stored = std::get<MaterialStored>(harness->call<MaterialStored>(
        StoreMaterial{0, test::writePage(dir / "scans" / name, bytes)}));
    return stored.sha256;
  }
};

template <typename T, typename V>
const T& expect(const V& answer) {
  if (const auto* failed = std::get_if<CommandFailed>(&answer))
    FAIL("command failed: " << failed->message);
  return std::get<T>(answer);
}

}  // namespace

TEST_CASE(
    "a clerk takes a case in through the engine: draft, autosave, materials, finalize, decision",
    "[engine][cases]") {
  LoggedInEngine fixture;
  EngineHarness& engine = *fixture.harness;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, engine.now());
  const auto draft =
      expect<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, test::kSampleMatter}));
  CHECK(draft.uuid.size() == 36);
  CHECK(draft.matterName == "个体工商户设立登记");  // from the catalog, not from the screen
  CHECK(draft.dueIfTakenInToday.promised == intake.due.promised);
  expect<DraftSaved>(
      engine.call<DraftSaved>(SaveDraft{0, draft.uuid, test::sampleDraft(intake, "张三")}));

  const std::string idPage = fixture.storePage("id.png", "front of the ID card");
  const auto finalized = expect<CaseFinalized>(engine.call<CaseFinalized>(
      FinalizeIntake{0, draft.uuid, intake.scenarios,
                     test::sampleMaterials(intake, {{idPage, 20, "image/png"}}), false}));
  CHECK_THAT(finalized.provisionalNo, Catch::StartsWith("W03-") && Catch::EndsWith("-000001"));
  // The slots are the catalog's for the situation, not what a screen sent.
  REQUIRE(finalized.slots.size() == intake.slots.size());
  CHECK(finalized.slots[0].main);
  CHECK(finalized.due.promised == intake.due.promised);
  const auto pending =
      engine.waitFor<PendingCountChanged>([](const auto& p) { return p.pending == 1; });
  CHECK(pending.has_value());

  const auto decided = expect<DecisionRecorded>(engine.call<DecisionRecorded>(
      RecordDecision{0, finalized.provisionalNo, {.kind = DecisionKind::Accept}}));
  CHECK(decided.state == CaseState::Accepted);

  // What the store holds afterwards, read independently of the engine.
  fixture.harness.reset();
  localdb::WorkstationStore store(fixture.dir / "profile" / "workstation.db");
  localdb::CaseRepository cases(store.database());
  const auto record = cases.findByNumber(finalized.provisionalNo);
  REQUIRE(record.has_value());
  CHECK(record->applicantName == "张三");
  CHECK(record->clerkId == "c1001");
  CHECK(record->windowCode == "W03");
  CHECK(record->acceptedAt.has_value());
  CHECK(record->promisedDueDate == intake.due.promised.iso());
  CHECK(record->scenarioAnswers == forms::scenarioAnswersText(intake.scenarios));
  CHECK(cases.revisionsOf(record->id) == std::vector<std::string>{intake.instanceXml});
  const auto slots = cases.slotsOf(record->id);
  REQUIRE(slots.size() == intake.slots.size());
  CHECK(slots[0].pageHashes == std::vector<std::string>{idPage});
  CHECK(localdb::AuditLog::verify(store.database()).intact());
}

TEST_CASE("finalizing with a page that is not in the material store is refused and saves nothing",
          "[engine][cases]") {
  LoggedInEngine fixture;
  EngineHarness& engine = *fixture.harness;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, engine.now());
  const auto draft =
      expect<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, test::kSampleMatter}));
  expect<DraftSaved>(
      engine.call<DraftSaved>(SaveDraft{0, draft.uuid, test::sampleDraft(intake, "张三")}));
  const auto answer = engine.call<CaseFinalized>(FinalizeIntake{
      0, draft.uuid, intake.scenarios,
      test::sampleMaterials(intake, {{std::string(64, 'e'), 1, "image/png"}}), false});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  CHECK(std::get<CommandFailed>(answer).failure == CommandFailure::Invalid);
  CHECK(fixture.harness->engine().status().pendingSync == 0);
}

TEST_CASE("case commands need a logged-in clerk", "[engine][cases]") {
  test::TempDir dir;
  EngineHarness engine(dir / "profile", "http://127.0.0.1:1");
  const auto answer = engine.call<DraftStarted>(StartDraft{0, test::kSampleMatter});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  CHECK(std::get<CommandFailed>(answer).failure == CommandFailure::NotLoggedIn);
}

TEST_CASE("a case of a matter the catalog does not have cannot be started",
          "[engine][cases][rules]") {
  LoggedInEngine fixture;
  const auto answer = fixture.harness->call<DraftStarted>(StartDraft{0, "999999999999"});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  const CommandFailed& failed = std::get<CommandFailed>(answer);
  CHECK(failed.failure == CommandFailure::BrokenRules);
  REQUIRE(failed.problems.size() == 1);
  CHECK(failed.problems[0].rule == forms::Rule::UnknownMatter);
}

TEST_CASE("without a catalog the engine takes no case in and says why", "[engine][cases][rules]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  EngineHarness engine(dir / "profile", central.baseUrl(), false,
                       dir / "no-such-catalog" / "catalog.xml");
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());
  const auto answer = engine.call<DraftStarted>(StartDraft{0, test::kSampleMatter});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  CHECK(std::get<CommandFailed>(answer).failure == CommandFailure::NoCatalog);
  const auto loaded = engine.waitFor<CatalogLoaded>([](const auto&) { return true; });
  REQUIRE(loaded.has_value());
  CHECK(loaded->catalog == nullptr);
  REQUIRE_FALSE(loaded->problems.empty());
  CHECK_THAT(loaded->problems[0].toString(), Catch::Contains("no-such-catalog"));
}

TEST_CASE("only a supervisor may search applicants by name", "[engine][cases][privacy]") {
  LoggedInEngine clerkFixture;
  const auto refused = clerkFixture.harness->call<CasesFound>(SearchApplicants{0, "张"});
  REQUIRE(std::holds_alternative<CommandFailed>(refused));
  CHECK(std::get<CommandFailed>(refused).failure == CommandFailure::NotAllowed);

  LoggedInEngine supervisorFixture("s2001", "demo2001");
  EngineHarness& engine = *supervisorFixture.harness;
  expect<CaseFinalized>(test::takeInSample(engine, "欧阳娜娜"));
  const auto found = expect<CasesFound>(engine.call<CasesFound>(SearchApplicants{0, "欧阳"}));
  REQUIRE(found.cases.size() == 1);
  CHECK(found.cases[0].applicantName == "欧阳娜娜");
}
