// Replies that break the contract — garbage, cut, oversized, trickling — each end in a clear,
// typed error through CentralClient.

#include <catch2/catch.hpp>

#include "api_test_support.hpp"
#include "raw_tcp_server.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::awaitResult;
using onewindow::test::RawTcpServer;

namespace {

const std::string kUuid = "5b0e0d6a-1f2e-4c3d-8a9b-0123456789ab";

Result<CaseReceipt> getCaseFrom(const RawTcpServer& server, TransportOptions options = {}) {
  HttpTransport transport(options);
  CentralClient client(transport, server.baseUrl());
  client.setSession("token", "station-1");
  return awaitResult<Result<CaseReceipt>>(
      [&](auto done) { client.getCase(kUuid, std::move(done)); });
}

}  // namespace

TEST_CASE("a reply that is not the contract's XML is malformed", "[api][bad_reply]") {
  RawTcpServer server(
      RawTcpServer::Behaviour::FixedReply,
      RawTcpServer::httpReply("200 OK", "<html>captive portal</html>", "text/html"));
  const auto result = getCaseFrom(server);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(result.error().message, Catch::Contains("<case-receipt>"));
  CHECK(result.error().isRetryable());
}

TEST_CASE("a reply cut before its Content-Length is a lost connection", "[api][bad_reply]") {
  RawTcpServer server(RawTcpServer::Behaviour::FixedReply,
                      "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 500"
                      "\r\n\r\n<case-receipt uuid=\"");
  const auto result = getCaseFrom(server);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().transport == TransportError::ConnectionLost);
  CHECK(result.error().mayHaveReachedServer());
  CHECK_THAT(result.error().message, Catch::Contains("connection broke"));
}

TEST_CASE("a complete reply with truncated XML is malformed with the parser's reason",
          "[api][bad_reply]") {
  RawTcpServer server(RawTcpServer::Behaviour::FixedReply,
                      RawTcpServer::httpReply("200 OK", "<case-receipt uuid=\"5b0e"));
  const auto result = getCaseFrom(server);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(result.error().message, Catch::Contains("invalid XML"));
}

TEST_CASE("an oversized reply is refused as malformed, not buffered", "[api][bad_reply]") {
  RawTcpServer server(RawTcpServer::Behaviour::FixedReply,
                      RawTcpServer::httpReply("200 OK", std::string(100000, 'x')));
  TransportOptions options;
  options.maxResponseBytes = 4096;
  const auto result = getCaseFrom(server, options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK(result.error().code == "client.reply_too_large");
}

TEST_CASE("a trickling reply times out", "[api][bad_reply]") {
  RawTcpServer server(RawTcpServer::Behaviour::SlowReply,
                      RawTcpServer::httpReply("200 OK", std::string(100, 'x')), 300ms);
  TransportOptions options;
  options.lowSpeedBytes = 100;
  options.lowSpeedTime = std::chrono::seconds(1);
  const auto result = getCaseFrom(server, options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().transport == TransportError::Timeout);
  CHECK(result.error().meansOffline());
  CHECK(result.error().isRetryable());
}

TEST_CASE("an error status without the contract's body is judged by its class",
          "[api][bad_reply]") {
  RawTcpServer server(
      RawTcpServer::Behaviour::FixedReply,
      RawTcpServer::httpReply("502 Bad Gateway", "<html>nginx</html>", "text/html"));
  const auto result = getCaseFrom(server);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::ServerError);
  CHECK(result.error().httpStatus == 502);
  CHECK(result.error().isRetryable());
}

TEST_CASE("a success status where a body is due is malformed", "[api][bad_reply]") {
  RawTcpServer server(RawTcpServer::Behaviour::FixedReply,
                      RawTcpServer::httpReply("204 No Content", ""));
  const auto result = getCaseFrom(server);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(result.error().message, Catch::Contains("204"));
}
