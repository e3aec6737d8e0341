// The second visit's new versions reach central exactly once (issue 13): 容缺 cases whose gaps
// are supplied (a new version with the supplement and the full acceptance), withdrawals, and the
// applicants' ratings — through a network that resets, truncates and drops replies, and a central
// that loses replies after committing. Central re-checks every version with the window's rules,
// so a version it refuses would stay quarantined here.

#include <httplib.h>

#include "fault_proxy.hpp"
#include "localdb/sync_repository.hpp"
#include "sync_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

namespace {

constexpr const char* kDisabilityCard = "440300070003";  // 容缺 allowed, 10 working days

}  // namespace

TEST_CASE(
    "the versions of a second visit and the ratings reach central exactly once through faults",
    "[sync][faults][desk]") {
  const int caseCount = test::countFromEnvironment("ONEWINDOW_DESK_CASES", 12);
  test::TempDir dir;
  test::CentralOptions options;
  options.extraArguments = {"--enable-fault-injection", "--fault-seed", "11"};
  test::CentralProcess central(dir / "central.db", options);
  central.start();
  test::FaultProxy proxy(central.port());
  test::EngineHarness engine(dir / "profile", proxy.baseUrl(), true);
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());

  const forms::CivilDate today = forms::chinaDate(std::chrono::system_clock::now());
  const std::string deadline = today.plusDays(5).iso();
  const test::SampleIntake intake = test::sampleIntake(kDisabilityCard);
  std::vector<std::string> uuids;
  for (int i = 0; i < caseCount; ++i) {
    const auto started = engine.call<engine::DraftStarted>(engine::StartDraft{0, kDisabilityCard});
    REQUIRE(std::holds_alternative<engine::DraftStarted>(started));
    const std::string uuid = std::get<engine::DraftStarted>(started).uuid;
    REQUIRE(std::holds_alternative<engine::DraftSaved>(engine.call<engine::DraftSaved>(
        engine::SaveDraft{0, uuid, test::sampleDraft(intake, "申请人" + std::to_string(i))})));
    const auto taken = engine.call<engine::CaseFinalized>(engine::FinalizeIntake{
        0, uuid, intake.scenarios,
        test::sampleMaterials(intake, {}, {{"assessment_form", engine::MaterialStatus::Gap}}),
        false});
    if (const auto* failed = std::get_if<engine::CommandFailed>(&taken)) FAIL(failed->message);
    REQUIRE(std::holds_alternative<engine::DecisionRecorded>(engine.call<engine::DecisionRecorded>(
        engine::RecordDecision{0,
                               uuid,
                               {.kind = engine::DecisionKind::AcceptWithGaps,
                                .gapDeadline = deadline,
                                .commitmentSigned = true}})));
    uuids.push_back(uuid);
  }
  // Version 1 of each is on central before the applicants come back.
  REQUIRE(engine.until([&] { return engine.engine().status().pendingSync == 0; }, 120s));

  // The storm, then the second visits.
  {
    httplib::Client client(central.baseUrl());
    const auto reply = client.Put("/api/v1/_test/faults",
                                  "<faults>"
                                  "<fault endpoint=\"cases.put\" kind=\"commit-drop\" "
                                  "probability=\"0.2\"/>"
                                  "<fault endpoint=\"ratings.post\" kind=\"commit-drop\" "
                                  "probability=\"0.3\"/>"
                                  "</faults>",
                                  "application/xml");
    REQUIRE(reply);
    REQUIRE(reply->status == 204);
  }
  test::MixedFaults network;
  network.reset = 0.05;
  network.truncate = 0.05;
  network.dropReply = 0.08;
  network.seed = static_cast<std::uint32_t>(Catch::rngSeed());
  proxy.setMixed(network);

  int withdrawn = 0;
  std::mt19937 random(5);
  for (std::size_t i = 0; i < uuids.size(); ++i) {
    if (i % 4 == 3) {
      const auto answer = engine.call<engine::SecondVisitRecorded>(
          engine::WithdrawCase{0, uuids[i], "申请人主动撤回"});
      if (const auto* failed = std::get_if<engine::CommandFailed>(&answer)) FAIL(failed->message);
      ++withdrawn;
      continue;
    }
    std::string bytes(2000, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    const auto page = engine.call<engine::MaterialStored>(
        engine::StoreMaterial{0, test::writePage(dir / "scans" / "form.bin", bytes)});
    REQUIRE(std::holds_alternative<engine::MaterialStored>(page));
    const auto& stored = std::get<engine::MaterialStored>(page);
    const auto supplied = engine.call<engine::SecondVisitRecorded>(engine::SupplyMaterial{
        0, uuids[i], "assessment_form", {{stored.sha256, stored.size, "image/png"}}});
    if (const auto* failed = std::get_if<engine::CommandFailed>(&supplied)) FAIL(failed->message);
    const engine::CaseDetail& detail = std::get<engine::SecondVisitRecorded>(supplied).detail;
    CHECK(detail.record.state == engine::CaseState::Accepted);
    REQUIRE(detail.pendingRatingVisit == "decision:2");
    const auto rated = engine.call<engine::SecondVisitRecorded>(engine::RecordRating{
        0, uuids[i], detail.pendingRatingVisit, i % 2 ? "满意" : "不满意", {"等候时间长"}, ""});
    if (const auto* failed = std::get_if<engine::CommandFailed>(&rated)) FAIL(failed->message);
  }
  REQUIRE(engine.until([&] { return engine.engine().status().pendingSync == 0; }, 300s));
  // The ratings go when the case queue is empty; wait until each is marked sent.
  localdb::Database local(dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
  const auto unsentRatings = [&] {
    auto query = local.prepare("SELECT count(*) FROM ratings WHERE synced = 0");
    REQUIRE(query.step());
    return query.columnInt(0);
  };
  REQUIRE(engine.until(
      [&] {
        engine.engine().submit(engine::SyncNow{});
        return unsentRatings() == 0;
      },
      120s));
  proxy.passAll();
  WARN(proxy.faultsApplied() << " network faults over " << proxy.exchanges() << " exchanges");

  localdb::Database centralDb(dir / "central.db", localdb::OpenMode::ReadOnly);
  localdb::CaseRepository cases(local);
  for (const std::string& uuid : uuids) {
    INFO("case " << uuid);
    auto row = centralDb.prepare(
        "SELECT c.latest_version, c.state, (SELECT count(*) FROM case_versions v WHERE "
        "v.case_uuid = c.case_uuid) FROM cases c WHERE c.case_uuid = ?1");
    row.bind(1, uuid);
    REQUIRE(row.step());
    const auto record = cases.findByUuid(uuid);
    CHECK(record->syncState == "confirmed");
    CHECK(row.columnInt(0) >= 2);                 // the second visit is a version of its own
    CHECK(row.columnInt(2) == row.columnInt(0));  // 1..latest, each once
    CHECK(row.columnText(1) == std::string(localdb::caseStateName(record->state)));
  }
  auto ratings = centralDb.prepare("SELECT count(*), count(DISTINCT rating_id) FROM ratings");
  REQUIRE(ratings.step());
  CHECK(ratings.columnInt(0) == caseCount - withdrawn);
  CHECK(ratings.columnInt(1) == caseCount - withdrawn);
  auto reasons = centralDb.prepare("SELECT count(*) FROM ratings WHERE reasons = '等候时间长'");
  REQUIRE(reasons.step());
  CHECK(reasons.columnInt(0) == caseCount - withdrawn);
}
