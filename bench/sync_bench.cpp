// Sync figures (issue 5), printed, never pass/fail, in one run:
//  * draining N queued cases (default 2,000) with 3 × 100 KB materials each to the reference
//    server over loopback, through the real engine in a child process (its peak memory is
//    read from the kernel when it exits);
//  * the same material bytes sent with the curl tool, each time to a fresh server, for
//    comparison: over one keep-alive connection one after another, then over as many
//    connections side by side as the engine keeps (the engine is compared with both);
//  * requests per second the server handled during the drain.
// Usage: bench_sync [CASES] [DIR]

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <regex>
#include <span>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>

#include "central_child.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"
#include "sample_store.hpp"

using namespace onewindow;
using Clock = std::chrono::steady_clock;

namespace {

using Server = bench::CentralChild;

// The sample catalog: central checks every case against its rules, as in production.
Server startCentral(const std::filesystem::path& db) {
  return bench::startCentralChild(db,
                                  {"--demo-data", "--catalog", test::sampleCatalogDir().string()});
}

void stop(const Server& server) { bench::stopCentralChild(server); }

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Sends the materials with the curl tool to a fresh server of its own (its own directory, so
// no file is already stored there); PARALLEL connections at most. Seconds, or -1 on failure.
double curlSend(const std::filesystem::path& dir, const std::string& name,
                const std::vector<std::string>& hashes, int parallel) {
  std::filesystem::create_directories(dir / name);
  const Server fresh = startCentral(dir / name / "central.db");
  const std::string base = "http://127.0.0.1:" + std::to_string(fresh.port);
  const std::string loginCommand =
      "curl -s -X POST -H 'Content-Type: application/xml' --data "
      "'<login><clerk-id>c1001</clerk-id><password>demo1001</password><window>W03</window></"
      "login>' " +
      base + "/api/v1/sessions";
  std::string token;
  if (FILE* pipe = ::popen(loginCommand.c_str(), "r")) {
    char buffer[4096];
    std::string reply;
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) reply += buffer;
    ::pclose(pipe);
    std::smatch match;
    if (std::regex_search(reply, match, std::regex("<token>([0-9a-f]+)</token>"))) token = match[1];
  }
  const std::filesystem::path configFile = dir / name / "curl.config";
  {
    std::ofstream config(configFile);
    config << "silent\n";
    localdb::MaterialStore materials(dir / "profile" / "materials");
    bool first = true;
    for (const std::string& sha : hashes) {
      if (!first) config << "next\n";
      first = false;
      // "Expect:" as the engine does: no 100-continue round trip before each body.
      config << "header = \"Authorization: Bearer " << token << "\"\n"
             << "header = \"X-OneWindow-Station: bench\"\n"
             << "header = \"Content-Type: application/octet-stream\"\n"
             << "header = \"Expect:\"\n"
             << "output = \"/dev/null\"\nupload-file = \"" << materials.pathOf(sha).string()
             << "\"\nurl = \"" << base << "/api/v1/materials/" << sha << "\"\n";
    }
  }
  const std::string options =
      parallel > 1 ? " --fail -Z --parallel-max " + std::to_string(parallel) : " --fail";
  const auto started = Clock::now();
  const int status = std::system(("curl" + options + " -K '" + configFile.string() + "'").c_str());
  const double time = seconds(Clock::now() - started);
  stop(fresh);
  return status == 0 ? time : -1;
}

}  // namespace

