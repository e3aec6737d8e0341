#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "raw_tcp_server.hpp"
#include "temp_dir.hpp"

using namespace onewindow::engine;
using namespace std::chrono_literals;

namespace {

// Production timings: the issue promises a change shows within 10 s with these.
EngineConfig productionConfig(const std::filesystem::path& profile, const std::string& url) {
  EngineConfig config;
  config.profileDir = profile;
  config.centralUrl = url;
  return config;
}

Connectivity waitForState(QueueInvoker& invoker, Engine& engine, Connectivity wanted,
                          std::chrono::milliseconds timeout) {
  invoker.runUntil([&] { return engine.status().connectivity == wanted; }, timeout);
  return engine.status().connectivity;
}

}  // namespace

TEST_CASE("central going away and coming back shows within 10 s each way",
          "[engine][connectivity]") {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central(dir / "central.db");
  central.start();
  auto invoker = std::make_shared<QueueInvoker>();
  Engine engine(productionConfig(dir / "profile", central.baseUrl()), invoker);
  std::vector<ConnectivityChanged> changes;
  auto subscription = engine.subscribe([&changes](const Notification& n) {
    if (const auto* c = std::get_if<ConnectivityChanged>(&n)) changes.push_back(*c);
  });

  CHECK(waitForState(*invoker, engine, Connectivity::Online, 10s) == Connectivity::Online);
  central.stop();
  const auto stoppedAt = std::chrono::steady_clock::now();
  CHECK(waitForState(*invoker, engine, Connectivity::Offline, 10s) == Connectivity::Offline);
  CHECK(std::chrono::steady_clock::now() - stoppedAt < 10s);
  CHECK_FALSE(engine.status().connectivityDetail.empty());

  central.restart();
  const auto restartedAt = std::chrono::steady_clock::now();
  CHECK(waitForState(*invoker, engine, Connectivity::Online, 10s) == Connectivity::Online);
  CHECK(std::chrono::steady_clock::now() - restartedAt < 10s);

  invoker->runUntil([] { return false; }, 100ms);
  REQUIRE(changes.size() >= 3);
  CHECK(changes[changes.size() - 2].state == Connectivity::Offline);
  CHECK(changes.back().state == Connectivity::Online);
}

TEST_CASE("a central that accepts and never answers counts as offline within 10 s",
          "[engine][connectivity]") {
  onewindow::test::TempDir dir;
  onewindow::test::RawTcpServer hung(onewindow::test::RawTcpServer::Behaviour::NeverAnswer);
  auto invoker = std::make_shared<QueueInvoker>();
  const auto started = std::chrono::steady_clock::now();
  Engine engine(productionConfig(dir / "profile", hung.baseUrl()), invoker);
  CHECK(waitForState(*invoker, engine, Connectivity::Offline, 10s) == Connectivity::Offline);
  CHECK(std::chrono::steady_clock::now() - started < 10s);
  CHECK_THAT(engine.status().connectivityDetail, Catch::Contains("in time"));
}

TEST_CASE("status() answers at once even while a probe hangs", "[engine][connectivity]") {
  onewindow::test::TempDir dir;
  onewindow::test::RawTcpServer hung(onewindow::test::RawTcpServer::Behaviour::NeverAccept);
  auto invoker = std::make_shared<QueueInvoker>();
  Engine engine(productionConfig(dir / "profile", hung.baseUrl()), invoker);
  std::this_thread::sleep_for(200ms);  // a probe is now in flight against the hung server
  const auto before = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) (void)engine.status();
  engine.submit(RefreshStatus{});
  CHECK(std::chrono::steady_clock::now() - before < 100ms);
}

TEST_CASE("changing the central URL re-probes the new address", "[engine][connectivity]") {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central(dir / "central.db");
  central.start();
  auto invoker = std::make_shared<QueueInvoker>();
  EngineConfig config = productionConfig(dir / "profile", "http://127.0.0.1:1");
  Engine engine(config, invoker);
  CHECK(waitForState(*invoker, engine, Connectivity::Offline, 10s) == Connectivity::Offline);
  engine.submit(SetCentralUrl{central.baseUrl()});
  CHECK(waitForState(*invoker, engine, Connectivity::Online, 10s) == Connectivity::Online);
  CHECK(engine.status().centralUrl == central.baseUrl());
}
