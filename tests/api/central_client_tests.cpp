#include <catch2/catch.hpp>

#include "awaited.hpp"
#include "central_process.hpp"
#include "client/api/central_client.hpp"
#include "raw_tcp_server.hpp"
#include "temp_dir.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::Awaited;

namespace {

struct CentralFixture {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central{dir / "central.db"};
  HttpTransport transport;
  CentralFixture() { central.start(); }
};

Result<SessionInfo> login(CentralClient& client, LoginRequest request) {
  Awaited<Result<SessionInfo>> done;
  client.login(request, [&done](Result<SessionInfo> result) { done.set(std::move(result)); });
  auto result = done.wait();
  REQUIRE(result.has_value());
  return *result;
}

}  // namespace

TEST_CASE_METHOD(CentralFixture, "health reports the reference server and its version",
                 "[api][central]") {
  CentralClient client(transport, central.baseUrl() + "/");  // a trailing slash is tolerated
  Awaited<Result<HealthInfo>> done;
  client.health(3s, [&done](Result<HealthInfo> result) { done.set(std::move(result)); });
  const auto result = done.wait();
  REQUIRE(result.has_value());
  REQUIRE(result->ok());
  CHECK(result->value().service == "onewindow-central");
  CHECK(result->value().apiVersion == "v1");
}

TEST_CASE_METHOD(CentralFixture, "a clerk and a supervisor log in with their roles",
                 "[api][central]") {
  CentralClient client(transport, central.baseUrl());
  const auto clerk = login(client, {"c1001", "demo1001", "W03"});
  REQUIRE(clerk.ok());
  CHECK(clerk.value().role == "clerk");
  CHECK(clerk.value().windowCode == "W03");
  CHECK(clerk.value().token.size() >= 32);
  const auto supervisor = login(client, {"s2001", "demo2001", "W01"});
  REQUIRE(supervisor.ok());
  CHECK(supervisor.value().role == "supervisor");
}

TEST_CASE_METHOD(CentralFixture, "a wrong password is rejected with the contract's code",
                 "[api][central]") {
  CentralClient client(transport, central.baseUrl());
  const auto result = login(client, {"c1001", "wrong", "W03"});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Rejected);
  CHECK(result.error().httpStatus == 401);
  CHECK(result.error().code == "auth.invalid_credentials");
}

TEST_CASE("a locked clerk id and a flood are answers of central, not an outage", "[api][central]") {
  onewindow::test::TempDir dir;
  onewindow::test::CentralOptions options;
  options.extraArguments = {"--login-burst", "6"};
  onewindow::test::CentralProcess central(dir / "central.db", options);
  central.start();
  HttpTransport transport;
  CentralClient client(transport, central.baseUrl());
  for (int i = 0; i < 4; ++i)
    REQUIRE(login(client, {"c1001", "wrong", "W03"}).error().httpStatus == 401);
  const auto locked = login(client, {"c1001", "wrong", "W03"});
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().kind == ApiErrorKind::Rejected);
  CHECK_FALSE(locked.error().meansOffline());
  CHECK(locked.error().httpStatus == 403);
  CHECK(locked.error().code == "auth.clerk_locked");
  CHECK(locked.error().lockedUntil.size() == 20);  // 2026-11-27T10:30:00Z
  REQUIRE(locked.error().retryAfter.has_value());
  CHECK(locked.error().retryAfter->count() > 800);

  // The sixth failure used the address's last attempt; the seventh is refused before checking.
  REQUIRE(login(client, {"c1001", "demo1001", "W03"}).error().code == "auth.clerk_locked");
  const auto flooded = login(client, {"c1002", "demo1002", "W03"});
  REQUIRE_FALSE(flooded.ok());
  CHECK_FALSE(flooded.error().meansOffline());
  CHECK(flooded.error().httpStatus == 429);
  CHECK(flooded.error().code == "auth.too_many_attempts");
  REQUIRE(flooded.error().retryAfter.has_value());
  CHECK(flooded.error().retryAfter->count() >= 1);
}

TEST_CASE_METHOD(CentralFixture, "logout ends the session on central", "[api][central]") {
  CentralClient client(transport, central.baseUrl());
  const auto session = login(client, {"c1001", "demo1001", "W03"});
  REQUIRE(session.ok());
  Awaited<bool> done;
  client.logout(session.value().token, [&done](bool ok) { done.set(ok); });
  CHECK(done.wait() == std::optional<bool>(true));
}

TEST_CASE("login against a stopped central is unreachable, not an exception", "[api][central]") {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central(dir / "central.db");
  central.start();
  const std::string url = central.baseUrl();
  central.stop();
  HttpTransport transport;
  CentralClient client(transport, url);
  const auto result = login(client, {"c1001", "demo1001", "W03"});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().meansOffline());
}

TEST_CASE("a server answering garbage is reported as malformed", "[api][central]") {
  onewindow::test::RawTcpServer server(
      onewindow::test::RawTcpServer::Behaviour::FixedReply,
      onewindow::test::RawTcpServer::httpReply("201 Created", "{\"json\": true}"));
  HttpTransport transport;
  CentralClient client(transport, server.baseUrl());
  const auto result = login(client, {"c1001", "demo1001", "W03"});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
}
