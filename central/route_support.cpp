#include "central/route_support.hpp"

#include <httplib.h>

#include <utility>

#include "central/api_error_codes.hpp"
#include "central/session_token.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

// The token of "Authorization: Bearer <token>"; empty when absent or not a bearer header.
std::string bearerToken(const httplib::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    // The scheme name is case-insensitive (RFC 7235).
    const char c = header[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != kScheme[i]) return {};
  }
  std::string token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.erase(token.begin());
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

}  // namespace

void replyXml(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, kXmlContentType);
}

void replyError(httplib::Response& response, int status, std::string_view code,
                std::string_view message) {
  replyXml(response, status, errorBody(code, message));
}

bool bodyWithinLimit(const RouteContext& context, const httplib::Request& request,
                     httplib::Response& response) {
  if (request.body.size() <= context.limits.maxRequestBytes) return true;
  replyError(response, 413, error_code::kPayloadTooLarge,
             "the request body is larger than " + std::to_string(context.limits.maxRequestBytes) +
                 " bytes");
  return false;
}

void replyUnauthorized(httplib::Response& response, std::string_view code,
                       std::string_view message) {
  // RFC 6750: a 401 names the scheme the client should use.
  response.set_header("WWW-Authenticate", R"(Bearer realm="onewindow-central")");
  replyError(response, 401, code, message);
}

std::optional<Authenticated> authenticate(CentralStore& store, const Clock& clock,
                                          const httplib::Request& request,
                                          httplib::Response& response) {
  const std::string token = bearerToken(request);
  if (token.empty()) {
    replyUnauthorized(response, error_code::kInvalidToken,
                      "this request needs an 'Authorization: Bearer <token>' header");
    return std::nullopt;
  }
  if (looksLikeSessionToken(token)) {
    std::string digest = tokenDigest(token);
    if (std::optional<SessionRecord> session = store.findSession(digest, clock())) {
      return Authenticated{std::move(digest), std::move(*session)};
    }
  }
  replyUnauthorized(response, error_code::kInvalidToken,
                    "the session token is unknown, has ended or has expired; log in again");
  return std::nullopt;
}

bool isValidStationId(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> authenticateStation(const RouteContext& context,
                                               const httplib::Request& request,
                                               httplib::Response& response) {
  std::optional<StationSession> found = authenticateStationSession(context, request, response);
  if (!found) return std::nullopt;
  return std::move(found->station);
}

std::optional<StationSession> authenticateStationSession(const RouteContext& context,
                                                         const httplib::Request& request,
                                                         httplib::Response& response) {
  std::optional<Authenticated> auth = authenticate(context.store, context.clock, request, response);
  if (!auth) return std::nullopt;
  if (!auth->session.clerkActive) {
    replyError(response, 403, error_code::kClerkInactive,
               "clerk " + auth->session.clerkId + " was deactivated; ask a supervisor");
    return std::nullopt;
  }
  std::string station = request.get_header_value("X-OneWindow-Station");
  if (!isValidStationId(station)) {
    replyError(response, 400, error_code::kMissingStation,
               station.empty() ? "this request needs an 'X-OneWindow-Station' header"
                               : "the X-OneWindow-Station header must be 1-64 characters of "
                                 "[A-Za-z0-9._-]");
    return std::nullopt;
  }
  context.store.touchStation(station, context.clock());
  return StationSession{std::move(station), std::move(auth->session)};
}

std::string quoted(const std::string& tag) { return '"' + tag + '"'; }

bool matchesIfNoneMatch(const httplib::Request& request, const std::string& etag) {
  if (!request.has_header("If-None-Match")) return false;
  const std::string header = request.get_header_value("If-None-Match");
  if (header == "*") return true;
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string item = header.substr(start, end - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    item = first == std::string::npos ? "" : item.substr(first, last - first + 1);
    if (item.starts_with("W/")) item = item.substr(2);
    if (item == etag) return true;
    start = end + 1;
  }
  return false;
}

std::int64_t toUnixSeconds(std::chrono::sys_seconds time) {
  return time.time_since_epoch().count();
}

std::chrono::sys_seconds fromUnixSeconds(std::int64_t seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

}  // namespace onewindow::central
