#include "central/routes.hpp"

#include <httplib.h>

#include <array>
#include <exception>
#include <string>
#include <utility>

#include <pugixml.hpp>

#include "central/api_error_codes.hpp"
#include "central/login_request.hpp"
#include "central/server_log.hpp"
#include "central/session_token.hpp"
#include "central/xml_reply.hpp"
#include "localdb/password_hash.hpp"
#include "onewindow/version.hpp"

namespace onewindow::central {
namespace {

constexpr const char* kHealthPath = "/api/v1/health";
constexpr const char* kSessionsPath = "/api/v1/sessions";
constexpr const char* kCurrentSessionPath = "/api/v1/sessions/current";

// Paths that exist, with the methods they take: a request for one of them with another method
// is a 405 with an Allow header, not a 404.
struct KnownPath {
  std::string_view path;
  const char* allow;
};
constexpr std::array kKnownPaths{
    KnownPath{kHealthPath, "GET, HEAD"},
    KnownPath{kSessionsPath, "POST"},
    KnownPath{kCurrentSessionPath, "GET, HEAD, DELETE"},
};

void replyXml(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, kXmlContentType);
}

void replyError(httplib::Response& response, int status, std::string_view code,
                std::string_view message) {
  replyXml(response, status, errorBody(code, message));
}

void replyUnauthorized(httplib::Response& response, std::string_view code,
                       std::string_view message) {
  // RFC 6750: a 401 names the scheme the client should use.
  response.set_header("WWW-Authenticate", R"(Bearer realm="onewindow-central")");
  replyError(response, 401, code, message);
}

std::string sessionBody(const SessionRecord& session, const std::string* token) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("session");
  if (token != nullptr) root.append_child("token").text().set(token->c_str());
  root.append_child("clerk-id").text().set(session.clerkId.c_str());
  root.append_child("name").text().set(session.name.c_str());
  root.append_child("role").text().set(session.role.c_str());
  root.append_child("window").text().set(session.windowCode.c_str());
  root.append_child("expires").text().set(formatWireTime(session.expiresAt).c_str());
  return toXmlText(document);
}

std::string healthBody(std::chrono::sys_seconds now) {
  pugi::xml_document document;
  pugi::xml_node health = document.append_child("health");
  health.append_attribute("status").set_value("ok");
  health.append_attribute("service").set_value("onewindow-central");
  health.append_attribute("version").set_value(kVersion);
  health.append_attribute("api").set_value(kApiVersion);
  health.append_attribute("time").set_value(formatWireTime(now).c_str());
  health.append_attribute("max-request-bytes").set_value(std::to_string(kMaxRequestBytes).c_str());
  return toXmlText(document);
}

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

struct Authenticated {
  std::string digest;
  SessionRecord session;
};

// Finds the session of the request's bearer token, or replies 401 and returns nothing.
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

void handleLogin(CentralStore& store, const Clock& clock, const httplib::Request& request,
                 httplib::Response& response) {
  // httplib enforces the limit on Content-Length; a chunked body is only measured here.
  if (request.body.size() > kMaxRequestBytes) {
    replyError(response, 413, error_code::kPayloadTooLarge,
               "the request body is larger than " + std::to_string(kMaxRequestBytes) + " bytes");
    return;
  }
  std::variant<LoginRequest, RequestProblem> parsed = parseLoginRequest(request.body);
  if (const auto* problem = std::get_if<RequestProblem>(&parsed)) {
    replyError(response, problem->httpStatus, problem->code, problem->message);
    return;
  }
  const LoginRequest& login = std::get<LoginRequest>(parsed);

  // Unknown id and wrong password get the same reply after the same work: no enumeration.
  const std::optional<ClerkRecord> clerk = store.findClerk(login.clerkId);
  bool passwordMatches = false;
  if (clerk) {
    passwordMatches = localdb::verifyPassword(clerk->passwordHash, login.password);
  } else {
    localdb::spendVerificationTime(login.password);
  }
  if (!passwordMatches) {
    logLine("login refused for clerk id '" + login.clerkId + "'");
    replyUnauthorized(response, error_code::kInvalidCredentials,
                      "unknown clerk id or wrong password");
    return;
  }
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (!clerk->active) {
    replyError(response, 403, error_code::kClerkInactive,
               "clerk " + clerk->clerkId + " is deactivated; ask a supervisor");
    return;
  }

  const std::chrono::sys_seconds now = clock();
  store.purgeExpiredSessions(now);
  const std::string token = newSessionToken();
  const SessionRecord session =
      store.createSession(tokenDigest(token), clerk->clerkId, login.windowCode, now);
  logLine("clerk " + session.clerkId + " logged in at window " + session.windowCode);
  response.set_header("Cache-Control", "no-store");
  response.set_header("Location", kCurrentSessionPath);
  replyXml(response, 201, sessionBody(session, &token));
}

