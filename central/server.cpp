#include "central/server.hpp"

#include <httplib.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <sys/socket.h>

#include "central/auto_approval.hpp"
#include "central/bundle_routing.hpp"
#include "central/connection_gate.hpp"
#include "central/current_catalog.hpp"
#include "central/fault_injection.hpp"
#include "central/material_uploads.hpp"
#include "central/route_support.hpp"
#include "central/routes.hpp"
#include "central/server_log.hpp"

namespace onewindow::central {
namespace {

// httplib's default socket options set SO_REUSEPORT on Linux, which lets a second server bind
// the same port silently and share its connections. SO_REUSEADDR alone gives what we want: an
// immediate restart on the same port (sockets in TIME_WAIT do not block it), while a port that
// is really in use fails to bind.
void setListenSocketOptions(socket_t socket) {
  int yes = 1;
  setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

std::string describeBindFailure(const std::string& address, int port, int error) {
  std::string where = address + ":" + std::to_string(port);
  switch (error) {
    case EADDRINUSE:
      return "cannot listen on " + where + ": the port is already in use";
    case EADDRNOTAVAIL:
      return "cannot listen on " + where + ": the address is not one of this machine's";
    case EACCES:
      return "cannot listen on " + where + ": permission denied (ports below 1024 need privileges)";
    case 0:
      return "cannot listen on " + where + ": the address could not be resolved or bound";
    default:
      return "cannot listen on " + where + ": " + std::strerror(error);
  }
}

GateLimits gateLimits(const ServerOptions& options) {
  GateLimits limits;
  limits.idleTimeout = options.idleTimeout;
  limits.headerTimeout = options.headerTimeout;
  limits.maxHeaderBytes = options.maxHeaderBytes;
  limits.maxConnections = options.maxConnections;
  limits.workers = options.workerThreads;
  return limits;
}

std::unique_ptr<httplib::Server> makeHttpServer(const ServerOptions& options) {
  const GateLimits limits = gateLimits(options);
  if (options.tlsCertificate.empty()) return std::make_unique<GatedHttpServer>(limits);
  auto server =
      std::make_unique<httplib::SSLServer>(options.tlsCertificate.c_str(), options.tlsKey.c_str());
  if (!server->is_valid()) {
    throw ListenError("cannot serve HTTPS: the certificate " + options.tlsCertificate.string() +
                      " or the key " + options.tlsKey.string() +
                      " could not be loaded (PEM files expected)");
  }
  // HTTPS cannot go through the connection gate: httplib keeps a connection's SSL state inside
  // SSLServer's own connection handling. Here a connection still holds a pool thread for its
  // keep-alive life, bounded only by the idle timeout and a timeout per read, so a client
  // trickling its headers can hold one for long. The district deployment terminates TLS at
  // nginx, which talks plain HTTP to central through the gate (central/API.md, "Connection
  // limits"); --tls-cert is for a single centre and demos.
  server->set_keep_alive_timeout(std::max<time_t>(
      1, static_cast<time_t>(
             std::chrono::duration_cast<std::chrono::seconds>(limits.idleTimeout).count())));
  server->set_read_timeout(limits.readTimeout);
  server->set_write_timeout(limits.writeTimeout);
  const std::size_t workers = limits.workers;
  server->new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  return server;
}

}  // namespace

Server::Server(CentralStore& store, Clock clock, const ServerOptions& options)
    : tls_(!options.tlsCertificate.empty()) {
  ServerLimits limits;
  limits.maxMaterialBytes = options.maxMaterialBytes;
  limits.chunkBytes = options.chunkBytes;
  const std::filesystem::path dataDir = options.effectiveDataDirectory();
  materials_ = std::make_unique<MaterialUploads>(store, dataDir, limits);
  if (options.enableFaultInjection) faults_ = std::make_unique<FaultInjector>(options.faultSeed);
  catalog_ = std::make_unique<CurrentCatalog>(dataDir / "central-catalog");
  autoApproval_ = std::make_unique<AutoApproval>(*catalog_);
  bundleRouting_ = std::make_unique<BundleRouting>(*catalog_);
  context_ = std::make_unique<RouteContext>(
      RouteContext{store, std::move(clock), limits, *materials_, options.implementingCode,
                   faults_.get(), autoApproval_.get(), bundleRouting_.get(), catalog_.get()});
  context_->login = options.login;
  http_ = makeHttpServer(options);
  gated_ = dynamic_cast<GatedHttpServer*>(http_.get());
  maxConnections_ = options.maxConnections;
  http_->set_socket_options(setListenSocketOptions);
  // No Nagle: httplib writes a reply's headers and body separately, and the body would wait
  // for the client's delayed ACK of the headers (about 20 ms per case on loopback).
  http_->set_tcp_nodelay(true);
  installRoutes(*http_, *context_);
}

Server::~Server() = default;

int Server::bind(const std::string& address, int port) {
  // httplib does not report why a bind failed; errno is still that of the failing bind()
  // (only close() and freeaddrinfo() run after it, and they leave errno alone on success).
  errno = 0;
  int bound = port;
  if (port == 0) {
    bound = http_->bind_to_any_port(address);
    if (bound < 0) throw ListenError(describeBindFailure(address, port, errno));
  } else if (!http_->bind_to_port(address, port)) {
    throw ListenError(describeBindFailure(address, port, errno));
  }
  if (gated_ != nullptr) gated_->widenListenBacklog();
  return bound;
}

void Server::run() {
  inRun_ = true;
  // Also when starting the gate throws: stop() waits while inRun_ is set.
  struct LeaveRun {
    std::atomic<bool>& inRun;
    ~LeaveRun() { inRun = false; }
  } leaveRun{inRun_};
  if (stopRequested_) return;
  // Each connection is a descriptor, and so is each socket lingering after an error reply.
  const std::size_t openFiles = raiseOpenFileLimit();
  if (openFiles < 2 * maxConnections_ + 64) {
    logLine("warning: at most " + std::to_string(openFiles) + " open files (ulimit -n) for " +
            std::to_string(maxConnections_) + " connections; accepting may stall when full");
  }
  if (gated_ != nullptr) {
    gated_->serve();
  } else {
    http_->listen_after_bind();
  }
}

void Server::stop() {
  stopRequested_ = true;
  // httplib's stop() does nothing until listen_after_bind() has marked the server running, so
  // a stop that races with run() waits for that moment instead of being lost.
  while (inRun_) {
    if (http_->is_running()) {
      http_->stop();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace onewindow::central
