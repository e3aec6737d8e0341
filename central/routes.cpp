#include "central/routes.hpp"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
#include <string>
#include <utility>

#include <pugixml.hpp>

#include "central/api_error_codes.hpp"
#include "central/case_routes.hpp"
#include "central/catalog_routes.hpp"
#include "central/centre_routes.hpp"
#include "central/fault_injection.hpp"
#include "central/feed_routes.hpp"
#include "central/login_protection.hpp"
#include "central/login_request.hpp"
#include "central/materials_routes.hpp"
#include "central/route_support.hpp"
#include "central/server_log.hpp"
#include "central/session_token.hpp"
#include "central/supervision_routes.hpp"
#include "central/verification_page.hpp"
#include "central/xml_reply.hpp"
#include "localdb/password_hash.hpp"
#include "onewindow/version.hpp"

namespace onewindow::central {
namespace {

constexpr const char* kHealthPath = "/api/v1/health";
constexpr const char* kSessionsPath = "/api/v1/sessions";
constexpr const char* kCurrentSessionPath = "/api/v1/sessions/current";
constexpr std::string_view kMaterialsPrefix = "/api/v1/materials/";
constexpr std::string_view kCasesPrefix = "/api/v1/cases/";

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
    KnownPath{kLimitsPath, "GET, HEAD"},
    KnownPath{kChangesPath, "GET, HEAD"},
    KnownPath{kRatingsPath, "POST"},
    KnownPath{kCatalogPath, "GET, HEAD"},
    KnownPath{kCentreCasesPath, "GET, HEAD"},
};
// Paths with an id after the prefix.
constexpr std::array kKnownPrefixes{
    KnownPath{kMaterialsPrefix, "HEAD, PUT, PATCH"},
    KnownPath{kCasesPrefix, "GET, HEAD, PUT"},
    KnownPath{kCatalogFilesPrefix, "GET, HEAD"},
    KnownPath{kVerificationPrefix, "GET, HEAD"},
};

// /api/v1/centre/cases/{uuid}/supervision (§4.13): the one path with an id in its middle.
bool isSupervisionPath(std::string_view path) {
  constexpr std::string_view kPrefix = "/api/v1/centre/cases/";
  constexpr std::string_view kSuffix = "/supervision";
  return path.starts_with(kPrefix) && path.ends_with(kSuffix) &&
         path.size() >= kPrefix.size() + kSuffix.size() &&
         path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size()).find('/') ==
             std::string_view::npos;
}

