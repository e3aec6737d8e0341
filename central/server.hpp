#pragma once
// The reference server's HTTP side: owns the httplib::Server, binds, runs until stopped.
// Binding and running are separate steps so main() can announce the port between them, and
// a signal that arrives at any moment (even before run()) still stops the server.

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

#include "central/central_store.hpp"
#include "central/wire_time.hpp"

namespace httplib {
class Server;
}

namespace onewindow::central {

class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Server {
 public:
  // `store` must outlive the server.
  Server(CentralStore& store, Clock clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts listening; port 0 picks a free port. Returns the bound port. Throws
  // ListenError with a message that says why (port in use, address not local, ...).
  int bind(const std::string& address, int port);
  // Serves requests until stop(); returns at once if stop() came first.
  void run();
  // Safe from any thread and at any time, also before run() or twice.
  void stop();

 private:
  std::unique_ptr<httplib::Server> http_;
  std::atomic<bool> stopRequested_{false};
  std::atomic<bool> inRun_{false};
};

}  // namespace onewindow::central
