#include "sync_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

TEST_CASE(
    "the client killed with SIGKILL at random moments during sync converges with no duplicates",
    "[sync][crash]") {
  const int kills = test::countFromEnvironment("ONEWINDOW_SYNC_KILLS", 8);  // 50 in ./x drill
  const int caseCount = test::countFromEnvironment("ONEWINDOW_SYNC_KILL_CASES", 30);
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  const auto profile = dir / "profile";
  std::vector<std::string> uuids;
  {
    // Cases taken in while central is away, so they all wait in the outbox.
    test::EngineHarness engine(profile, central.baseUrl());
    REQUIRE(engine.login("c1001", "demo1001", "W03").ok());
    central.stop();
    std::mt19937 random(11);
    for (int i = 0; i < caseCount; ++i)
      uuids.push_back(test::takeCaseIn(engine, dir / "scans", random));
  }
  central.restart();

  std::mt19937 random(static_cast<unsigned>(Catch::rngSeed()));
  for (int kill = 0; kill < kills; ++kill) {
    (void)test::runUntilKilled(ONEWINDOW_SYNC_WORKER, {profile.string(), central.baseUrl()},
                               std::chrono::milliseconds(300 + random() % 1500));
  }
  // A last run without a kill until the outbox is empty.
  const auto pending = [&] {
    localdb::WorkstationStore store(profile / "workstation.db");
    return store.pendingSyncCount();
  };
  for (int run = 0; run < 20 && pending() > 0; ++run) {
    (void)test::runUntilKilled(ONEWINDOW_SYNC_WORKER, {profile.string(), central.baseUrl()}, 6s);
  }
  REQUIRE(pending() == 0);

  const test::CentralView view = test::readCentral(dir / "central.db");
  CHECK(view.cases == caseCount);
  CHECK(view.distinctOfficialNumbers == caseCount);
  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::CaseRepository cases(store.database());
  for (const std::string& uuid : uuids) {
    const auto record = cases.findByUuid(uuid);
    REQUIRE(record.has_value());
    CHECK(record->syncState == "confirmed");
    CHECK(record->officialNo.has_value());
    CHECK(view.uuids.count(uuid) == 1);
  }
}
