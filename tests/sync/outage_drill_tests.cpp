#include "sync_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

TEST_CASE(
    "outage drill: cases taken in while central is down all arrive exactly once when it returns",
    "[sync][outage]") {
  const int caseCount =
      test::countFromEnvironment("ONEWINDOW_DRILL_CASES", 40);  // 200 in ./x drill
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  test::EngineHarness engine(dir / "profile", central.baseUrl(), true);
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());

  central.stop();
  REQUIRE(engine.waitFor<engine::ConnectivityChanged>(
      [](const auto& c) { return c.state == engine::Connectivity::Offline; }));
  std::mt19937 random(7);
  std::vector<std::string> uuids;
  for (int i = 0; i < caseCount; ++i)
    uuids.push_back(test::takeCaseIn(engine, dir / "scans", random, "申请人" + std::to_string(i)));
  engine.pump(500ms);
  CHECK(engine.engine().status().pendingSync == caseCount);

  central.restart();
  REQUIRE(engine.until([&] { return engine.engine().status().pendingSync == 0; }, 180s));

  const test::CentralView view = test::readCentral(dir / "central.db");
  CHECK(view.cases == caseCount);
  CHECK(view.distinctOfficialNumbers == caseCount);
  localdb::WorkstationStore store(dir / "profile" / "workstation.db");
  localdb::CaseRepository cases(store.database());
  for (const std::string& uuid : uuids) {
    INFO(uuid);
    CHECK(view.uuids.count(uuid) == 1);
    const auto record = cases.findByUuid(uuid);
    REQUIRE(record.has_value());
    CHECK(record->syncState == "confirmed");
    REQUIRE(record->officialNo.has_value());
    CHECK(record->officialNo->size() == 43);
  }
  // Every material arrived intact: central verified each hash on receipt; check it has them all.
  localdb::Database centralDb(dir / "central.db", localdb::OpenMode::ReadOnly);
  auto materials = centralDb.prepare("SELECT count(*) FROM materials WHERE complete = 1");
  REQUIRE(materials.step());
  CHECK(materials.columnInt(0) == 3 * caseCount);
}