int main(int argc, char** argv) {
  const int caseCount = argc > 1 ? std::atoi(argv[1]) : 2000;
  const std::filesystem::path dir =
      argc > 2 ? argv[2] : std::filesystem::current_path() / "bench-sync";
  constexpr std::size_t kPageBytes = 100 * 1024;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "profile");

  // The outbox: N finalized cases with 3 distinct 100 KB materials each.
  std::vector<std::string> hashes;
  {
    localdb::WorkstationStore store(dir / "profile" / "workstation.db");
    localdb::MaterialStore materials(dir / "profile" / "materials");
    localdb::CaseRepository cases(store.database());
    std::mt19937_64 random(1);
    std::string page(kPageBytes, '\0');
    const localdb::Actor clerk{"c1001", "2026-11-27T04:00:00Z"};
    // Cases that keep every rule central checks: the sample matter, its form filled in, its
    // three materials, the due dates the calendar gives for the intake day.
    const test::SampleIntake intake =
        test::sampleIntake(test::kSampleMatter, *localdb::parseIsoUtc(clerk.at));
    for (int i = 0; i < caseCount; ++i) {
      char uuid[40];
      std::snprintf(uuid, sizeof uuid, "5b0e0000-0000-4000-8000-%012d", i);
      std::vector<std::vector<localdb::PageInput>> pages;
      for (std::size_t s = 0; s < intake.slots.size(); ++s) {
        for (std::size_t k = 0; k < page.size(); k += 8) {
          const std::uint64_t value = random();
          std::memcpy(page.data() + k, &value, std::min<std::size_t>(8, page.size() - k));
        }
        const auto stored = materials.put(std::as_bytes(std::span(page.data(), page.size())));
        hashes.push_back(stored.sha256);
        pages.push_back({{stored.sha256, stored.size, "image/jpeg"}});
      }
      test::storeSampleCase(cases, intake, uuid, "申请人", clerk, pages);
    }
  }
  const double payloadMb = static_cast<double>(hashes.size() * kPageBytes) / (1024.0 * 1024.0);
  std::printf("outbox: %d cases, %zu materials, %.1f MiB\n", caseCount, hashes.size(), payloadMb);

  // 1. The engine drains the outbox, in a child so its peak memory is its own.
  // Each server keeps its materials beside its database: the two runs get separate directories,
  // or the curl run would find every file already stored and skip writing it.
  std::filesystem::create_directories(dir / "central-engine");
  std::filesystem::create_directories(dir / "central-curl");
  const Server central = startCentral(dir / "central-engine" / "central.db");
  // The child says when its login finished: the drain is timed from there, as curl's sending
  // is timed from after its login (a session costs a password hash, not sending).
  int loginPipe[2];
  if (::pipe(loginPipe) != 0) return 1;
  const auto started = Clock::now();
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(loginPipe[0]);
    engine::EngineConfig config;
    config.profileDir = dir / "profile";
    config.centralUrl = "http://127.0.0.1:" + std::to_string(central.port);
    auto invoker = std::make_shared<engine::QueueInvoker>();
    engine::Engine engine(config, invoker);
    bool loggedIn = false;
    auto subscription = engine.subscribe([&](const engine::Notification& n) {
      if (const auto* login = std::get_if<engine::LoginFinished>(&n)) loggedIn = login->ok();
    });
    engine.submit(engine::Login{"c1001", "demo1001", "W03"});
    invoker->runUntil([&] { return loggedIn; }, std::chrono::seconds(30));
    const std::int64_t loginDone = Clock::now().time_since_epoch().count();
    if (::write(loginPipe[1], &loginDone, sizeof loginDone) != sizeof loginDone) ::_exit(2);
    engine.submit(engine::SyncNow{});
    invoker->runUntil([&] { return loggedIn && engine.status().pendingSync == 0; },
                      std::chrono::hours(1));
    ::_exit(engine.status().pendingSync == 0 ? 0 : 1);
  }
  ::close(loginPipe[1]);
  std::int64_t loginDone = 0;
  const bool loginTimed = ::read(loginPipe[0], &loginDone, sizeof loginDone) == sizeof loginDone;
  ::close(loginPipe[0]);
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  const auto ended = Clock::now();
  const auto drainStarted = loginTimed ? Clock::time_point(Clock::duration(loginDone)) : started;
  const double drain = seconds(ended - drainStarted);
  stop(central);
  const int requests = caseCount * 7;  // per case: 3 × (HEAD + PUT) material, 1 PUT case
  std::printf("engine drain: %s in %.1f s: %.1f MiB/s of material, %.0f cases/s\n",
              WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "all confirmed" : "NOT DRAINED",
              drain, payloadMb / drain, caseCount / drain);
  std::printf("  (engine start and login before it: %.1f s)\n", seconds(drainStarted - started));
  std::printf("client peak memory (max RSS) during the drain: %.1f MiB (goal <= 150)\n",
              usage.ru_maxrss / 1024.0);
  std::printf("server: %d requests in %.1f s = %.0f requests/s\n", requests, drain,
              requests / drain);

  // 2. The same material bytes with curl, each run to a fresh server: one connection sending
  // one PUT after another, then as many connections side by side as the engine keeps (4).
  const double curlSerial = curlSend(dir, "curl-serial", hashes, 1);
  const double curlParallel = curlSend(dir, "curl-parallel", hashes, 4);
  const auto report = [&](const char* how, double time) {
    if (time < 0) {
      std::printf("curl, %s: FAILED\n", how);
      return;
    }
    std::printf("curl, same material bytes, %s: %.1f s: %.1f MiB/s; engine / curl: %.0f%%\n", how,
                time, payloadMb / time, 100.0 * time / drain);
  };
  report("1 connection", curlSerial);
  report("4 connections", curlParallel);
  std::printf(
      "(goal: engine >= 70%% of curl's throughput; besides the material bytes the engine sends "
      "%d case bodies,\n asks central before each upload and records every step in its store)\n",
      caseCount);
  std::filesystem::remove_all(dir);
  return 0;
}
