#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "localdb/audit_log.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow::localdb;

namespace {

const std::filesystem::path kV1Fixture =
    std::filesystem::path(ONEWINDOW_SOURCE_DIR) / "tests/localdb/fixtures/workstation-v1.db";

std::string bytesOf(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("a version-1 store from the foundation release migrates and keeps its cases", "[localdb][upgrade]") {
  onewindow::test::TempDir dir;
  const auto file = dir / "workstation.db";
  std::filesystem::copy_file(kV1Fixture, file);
  WorkstationStore store(file);
  CHECK(store.database().pragmaInt("user_version") == latestVersion(workstationSchema()));

  CaseRepository cases(store.database());
  const auto accepted = cases.findByNumber("W03-20261120-000001");
  REQUIRE(accepted.has_value());
  CHECK(accepted->state == CaseState::Accepted);
  CHECK(accepted->syncState == "queued");
  const auto bound = cases.findByNumber("44030000000000000000000000000012026112000001");
  REQUIRE(bound.has_value());
  CHECK(bound->provisionalNo == std::optional<std::string>("W03-20261120-000002"));
  // A state name version 1 did not constrain is normalised, not lost.
  CHECK(cases.findByUuid("7f0c1d2e-0000-4000-8000-000000000003")->state == CaseState::Intake);
  CHECK(store.lastSession()->clerkName == "张敏");
  CHECK(store.pendingSyncCount() == 2);

  // And the migrated store works as a new one: the next case is numbered and audited.
  cases.createDraft({"new-case", "m", "居住证申领", "W03"}, {"c1001", "2026-11-27T02:00:00Z"});
  cases.finalizeIntake("new-case", {"20261127", {}, "", ""}, {"c1001", "2026-11-27T02:01:00Z"});
  CHECK(AuditLog::verify(store.database()).intact());
}

TEST_CASE("a store stamped with a newer version is refused and left byte-for-byte untouched", "[localdb][upgrade]") {
  onewindow::test::TempDir dir;
  const auto file = dir / "workstation.db";
  std::filesystem::copy_file(kV1Fixture, file);
  {
    Database db(file);
    db.setPragmaInt("user_version", latestVersion(workstationSchema()) + 1);
  }
  const std::string before = bytesOf(file);
  try {
    WorkstationStore store(file);
    FAIL("a newer store must be refused");
  } catch (const SchemaError& error) {
    CHECK(error.kind() == SchemaErrorKind::TooNew);
    CHECK_THAT(error.what(), Catch::Contains("newer OneWindow"));
  }
  CHECK(bytesOf(file) == before);
}
