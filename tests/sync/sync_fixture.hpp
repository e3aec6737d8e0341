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

// Takes one case in through the engine with `pages` freshly scanned materials.
inline std::string takeCaseIn(EngineHarness& engine, const std::filesystem::path& scans,
                              std::mt19937& random, const std::string& applicant = "张三",
                              int pages = 3) {
  const auto draft = std::get<engine::DraftStarted>(engine.call<engine::DraftStarted>(
      engine::StartDraft{0, "000131128000", "个体工商户设立登记"}));
  const auto saved = engine.call<engine::DraftSaved>(engine::SaveDraft{
      0,
      draft.uuid,
      {applicant, "id_card", "440305199001011234", "individual-business", "1", "<data/>"}});
  REQUIRE(std::holds_alternative<engine::DraftSaved>(saved));
  std::vector<localdb::SlotInput> slots;
  for (int p = 0; p < pages; ++p) {
    std::string bytes(1000 + random() % 4000, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    const auto stored = engine.call<engine::MaterialStored>(
        engine::StoreMaterial{0, writePage(scans / "page.bin", bytes)});
    REQUIRE(std::holds_alternative<engine::MaterialStored>(stored));
    const auto& s = std::get<engine::MaterialStored>(stored);
    slots.push_back({"slot" + std::to_string(p),
                     "材料" + std::to_string(p),
                     true,
                     localdb::MaterialStatus::Received,
                     1,
                     0,
                     "",
                     "",
                     {{s.sha256, s.size, "image/png"}}});
  }
  const auto finalized = engine.call<engine::CaseFinalized>(
      engine::FinalizeIntake{0, draft.uuid, slots, "", "2026-12-31"});
  if (const auto* failed = std::get_if<engine::CommandFailed>(&finalized))
    FAIL("finalize failed: " << failed->message);
  return draft.uuid;
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
