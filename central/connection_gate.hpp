#pragma once
// Slow or idle clients must never hold the server's workers (DESIGN.md §6, issue 15).
//
// httplib gives every accepted connection a pool thread for its whole keep-alive life, so a
// handful of idle connections (or clients trickling their headers) stalls everyone else. The
// gate owns every client socket in one epoll thread instead, buffering what arrives, and hands
// a connection to a fixed worker pool only once a whole request head is in its buffer. The
// worker runs httplib's own request processing (routing, handlers, replies) once on a stream
// that serves the buffered bytes first, then gives the connection back to the gate.
//
// Bounds: an idle connection is closed after `idleTimeout`; a request head must be complete
// within `headerTimeout` of its first byte (else 408) and within `maxHeaderBytes` (else 431);
// beyond `maxConnections` a new connection is answered 503 with Retry-After at once instead
// of waiting. Bodies are still read by the worker, with a timeout per read: the district
// deployment puts nginx in front, which buffers request bodies, so a slow body never reaches
// central there (DESIGN.md §6).

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace onewindow::central {

struct GateLimits {
  std::chrono::milliseconds idleTimeout{5000};     // between requests, and before the first
  std::chrono::milliseconds headerTimeout{10000};  // from a request's first byte to its "\r\n\r\n"
  std::size_t maxHeaderBytes = 32 * 1024;          // request line and headers together
  std::size_t maxConnections = 1000;               // open at once; more are answered 503
  std::size_t workers = 8;                         // threads running requests
  std::size_t maxRequestsPerConnection = 5;        // then Connection: close (httplib's default)
  std::chrono::milliseconds readTimeout{5000};     // per read of a body, in a worker
  std::chrono::milliseconds writeTimeout{5000};    // per write of a reply, in a worker
  // After a 408, 431 or 503 the server stops writing and reads (and drops) what the client
  // still sends for this long before closing: closing with unread bytes would send a reset,
  // which can destroy the error reply before the client has read it.
  std::chrono::milliseconds lingerTime{2000};
  int retryAfterSeconds = 1;  // of the 503 when full
};

class ConnectionGate {
 public:
  // Runs one request whose head is complete at the start of `stream` and writes its reply;
  // `lastRequest` asks for "Connection: close". Returns whether the connection may carry
  // another request. Runs on a worker thread.
  using RequestRunner = std::function<bool(httplib::Stream& stream, bool lastRequest)>;

  ConnectionGate(GateLimits limits, RequestRunner runner);
  // Stops (see stop()).
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // Starts the epoll thread and the workers. Throws std::system_error when the kernel refuses
  // an epoll instance or an eventfd.
  void start();
  // Takes ownership of an accepted socket; from any thread, never blocks. A socket adopted
  // before start() or after stop() is closed at once.
  void adopt(int socket);
  // Finishes the requests workers are running (and those whose heads are complete), closes
  // every connection and joins every thread. Idempotent; the gate cannot start again.
  void stop();

  // Connections counted against maxConnections (not those lingering after an error reply).
  [[nodiscard]] std::size_t openConnections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// An httplib::Server whose accepted sockets go to a ConnectionGate instead of httplib's thread
// pool. Routes, handlers and settings are httplib's as usual; only the connection handling
// differs. TLS cannot use it (httplib keeps the SSL state of a connection inside
// SSLServer::process_and_close_socket), see server.cpp.
class GatedHttpServer : public httplib::Server {
 public:
  explicit GatedHttpServer(GateLimits limits);
  ~GatedHttpServer() override;

  // After bind_to_port()/bind_to_any_port(): httplib listens with a backlog of 5, which drops
  // the SYNs of a burst of connections (each retried only after a second); the gate accepts
  // up to maxConnections, so the kernel may queue that many.
  void widenListenBacklog();
  // Starts the gate, accepts until stop(), then stops the gate: every connection is closed
  // and every thread joined when it returns.
  bool serve();

  [[nodiscard]] std::size_t openConnections() const { return gate_.openConnections(); }

 private:
  // httplib's accept loop calls this through the vtable for each accepted socket (it is
  // private in httplib::Server; overriding a private virtual is allowed). It only hands the
  // socket to the gate, so the accept thread never waits on a client.
  bool process_and_close_socket(socket_t sock) override;

  std::size_t backlog_;
  ConnectionGate gate_;
};

// Raises the soft limit of open files to the hard limit (each connection is a descriptor; the
// usual soft limit of 1024 is too few for maxConnections plus lingering ones). Returns the
// soft limit in force afterwards.
std::size_t raiseOpenFileLimit();

}  // namespace onewindow::central
