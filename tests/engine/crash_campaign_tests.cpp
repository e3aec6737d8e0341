
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/integrity_check.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

namespace {

struct Finalized {
  std::string provisionalNo;
  std::vector<std::string> hashes;
};

void collect(const std::string& output, std::map<std::string, Finalized>& finalized) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("FINALIZED ", 0) != 0) continue;
    std::istringstream fields(line.substr(10));
    std::string uuid, number, hashes;
    fields >> uuid >> number >> hashes;
    if (hashes.size() != 3 * 64 + 2) continue;  // a line cut by the kill is not a returned finalize
    Finalized entry{number, {}};
    std::istringstream split(hashes);
    std::string hash;
    while (std::getline(split, hash, ',')) entry.hashes.push_back(hash);
    finalized[uuid] = entry;
  }
}

int killCount() {
  if (const char* text = std::getenv("ONEWINDOW_CRASH_KILLS")) return std::max(1, std::atoi(text));
  return 25;  // CI; `./x crash` runs 500
}

}  // namespace

TEST_CASE("every case whose finalize returned survives SIGKILL at random moments, complete",
          "[engine][crash]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  const auto profile = dir / "profile";
  std::mt19937 random(static_cast<unsigned>(Catch::rngSeed()));
  std::map<std::string, Finalized> finalized;
  const int kills = killCount();

  for (int kill = 1; kill <= kills; ++kill) {
    // Mostly while cases are being taken in (counted from the worker's READY, however long
    // start-up and login take on a loaded machine); one kill in five during start-up and login.
    const auto lifetime = std::chrono::milliseconds(100 + random() % 1400);
    const bool duringStartUp = random() % 5 == 0;
    collect(test::runUntilKilled(ONEWINDOW_CRASH_WORKER,
                                 {profile.string(), central.baseUrl(), std::to_string(random())},
                                 lifetime, duringStartUp ? "" : "READY"),
            finalized);

    localdb::WorkstationStore store(profile / "workstation.db");
    localdb::MaterialStore materials(profile / "materials");
    localdb::CaseRepository cases(store.database());
    // Every case whose finalize returned, after every restart: its rows, and its files present
    // (re-hashing every file is left to the full check below, so the long run stays linear).
    for (const auto& [uuid, expected] : finalized) {
      INFO("kill " << kill << ", case " << uuid << " " << expected.provisionalNo);
      const auto record = cases.findByUuid(uuid);
      REQUIRE(record.has_value());
      REQUIRE(record->provisionalNo == expected.provisionalNo);
      REQUIRE(record->state != localdb::CaseState::Draft);
      const auto slots = cases.slotsOf(record->id);
      REQUIRE(slots.size() == 3);
      for (std::size_t s = 0; s < 3; ++s) {
        REQUIRE(slots[s].pageHashes == std::vector<std::string>{expected.hashes[s]});
        REQUIRE(materials.contains(expected.hashes[s]));
      }
    }
    // The full integrity check (every file re-hashed, audit chain, schema) every 25 kills and
    // after the last one.
    if (kill % 25 == 0 || kill == kills) {
      const localdb::IntegrityReport report = localdb::checkIntegrity(store.database(), materials);
      for (const auto& problem : report.problems)
        UNSCOPED_INFO(problem.area << " " << problem.location << ": " << problem.message);
      REQUIRE(report.clean());
    }
  }
  WARN(kills << " kills, " << finalized.size()
             << " cases finalized before a kill and all complete");
  CHECK(finalized.size() > 0);

  // The real command agrees.
  const auto fsck = test::runProgram(ONEWINDOW_CTL_BINARY, {"--profile", profile.string(), "fsck"});
  CHECK(fsck.exitCode == 0);
  CHECK_THAT(fsck.standardOutput, Catch::Contains("consistent"));
}
