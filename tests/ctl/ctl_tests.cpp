#include <cstdlib>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using onewindow::test::CentralProcess;
using onewindow::test::CommandResult;
using onewindow::test::runProgram;
using onewindow::test::TempDir;

namespace {

// onewindow-ctl in a private XDG home, like a fresh workstation account.
struct CtlFixture {
  TempDir dir;
  CtlFixture() {
    ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
  }
  CommandResult ctl(const std::vector<std::string>& arguments) const {
    return runProgram(ONEWINDOW_CTL_BINARY, arguments, std::chrono::seconds(30));
  }
};

}  // namespace

TEST_CASE_METHOD(CtlFixture, "ctl version prints the version and the API version", "[ctl]") {
  const CommandResult result = ctl({"version"});
  CHECK(result.exitCode == 0);
  CHECK_THAT(result.standardOutput,
             Catch::StartsWith("onewindow-ctl 0.") && Catch::Contains("API v1"));
}

TEST_CASE_METHOD(CtlFixture, "ctl help lists every command", "[ctl]") {
  const CommandResult result = ctl({"--help"});
  CHECK(result.exitCode == 0);
  for (const char* command :
       {"version", "status", "fsck", "gc", "queue", "sync", "export", "import", "intake", "decide",
        "printers", "print --clerk", "templates check", "--central", "--profile"}) {
    CHECK_THAT(result.standardOutput, Catch::Contains(command));
  }
}

TEST_CASE_METHOD(CtlFixture, "ctl refuses bad usage with exit code 2 and says why", "[ctl]") {
  CHECK(ctl({}).exitCode == 2);
  const CommandResult unknown = ctl({"frobnicate"});
  CHECK(unknown.exitCode == 2);
  CHECK_THAT(unknown.standardError, Catch::Contains("unknown command 'frobnicate'"));
  const CommandResult option = ctl({"--bogus", "status"});
  CHECK(option.exitCode == 2);
  CHECK_THAT(option.standardError, Catch::Contains("--bogus"));
  const CommandResult timeout = ctl({"--timeout", "soon", "status"});
  CHECK(timeout.exitCode == 2);
  CHECK_THAT(timeout.standardError, Catch::Contains("soon"));
  CHECK(ctl({"--central"}).exitCode == 2);
}

TEST_CASE_METHOD(CtlFixture,
                 "ctl status shows central online, the last clerk, window and pending count",
                 "[ctl]") {
  CentralProcess central(dir / "central.db");
  central.start();
  std::filesystem::create_directories(dir / "data" / "onewindow" / "profile");
  {
    onewindow::localdb::WorkstationStore store(dir / "data" / "onewindow" / "profile" /
                                               "workstation.db");
    store.saveSession({"c1001", "张敏", "clerk", "W03", "2026-11-27T02:00:00Z"});
    onewindow::localdb::CaseRepository cases(store.database());
    for (const char* uuid : {"u1", "u2"}) {
      cases.createDraft({uuid, "m", "matter", "W03"}, {"c1001", "2026-11-27T02:00:00Z"});
      cases.finalizeIntake(uuid, {"20261127", {}, "", ""}, {"c1001", "2026-11-27T02:00:00Z"});
    }
  }
  const CommandResult result = ctl({"--central", central.baseUrl(), "status"});
  CHECK(result.exitCode == 0);
  CHECK_THAT(result.standardOutput, Catch::Contains("online (onewindow-central"));
  CHECK_THAT(result.standardOutput, Catch::Contains("c1001 张敏 (clerk)"));
  CHECK_THAT(result.standardOutput, Catch::Contains("window:   W03"));
  CHECK_THAT(result.standardOutput, Catch::Contains("pending:  2"));
}

TEST_CASE_METHOD(CtlFixture, "ctl status says offline plainly when central is down", "[ctl]") {
  CentralProcess central(dir / "central.db");
  central.start();
  const std::string url = central.baseUrl();
  central.stop();
  const CommandResult result = ctl({"--central", url, "--timeout", "2", "status"});
  CHECK(result.exitCode == 0);
  CHECK_THAT(result.standardOutput, Catch::Contains("offline since"));
  CHECK_THAT(result.standardOutput, Catch::Contains("nobody has logged in"));
  CHECK_THAT(result.standardOutput, Catch::Contains("pending:  0"));
}

TEST_CASE_METHOD(CtlFixture, "ctl status refuses a profile written by a newer program", "[ctl]") {
  std::filesystem::create_directories(dir / "profile");
  {
    onewindow::localdb::Database db(dir / "profile" / "workstation.db");
    db.setPragmaInt("application_id", onewindow::localdb::kWorkstationApplicationId);
    db.setPragmaInt("user_version", 999);
  }
  const CommandResult result = ctl({"--central", "http://127.0.0.1:1", "--timeout", "1",
                                    "--profile", (dir / "profile").string(), "status"});
  CHECK(result.exitCode == 1);
  CHECK_THAT(result.standardError, Catch::Contains("newer OneWindow"));
}

TEST_CASE_METHOD(CtlFixture,
                 "the workstation answers --version without a display and explains a missing one",
                 "[ctl][app]") {
  const CommandResult version = runProgram(ONEWINDOW_GUI_BINARY, {"--version"});
  CHECK(version.exitCode == 0);
  CHECK_THAT(version.standardOutput, Catch::StartsWith("onewindow 0."));

  const char* display = std::getenv("DISPLAY");
  const std::string saved = display != nullptr ? display : "";
  ::unsetenv("DISPLAY");
  ::unsetenv("WAYLAND_DISPLAY");
  const CommandResult headless = runProgram(ONEWINDOW_GUI_BINARY, {});
  if (!saved.empty()) ::setenv("DISPLAY", saved.c_str(), 1);
  CHECK(headless.exitCode == 1);
  CHECK_THAT(headless.standardError,
             Catch::Contains("no graphical display") && Catch::Contains("xvfb-run"));
}
