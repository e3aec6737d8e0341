#pragma once
// One station of the district drill (district_drill_tests.cpp, through district_station.cpp)
// and of bench_district: the real workstation engine on a profile whose outbox was filled
// while "central was away". It logs in online (the outage is over), lets the engine's sync send
// every queued case, and once the outbox is empty asks for news every second as the clerk's
// "send now" does, so the change feed is read to its end. It runs until it is stopped
// (SIGTERM): the caller decides, from the stores and from central, when every station is done.
//
// Writes "LOGGED-IN" to stdout after the login and "DRAINED" when the outbox first became
// empty. Header-only: the test's worker and the bench link the engine already.

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"

namespace onewindow::test {

// `caBundle`: the CA of central's (nginx's) certificate; empty for plain HTTP.
// `sendNowWhenDrained`: the drill's stations read the feed to its end every second once
// drained; the bench's only idle on (their work is done, and it times the drain).
inline int runDistrictStation(const std::string& profile, const std::string& centralUrl,
                              const std::string& caBundle, bool sendNowWhenDrained = true) {
  engine::EngineConfig config;
  config.profileDir = profile;
  config.centralUrl = centralUrl;
  config.caBundle = caBundle;
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
    std::fprintf(stderr, "district station: login attempt %d failed: %s\n", attempt,
                 login ? login->message.c_str() : "no answer within 120 s");
    if (attempt == 30) return 3;
    invoker->runUntil([] { return false; }, std::chrono::seconds(1));
  }
  std::printf("LOGGED-IN\n");
  std::fflush(stdout);

  // The engine sends by itself once logged in; this only watches (re-checked every 20 ms, so
  // "DRAINED" comes within moments of the last confirmation).
  const auto drained = [&] { return engine.status().pendingSync == 0; };
  while (!invoker->runUntil(drained, std::chrono::hours(24))) {
  }
  std::printf("DRAINED\n");
  std::fflush(stdout);
  while (true) {
    // "Send now": the change feed is read from the station's cursor to its end.
    if (sendNowWhenDrained) engine.submit(engine::SyncNow{});
    invoker->runUntil([] { return false; }, std::chrono::seconds(1));
  }
}

}  // namespace onewindow::test