const char* allowedMethods(const std::string& path) {
  if (isSupervisionPath(path)) return "POST";
  for (const KnownPath& known : kKnownPaths) {
    if (path == known.path) return known.allow;
  }
  for (const KnownPath& known : kKnownPrefixes) {
    if (path.starts_with(known.path) && path.size() > known.path.size() &&
        path.find('/', known.path.size()) == std::string::npos) {
      return known.allow;
    }
  }
  return nullptr;
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

std::string healthBody(std::chrono::sys_seconds now, std::size_t maxRequestBytes) {
  pugi::xml_document document;
  pugi::xml_node health = document.append_child("health");
  health.append_attribute("status").set_value("ok");
  health.append_attribute("service").set_value("onewindow-central");
  health.append_attribute("version").set_value(kVersion);
  health.append_attribute("api").set_value(kApiVersion);
  health.append_attribute("time").set_value(formatWireTime(now).c_str());
  health.append_attribute("max-request-bytes").set_value(std::to_string(maxRequestBytes).c_str());
  return toXmlText(document);
}

void handleLogin(CentralStore& store, LoginProtection& protection, const Clock& clock,
                 const httplib::Request& request, httplib::Response& response) {
  // httplib only enforces the (larger) material limit; XML bodies are measured here.
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

  // Failed-login protection (central/login_protection.hpp), before any password work: the
  // address's budget first (memory only, so a flood costs no database work), then the id's lock.
  const std::string address = protection.addressOf(request);
  const std::chrono::seconds wait =
      protection.addresses().takeAttempt(address, std::chrono::steady_clock::now());
  if (wait.count() > 0) {
    logLine("login throttled for address " + address + " (" + std::to_string(wait.count()) + " s)");
    replyTooManyAttempts(response, wait);
    return;
  }
  const std::chrono::sys_seconds attemptAt = clock();
  const ClerkLockout::Standing standing = protection.clerks().standing(login.clerkId, attemptAt);
  if (standing.lockedUntil) {
    logLine("login refused for locked clerk id '" + login.clerkId + "' from " + address);
    replyClerkLocked(response, *standing.lockedUntil, attemptAt);
    return;
  }

  // Unknown id and wrong password get the same reply after the same work: no enumeration.
  // Both count towards the id's lock, so the lock does not tell either.
  const std::optional<ClerkRecord> clerk = store.findClerk(login.clerkId);
  bool passwordMatches = false;
  if (clerk) {
    passwordMatches = localdb::verifyPassword(clerk->passwordHash, login.password);
  } else {
    localdb::spendVerificationTime(login.password);
  }
  if (!passwordMatches) {
    logLine("login refused for clerk id '" + login.clerkId + "' from " + address);
    if (const auto lockedUntil = protection.clerks().recordFailure(login.clerkId, attemptAt)) {
      replyClerkLocked(response, *lockedUntil, attemptAt);
      return;
    }
    replyUnauthorized(response, error_code::kInvalidCredentials,
                      "unknown clerk id or wrong password");
    return;
  }
  // Only failed logins count against the address; a right password starts the id's series over.
  protection.addresses().giveBack(address, std::chrono::steady_clock::now());
  if (standing.hasFailures) protection.clerks().forgetFailures(login.clerkId);
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
      if (const char* allow = allowedMethods(request.path)) {
        response.set_header("Allow", allow);
        replyError(
            response, 405, error_code::kMethodNotAllowed,
            request.method + " is not allowed on " + request.path + " (allowed: " + allow + ")");
        return httplib::Server::HandlerResponse::Handled;
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

void installRoutes(httplib::Server& server, RouteContext& context) {
  CentralStore& store = context.store;
  const Clock clock = context.clock;
  server.Get(kHealthPath, withFaults(context.faults, "health",
                                     [clock](const httplib::Request&, httplib::Response& response) {
                                       replyXml(response, 200,
                                                healthBody(clock(), kMaxRequestBytes));
                                     }));
  // Owned by the handler: it lives as long as the route that uses it.
  auto loginProtection = std::make_shared<LoginProtection>(store, context.login);
  server.Post(kSessionsPath, [&store, loginProtection, clock](const httplib::Request& request,
                                                              httplib::Response& response) {
    handleLogin(store, *loginProtection, clock, request, response);
  });
  server.Get(kCurrentSessionPath,
             [&store, clock](const httplib::Request& request, httplib::Response& response) {
               handleCurrentSession(store, clock, request, response);
             });
  server.Delete(kCurrentSessionPath,
                [&store, clock](const httplib::Request& request, httplib::Response& response) {
                  handleLogout(store, clock, request, response);
                });
  installFeedRoutes(server, context);
  installCatalogRoutes(server, context);
  installMaterialRoutes(server, context);
  installCaseRoutes(server, context);
  installCentreRoutes(server, context);
  installSupervisionRoutes(server, context);
  installVerificationRoutes(server, context);
  if (context.faults != nullptr) installFaultRoutes(server, *context.faults);
  // Explicit type: a function returning HandlerResponse also fits the void Handler overload.
  server.set_error_handler(httplib::Server::HandlerWithResponse(describeHttpError));
  server.set_exception_handler(describeException);
  server.set_logger(logRequest);
  // httplib reads (and skips) bodies up to this; XML handlers check max-request-bytes
  // themselves. A refusal before reading would leave the body on a kept-alive connection.
  server.set_payload_max_length(
      std::max(context.limits.maxRequestBytes, context.limits.maxMaterialBytes));
}

}  // namespace onewindow::central
