#pragma once
// HTTP over libcurl multi on exactly one network thread (DESIGN.md §3). Callers hand in a
// request and a completion; the completion runs on the network thread, so it must be short
// and must hand its result on (the engine posts it to its own thread). The transport never
// blocks its caller: a server that accepts the connection and never answers costs a timer,
// not a thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace onewindow::api {

enum class TransportError {
  None,
  CouldNotResolve,
  CouldNotConnect,  // refused, unreachable: the server is down or the network is out
  Timeout,          // connect timeout, low-speed timeout or the request's own deadline
  Tls,              // certificate not trusted, handshake failed
  ResponseTooLarge,
  Cancelled,  // the transport shut down or the caller cancelled
  Other,
};

[[nodiscard]] const char* describe(TransportError error);

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::string body;
  std::vector<std::string> headers;  // "Name: value"
  // Whole-request deadline; zero means only the transport's connect and low-speed limits.
  std::chrono::milliseconds timeout{0};
};

struct HttpResponse {
  TransportError error = TransportError::None;
  std::string errorDetail;  // curl's own words, for logs and "show details"
  long status = 0;
  std::string contentType;
  std::string body;

  [[nodiscard]] bool reachedServer() const { return error == TransportError::None; }
};

struct TransportOptions {
  std::chrono::milliseconds connectTimeout{5000};
  // Abort a transfer that moves fewer than lowSpeedBytes per second for lowSpeedTime.
  long lowSpeedBytes = 1;
  std::chrono::seconds lowSpeedTime{20};
  std::string caBundle;  // private CA file; empty = the system's trust store
  std::size_t maxResponseBytes = 16 * 1024 * 1024;
  std::string userAgent = "onewindow";
  long maxConnectionsPerHost = 4;
};

using RequestId = std::uint64_t;
using Completion = std::function<void(HttpResponse)>;

class HttpTransport {
 public:
  explicit HttpTransport(TransportOptions options = {});
  // Stops the network thread; requests still in flight complete with Cancelled. Bounded:
  // it never waits for a server.
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  RequestId send(HttpRequest request, Completion completion);
  void cancel(RequestId id);

 private:
  class Worker;
  std::unique_ptr<Worker> worker_;
};

}  // namespace onewindow::api
