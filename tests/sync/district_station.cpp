// One station of the district drill (district_drill_tests.cpp) and of bench_district: the real
// workstation engine on a profile whose outbox the test filled while "central was away". It
// logs in online (the outage is over), lets the engine's sync send every queued case, and once
// the outbox is empty asks for news every second as the clerk's "send now" does, so the change
// feed is read to its end. It runs until the test stops it (SIGTERM): the test decides, from the
// stores and from central, when every station has converged.
//
// Usage: district_station PROFILE_DIR CENTRAL_URL [CA_FILE]
// Prints "LOGGED-IN" after the login and "DRAINED" when the outbox first became empty.

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"

using namespace onewindow;

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: district_station PROFILE_DIR CENTRAL_URL [CA_FILE]\n");
    return 2;
  }
  engine::EngineConfig config;
  config.profileDir = argv[1];
  config.centralUrl = argv[2];
  if (argc == 4) config.caBundle = argv[3];
  // No notice is printed here: rendering a specimen would only add CPU work to the drain.
  config.warmUpDocuments = false;
  auto invoker = std::make_shared<engine::QueueInvoker>();
  engine::Engine engine(config, invoker);
  std::optional<engine::LoginFinished> login;
  auto subscription = engine.subscribe([&](const engine::Notification& n) {
    if (const auto* finished = std::get_if<engine::LoginFinished>(&n)) login = *finished;
  });

  // All stations log in at the same moment; a login that fails on the way (a central process
  // killed while it handled it: nginx does not resend a POST) is tried again, as a clerk would.
  for (int attempt = 1;; ++attempt) {
    login.reset();
    engine.submit(engine::Login{"c1001", "demo1001", "W03"});
    invoker->runUntil([&] { return login.has_value(); }, std::chrono::seconds(120));
    if (login && login->ok() && !login->offline) break;
    std::fprintf(stderr, "district_station: login attempt %d failed: %s\n", attempt,
                 login ? login->message.c_str() : "no answer within 120 s");
    if (attempt == 30) return 3;
    invoker->runUntil([] { return false; }, std::chrono::seconds(1));
  }
  std::printf("LOGGED-IN\n");
  std::fflush(stdout);

  bool drained = false;
  while (true) {
    invoker->runUntil([] { return false; }, std::chrono::seconds(1));
    if (engine.status().pendingSync != 0) continue;
    if (!drained) {
      drained = true;
      std::printf("DRAINED\n");
      std::fflush(stdout);
    }
    // "Send now": the change feed is read from the station's cursor to its end.
    engine.submit(engine::SyncNow{});
  }
}