void handleCurrentSession(CentralStore& store, const Clock& clock, const httplib::Request& request,
                          httplib::Response& response) {
  const std::optional<Authenticated> auth = authenticate(store, clock, request, response);
  if (!auth) return;
  if (!auth->session.clerkActive) {
    replyError(response, 403, error_code::kClerkInactive,
               "clerk " + auth->session.clerkId + " was deactivated; ask a supervisor");
    return;
  }
  response.set_header("Cache-Control", "no-store");
  replyXml(response, 200, sessionBody(auth->session, nullptr));
}

void handleLogout(CentralStore& store, const Clock& clock, const httplib::Request& request,
                  httplib::Response& response) {
  // A deactivated clerk may still end a session: logging out never needs permission.
  const std::optional<Authenticated> auth = authenticate(store, clock, request, response);
  if (!auth) return;
  store.deleteSession(auth->digest);
  logLine("clerk " + auth->session.clerkId + " logged out of window " + auth->session.windowCode);
  response.status = 204;
}

// Fills in XML bodies for the errors httplib produces itself (no route, body too large,
// unparsable request) and turns "path exists, method does not" into a 405.
httplib::Server::HandlerResponse describeHttpError(const httplib::Request& request,
                                                   httplib::Response& response) {
  if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  switch (response.status) {
    case 404:
      for (const KnownPath& known : kKnownPaths) {
        if (request.path == known.path) {
          response.set_header("Allow", known.allow);
          replyError(response, 405, error_code::kMethodNotAllowed,
                     request.method + " is not allowed on " + request.path +
                         " (allowed: " + known.allow + ")");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      replyError(response, 404, error_code::kNotFound,
                 "no such resource: " + request.method + " " + request.path);
      break;
    case 413:
      replyError(response, 413, error_code::kPayloadTooLarge,
                 "the request body is larger than " + std::to_string(kMaxRequestBytes) + " bytes");
      break;
    default:
      if (response.status >= 500) {
        replyError(response, response.status, error_code::kInternalError,
                   "the server failed to handle the request; see its log");
      } else {
        replyError(response, response.status, error_code::kBadRequest,
                   "the HTTP request could not be processed (status " +
                       std::to_string(response.status) + ")");
      }
      break;
  }
  return httplib::Server::HandlerResponse::Handled;
}

void describeException(const httplib::Request& request, httplib::Response& response,
                       const std::exception_ptr& failure) {
  std::string what = "unknown exception";
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& error) {
    what = error.what();
  } catch (...) {
  }
  logLine("internal error in " + request.method + " " + request.path + ": " + what);
  // Details stay in the log: they may name files and SQL, which clients have no use for.
  replyError(response, 500, error_code::kInternalError,
             "the server failed to handle the request; see its log");
}

void logRequest(const httplib::Request& request, const httplib::Response& response) {
  // Every workstation polls health every 2 s: logging those would drown everything else.
  if (request.path == kHealthPath && response.status == 200) return;
  logLine(request.method + " " + request.path + " -> " + std::to_string(response.status) + " (" +
          request.remote_addr + ")");
}

}  // namespace

void installRoutes(httplib::Server& server, CentralStore& store, Clock clock) {
  server.Get(kHealthPath, [clock](const httplib::Request&, httplib::Response& response) {
    replyXml(response, 200, healthBody(clock()));
  });
  server.Post(kSessionsPath,
              [&store, clock](const httplib::Request& request, httplib::Response& response) {
                handleLogin(store, clock, request, response);
              });
  server.Get(kCurrentSessionPath,
             [&store, clock](const httplib::Request& request, httplib::Response& response) {
               handleCurrentSession(store, clock, request, response);
             });
  server.Delete(kCurrentSessionPath,
                [&store, clock](const httplib::Request& request, httplib::Response& response) {
                  handleLogout(store, clock, request, response);
                });
  // Explicit type: a function returning HandlerResponse also fits the void Handler overload.
  server.set_error_handler(httplib::Server::HandlerWithResponse(describeHttpError));
  server.set_exception_handler(describeException);
  server.set_logger(logRequest);
  server.set_payload_max_length(kMaxRequestBytes);
}

}  // namespace onewindow::central
