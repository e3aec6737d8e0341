#include "client/api/protocol.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace onewindow::api {
namespace {

ApiError malformed(const HttpResponse& response, const std::string& what) {
  return ApiError{ApiErrorKind::Malformed, response.status, "client.malformed_reply",
                  "central's reply does not follow the contract: " + what};
}

// Parses a success body and checks its root element; on failure returns the error.
std::optional<ApiError> loadBody(const HttpResponse& response, pugi::xml_document& document,
                                 const char* root) {
  const pugi::xml_parse_result parsed = document.load_buffer(
      response.body.data(), response.body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return malformed(response, std::string("invalid XML (") + parsed.description() + " at byte " +
                                   std::to_string(parsed.offset) + ")");
  }
  if (!document.child(root)) return malformed(response, std::string("no <") + root + "> element");
  return std::nullopt;
}

std::string requiredText(const pugi::xml_node& parent, const char* name, std::string& missing) {
  const pugi::xml_node child = parent.child(name);
  if (!child && missing.empty()) missing = name;
  return child.text().as_string();
}

}  // namespace

std::string loginBody(const LoginRequest& request) {
  pugi::xml_document document;
  pugi::xml_node login = document.append_child("login");
  login.append_child("clerk-id").text().set(request.clerkId.c_str());
  login.append_child("password").text().set(request.password.c_str());
  login.append_child("window").text().set(request.windowCode.c_str());
  std::ostringstream out;
  document.save(out, "", pugi::format_raw);
  return out.str();
}

ApiError errorFrom(const HttpResponse& response) {
  if (!response.reachedServer()) {
    const ApiErrorKind kind =
        response.error == TransportError::Tls ? ApiErrorKind::Tls : ApiErrorKind::Unreachable;
    std::string message = describe(response.error);
    if (!response.errorDetail.empty()) message += " (" + response.errorDetail + ")";
    return ApiError{kind, 0, "", message};
  }
  const ApiErrorKind kind =
      response.status >= 500 ? ApiErrorKind::ServerError : ApiErrorKind::Rejected;
  pugi::xml_document document;
  if (document.load_buffer(response.body.data(), response.body.size())) {
    const pugi::xml_node error = document.child("error");
    if (error) {
      return ApiError{kind, response.status, error.attribute("code").as_string(),
                      error.child("message").text().as_string()};
    }
  }
  return ApiError{kind, response.status, "",
                  "central answered HTTP " + std::to_string(response.status)};
}

Result<HealthInfo> parseHealth(const HttpResponse& response) {
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = loadBody(response, document, "health")) return *error;
  const pugi::xml_node health = document.child("health");
  HealthInfo info{health.attribute("status").as_string(), health.attribute("service").as_string(),
                  health.attribute("version").as_string(), health.attribute("api").as_string(),
                  health.attribute("time").as_string()};
  if (info.status != "ok") return malformed(response, "health status is '" + info.status + "'");
  return info;
}

Result<SessionInfo> parseSession(const HttpResponse& response) {
  if (!response.reachedServer() || (response.status != 200 && response.status != 201)) {
    return errorFrom(response);
  }
  pugi::xml_document document;
  if (auto error = loadBody(response, document, "session")) return *error;
  const pugi::xml_node session = document.child("session");
  std::string missing;
  SessionInfo info;
  info.token = requiredText(session, "token", missing);
  info.clerkId = requiredText(session, "clerk-id", missing);
  info.clerkName = requiredText(session, "name", missing);
  info.role = requiredText(session, "role", missing);
  info.windowCode = requiredText(session, "window", missing);
  info.expires = requiredText(session, "expires", missing);
  if (!missing.empty()) return malformed(response, "<session> has no <" + missing + ">");
  if (info.role != "clerk" && info.role != "supervisor") {
    return malformed(response, "unknown role '" + info.role + "'");
  }
  return info;
}

}  // namespace onewindow::api
