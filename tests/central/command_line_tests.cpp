// The onewindow-central binary as a command: exit codes and messages.

#include <catch2/catch.hpp>

#include "central/central_store.hpp"
#include "central_process.hpp"
#include "localdb/migrations.hpp"
#include "onewindow/version.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

TEST_CASE("the version option prints the version and exits 0", "[central][cli]") {
  const CommandResult result = runCentralCommand({"--version"});
  CHECK(result.exitCode == 0);
  CHECK(result.standardOutput == std::string("onewindow-central ") + onewindow::kVersion + "\n");
  CHECK(result.standardError.empty());
}

TEST_CASE("the help option prints the usage and exits 0", "[central][cli]") {
  const CommandResult result = runCentralCommand({"--help"});
  CHECK(result.exitCode == 0);
  CHECK_THAT(result.standardOutput, Catch::StartsWith("Usage: onewindow-central"));
}

TEST_CASE("a bad option is refused with exit code 2, naming it", "[central][cli]") {
  const CommandResult unknown = runCentralCommand({"--bogus"});
  CHECK(unknown.exitCode == 2);
  CHECK(unknown.standardOutput.empty());
  CHECK_THAT(unknown.standardError, Catch::Contains("'--bogus'") && Catch::Contains("Usage:"));

  const CommandResult badPort = runCentralCommand({"--port", "eighty"});
  CHECK(badPort.exitCode == 2);
  CHECK_THAT(badPort.standardError, Catch::Contains("--port") && Catch::Contains("'eighty'"));

  const CommandResult noValue = runCentralCommand({"--db"});
  CHECK(noValue.exitCode == 2);
  CHECK_THAT(noValue.standardError, Catch::Contains("--db"));
}

TEST_CASE("a port in use is a clear error with exit code 1", "[central][cli]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  const CommandResult second =
      runCentralCommand({"--listen", "127.0.0.1", "--port", std::to_string(central.port()), "--db",
                         (dir / "second.db").string()});
  CHECK(second.exitCode == 1);
  CHECK_THAT(second.standardError, Catch::Contains("already in use"));
  CHECK(second.standardOutput.empty());
  CHECK(central.running());
}

TEST_CASE("a database from a newer version stops the server with exit code 1", "[central][cli]") {
  TempDir dir;
  const std::filesystem::path file = dir / "central.db";
  { onewindow::central::CentralStore store(file); }
  {
    onewindow::localdb::Database db(file);
    db.setPragmaInt("user_version", 1000);
  }
  const CommandResult result =
      runCentralCommand({"--listen", "127.0.0.1", "--port", "0", "--db", file.string()});
  CHECK(result.exitCode == 1);
  CHECK_THAT(result.standardError, Catch::Contains("newer"));
  CHECK(result.standardOutput.empty());
}
