// Central's failed-login protection as the engine reports it to the window (central/API.md §3):
// a locked clerk id and a flood are answers of central, never a reason to log in offline.

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "client/engine/time_text.hpp"
#include "engine_harness.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;

TEST_CASE("a clerk id locked at central is reported with its time and never tried offline",
          "[engine][login-protection]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  test::EngineHarness engine(dir / "profile", central.baseUrl());
  // One online login first: from now on this workstation could log c1001 in offline.
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());
  engine.engine().submit(Logout{});

  for (int i = 0; i < 4; ++i) {
    const LoginFinished wrong = engine.login("c1001", "guess" + std::to_string(i), "W03");
    REQUIRE(wrong.failure == LoginFailure::BadCredentials);
  }
  const auto before = std::chrono::system_clock::now();
  const LoginFinished fifth = engine.login("c1001", "guess4", "W03");
  CHECK(fifth.failure == LoginFailure::ClerkLocked);
  CHECK_FALSE(fifth.offline);
  CHECK_FALSE(fifth.session.has_value());
  REQUIRE(fifth.retryAfter.has_value());
  CHECK(fifth.retryAfter->count() > 890);
  // The time the window shows: central's, rounded up to the whole minute.
  const auto opens = parseIsoUtc(fifth.lockedUntil);
  REQUIRE(opens.has_value());
  CHECK(*opens >= before + std::chrono::minutes(15));
  CHECK(*opens <= before + std::chrono::minutes(16) + std::chrono::seconds(5));
  CHECK(std::chrono::floor<std::chrono::minutes>(*opens) == *opens);

  // The right password: still locked, and the cached credentials are not tried instead.
  const LoginFinished right = engine.login("c1001", "demo1001", "W03");
  CHECK(right.failure == LoginFailure::ClerkLocked);
  CHECK_FALSE(right.offline);
  CHECK_FALSE(right.session.has_value());
  CHECK(right.lockedUntil == fifth.lockedUntil);
  CHECK(engine.engine().status().connectivity != Connectivity::Offline);
  CHECK_FALSE(engine.engine().status().session.has_value());
}

TEST_CASE("a flood from this workstation is reported with central's wait",
          "[engine][login-protection]") {
  test::TempDir dir;
  test::CentralOptions options;
  options.extraArguments = {"--login-burst", "2"};
  test::CentralProcess central(dir / "central.db", options);
  central.start();
  test::EngineHarness engine(dir / "profile", central.baseUrl());
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());  // cached for offline login
  engine.engine().submit(Logout{});

  CHECK(engine.login("c1001", "wrong", "W03").failure == LoginFailure::BadCredentials);
  CHECK(engine.login("c1002", "wrong", "W03").failure == LoginFailure::BadCredentials);
  const LoginFinished flooded = engine.login("c1001", "demo1001", "W03");
  CHECK(flooded.failure == LoginFailure::TooManyAttempts);
  CHECK_FALSE(flooded.offline);
  CHECK_FALSE(flooded.session.has_value());
  REQUIRE(flooded.retryAfter.has_value());
  CHECK(flooded.retryAfter->count() >= 1);
  CHECK(flooded.retryAfter->count() <= 30);
  CHECK(flooded.lockedUntil.empty());
}
