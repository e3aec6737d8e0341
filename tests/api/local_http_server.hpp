#pragma once
// A tiny in-test httplib server on 127.0.0.1 (a free port) for what canned bytes cannot do:
// read a streamed upload, answer with chosen headers. Handlers are registered on `server`
// before start(); the destructor stops and joins.

#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace onewindow::test {

class LocalHttpServer {
 public:
  LocalHttpServer() = default;
  ~LocalHttpServer() { stop(); }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  void start() { start(server); }

  // Starts any httplib server (an SSLServer for the TLS tests).
  void start(httplib::Server& chosen) {
    running_ = &chosen;
    port_ = chosen.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("LocalHttpServer: cannot bind 127.0.0.1");
    thread_ = std::thread([&chosen] { chosen.listen_after_bind(); });
    // Bound and listening already: connections wait in the backlog until the loop runs.
    for (int i = 0; i < 5000 && !chosen.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  void stop() {
    if (running_ != nullptr) running_->stop();
    if (thread_.joinable()) thread_.join();
    running_ = nullptr;
  }

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string baseUrl(const char* scheme = "http") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
  }

  httplib::Server server;

 private:
  httplib::Server* running_ = nullptr;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace onewindow::test
