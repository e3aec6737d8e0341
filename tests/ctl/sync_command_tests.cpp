#include <cstdlib>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/workstation_store.hpp"
#include "sample_store.hpp"
#include "temp_dir.hpp"

using onewindow::test::CentralProcess;
using onewindow::test::runProgram;
using onewindow::test::TempDir;

TEST_CASE("ctl queue lists the outbox and ctl sync sends it headless", "[ctl][sync]") {
  TempDir dir;
  ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
  CentralProcess central(dir / "central.db");
  central.start();
  const auto profile = dir / "profile";
  std::filesystem::create_directories(profile);
  {
    onewindow::localdb::WorkstationStore store(profile / "workstation.db");
    onewindow::localdb::CaseRepository cases(store.database());
    const onewindow::localdb::Actor clerk{"c1001", "2026-11-27T04:00:00Z"};
    for (const char* uuid :
         {"8d6f0d0e-0000-4000-8000-000000000001", "8d6f0d0e-0000-4000-8000-000000000002"}) {
      onewindow::test::storeSampleCase(cases, onewindow::test::sampleIntake(), uuid, "张三", clerk);
    }
  }
  const std::vector<std::string> base{"--central", central.baseUrl(), "--profile",
                                      profile.string()};
  auto with = [&base](std::initializer_list<std::string> more) {
    std::vector<std::string> all = base;
    all.insert(all.end(), more);
    return all;
  };

  const auto before = runProgram(ONEWINDOW_CTL_BINARY, with({"queue"}));
  CHECK(before.exitCode == 0);
  CHECK_THAT(before.standardOutput,
             Catch::Contains("W03-20261127-000001  queued") && Catch::Contains("2 waiting"));

  ::setenv("ONEWINDOW_PASSWORD", "wrong", 1);
  const auto refused = runProgram(ONEWINDOW_CTL_BINARY, with({"sync", "--clerk", "c1001"}),
                                  std::chrono::seconds(60));
  CHECK(refused.exitCode == 1);

  ::setenv("ONEWINDOW_PASSWORD", "demo1001", 1);
  const auto sent =
      runProgram(ONEWINDOW_CTL_BINARY, with({"sync", "--clerk", "c1001", "--wait", "60"}),
                 std::chrono::seconds(90));
  ::unsetenv("ONEWINDOW_PASSWORD");
  CHECK(sent.exitCode == 0);
  CHECK_THAT(sent.standardOutput,
             Catch::Contains("2 confirmed") && Catch::Contains("0 still waiting"));

  const auto after = runProgram(ONEWINDOW_CTL_BINARY, with({"queue", "--all"}));
  CHECK_THAT(after.standardOutput, Catch::Contains("confirmed") && Catch::Contains("official ") &&
                                       Catch::Contains("0 waiting"));
  CHECK(runProgram(ONEWINDOW_CTL_BINARY, with({"sync"})).exitCode == 2);
}
