#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "localdb/audit_log.hpp"
#include "temp_dir.hpp"
#include "tests/localdb/case_archive_station.hpp"

namespace fs = std::filesystem;
using onewindow::localdb::AuditLog;
using onewindow::test::ArchiveStation;
using onewindow::test::CommandResult;
using onewindow::test::runProgram;
using onewindow::test::TempDir;

namespace {

// Station A (its own profile) with three cases, one material shared; station B is the
// default profile of a private XDG home, like a fresh workstation account.
struct ArchiveCtlFixture {
  TempDir dir;
  fs::path profileA = dir / "a";
  fs::path profileB = dir / "data" / "onewindow" / "profile";
  std::vector<std::string> uuids;
  std::vector<std::string> numbers;

  ArchiveCtlFixture() {
    ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    ArchiveStation a(profileA, "aaaaaaaa-0000-4000-8000-");
    const auto shared = a.material(70000, 1);
    uuids.push_back(a.intake("张三", "2026-11-25T02:00:00Z",
                             {{"id", {a.material(10, 2)}}, {"photo", {shared}}}));
    uuids.push_back(a.intake("李四", "2026-11-26T02:00:00Z", {{"photo", {shared}}}));
    uuids.push_back(a.intake("王五", "2026-11-27T02:00:00Z", {{"id", {a.material(20, 3)}}}));
    for (const std::string& uuid : uuids)
      numbers.push_back(*a.cases.findByUuid(uuid)->provisionalNo);
  }

  CommandResult ctl(const std::vector<std::string>& arguments) const {
    return runProgram(ONEWINDOW_CTL_BINARY, arguments, std::chrono::seconds(30));
  }
  CommandResult exportFromA(std::vector<std::string> arguments) const {
    arguments.insert(arguments.begin(), {"--profile", profileA.string(), "export"});
    return ctl(arguments);
  }
};

}  // namespace

TEST_CASE_METHOD(ArchiveCtlFixture, "ctl export and import carry cases to another station",
                 "[ctl][archive]") {
  const std::string file = (dir / "cases.tar.gz").string();
  const CommandResult exported = exportFromA({"--out", file});
  INFO(exported.standardError);
  REQUIRE(exported.exitCode == 0);
  CHECK_THAT(exported.standardOutput,
             Catch::StartsWith("exported 3 cases and 3 material files (70030 bytes of material)") &&
                 Catch::Contains(numbers[0]) && Catch::Contains(uuids[2]));
  CHECK(fs::exists(file));
  CHECK_FALSE(fs::exists(file + ".partial"));

  const CommandResult imported = ctl({"import", file});  // the default (XDG) profile
  INFO(imported.standardError);
  CHECK(imported.exitCode == 0);
  CHECK_THAT(imported.standardOutput,
             Catch::Contains("imported:   3") && Catch::Contains("skipped:    0") &&
                 Catch::Contains("conflicts:  0") &&
                 Catch::Contains("materials:  3 in the archive, 3 new here, 70030 bytes"));
  {
    ArchiveStation b(profileB, "bbbbbbbb-0000-4000-8000-");
    for (const std::string& uuid : uuids) CHECK(b.cases.findByUuid(uuid));
    CHECK(b.store.pendingSyncCount() == 3);
    CHECK(AuditLog::verify(b.db()).intact());
  }

  const CommandResult again = ctl({"import", file});
  CHECK(again.exitCode == 0);
  CHECK_THAT(again.standardOutput,
             Catch::Contains("imported:   0") && Catch::Contains("skipped:    3 (already here)"));
}

TEST_CASE_METHOD(ArchiveCtlFixture, "ctl export selects by number and date", "[ctl][archive]") {
  const std::string file = (dir / "one.tar").string();
  const CommandResult byNumber = exportFromA({"--out", file, "--case", numbers[1]});
  INFO(byNumber.standardError);
  CHECK(byNumber.exitCode == 0);
  CHECK_THAT(byNumber.standardOutput,
             Catch::StartsWith("exported 1 case and 1 material file") && Catch::Contains(uuids[1]));

  const CommandResult byDate = exportFromA(
      {"--out", (dir / "two.tar").string(), "--from", "2026-11-26", "--before", "2026-11-28"});
  CHECK(byDate.exitCode == 0);
  CHECK_THAT(byDate.standardOutput, Catch::StartsWith("exported 2 cases"));

  const CommandResult exists = exportFromA({"--out", file});
  CHECK(exists.exitCode == 1);
  CHECK_THAT(exists.standardError, Catch::Contains("already exists"));
  const CommandResult unknown = exportFromA({"--out", (dir / "x.tar").string(), "--case", "nope"});
  CHECK(unknown.exitCode == 1);
  CHECK_THAT(unknown.standardError, Catch::Contains("no case \"nope\""));
  CHECK_FALSE(fs::exists(dir / "x.tar"));
}

TEST_CASE_METHOD(ArchiveCtlFixture, "ctl export and import refuse bad usage with exit code 2",
                 "[ctl][archive]") {
  CHECK(exportFromA({}).exitCode == 2);
  CHECK(exportFromA({"--out"}).exitCode == 2);
  const CommandResult date = exportFromA({"--out", "x.tar", "--from", "yesterday"});
  CHECK(date.exitCode == 2);
  CHECK_THAT(date.standardError, Catch::Contains("yesterday"));
  CHECK(exportFromA({"--out", "x.tar", "--bogus"}).exitCode == 2);
  CHECK(ctl({"import"}).exitCode == 2);
  CHECK(ctl({"import", "a.tar", "b.tar"}).exitCode == 2);
  CHECK(ctl({"--help"}).standardOutput.find("import FILE") != std::string::npos);
}

TEST_CASE_METHOD(ArchiveCtlFixture, "ctl import reports a damaged archive and conflicts",
                 "[ctl][archive]") {
  const fs::path file = dir / "cases.tar";
  REQUIRE(exportFromA({"--out", file.string()}).exitCode == 0);

  SECTION("a truncated archive fails and imports nothing") {
    const auto size = fs::file_size(file);
    fs::resize_file(file, size / 2);
    const CommandResult result = ctl({"import", file.string()});
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardError, Catch::Contains("truncated"));
    ArchiveStation b(profileB, "bbbbbbbb-0000-4000-8000-");
    CHECK(b.store.pendingSyncCount() == 0);
  }
  SECTION("a missing file") {
    const CommandResult result = ctl({"import", (dir / "nothing.tar").string()});
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardError, Catch::Contains("nothing.tar"));
  }
  SECTION("a provisional number already used here is a conflict, exit 1") {
    std::string own;
    {
      ArchiveStation b(profileB, "bbbbbbbb-0000-4000-8000-");
      own = b.intake("孙八", "2026-11-27T01:00:00Z", {});
    }
    const CommandResult result = ctl({"import", file.string()});
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardOutput, Catch::Contains("imported:   2") &&
                                          Catch::Contains("conflicts:  1") &&
                                          Catch::Contains(uuids[0]) && Catch::Contains(own));
    CHECK_THAT(result.standardError, Catch::Contains("1 case was not imported"));
  }
}
