#pragma once
// A misbehaving server on 127.0.0.1 for transport and connectivity tests: it can accept and
// never answer, answer with fixed bytes (malformed, truncated, oversized), or answer slowly.
// Only ever listens on loopback. Stops and joins its thread in the destructor.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace onewindow::test {

class RawTcpServer {
 public:
  enum class Behaviour {
    NeverAnswer,  // accept, read, send nothing, keep the connection open
    NeverAccept,  // listen but never accept(): connections wait in the backlog
    FixedReply,   // send `reply` after reading the request, then close
    SlowReply,    // send `reply` one byte per `slowDelay`
  };

  explicit RawTcpServer(Behaviour behaviour, std::string reply = {},
                        std::chrono::milliseconds slowDelay = std::chrono::milliseconds(200));
  ~RawTcpServer();
  RawTcpServer(const RawTcpServer&) = delete;
  RawTcpServer& operator=(const RawTcpServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] int connectionsAccepted() const { return accepted_; }

  // An HTTP/1.1 reply with the given status line, content type and body.
  [[nodiscard]] static std::string httpReply(const std::string& statusLine, const std::string& body,
                                             const std::string& contentType = "application/xml");

 private:
  void run();
  void serve(int connection);

  Behaviour behaviour_;
  std::string reply_;
  std::chrono::milliseconds slowDelay_;
  int listenFd_ = -1;
  int wakeFd_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stopping_{false};
  std::vector<int> open_;
  std::thread thread_;
};

}  // namespace onewindow::test
