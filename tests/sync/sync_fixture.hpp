#pragma once
// A workstation engine and a real central server, for the sync tests: the engine runs with
// short probe and backoff times so outages and recoveries play out in seconds.

#include <cstdlib>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/sqlite.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

namespace onewindow::test {

inline int countFromEnvironment(const char* variable, int ciDefault) {
  if (const char* text = std::getenv(variable)) return std::max(1, std::atoi(text));
  return ciDefault;
}

// Takes one case of the sample catalog in through the engine with `pages` freshly scanned pages.
inline std::string takeCaseIn(EngineHarness& engine, const std::filesystem::path& scans,
                              std::mt19937& random, const std::string& applicant = "张三",
                              int pages = 3, const std::string& code = kSampleMatter) {
  std::vector<engine::PageRef> stored;
  for (int p = 0; p < pages; ++p) {
    std::string bytes(1000 + random() % 4000, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    const auto page = engine.call<engine::MaterialStored>(
        engine::StoreMaterial{0, writePage(scans / "page.bin", bytes)});
    REQUIRE(std::holds_alternative<engine::MaterialStored>(page));
    const auto& s = std::get<engine::MaterialStored>(page);
    stored.push_back({s.sha256, s.size, "image/png"});
  }
  const auto finalized = takeInSample(engine, applicant, stored, code);
  if (const auto* failed = std::get_if<engine::CommandFailed>(&finalized))
    FAIL("finalize failed: " << failed->message);
  return std::get<engine::CaseFinalized>(finalized).uuid;
}

// What central holds, read from its database file (the test owns the server).
struct CentralView {
  std::int64_t cases = 0;
  std::int64_t distinctOfficialNumbers = 0;
  std::set<std::string> uuids;
};

inline CentralView readCentral(const std::filesystem::path& centralDb) {
  localdb::Database db(centralDb, localdb::OpenMode::ReadOnly);
  CentralView view;
  auto count = db.prepare("SELECT count(*), count(DISTINCT official_no) FROM cases");
  REQUIRE(count.step());
  view.cases = count.columnInt(0);
  view.distinctOfficialNumbers = count.columnInt(1);
  auto uuids = db.prepare("SELECT case_uuid FROM cases");
  while (uuids.step()) view.uuids.insert(uuids.columnText(0));
  return view;
}

}  // namespace onewindow::test
