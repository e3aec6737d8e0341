#pragma once
// Test-only fault switches (central/API.md §5.3), installed only with
// --enable-fault-injection. PUT /api/v1/_test/faults replaces the set, DELETE clears it; every
// guarded endpoint asks the injector before and after handling a request.

#include <httplib.h>

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "central/login_request.hpp"

namespace onewindow::central {

enum class FaultKind { Delay, Status, Reset, CommitDrop };

struct Fault {
  std::string endpoint;  // "cases.put", ..., or "any"
  FaultKind kind = FaultKind::Delay;
  int delayMs = 0;
  int status = 503;
  int retryAfter = -1;  // seconds; -1: no Retry-After header
  int count = 0;        // how many times it fires; 0 = unlimited
  double probability = 1.0;
  int fired = 0;
};

// The endpoint names a fault may target.
[[nodiscard]] bool isFaultEndpoint(std::string_view name);

// Parses <faults><fault endpoint=".." kind=".." .../>...</faults>.
[[nodiscard]] std::variant<std::vector<Fault>, RequestProblem> parseFaults(std::string_view body);

class FaultInjector {
 public:
  explicit FaultInjector(std::uint64_t seed);

  void replace(std::vector<Fault> faults);
  void clear();
  // The faults that fire for one request to `endpoint`, in the order they were set; each
  // one returned has used up one of its `count`.
  [[nodiscard]] std::vector<Fault> fire(std::string_view endpoint);

 private:
  std::mutex mutex_;
  std::vector<Fault> faults_;
  std::mt19937_64 random_;
};

// Ends the request's TCP connection at once, without a reply (the client sees an empty reply
// or a reset). httplib gives handlers no socket, so it is found by its two addresses.
void dropConnection(const httplib::Request& request);

// Wraps a handler with the faults set for `endpoint`; returns it unchanged when `faults` is
// null (fault injection not enabled).
[[nodiscard]] httplib::Server::Handler withFaults(FaultInjector* faults, std::string endpoint,
                                                  httplib::Server::Handler handler);
[[nodiscard]] httplib::Server::HandlerWithContentReader withFaults(
    FaultInjector* faults, std::string endpoint, httplib::Server::HandlerWithContentReader handler);

// PUT and DELETE /api/v1/_test/faults.
void installFaultRoutes(httplib::Server& server, FaultInjector& faults);

}  // namespace onewindow::central
