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
  const auto draft = expect<DraftStarted>(
      engine.call<DraftStarted>(StartDraft{0, "000131128000", "个体工商户设立登记"}));
  CHECK(draft.uuid.size() == 36);
  expect<DraftSaved>(engine.call<DraftSaved>(SaveDraft{
      0,
      draft.uuid,
      {"张三", "id_card", "440305199001011234", "f", "1", "<data><name>张三</name></data>"}}));

  const std::string idPage = fixture.storePage("id.png", "front of the ID card");
  const std::string photoPage = fixture.storePage("photo.png", "a photo");
  localdb::SlotInput id{"id", "居民身份证", true, localdb::MaterialStatus::Received, 1,
                        0,    "",           "",   {{idPage, 20, "image/png"}}};
  localdb::SlotInput photo{"photo", "照片", false, localdb::MaterialStatus::Received, 1,
                           0,       "",     "",    {{photoPage, 7, "image/png"}}};
  const auto finalized = expect<CaseFinalized>(
      engine.call<CaseFinalized>(FinalizeIntake{0, draft.uuid, {id, photo}, "", "2026-12-31"}));
  CHECK_THAT(finalized.provisionalNo, Catch::StartsWith("W03-") && Catch::EndsWith("-000001"));
  const auto pending =
      engine.waitFor<PendingCountChanged>([](const auto& p) { return p.pending == 1; });
  CHECK(pending.has_value());

  const auto decided = expect<DecisionRecorded>(engine.call<DecisionRecorded>(
      RecordDecision{0, draft.uuid, {.kind = localdb::DecisionKind::Accept}}));
  CHECK(decided.state == localdb::CaseState::Accepted);

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
  CHECK(cases.revisionsOf(record->id) ==
        std::vector<std::string>{"<data><name>张三</name></data>"});
  CHECK(localdb::AuditLog::verify(store.database()).intact());
}

TEST_CASE("finalizing with a page that is not in the material store is refused and saves nothing",
          "[engine][cases]") {
  LoggedInEngine fixture;
  EngineHarness& engine = *fixture.harness;
  const auto draft = expect<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, "m", "matter"}));
  localdb::SlotInput id{"id", "居民身份证", true, localdb::MaterialStatus::Received,       1,
                        0,    "",           "",   {{std::string(64, 'e'), 1, "image/png"}}};
  const auto answer = engine.call<CaseFinalized>(FinalizeIntake{0, draft.uuid, {id}, "", ""});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  CHECK(std::get<CommandFailed>(answer).failure == CommandFailure::Invalid);
  CHECK(fixture.harness->engine().status().pendingSync == 0);
}

TEST_CASE("case commands need a logged-in clerk", "[engine][cases]") {
  test::TempDir dir;
  EngineHarness engine(dir / "profile", "http://127.0.0.1:1");
  const auto answer = engine.call<DraftStarted>(StartDraft{0, "m", "matter"});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  CHECK(std::get<CommandFailed>(answer).failure == CommandFailure::NotLoggedIn);
}

TEST_CASE("a decision the law does not allow comes back as a failure with the reason",
          "[engine][cases]") {
  LoggedInEngine fixture;
  EngineHarness& engine = *fixture.harness;
  const auto draft = expect<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, "m", "matter"}));
  localdb::SlotInput lease{"lease", "租赁合同", true, localdb::MaterialStatus::Missing, 0, 0,
                           "",      "",         {}};
  expect<CaseFinalized>(
      engine.call<CaseFinalized>(FinalizeIntake{0, draft.uuid, {lease}, "", "2026-12-31"}));
  const auto answer = engine.call<DecisionRecorded>(
      RecordDecision{0, draft.uuid, {.kind = localdb::DecisionKind::Accept}});
  REQUIRE(std::holds_alternative<CommandFailed>(answer));
  CHECK_THAT(std::get<CommandFailed>(answer).message, Catch::Contains("租赁合同"));
}

TEST_CASE("only a supervisor may search applicants by name", "[engine][cases][privacy]") {
  LoggedInEngine clerkFixture;
  const auto refused = clerkFixture.harness->call<CasesFound>(SearchApplicants{0, "张"});
  REQUIRE(std::holds_alternative<CommandFailed>(refused));
  CHECK(std::get<CommandFailed>(refused).failure == CommandFailure::NotAllowed);

  LoggedInEngine supervisorFixture("s2001", "demo2001");
  EngineHarness& engine = *supervisorFixture.harness;
  const auto draft = expect<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, "m", "matter"}));
  expect<DraftSaved>(
      engine.call<DraftSaved>(SaveDraft{0, draft.uuid, {"欧阳娜娜", "", "", "", "", "<d/>"}}));
  expect<CaseFinalized>(engine.call<CaseFinalized>(FinalizeIntake{0, draft.uuid, {}, "", ""}));
  const auto found = expect<CasesFound>(engine.call<CasesFound>(SearchApplicants{0, "欧阳"}));
  REQUIRE(found.cases.size() == 1);
  CHECK(found.cases[0].applicantName == "欧阳娜娜");
}
