// A workstation killed mid-batch keeps every page already done (issue 12): the scan worker
// captures a feeder batch and prints each page the engine reports kept; SIGKILL comes at a
// random moment. Every printed page must be in the store with its source file whole, and the
// clerk carries on: the pages are processed on the next listing and the next batch goes after
// them.

#include <cstdlib>
#include <random>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "localdb/material_store.hpp"
#include "localdb/sqlite.hpp"
#include "sane_backend.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

namespace {

int killCount() {
  if (const char* text = std::getenv("ONEWINDOW_SCAN_KILLS")) return std::max(1, std::atoi(text));
  return 4;
}

}  // namespace

TEST_CASE("a workstation killed mid-batch keeps every page already captured",
          "[engine][scan][crash]") {
  test::useSaneTestBackend();
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  const auto profile = dir / "profile";
  std::mt19937 random(static_cast<unsigned>(Catch::rngSeed()));
  std::string draft;
  std::set<long long> kept;
  int killedMidBatch = 0;

  for (int kill = 1; kill <= killCount(); ++kill) {
    std::vector<std::string> arguments{profile.string(), central.baseUrl()};
    if (!draft.empty()) arguments.push_back(draft);
    // Half the kills are timed from the capture's start, half from its first page: a loaded
    // machine that takes seconds to the first page still has runs killed with pages kept.
    const std::string output = test::runUntilKilled(
        ONEWINDOW_SCAN_WORKER, arguments, std::chrono::milliseconds(200 + random() % 1800),
        kill % 2 == 0 ? "FIRST" : "READY");
    std::istringstream lines(output);
    std::string line;
    int keptThisRun = 0;
    bool ended = false;
    while (std::getline(lines, line)) {
      std::istringstream fields(line);
      std::string word;
      fields >> word;
      if (word == "DRAFT") fields >> draft;
      if (word == "ENDED") ended = true;
      long long id = 0;
      int position = 0;
      if (word == "KEPT" && (fields >> id >> position)) {
        kept.insert(id);
        ++keptThisRun;
      }
    }
    if (!ended && keptThisRun < 10) ++killedMidBatch;
    REQUIRE_FALSE(draft.empty());

    // Every page the engine reported kept is there, its source whole.
    localdb::Database db(profile / "workstation.db", localdb::OpenMode::ReadOnly);
    localdb::MaterialStore materials(profile / "materials");
    for (const long long id : kept) {
      INFO("kill " << kill << ", page " << id);
      localdb::Statement page =
          db.prepare("SELECT source_sha256, removed FROM captured_pages WHERE id = ?1");
      page.bind(1, static_cast<std::int64_t>(id));
      REQUIRE(page.step());
      CHECK(page.columnInt(1) == 0);
      CHECK(materials.verify(page.columnText(0)).ok());
    }
  }
  INFO(kept.size() << " pages kept over the kills, " << killedMidBatch << " kills mid-batch");
  CHECK(killedMidBatch > 0);
  CHECK_FALSE(kept.empty());
  {
    // Not only the pages announced: every row there is points to a whole source.
    localdb::Database db(profile / "workstation.db", localdb::OpenMode::ReadOnly);
    localdb::MaterialStore materials(profile / "materials");
    localdb::Statement sources = db.prepare("SELECT source_sha256 FROM captured_pages");
    while (sources.step()) CHECK(materials.verify(sources.columnText(0)).ok());
  }

  // The clerk carries on: every page kept is processed, and the next batch goes after them.
  test::EngineHarness harness(profile, central.baseUrl());
  REQUIRE(harness.login("c1001", "demo1001", "W03").ok());
  engine::CapturedPagesListed listed;
  REQUIRE(harness.until(
      [&] {
        const auto answer = harness.call<engine::CapturedPagesListed>(
            engine::ListCapturedPages{0, draft, "premises_proof", 32});
        if (!std::holds_alternative<engine::CapturedPagesListed>(answer)) return false;
        listed = std::get<engine::CapturedPagesListed>(answer);
        return listed.summary.processed == listed.summary.pages;
      },
      60s));
  CHECK(listed.pages.size() >= kept.size());
  engine::StartCapture more;
  more.caseUuid = draft;
  more.slotKey = "premises_proof";
  more.device = "sane:test:0";
  more.settings.dpi = 50;
  const auto ended = harness.call<engine::CaptureEnded>(more);
  REQUIRE(std::holds_alternative<engine::CaptureEnded>(ended));
  CHECK(std::get<engine::CaptureEnded>(ended).pagesInSlot ==
        static_cast<int>(listed.pages.size()) + 1);
}
