// 一件事 through the real engine against the real server: a bundle case accepted at the window
// is split by central into one sub-case per department; the window learns each part, its
// number and department from the change feed, keeps them with the case and tells the clerk.

#include <map>

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
namespace fs = std::filesystem;

TEST_CASE("A bundle accepted at the window comes back as its departments' sub-cases",
          "[engine][bundle]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  std::string uuid;
  std::string officialNo;
  {
    EngineHarness engine(dir / "profile", central.baseUrl());
    REQUIRE(engine.login("c1001", "demo1001", "W03").ok());
    const fs::path page = test::writePage(dir / "scans" / "id.png", "front of the ID card");
    const auto stored = engine.call<MaterialStored>(StoreMaterial{0, page});
    REQUIRE(std::holds_alternative<MaterialStored>(stored));
    const auto finalized = test::takeInSample(
        engine, "张三", {{std::get<MaterialStored>(stored).sha256, 20, "image/png"}},
        "44030000B003");
    REQUIRE(std::holds_alternative<CaseFinalized>(finalized));
    uuid = std::get<CaseFinalized>(finalized).uuid;
    REQUIRE(std::holds_alternative<DecisionRecorded>(
        engine.call<DecisionRecorded>(RecordDecision{0, uuid, {.kind = DecisionKind::Accept}})));

    // Sent, split on central, then read from the feed (send now also reads the feed).
    std::map<std::string, CaseSyncNews> bySubNo;
    for (int round = 0; round < 30 && bySubNo.size() < 4; ++round) {
      engine.engine().submit(SyncNow{});
      (void)engine.waitFor<CaseSyncNews>(
          [&](const CaseSyncNews& news) {
            if (news.kind == CaseSyncNews::Kind::SubCaseRouted && news.subCase)
              bySubNo.emplace(news.subCase->subNo, news);
            return bySubNo.size() >= 4;
          },
          std::chrono::seconds(2));
    }
    std::vector<CaseSyncNews> parts;
    for (const auto& [subNo, news] : bySubNo) parts.push_back(news);
    REQUIRE(parts.size() == 4);
    REQUIRE(parts[0].subCase.has_value());
    officialNo = parts[0].officialNo;
    CHECK_FALSE(officialNo.empty());
    CHECK(parts[0].uuid == uuid);
    CHECK(parts[0].subCase->subNo == officialNo + "-01");
    CHECK(parts[0].subCase->matterCode == "000131128000");
    CHECK(parts[0].subCase->matterName == "个体工商户设立登记");
    CHECK(parts[0].subCase->department == "市场监督管理局福田监管局（登记注册）");
    CHECK(parts[3].subCase->subNo == officialNo + "-04");
    CHECK(parts[3].subCase->department == "市场监督管理局福田监管局（医疗器械）");
  }

  // Kept with the case in the local store, with an audit entry each; a feed read again (the
  // cursor lost) adds nothing.
  localdb::WorkstationStore store(dir / "profile" / "workstation.db");
  localdb::CaseRepository cases(store.database());
  const std::vector<localdb::SubCaseRecord> kept = cases.subCasesOf(uuid);
  REQUIRE(kept.size() == 4);
  CHECK(kept[1].subNo == officialNo + "-02");
  CHECK(kept[1].matterCode == "440300010003");
  CHECK(kept[1].department == "市场监督管理局福田监管局（药品许可）");
  CHECK(kept[1].state == "routed");
  CHECK_FALSE(cases.recordSubCase(uuid, kept[1], {"central", "2026-11-27T12:00:00Z"}));
  CHECK(localdb::AuditLog::verify(store.database()).intact());
}
