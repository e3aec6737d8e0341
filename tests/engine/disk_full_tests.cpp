#include <fstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/integrity_check.hpp"
#include "localdb/workstation_store.hpp"
#include "small_filesystem.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;

namespace {

// Fills the filesystem with one file until a write fails; returns its path.
std::filesystem::path fillUp(const std::filesystem::path& dir) {
  const auto filler = dir / "filler";
  std::ofstream out(filler, std::ios::binary);
  const std::string block(4096, 'x');
  while (out.write(block.data(), static_cast<std::streamsize>(block.size())) && out.flush()) {
  }
  return filler;
}

// A logged-in engine whose profile lives on a 2 MiB tmpfs the test mounted.
struct FullDiskStation {
  test::TempDir dir;
  test::CentralProcess central{dir / "central.db"};
  test::SmallFilesystem disk{2048};
  std::filesystem::path profile = disk / "profile";
  test::EngineHarness engine{profile, startCentral(central)};

  static std::string startCentral(test::CentralProcess& server) {
    server.start();
    return server.baseUrl();
  }
  FullDiskStation() { REQUIRE(engine.login("c1001", "demo1001", "W03").ok()); }
};

}  // namespace

TEST_CASE(
    "a full disk fails the save with a clear message, leaves nothing half-written, and works again "
    "once space is freed (needs root)",
    "[engine][diskfull]") {
  if (!test::SmallFilesystem::available()) {
    WARN("cannot mount a tmpfs here (not root): disk-full behaviour not exercised");
    return;
  }
  FullDiskStation station;
  auto& [dir, central, disk, profile, engine] = station;

  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, engine.now());
  const auto draft =
      std::get<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, test::kSampleMatter}));
  const auto page = test::writePage(dir / "scan.png", std::string(20000, 'p'));
  const auto stored = std::get<MaterialStored>(engine.call<MaterialStored>(StoreMaterial{0, page}));
  const auto answers = test::sampleMaterials(intake, {{stored.sha256, stored.size, "image/png"}});

  const auto filler = fillUp(disk.path());
  // A new scan cannot be stored ...
  const auto secondPage = test::writePage(dir / "scan2.png", std::string(30000, 'q'));
  const auto noScan = engine.call<MaterialStored>(StoreMaterial{0, secondPage});
  REQUIRE(std::holds_alternative<CommandFailed>(noScan));
  CHECK(std::get<CommandFailed>(noScan).failure == CommandFailure::DiskFull);
  CHECK_THAT(std::get<CommandFailed>(noScan).message, Catch::Contains("disk is full"));
  // ... and finalizing (a transaction of many rows) fails as a whole.
  DraftContent bigForm = test::sampleDraft(intake, "张三");
  bigForm.instanceXml =
      test::answeredInstance(intake, "/data/business/scope", std::string(200000, 'f'));
  const auto noSave = engine.call<DraftSaved>(SaveDraft{0, draft.uuid, bigForm});
  REQUIRE(std::holds_alternative<CommandFailed>(noSave));
  CHECK(std::get<CommandFailed>(noSave).failure == CommandFailure::DiskFull);
  CHECK_THAT(std::get<CommandFailed>(noSave).message, Catch::Contains("disk is full"));

  // Space is freed: the same work now succeeds, and the store is consistent.
  std::filesystem::remove(filler);
  REQUIRE(std::holds_alternative<DraftSaved>(
      engine.call<DraftSaved>(SaveDraft{0, draft.uuid, bigForm})));
  REQUIRE(std::holds_alternative<MaterialStored>(
      engine.call<MaterialStored>(StoreMaterial{0, secondPage})));
  const auto finalized =
      engine.call<CaseFinalized>(FinalizeIntake{0, draft.uuid, intake.scenarios, answers, false});
  REQUIRE(std::holds_alternative<CaseFinalized>(finalized));

  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::MaterialStore materials(profile / "materials");
  CHECK(localdb::checkIntegrity(store.database(), materials).clean());
  CHECK(localdb::CaseRepository(store.database()).findByUuid(draft.uuid)->applicantName == "张三");
  // No temp file of the failed scan is left behind.
  CHECK(std::filesystem::is_empty(profile / "materials" / "tmp"));
}

TEST_CASE("a finalize that hits a full disk leaves the draft a draft (needs root)",
          "[engine][diskfull]") {
  if (!test::SmallFilesystem::available()) {
    WARN("cannot mount a tmpfs here (not root): disk-full behaviour not exercised");
    return;
  }
  FullDiskStation station;
  auto& [dir, central, disk, profile, engine] = station;
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, engine.now());
  const auto draft =
      std::get<DraftStarted>(engine.call<DraftStarted>(StartDraft{0, test::kSampleMatter}));
  DraftContent bigForm = test::sampleDraft(intake, "张三");
  bigForm.instanceXml =
      test::answeredInstance(intake, "/data/business/scope", std::string(150000, 'f'));
  REQUIRE(std::holds_alternative<DraftSaved>(
      engine.call<DraftSaved>(SaveDraft{0, draft.uuid, bigForm})));
  const FinalizeIntake finalize{0, draft.uuid, intake.scenarios, test::sampleMaterials(intake),
                                false};

  const auto filler = fillUp(disk.path());
  // Freeing the draft's form on finalize still needs new pages for the revision copy.
  const auto failed = engine.call<CaseFinalized>(finalize);
  std::filesystem::remove(filler);
  if (std::holds_alternative<CaseFinalized>(failed)) {
    WARN("finalize fitted into the space left; nothing to check");
    return;
  }
  CHECK(std::get<CommandFailed>(failed).failure == CommandFailure::DiskFull);
  {
    localdb::WorkstationStore store(profile / "workstation.db");
    const auto record = localdb::CaseRepository(store.database()).findByUuid(draft.uuid);
    CHECK(record->state == localdb::CaseState::Draft);
    CHECK_FALSE(record->provisionalNo.has_value());
  }
  REQUIRE(std::holds_alternative<CaseFinalized>(engine.call<CaseFinalized>(finalize)));
}
