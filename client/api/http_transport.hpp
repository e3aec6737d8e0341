#pragma once
// HTTP over libcurl multi on exactly one network thread (DESIGN.md §3). Callers hand in a
// request and a completion; the completion runs on the network thread, so it must be short
// and must hand its result on (the engine posts it to its own thread). The transport never
// blocks its caller: a server that accepts the connection and never answers costs a timer,
// not a thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onewindow::api {

enum class TransportError {
  None,
  CouldNotResolve,
  CouldNotConnect,  // refused, unreachable: the server is down or the network is out
  Timeout,          // connect timeout, low-speed timeout or the request's own deadline
  Tls,              // certificate not trusted, handshake failed
  ResponseTooLarge,
  Cancelled,       // the transport shut down or the caller cancelled
  ConnectionLost,  // the connection broke after the request went out: reset, no reply, cut reply
  UploadSource,    // the file to upload could not be opened or read (a local problem)
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
  // Streamed upload instead of `body`: uploadLength bytes of uploadFile from uploadOffset. The
  // file is opened on the network thread and read in curl's upload buffer (64 KiB), never held
  // in memory whole. Method PUT, PATCH or POST.
  std::filesystem::path uploadFile;
  std::uint64_t uploadOffset = 0;
  std::uint64_t uploadLength = 0;
};

// Response header fields of the final response, names lowercased. At most kMaxHeaderFields are
// kept; a repeated name keeps its last value.
class ResponseHeaders {
 public:
  static constexpr std::size_t kMaxHeaderFields = 64;

  void clear() { fields_.clear(); }
  // Takes one raw header line as curl delivers it ("Name: value\r\n" or a status line).
  void addLine(std::string_view line);
  // The value of `name` (any case), without surrounding whitespace.
  [[nodiscard]] std::optional<std::string> find(std::string_view name) const;
  [[nodiscard]] std::size_t size() const { return fields_.size(); }

 private:
  std::map<std::string, std::string> fields_;
};

struct HttpResponse {
  TransportError error = TransportError::None;
  std::string errorDetail;  // curl's own words, for logs and "show details"
  long status = 0;
  std::string contentType;
  std::string body;
  ResponseHeaders headers;
  // Upload diagnostics: bytes handed to curl from uploadFile and the largest single read (the
  // read never exceeds curl's upload buffer, whatever the file size).
  std::uint64_t uploadedBytes = 0;
  std::size_t largestUploadRead = 0;

  [[nodiscard]] bool reachedServer() const { return error == TransportError::None; }
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    return headers.find(name);
  }
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
  // Stops the network thread; requests still in flight, and requests that completions send
  // while it stops, complete with Cancelled. Bounded: it never waits for a server.
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
