// TLS: verification is always on. An unknown certificate is a Tls error (never silently
// accepted); the same server is trusted once its CA is given as caBundle.

#include <catch2/catch.hpp>

#include "api_test_support.hpp"
#include "local_http_server.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::awaitResult;

namespace {

struct SelfSignedServer {
  onewindow::test::TempDir dir;
  std::filesystem::path certificate = dir / "cert.pem";
  std::filesystem::path key = dir / "key.pem";
  std::unique_ptr<httplib::SSLServer> tls;
  onewindow::test::LocalHttpServer http;

  SelfSignedServer() {
    const auto made = onewindow::test::runProgram(
        "/usr/bin/openssl",
        {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.string(), "-out",
         certificate.string(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
         "subjectAltName=IP:127.0.0.1"},
        60s);
    REQUIRE(made.exitCode == 0);
    tls = std::make_unique<httplib::SSLServer>(certificate.c_str(), key.c_str());
    REQUIRE(tls->is_valid());
    tls->Get("/api/v1/health", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><health status=\"ok\" "
          "service=\"tls-test\" version=\"0\" api=\"v1\" time=\"20261127T101500\"/>",
          "application/xml; charset=utf-8");
    });
    http.start(*tls);
  }
};

Result<HealthInfo> health(const std::string& url, TransportOptions options) {
  HttpTransport transport(options);
  CentralClient client(transport, url);
  return awaitResult<Result<HealthInfo>>([&](auto done) { client.health(5s, std::move(done)); });
}

}  // namespace

TEST_CASE("a server with an unknown certificate is a TLS error, never trusted silently",
          "[api][tls]") {
  SelfSignedServer server;
  const auto result = health(server.http.baseUrl("https"), {});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Tls);
  CHECK(result.error().recovery() == Recovery::PauseForTrust);
  CHECK_FALSE(result.error().meansOffline());
  CHECK_THAT(result.error().message, Catch::Contains("could not be verified"));
  CHECK_THAT(result.error().message, Catch::Contains("certificate"));
}

TEST_CASE("the same server is trusted with its CA in caBundle", "[api][tls]") {
  SelfSignedServer server;
  TransportOptions options;
  options.caBundle = server.certificate.string();
  const auto result = health(server.http.baseUrl("https"), options);
  REQUIRE(result.ok());
  CHECK(result.value().service == "tls-test");
}

TEST_CASE("a caBundle that cannot be read is a TLS error, not a fallback", "[api][tls]") {
  SelfSignedServer server;
  TransportOptions options;
  options.caBundle = (server.dir / "missing-ca.pem").string();
  const auto result = health(server.http.baseUrl("https"), options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Tls);
}
