#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;

TEST_CASE("after one online login the clerk can log in offline with the right password only",
          "[engine][offline-login]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  {
    test::EngineHarness online(dir / "profile", central.baseUrl());
    const LoginFinished first = online.login("c1001", "demo1001", "W03");
    REQUIRE(first.ok());
    CHECK_FALSE(first.offline);
  }
  central.stop();

  test::EngineHarness offline(dir / "profile", central.baseUrl());
  const LoginFinished wrong = offline.login("c1001", "not-it", "W03");
  CHECK(wrong.failure == LoginFailure::OfflineRefused);
  CHECK_THAT(wrong.message, Catch::Contains("attempts left"));

  const LoginFinished right = offline.login("c1001", "demo1001", "W05");
  REQUIRE(right.ok());
  CHECK(right.offline);
  CHECK(right.session->clerkName == "张敏");
  CHECK(right.session->role == Role::Clerk);  // the role comes from the cache
  CHECK(right.session->windowCode == "W05");

  // Offline, the window keeps working: a case is taken in.
  const auto draft = offline.call<DraftStarted>(StartDraft{0, test::kSampleMatter});
  REQUIRE(std::holds_alternative<DraftStarted>(draft));
}

TEST_CASE("offline login is refused for a clerk who never logged in online here",
          "[engine][offline-login]") {
  test::TempDir dir;
  test::EngineHarness offline(dir / "profile", "http://127.0.0.1:1");
  const LoginFinished result = offline.login("c1002", "demo1002", "W03");
  CHECK(result.failure == LoginFailure::Unreachable);
  CHECK_FALSE(result.session.has_value());
}

TEST_CASE("repeated wrong offline passwords lock the clerk out", "[engine][offline-login]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  {
    test::EngineHarness online(dir / "profile", central.baseUrl());
    REQUIRE(online.login("s2001", "demo2001", "W01").ok());
  }
  central.stop();
  test::EngineHarness offline(dir / "profile", central.baseUrl());
  for (int i = 0; i < 5; ++i) offline.login("s2001", "guess" + std::to_string(i), "W01");
  const LoginFinished locked = offline.login("s2001", "demo2001", "W01");
  CHECK(locked.failure == LoginFailure::OfflineRefused);
  CHECK_THAT(locked.message, Catch::Contains("locked"));
}
