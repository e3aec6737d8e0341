#include <httplib.h>

#include "fault_proxy.hpp"
#include "localdb/sync_repository.hpp"
#include "sync_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

namespace {

// Server-side faults: replies lost after the commit, refusals with Retry-After, slow answers.
void armServerFaults(const std::string& baseUrl) {
  httplib::Client client(baseUrl);
  const std::string faults =
      "<faults>"
      "<fault endpoint=\"cases.put\" kind=\"commit-drop\" probability=\"0.15\"/>"
      "<fault endpoint=\"cases.put\" kind=\"status\" status=\"503\" retry-after=\"1\" "
      "probability=\"0.05\"/>"
      "<fault endpoint=\"materials.put\" kind=\"commit-drop\" probability=\"0.05\"/>"
      "<fault endpoint=\"cases.get\" kind=\"reset\" probability=\"0.1\"/>"
      "<fault endpoint=\"any\" kind=\"delay\" delay-ms=\"50\" probability=\"0.1\"/>"
      "</faults>";
  const auto reply = client.Put("/api/v1/_test/faults", faults, "application/xml");
  REQUIRE(reply);
  REQUIRE(reply->status == 204);
}

}  // namespace

TEST_CASE(
    "fault campaign: submissions through a faulty network arrive exactly once and only invalid "
    "cases are quarantined",
    "[sync][faults]") {
  const int caseCount =
      test::countFromEnvironment("ONEWINDOW_FAULT_CASES", 60);  // 500 in ./x drill
  constexpr int kInvalid = 3;
  test::TempDir dir;
  test::CentralOptions options;
  // Central's release is stricter about individual businesses than the station's: those are the
  // cases it refuses (422 case.rule_violation), the others are senior cards.
  options.extraArguments = {"--enable-fault-injection", "--fault-seed", "7", "--catalog",
                            test::stricterSampleCatalog(dir / "central-release").string()};
  test::CentralProcess central(dir / "central.db", options);
  central.start();
  test::FaultProxy proxy(central.port());

  test::EngineHarness engine(dir / "profile", proxy.baseUrl(), true);
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());  // a clean login, then the storm
  armServerFaults(central.baseUrl());
  test::MixedFaults network;
  network.reset = 0.04;
  network.truncate = 0.04;
  network.dropReply = 0.06;
  network.stall = 0.02;
  network.stallFor = 1500ms;
  network.seed = static_cast<std::uint32_t>(Catch::rngSeed());
  proxy.setMixed(network);

  std::mt19937 random(3);
  std::vector<std::string> valid;
  std::vector<std::string> invalid;
  for (int i = 0; i < caseCount; ++i) {
    valid.push_back(test::takeCaseIn(engine, dir / "scans", random, "申请人" + std::to_string(i), 3,
                                     test::kSeniorCard));
    if (i % (caseCount / kInvalid) == 0 && static_cast<int>(invalid.size()) < kInvalid) {
      // Accepted at the window; central's stricter form makes that acceptance invalid.
      invalid.push_back(test::takeCaseIn(engine, dir / "scans", random, "张三"));
      REQUIRE(
          std::holds_alternative<engine::DecisionRecorded>(engine.call<engine::DecisionRecorded>(
              engine::RecordDecision{0, invalid.back(), {.kind = engine::DecisionKind::Accept}})));
    }
  }
  REQUIRE(engine.until([&] { return engine.engine().status().pendingSync == 0; }, 600s));
  proxy.passAll();

  const test::CentralView view = test::readCentral(dir / "central.db");
  CHECK(view.cases == caseCount);
  CHECK(view.distinctOfficialNumbers == caseCount);
  localdb::WorkstationStore store(dir / "profile" / "workstation.db");
  localdb::CaseRepository cases(store.database());
  for (const std::string& uuid : valid) {
    INFO("valid case " << uuid);
    CHECK(view.uuids.count(uuid) == 1);
    CHECK(cases.findByUuid(uuid)->syncState == "confirmed");
  }
  localdb::SyncRepository queue(store.database());
  for (const std::string& uuid : invalid) {
    INFO("invalid case " << uuid);
    CHECK(view.uuids.count(uuid) == 0);
    CHECK(cases.findByUuid(uuid)->syncState == "quarantined");
  }
  // Each says why, located, with central's code for the window to phrase.
  for (const localdb::SyncListRow& row : queue.list(false)) {
    CHECK(row.syncState == "quarantined");
    CHECK(row.lastErrorCode == "case.rule_violation");
    CHECK_THAT(row.lastError, Catch::Contains("/data/business/employees"));
  }
  CHECK(engine.engine().status().quarantined == kInvalid);
  WARN(caseCount << " cases through " << proxy.exchanges() << " exchanges, "
                 << proxy.faultsApplied() << " network faults; central: " << view.cases
                 << " cases");
  CHECK(proxy.faultsApplied() > 0);

  localdb::Database centralDb(dir / "central.db", localdb::OpenMode::ReadOnly);
  auto materials = centralDb.prepare("SELECT count(*) FROM materials WHERE complete = 1");
  REQUIRE(materials.step());
  CHECK(materials.columnInt(0) == 3 * (caseCount + kInvalid));  // invalid cases uploaded theirs too
}
