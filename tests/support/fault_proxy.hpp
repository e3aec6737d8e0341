#pragma once
// A TCP fault proxy for network-failure tests (DESIGN.md §11): listens on 127.0.0.1 (port 0 =
// a free port) and forwards each connection to 127.0.0.1:<targetPort>, breaking it on demand.
//
// Faults apply to one request/reply *exchange* of a connection. The proxy does not parse HTTP:
// an exchange starts when the client sends after the server has sent (curl never pipelines),
// so with keep-alive the second request on a connection is exchange 1.
//
//   Pass       forward both ways
//   Reset      bytes == 0: forward the request, and when the reply starts, reset the client
//              (SO_LINGER 0, an RST) instead of forwarding it — the server has processed the
//              request. bytes > 0: reset after forwarding that many request bytes of the
//              exchange (an upload cut in the middle of its body).
//   Stall      forward the request, hold the reply for `stall` (0 = until the client gives up),
//              then pass it on
//   Truncate   forward only the first `bytes` bytes of the reply, then close both sides
//   DropReply  forward the request (the server commits), then close the client connection
//              cleanly without any reply. bytes > 0: the fault waits, from its exchange on,
//              for the first request of at least that many bytes (a document upload, whatever
//              interim replies such as "100 Continue" came before it); smaller ones pass
//
// Plans can be changed at any time from any thread; a connection takes its plan when it is
// accepted (queued plans first, one per connection, then the default). Mixed mode draws a
// fault per exchange from a seeded generator instead. Only ever binds and connects to
// 127.0.0.1. The destructor closes every socket and joins every thread promptly.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>

namespace onewindow::test {

enum class Fault { Pass, Reset, Stall, Truncate, DropReply };
inline constexpr std::size_t kFaultKinds = 5;

struct FaultPlan {
  Fault fault = Fault::Pass;
  int exchange = 0;       // the exchange of the connection that gets the fault (0 = first)
  std::size_t bytes = 0;  // Truncate: reply bytes let through; Reset: request bytes (0 = all);
                          // DropReply: the smallest request it applies to (0 = any)
  std::chrono::milliseconds stall{0};  // Stall: how long; 0 = forever
};

// Per exchange, each fault with its probability (the rest pass). Deterministic for a seed and
// the order in which exchanges start.
struct MixedFaults {
  double reset = 0;
  double stall = 0;
  double truncate = 0;
  double dropReply = 0;
  std::uint32_t seed = 1;
  std::size_t truncateBytes = 12;
  std::chrono::milliseconds stallFor{0};  // 0 = forever
};

class FaultProxy {
 public:
  static constexpr int kMaxConnections = 64;  // further connections are closed at once

  explicit FaultProxy(int targetPort);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // The plan of every connection accepted from now on (ends mixed mode). Default: Pass.
  void setPlan(FaultPlan plan);
  // Plans for the next connections, one each, before the default plan applies again.
  void queuePlan(FaultPlan plan);
  void setMixed(MixedFaults mixed);
  // The fault for the `fromNow`-th exchange through the proxy from now on (0 = the next one),
  // whatever connection carries it: for clients that open and reuse connections as they like.
  // Takes precedence over the connection's plan for that one exchange.
  void armExchange(int fromNow, FaultPlan plan);
  // Back to Pass for everything; clears queued and armed plans and mixed mode.
  void passAll();

  [[nodiscard]] int connections() const { return connections_; }
  [[nodiscard]] int exchanges() const { return exchanges_; }
  [[nodiscard]] int faultsApplied() const;
  [[nodiscard]] int faultsApplied(Fault fault) const {
    return faults_[static_cast<std::size_t>(fault)];
  }

 private:
  struct Connection {
    std::thread thread;
    std::atomic<bool> finished{false};
  };
  struct Decision {
    std::optional<FaultPlan> fixed;  // nullopt: mixed mode draws per exchange
  };

  void acceptLoop();
  void serve(int client, Decision decision);
  [[nodiscard]] Decision takeDecision();
  [[nodiscard]] FaultPlan drawMixed();
  // Starts an exchange: its global index, and the armed plan if it is this one.
  [[nodiscard]] std::optional<FaultPlan> startExchange();
  void reapFinished();
  void countFault(Fault fault) { ++faults_[static_cast<std::size_t>(fault)]; }

  int targetPort_;
  int listenFd_ = -1;
  int wakeFd_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> exchanges_{0};
  std::array<std::atomic<int>, kFaultKinds> faults_{};

  mutable std::mutex mutex_;
  FaultPlan defaultPlan_;
  std::deque<FaultPlan> queued_;
  std::optional<MixedFaults> mixed_;
  std::optional<std::pair<int, FaultPlan>> armed_;  // (global exchange index, plan)
  std::mt19937 random_;

  std::list<Connection> live_;  // accept thread only (and the destructor after joining it)
  std::thread acceptThread_;
};

}  // namespace onewindow::test
