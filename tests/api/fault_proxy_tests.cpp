// The fault proxy itself: each fault as an HttpTransport request sees it.

#include <atomic>

#include <catch2/catch.hpp>

#include "api_test_support.hpp"
#include "fault_proxy.hpp"
#include "local_http_server.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::Awaited;
using onewindow::test::awaitResult;
using onewindow::test::Fault;
using onewindow::test::FaultPlan;
using onewindow::test::FaultProxy;

namespace {

// A server that counts the requests it has handled: a request it counted was committed.
struct CountingServer {
  onewindow::test::LocalHttpServer http;
  std::atomic<int> handled{0};

  CountingServer() {
    http.server.Get("/ok", [this](const httplib::Request&, httplib::Response& response) {
      ++handled;
      response.set_content("<ok>" + std::string(2000, 'x') + "</ok>", "application/xml");
    });
    http.server.Post("/upload", [this](const httplib::Request&, httplib::Response& response) {
      ++handled;
      response.set_content("<stored/>", "application/xml");
    });
    http.start();
  }
};

HttpResponse fetch(HttpTransport& transport, const std::string& url,
                   std::chrono::milliseconds timeout = 10s) {
  return awaitResult<HttpResponse>([&](auto done) {
    transport.send({"GET", url, {}, {}, timeout}, std::move(done));
  });
}

}  // namespace

TEST_CASE("Pass forwards both ways", "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  HttpTransport transport;
  const HttpResponse response = fetch(transport, proxy.baseUrl() + "/ok");
  CHECK(response.status == 200);
  CHECK(response.body.size() == 2009);
  CHECK(proxy.connections() == 1);
  CHECK(proxy.faultsApplied() == 0);
}

TEST_CASE("Reset: the server handled the request, the client sees a reset", "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  proxy.setPlan({Fault::Reset, 0, 0, {}});
  HttpTransport transport;
  const HttpResponse response = fetch(transport, proxy.baseUrl() + "/ok");
  CHECK(response.error == TransportError::ConnectionLost);
  CHECK(server.handled == 1);
  CHECK(proxy.faultsApplied(Fault::Reset) == 1);
}

TEST_CASE("DropReply: the server commits, the client gets nothing", "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  proxy.setPlan({Fault::DropReply, 0, 0, {}});
  HttpTransport transport;
  const HttpResponse response = fetch(transport, proxy.baseUrl() + "/ok");
  CHECK(response.error == TransportError::ConnectionLost);
  CHECK(server.handled == 1);
  CHECK(proxy.faultsApplied(Fault::DropReply) == 1);
}

TEST_CASE("DropReply with bytes waits for a request that large, smaller ones pass",
          "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  proxy.setPlan({Fault::DropReply, 0, 5000, {}});
  // One kept-alive connection and no retries: exchange 0 is small, exchange 1 carries 10 KB.
  httplib::Client client("127.0.0.1", proxy.port());
  client.set_keep_alive(true);
  const httplib::Result small = client.Get("/ok");
  REQUIRE(small);
  CHECK(small->status == 200);
  CHECK(proxy.faultsApplied() == 0);
  const httplib::Result large = client.Post("/upload", std::string(10000, 'y'), "text/plain");
  CHECK_FALSE(large);
  CHECK(server.handled == 2);  // committed, but the client heard nothing
  CHECK(proxy.faultsApplied(Fault::DropReply) == 1);
  CHECK(proxy.connections() == 1);
}

TEST_CASE("Truncate: only the first bytes of the reply arrive", "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  SECTION("inside the headers") { proxy.setPlan({Fault::Truncate, 0, 10, {}}); }
  SECTION("inside the body") { proxy.setPlan({Fault::Truncate, 0, 300, {}}); }
  HttpTransport transport;
  const HttpResponse response = fetch(transport, proxy.baseUrl() + "/ok");
  CHECK(response.error == TransportError::ConnectionLost);
  CHECK(proxy.faultsApplied(Fault::Truncate) == 1);
}

TEST_CASE("Stall: forever ends in the client's timeout and for a while only delays",
          "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  HttpTransport transport;
  proxy.queuePlan({Fault::Stall, 0, 0, 0ms});
  const HttpResponse stuck = fetch(transport, proxy.baseUrl() + "/ok", 1s);
  CHECK(stuck.error == TransportError::Timeout);

  proxy.queuePlan({Fault::Stall, 0, 0, 400ms});
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse late = fetch(transport, proxy.baseUrl() + "/ok", 10s);
  CHECK(late.status == 200);
  CHECK(std::chrono::steady_clock::now() - started >= 400ms);
  CHECK(proxy.faultsApplied(Fault::Stall) == 2);
}

TEST_CASE("a fault can target a later exchange on a kept-alive connection", "[api][fault_proxy]") {
  CountingServer server;
  FaultProxy proxy(server.http.port());
  proxy.queuePlan({Fault::Truncate, 1, 50, {}});
  HttpTransport transport;
  CHECK(fetch(transport, proxy.baseUrl() + "/ok").status == 200);
  CHECK(fetch(transport, proxy.baseUrl() + "/ok").error == TransportError::ConnectionLost);
  CHECK(fetch(transport, proxy.baseUrl() + "/ok").status == 200);  // queued plans are used up
  CHECK(proxy.connections() == 2);
  CHECK(proxy.exchanges() == 3);
}

TEST_CASE("mixed faults are reproducible from their seed", "[api][fault_proxy]") {
  CountingServer server;
  auto run = [&server] {
    FaultProxy proxy(server.http.port());
    proxy.setMixed({0.2, 0.0, 0.2, 0.2, 42, 40, {}});
    HttpTransport transport;
    std::vector<TransportError> outcomes;
    for (int i = 0; i < 30; ++i)
      outcomes.push_back(fetch(transport, proxy.baseUrl() + "/ok").error);
    CHECK(proxy.faultsApplied() > 0);
    CHECK(proxy.faultsApplied() <= proxy.exchanges());
    return outcomes;
  };
  const auto first = run();
  const auto second = run();
  CHECK(first == second);
  CHECK(std::count(first.begin(), first.end(), TransportError::None) > 0);
  CHECK(std::count(first.begin(), first.end(), TransportError::ConnectionLost) > 0);
}

TEST_CASE("the proxy stops promptly with connections stalled in flight", "[api][fault_proxy]") {
  CountingServer server;
  HttpTransport transport;
  Awaited<HttpResponse> done;
  const auto started = std::chrono::steady_clock::now();
  {
    FaultProxy proxy(server.http.port());
    proxy.setPlan({Fault::Stall, 0, 0, 0ms});
    transport.send({"GET", proxy.baseUrl() + "/ok", {}, {}, 30s},
                   [&done](HttpResponse response) { done.set(std::move(response)); });
    std::this_thread::sleep_for(300ms);
  }
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  const auto response = done.wait(5s);
  REQUIRE(response.has_value());
  CHECK_FALSE(response->reachedServer());
}

TEST_CASE("a proxy to a closed port looks like a refused server", "[api][fault_proxy]") {
  int closedPort = 0;
  {
    CountingServer gone;
    closedPort = gone.http.port();
  }
  FaultProxy proxy(closedPort);
  HttpTransport transport;
  const HttpResponse response = fetch(transport, proxy.baseUrl() + "/ok");
  CHECK_FALSE(response.reachedServer());
}
