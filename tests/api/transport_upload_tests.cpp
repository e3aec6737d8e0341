// Streamed uploads from disk, response headers, HEAD and the low-speed limit.

#include <unistd.h>

#include <atomic>
#include <mutex>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>

#include "api_test_support.hpp"
#include "client/api/http_transport.hpp"
#include "local_http_server.hpp"
#include "raw_tcp_server.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::awaitResult;

namespace {

HttpResponse fetch(HttpTransport& transport, HttpRequest request) {
  return awaitResult<HttpResponse>(
      [&](auto done) { transport.send(std::move(request), std::move(done)); }, 60s);
}

// Receives uploads chunk by chunk, as central would, and remembers what came.
struct UploadSink {
  onewindow::test::LocalHttpServer http;
  std::mutex mutex;
  std::string received;
  std::string method;
  std::string contentType;
  std::string uploadOffset;
  std::atomic<int> requests{0};

  UploadSink() {
    auto handler = [this](const httplib::Request& request, httplib::Response& response,
                          const httplib::ContentReader& reader) {
      ++requests;
      std::string body;
      reader([&body](const char* data, std::size_t length) {
        body.append(data, length);
        return true;
      });
      {
        std::lock_guard lock(mutex);
        received = std::move(body);
        method = request.method;
        contentType = request.get_header_value("Content-Type");
        uploadOffset = request.get_header_value("Upload-Offset");
      }
      response.status = 201;
      response.set_header("upload-OFFSET", std::to_string(received.size()));
      response.set_header("ETag", "\"v1\"");
    };
    http.server.Put("/upload", handler);
    http.server.Patch("/upload", handler);
    http.server.Get("/head", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_header("Upload-Offset", "4096");
    });
    http.start();
  }
};

}  // namespace

TEST_CASE("a 5 MB file is streamed from disk through a small buffer", "[api][transport]") {
  onewindow::test::TempDir dir;
  const std::string bytes = onewindow::test::randomBytes(5 * 1024 * 1024, 7);
  onewindow::test::writeFile(dir / "scan.bin", bytes);
  UploadSink sink;
  HttpTransport transport;
  HttpRequest request{
      "PUT", sink.http.baseUrl() + "/upload", {}, {"Content-Type: application/octet-stream"}, 60s};
  request.uploadFile = dir / "scan.bin";
  request.uploadLength = bytes.size();
  const HttpResponse response = fetch(transport, request);
  REQUIRE(response.error == TransportError::None);
  CHECK(response.status == 201);
  CHECK(response.uploadedBytes == bytes.size());
  // Never more than curl's upload buffer in memory at once, whatever the file size.
  CHECK(response.largestUploadRead > 0);
  CHECK(response.largestUploadRead <= 64 * 1024);
  std::lock_guard lock(sink.mutex);
  CHECK(sink.method == "PUT");
  CHECK(sink.contentType == "application/octet-stream");
  CHECK(sink.received == bytes);
}

TEST_CASE("a slice of a file goes up as a PATCH, and reply headers are readable in any case",
          "[api][transport]") {
  onewindow::test::TempDir dir;
  const std::string bytes = onewindow::test::randomBytes(300 * 1024, 8);
  onewindow::test::writeFile(dir / "scan.bin", bytes);
  UploadSink sink;
  HttpTransport transport;
  HttpRequest request{"PATCH", sink.http.baseUrl() + "/upload", {}, {"Upload-Offset: 100000"}, 30s};
  request.uploadFile = dir / "scan.bin";
  request.uploadOffset = 100000;
  request.uploadLength = 150000;
  const HttpResponse response = fetch(transport, request);
  REQUIRE(response.error == TransportError::None);
  CHECK(response.uploadedBytes == 150000);
  CHECK(response.header("Upload-Offset") == std::optional<std::string>("150000"));
  CHECK(response.header("etag") == std::optional<std::string>("\"v1\""));
  std::lock_guard lock(sink.mutex);
  CHECK(sink.method == "PATCH");
  CHECK(sink.uploadOffset == "100000");
  CHECK(sink.received == bytes.substr(100000, 150000));
}

TEST_CASE("an upload whose file cannot be opened fails clearly and sends nothing",
          "[api][transport]") {
  onewindow::test::TempDir dir;
  UploadSink sink;
  HttpTransport transport;
  HttpRequest request{"PUT", sink.http.baseUrl() + "/upload", {}, {}, 10s};
  request.uploadFile = dir / "gone.bin";
  request.uploadLength = 10;
  const HttpResponse response = fetch(transport, request);
  CHECK(response.error == TransportError::UploadSource);
  CHECK_THAT(response.errorDetail, Catch::Contains("gone.bin"));
  CHECK_THAT(response.errorDetail, Catch::Contains("No such file"));
  CHECK(sink.requests == 0);
}

TEST_CASE("a file shorter than the upload length is a clear local error, not a hang",
          "[api][transport]") {
  onewindow::test::TempDir dir;
  onewindow::test::writeFile(dir / "short.bin", std::string(1000, 'x'));
  UploadSink sink;
  HttpTransport transport;
  HttpRequest request{"PUT", sink.http.baseUrl() + "/upload", {}, {}, 10s};
  request.uploadFile = dir / "short.bin";
  request.uploadLength = 5000;
  const HttpResponse response = fetch(transport, request);
  CHECK(response.error == TransportError::UploadSource);
  CHECK_THAT(response.errorDetail, Catch::Contains("ended before"));
}

TEST_CASE("HEAD returns status and headers without a body", "[api][transport]") {
  UploadSink sink;
  HttpTransport transport;
  const HttpResponse response =
      fetch(transport, {"HEAD", sink.http.baseUrl() + "/head", {}, {}, 5s});
  REQUIRE(response.error == TransportError::None);
  CHECK(response.status == 404);
  CHECK(response.body.empty());
  CHECK(response.header("upload-offset") == std::optional<std::string>("4096"));
}

TEST_CASE("a trickling reply is cut by the low-speed limit without any request deadline",
          "[api][transport]") {
  using onewindow::test::RawTcpServer;
  RawTcpServer server(RawTcpServer::Behaviour::SlowReply,
                      RawTcpServer::httpReply("200 OK", std::string(200, 'x')), 300ms);
  TransportOptions options;
  options.lowSpeedBytes = 1000;
  options.lowSpeedTime = std::chrono::seconds(1);
  HttpTransport transport(options);
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse response = fetch(transport, {"GET", server.baseUrl() + "/", {}, {}, 0ms});
  CHECK(response.error == TransportError::Timeout);
  CHECK(std::chrono::steady_clock::now() - started < 10s);
}

TEST_CASE("the connect timeout bounds a connection that is never completed", "[api][transport]") {
  // A listener whose accept queue is full: Linux drops further SYNs, so a connect never
  // completes (no route tricks: a test machine may answer for any address).
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 0) == 0);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) {
    const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    (void)::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address);
    fillers.push_back(filler);
  }
  std::this_thread::sleep_for(100ms);

  TransportOptions options;
  options.connectTimeout = 500ms;
  HttpTransport transport(options);
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse response = fetch(
      transport,
      {"GET", "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/", {}, {}, 0ms});
  INFO(response.errorDetail);
  CHECK(response.error == TransportError::Timeout);
  CHECK(std::chrono::steady_clock::now() - started < 5s);
  for (int fd : fillers) ::close(fd);
  ::close(listener);
}
