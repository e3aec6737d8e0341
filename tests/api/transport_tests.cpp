#include <catch2/catch.hpp>

#include "awaited.hpp"
#include "central_process.hpp"
#include "client/api/http_transport.hpp"
#include "raw_tcp_server.hpp"
#include "temp_dir.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::Awaited;
using onewindow::test::RawTcpServer;

namespace {

HttpResponse fetch(HttpTransport& transport, HttpRequest request) {
  Awaited<HttpResponse> done;
  transport.send(std::move(request),
                 [&done](HttpResponse response) { done.set(std::move(response)); });
  auto response = done.wait(30s);
  REQUIRE(response.has_value());
  return *response;
}

}  // namespace

TEST_CASE("a GET to the real central server returns its status and body", "[api][transport]") {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central(dir / "central.db");
  central.start();
  HttpTransport transport;
  const HttpResponse response =
      fetch(transport, {"GET", central.baseUrl() + "/api/v1/health", {}, {}, 5s});
  CHECK(response.error == TransportError::None);
  CHECK(response.status == 200);
  CHECK_THAT(response.contentType, Catch::Contains("xml"));
  CHECK_THAT(response.body, Catch::Contains("<health"));
}

TEST_CASE("a refused connection is reported as could-not-connect, fast", "[api][transport]") {
  int port = 0;
  {
    RawTcpServer closed(RawTcpServer::Behaviour::FixedReply);  // take a port, then free it
    port = closed.port();
  }
  HttpTransport transport;
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse response =
      fetch(transport, {"GET", "http://127.0.0.1:" + std::to_string(port) + "/", {}, {}, 5s});
  CHECK(response.error == TransportError::CouldNotConnect);
  CHECK_FALSE(response.errorDetail.empty());
  CHECK(std::chrono::steady_clock::now() - started < 5s);
}

TEST_CASE("a server that accepts and never answers ends in a timeout, not a hang",
          "[api][transport]") {
  RawTcpServer silent(RawTcpServer::Behaviour::NeverAnswer);
  HttpTransport transport;
  const HttpResponse response = fetch(transport, {"GET", silent.baseUrl() + "/", {}, {}, 1500ms});
  CHECK(response.error == TransportError::Timeout);
  CHECK(silent.connectionsAccepted() == 1);
}

TEST_CASE("a server that never accepts ends in a timeout too", "[api][transport]") {
  RawTcpServer backlog(RawTcpServer::Behaviour::NeverAccept);
  HttpTransport transport;
  const HttpResponse response = fetch(transport, {"GET", backlog.baseUrl() + "/", {}, {}, 1500ms});
  CHECK(response.error == TransportError::Timeout);
}

TEST_CASE("a reply larger than the limit is refused, not buffered", "[api][transport]") {
  const std::string huge(64 * 1024, 'x');
  RawTcpServer server(RawTcpServer::Behaviour::FixedReply, RawTcpServer::httpReply("200 OK", huge));
  TransportOptions options;
  options.maxResponseBytes = 1024;
  HttpTransport transport(options);
  const HttpResponse response = fetch(transport, {"GET", server.baseUrl() + "/", {}, {}, 5s});
  CHECK(response.error == TransportError::ResponseTooLarge);
  CHECK(response.body.size() <= 1024);
}

TEST_CASE("a very slow reply is cut by the request deadline", "[api][transport]") {
  RawTcpServer server(RawTcpServer::Behaviour::SlowReply,
                      RawTcpServer::httpReply("200 OK", "<health/>"), 300ms);
  HttpTransport transport;
  const HttpResponse response = fetch(transport, {"GET", server.baseUrl() + "/", {}, {}, 1s});
  CHECK(response.error == TransportError::Timeout);
}

TEST_CASE("destroying the transport completes pending requests as cancelled, quickly",
          "[api][transport]") {
  RawTcpServer silent(RawTcpServer::Behaviour::NeverAnswer);
  Awaited<HttpResponse> done;
  const auto started = std::chrono::steady_clock::now();
  {
    HttpTransport transport;
    transport.send({"GET", silent.baseUrl() + "/", {}, {}, 60s},
                   [&done](HttpResponse response) { done.set(std::move(response)); });
    std::this_thread::sleep_for(100ms);
  }
  CHECK(std::chrono::steady_clock::now() - started < 3s);
  const auto response = done.wait(1s);
  REQUIRE(response.has_value());
  CHECK(response->error == TransportError::Cancelled);
}

TEST_CASE("a request can be cancelled by id", "[api][transport]") {
  RawTcpServer silent(RawTcpServer::Behaviour::NeverAnswer);
  HttpTransport transport;
  Awaited<HttpResponse> done;
  const RequestId id =
      transport.send({"GET", silent.baseUrl() + "/", {}, {}, 60s},
                     [&done](HttpResponse response) { done.set(std::move(response)); });
  std::this_thread::sleep_for(100ms);
  transport.cancel(id);
  const auto response = done.wait(3s);
  REQUIRE(response.has_value());
  CHECK(response->error == TransportError::Cancelled);
}

TEST_CASE("the transport can be created and destroyed many times without hanging",
          "[api][transport]") {
  RawTcpServer silent(RawTcpServer::Behaviour::NeverAnswer);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    HttpTransport transport;
    if (i % 10 == 0)
      transport.send({"GET", silent.baseUrl() + "/", {}, {}, 60s}, [](HttpResponse) {});
  }
  // A generous bound: the point is "never hangs on exit", not speed.
  CHECK(std::chrono::steady_clock::now() - started < 30s);
}

TEST_CASE("many requests in flight share the one network thread", "[api][transport]") {
  onewindow::test::TempDir dir;
  onewindow::test::CentralProcess central(dir / "central.db");
  central.start();
  HttpTransport transport;
  constexpr int kRequests = 50;
  std::mutex mutex;
  std::condition_variable allDone;
  int ok = 0;
  int finished = 0;
  for (int i = 0; i < kRequests; ++i) {
    transport.send({"GET", central.baseUrl() + "/api/v1/health", {}, {}, 10s},
                   [&](HttpResponse response) {
                     std::lock_guard lock(mutex);
                     ++finished;
                     if (response.status == 200) ++ok;
                     allDone.notify_all();
                   });
  }
  std::unique_lock lock(mutex);
  allDone.wait_for(lock, 30s, [&] { return finished == kRequests; });
  CHECK(finished == kRequests);
  CHECK(ok == kRequests);
}
