#pragma once
// What every handler of central/API.md shares: XML and error replies, bearer-token
// authentication, the X-OneWindow-Station header, and the context handlers run in.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "central/central_store.hpp"
#include "central/login_protection.hpp"
#include "central/server_limits.hpp"
#include "central/wire_time.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace onewindow::central {

class MaterialUploads;
class FaultInjector;
class AutoApproval;
class BundleRouting;
class CurrentCatalog;

// Everything a handler needs; owned by Server and outliving the httplib server.
struct RouteContext {
  CentralStore& store;
  Clock clock;
  ServerLimits limits;
  MaterialUploads& materials;
  std::string implementingCode;
  FaultInjector* faults = nullptr;         // null unless --enable-fault-injection
  AutoApproval* autoApproval = nullptr;    // 秒批 on new cases; null: every case waits
  BundleRouting* bundleRouting = nullptr;  // 一件事 split into sub-cases; null: never split
  CurrentCatalog* catalog = nullptr;       // the rules every submitted case is checked with
  LoginProtectionSettings login;           // failed-login lockout and per-address limit
};

void replyXml(httplib::Response& response, int status, const std::string& body);
void replyError(httplib::Response& response, int status, std::string_view code,
                std::string_view message);
void replyUnauthorized(httplib::Response& response, std::string_view code,
                       std::string_view message);

// Whether the body of a small request (not a material) is within the advertised limit (§4.2);
// replies 413 request.payload_too_large when it is not.
[[nodiscard]] bool bodyWithinLimit(const RouteContext& context, const httplib::Request& request,
                                   httplib::Response& response);

struct Authenticated {
  std::string digest;
  SessionRecord session;
};

// Finds the session of the request's bearer token, or replies 401 and returns nothing.
std::optional<Authenticated> authenticate(CentralStore& store, const Clock& clock,
                                          const httplib::Request& request,
                                          httplib::Response& response);

// A station id: 1-64 characters of [A-Za-z0-9._-].
[[nodiscard]] bool isValidStationId(std::string_view text);

// For the station-scoped endpoints of §4: authenticates (401/403), then checks the
// X-OneWindow-Station header (400 request.missing_station). Returns the station id, or
// nothing after replying.
std::optional<std::string> authenticateStation(const RouteContext& context,
                                               const httplib::Request& request,
                                               httplib::Response& response);

// The same, keeping the session for endpoints that depend on who asks (the clerk's role).
struct StationSession {
  std::string station;
  SessionRecord session;
};
std::optional<StationSession> authenticateStationSession(const RouteContext& context,
                                                         const httplib::Request& request,
                                                         httplib::Response& response);

// '"' + tag + '"': an entity tag as ETag and If-None-Match carry it.
[[nodiscard]] std::string quoted(const std::string& tag);
// Whether If-None-Match names `etag` (quotes included) or is "*". It may list several tags;
// weak tags compare equal to strong ones for GET (RFC 9110 §13.1.2).
[[nodiscard]] bool matchesIfNoneMatch(const httplib::Request& request, const std::string& etag);

[[nodiscard]] std::int64_t toUnixSeconds(std::chrono::sys_seconds time);
[[nodiscard]] std::chrono::sys_seconds fromUnixSeconds(std::int64_t seconds);

}  // namespace onewindow::central
