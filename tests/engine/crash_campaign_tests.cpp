#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <sys/prctl.h>
#include <sys/wait.h>

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

// Runs the worker until `lifetime` passes, then SIGKILL; returns everything it printed.
std::string runAndKill(const std::vector<std::string>& arguments,
                       std::chrono::milliseconds lifetime) {
  int pipeFds[2];
  REQUIRE(::pipe2(pipeFds, O_CLOEXEC) == 0);
  std::vector<char*> argv;
  std::vector<std::string> owned{ONEWINDOW_CRASH_WORKER};
  owned.insert(owned.end(), arguments.begin(), arguments.end());
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(pipeFds[1], STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipeFds[1]);
  std::string output;
  const auto deadline = std::chrono::steady_clock::now() + lifetime;
  char buffer[4096];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd readable{pipeFds[0], POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t got = ::read(pipeFds[0], buffer, sizeof buffer);
    if (got <= 0) break;  // the worker died on its own: the test below will say so
    output.append(buffer, static_cast<std::size_t>(got));
  }
  ::kill(pid, SIGKILL);
  // Lines written before the kill are still in the pipe.
  ssize_t got = 0;
  while ((got = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
    output.append(buffer, static_cast<std::size_t>(got));
  ::close(pipeFds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return output;
}

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
    // Mostly while cases are being taken in; now and then during start-up and login.
    const auto lifetime = std::chrono::milliseconds(100 + random() % 1400);
    collect(runAndKill({profile.string(), central.baseUrl(), std::to_string(random())}, lifetime),
            finalized);

    localdb::WorkstationStore store(profile / "workstation.db");
    localdb::MaterialStore materials(profile / "materials");
    localdb::CaseRepository cases(store.database());
    for (const auto& [uuid, expected] : finalized) {
      INFO("kill " << kill << ", case " << uuid << " " << expected.provisionalNo);
      const auto record = cases.findByUuid(uuid);
      REQUIRE(record.has_value());
      CHECK(record->provisionalNo == expected.provisionalNo);
      CHECK(record->state != localdb::CaseState::Draft);
      const auto slots = cases.slotsOf(record->id);
      REQUIRE(slots.size() == 3);
      for (std::size_t s = 0; s < 3; ++s) {
        REQUIRE(slots[s].pageHashes.size() == 1);
        CHECK(slots[s].pageHashes[0] == expected.hashes[s]);
        CHECK(materials.verify(expected.hashes[s]).ok());
      }
    }
    const localdb::IntegrityReport report = localdb::checkIntegrity(store.database(), materials);
    for (const auto& problem : report.problems)
      UNSCOPED_INFO(problem.area << " " << problem.location << ": " << problem.message);
    REQUIRE(report.clean());
  }
  WARN(kills << " kills, " << finalized.size()
             << " cases finalized before a kill and all complete");
  CHECK(finalized.size() > 0);

  // The real command agrees.
  const auto fsck = test::runProgram(ONEWINDOW_CTL_BINARY, {"--profile", profile.string(), "fsck"});
  CHECK(fsck.exitCode == 0);
  CHECK_THAT(fsck.standardOutput, Catch::Contains("consistent"));
}
