#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow::engine;
using namespace std::chrono_literals;

namespace {

struct EngineFixture {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central{dir / "central.db"};
  std::shared_ptr<QueueInvoker> invoker = std::make_shared<QueueInvoker>();
  std::vector<Notification> received;

  EngineFixture() { central.start(); }

  EngineConfig config() const {
    EngineConfig c;
    c.profileDir = dir / "profile";
    c.centralUrl = central.baseUrl();
    c.probeInterval = 300ms;
    c.probeTimeout = 1s;
    return c;
  }

  template <typename T>
  const T* waitFor(std::chrono::milliseconds timeout = 10s) {
    const T* found = nullptr;
    invoker->runUntil(
        [&] {
          for (const auto& n : received) {
            if (const auto* hit = std::get_if<T>(&n)) found = hit;
          }
          return found != nullptr;
        },
        timeout);
    return found;
  }
};

}  // namespace

TEST_CASE_METHOD(EngineFixture, "login succeeds, is published and recorded in the local store",
                 "[engine]") {
  Engine engine(config(), invoker);
  auto subscription = engine.subscribe([this](const Notification& n) { received.push_back(n); });
  engine.submit(Login{"c1001", "demo1001", "W03"});
  const auto* login = waitFor<LoginFinished>();
  REQUIRE(login != nullptr);
  REQUIRE(login->ok());
  CHECK(login->session->clerkName == "张敏");
  CHECK(login->session->role == Role::Clerk);
  CHECK(engine.status().session.has_value());
  CHECK(engine.status().connectivity == Connectivity::Online);

  onewindow::localdb::WorkstationStore store(dir / "profile" / "workstation.db");
  const auto stored = store.lastSession();
  REQUIRE(stored.has_value());
  CHECK(stored->clerkId == "c1001");
  CHECK(stored->windowCode == "W03");
}

TEST_CASE_METHOD(EngineFixture, "a supervisor's role comes from central", "[engine]") {
  Engine engine(config(), invoker);
  auto subscription = engine.subscribe([this](const Notification& n) { received.push_back(n); });
  engine.submit(Login{"s2001", "demo2001", "W01"});
  const auto* login = waitFor<LoginFinished>();
  REQUIRE(login != nullptr);
  REQUIRE(login->ok());
  CHECK(login->session->role == Role::Supervisor);
}

TEST_CASE_METHOD(EngineFixture, "a wrong password is a bad-credentials failure", "[engine]") {
  Engine engine(config(), invoker);
  auto subscription = engine.subscribe([this](const Notification& n) { received.push_back(n); });
  engine.submit(Login{"c1001", "not-the-password", "W03"});
  const auto* login = waitFor<LoginFinished>();
  REQUIRE(login != nullptr);
  CHECK(login->failure == LoginFailure::BadCredentials);
  CHECK_FALSE(engine.status().session.has_value());
}

TEST_CASE_METHOD(EngineFixture, "login with central down fails as unreachable and marks it offline",
                 "[engine]") {
  central.stop();
  EngineConfig c = config();
  c.watchConnectivity = false;
  Engine engine(c, invoker);
  auto subscription = engine.subscribe([this](const Notification& n) { received.push_back(n); });
  engine.submit(Login{"c1001", "demo1001", "W03"});
  const auto* login = waitFor<LoginFinished>();
  REQUIRE(login != nullptr);
  CHECK(login->failure == LoginFailure::Unreachable);
  CHECK(engine.status().connectivity == Connectivity::Offline);
}

TEST_CASE_METHOD(EngineFixture, "a dropped subscription drops notifications already queued for it",
                 "[engine]") {
  Engine engine(config(), invoker);
  int delivered = 0;
  auto subscription = engine.subscribe([&delivered](const Notification&) { ++delivered; });
  // Let notifications queue up without running them (the "UI thread" is busy) ...
  std::this_thread::sleep_for(1s);
  REQUIRE(invoker->queued() > 0);
  // ... then the window closes before they run.
  subscription.reset();
  invoker->runUntil([] { return false; }, 500ms);
  CHECK(delivered == 0);
}

TEST_CASE_METHOD(EngineFixture, "notifications queued after the engine is gone are harmless",
                 "[engine]") {
  int delivered = 0;
  Subscription subscription;
  {
    Engine engine(config(), invoker);
    subscription = engine.subscribe([&delivered](const Notification&) { ++delivered; });
    std::this_thread::sleep_for(500ms);
  }
  // The engine is destroyed; the queued notifications only carry values and a weak pointer.
  invoker->runUntil([] { return false; }, 200ms);
  CHECK(delivered > 0);
}

TEST_CASE_METHOD(EngineFixture, "pending sync count comes from the local store", "[engine]") {
  std::filesystem::create_directories(dir / "profile");
  {
    onewindow::localdb::WorkstationStore store(dir / "profile" / "workstation.db");
    onewindow::localdb::CaseRepository cases(store.database());
    cases.createDraft({"u1", "m", "matter", "W03"}, {"c1001", "2026-11-27T02:00:00Z"});
    cases.finalizeIntake("u1", {"20261127", {}, "", ""}, {"c1001", "2026-11-27T02:00:00Z"});
  }
  Engine engine(config(), invoker);
  auto subscription = engine.subscribe([this](const Notification& n) { received.push_back(n); });
  const auto* pending = waitFor<PendingCountChanged>();
  REQUIRE(pending != nullptr);
  CHECK(pending->pending == 1);
  CHECK(engine.status().pendingSync == 1);
}

TEST_CASE("an unusable profile is reported as an engine error and not a crash", "[engine]") {
  onewindow::test::TempDir dir;
  std::filesystem::create_directories(dir / "profile");
  {
    std::ofstream garbage(dir / "profile" / "workstation.db");
    garbage << "this is not a SQLite database, but it is long enough to look like a header....";
  }
  auto invoker = std::make_shared<QueueInvoker>();
  EngineConfig config;
  config.profileDir = dir / "profile";
  config.centralUrl = "http://127.0.0.1:1";
  config.watchConnectivity = false;
  Engine engine(config, invoker);
  std::optional<std::string> error;
  auto subscription = engine.subscribe([&error](const Notification& n) {
    if (const auto* e = std::get_if<EngineError>(&n)) error = e->message;
  });
  invoker->runUntil([&] { return error.has_value(); }, 5s);
  REQUIRE(error.has_value());
  CHECK_THAT(*error, Catch::Contains("local store"));
}

TEST_CASE("the engine is created and destroyed many times without hanging", "[engine]") {
  onewindow::test::TempDir dir;
  auto invoker = std::make_shared<QueueInvoker>();
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 30; ++i) {
    EngineConfig config;
    config.profileDir = dir / "profile";
    config.centralUrl = "http://127.0.0.1:1";
    Engine engine(config, invoker);
    engine.submit(RefreshStatus{});
  }
  CHECK(std::chrono::steady_clock::now() - started < 30s);
}
