#pragma once
// The reference server's HTTP side: owns the httplib::Server, binds, runs until stopped.
// Binding and running are separate steps so main() can announce the port between them, and
// a signal that arrives at any moment (even before run()) still stops the server.

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "central/central_store.hpp"
#include "central/options.hpp"
#include "central/wire_time.hpp"

namespace httplib {
class Server;
}

namespace onewindow::central {

class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class MaterialUploads;
class FaultInjector;
class GatedHttpServer;
class AutoApproval;
class BundleRouting;
class CurrentCatalog;
struct RouteContext;

class Server {
 public:
  // `store` must outlive the server. Uses of `options`: limits, implementing code, fault
  // injection, TLS (a certificate that cannot be loaded throws ListenError); materials are
  // kept beside the database file.
  Server(CentralStore& store, Clock clock, const ServerOptions& options);
  Server(CentralStore& store, Clock clock) : Server(store, std::move(clock), ServerOptions{}) {}
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

  [[nodiscard]] bool usesTls() const { return tls_; }

 private:
  bool tls_ = false;
  std::unique_ptr<MaterialUploads> materials_;
  std::unique_ptr<FaultInjector> faults_;
  std::unique_ptr<CurrentCatalog> catalog_;
  std::unique_ptr<AutoApproval> autoApproval_;
  std::unique_ptr<BundleRouting> bundleRouting_;
  std::unique_ptr<RouteContext> context_;
  std::unique_ptr<httplib::Server> http_;
  GatedHttpServer* gated_ = nullptr;  // http_, unless it serves TLS (connection_gate.hpp)
  std::size_t maxConnections_ = 0;
  std::atomic<bool> stopRequested_{false};
  std::atomic<bool> inRun_{false};
};

}  // namespace onewindow::central
