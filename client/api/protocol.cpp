#include "client/api/protocol.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

#include "client/api/case_document.hpp"
#include "client/api/protocol_support.hpp"

namespace onewindow::api {
namespace detail {

std::optional<ApiError> loadBody(const HttpResponse& response, pugi::xml_document& document,
                                 const char* root) {
  const pugi::xml_parse_result parsed = document.load_buffer(
      response.body.data(), response.body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return malformedReply(response, std::string("invalid XML (") + parsed.description() +
                                        " at byte " + std::to_string(parsed.offset) + ")");
  }
  if (!document.child(root)) {
    return malformedReply(response, std::string("no <") + root + "> element");
  }
  return std::nullopt;
}

std::optional<std::uint64_t> parseUnsigned(const std::string& text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string requiredAttribute(const pugi::xml_node& node, const char* name, std::string& missing) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute && missing.empty()) missing = name;
  return attribute.as_string();
}

std::string serialise(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "", pugi::format_raw);
  return out.str();
}

}  // namespace detail

namespace {

std::string requiredText(const pugi::xml_node& parent, const char* name, std::string& missing) {
  const pugi::xml_node child = parent.child(name);
  if (!child && missing.empty()) missing = name;
  return child.text().as_string();
}

std::optional<std::chrono::seconds> retryAfterFrom(const HttpResponse& response) {
  // Only the delta-seconds form: central sends it (API.md §4.10); an HTTP date is ignored.
  const auto value = response.header("Retry-After");
  if (!value) return std::nullopt;
  const auto seconds = detail::parseUnsigned(*value);
  if (!seconds) return std::nullopt;
  return std::chrono::seconds(static_cast<std::int64_t>(std::min<std::uint64_t>(*seconds, 86400)));
}

bool isLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

ApiError malformedReply(const HttpResponse& response, const std::string& what) {
  return ApiError{ApiErrorKind::Malformed, response.status, "client.malformed_reply",
                  "central's reply does not follow the contract: " + what};
}

bool isSha256Name(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!isLowerHex(c)) return false;
  }
  return true;
}

std::vector<std::string> sha256ValuesIn(const std::string& text) {
  std::vector<std::string> values;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isLowerHex(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && isLowerHex(text[end])) ++end;
    const bool delimited =
        (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) &&
        (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
    if (end - i == 64 && delimited) values.push_back(text.substr(i, 64));
    i = end + 1;
  }
  return values;
}

std::string loginBody(const LoginRequest& request) {
  pugi::xml_document document;
  pugi::xml_node login = document.append_child("login");
  login.append_child("clerk-id").text().set(request.clerkId.c_str());
  login.append_child("password").text().set(request.password.c_str());
  login.append_child("window").text().set(request.windowCode.c_str());
  return detail::serialise(document);
}

ApiError errorFrom(const HttpResponse& response) {
  if (!response.reachedServer()) {
    std::string message = describe(response.error);
    if (!response.errorDetail.empty()) message += " (" + response.errorDetail + ")";
    ApiError error{ApiErrorKind::Unreachable, 0, "", message};
    error.transport = response.error;
    if (response.error == TransportError::Tls) {
      error.kind = ApiErrorKind::Tls;
      error.code = "client.tls_untrusted";
    } else if (response.error == TransportError::ResponseTooLarge) {
      // Central answered, but with more than any reply of the contract can be.
      error.kind = ApiErrorKind::Malformed;
      error.code = "client.reply_too_large";
    } else if (response.error == TransportError::UploadSource) {
      error.kind = ApiErrorKind::Rejected;  // refused here, before it left
      error.code = "client.upload_source";
    }
    return error;
  }
  const ApiErrorKind kind =
      response.status >= 500 ? ApiErrorKind::ServerError : ApiErrorKind::Rejected;
  ApiError error{kind, response.status, "",
                 "central answered HTTP " + std::to_string(response.status)};
  pugi::xml_document document;
  if (!response.body.empty() && document.load_buffer(response.body.data(), response.body.size())) {
    const pugi::xml_node node = document.child("error");
    if (node) {
      error.code = node.attribute("code").as_string();
      error.message = node.child("message").text().as_string();
      error.lockedUntil = isoFromWireTime(node.attribute("locked-until").as_string()).value_or("");
    }
  }
  if (response.status < 400) {
    // A status the call does not expect (a 3xx, a 204 where a body is due) breaks the contract.
    error.kind = ApiErrorKind::Malformed;
    error.code = "client.malformed_reply";
    error.message = "central's reply does not follow the contract: unexpected HTTP " +
                    std::to_string(response.status);
  }
  error.retryAfter = retryAfterFrom(response);
  if (error.code == "case.missing_materials")
    error.missingMaterials = sha256ValuesIn(error.message);
  return error;
}

Result<HealthInfo> parseHealth(const HttpResponse& response) {
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "health")) return *error;
  const pugi::xml_node health = document.child("health");
  HealthInfo info{health.attribute("status").as_string(), health.attribute("service").as_string(),
                  health.attribute("version").as_string(), health.attribute("api").as_string(),
                  health.attribute("time").as_string()};
  if (info.status != "ok")
    return malformedReply(response, "health status is '" + info.status + "'");
  return info;
}

Result<SessionInfo> parseSession(const HttpResponse& response) {
  if (!response.reachedServer() || (response.status != 200 && response.status != 201)) {
    return errorFrom(response);
  }
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "session")) return *error;
  const pugi::xml_node session = document.child("session");
  std::string missing;
  SessionInfo info;
  info.token = requiredText(session, "token", missing);
  info.clerkId = requiredText(session, "clerk-id", missing);
  info.clerkName = requiredText(session, "name", missing);
  info.role = requiredText(session, "role", missing);
  info.windowCode = requiredText(session, "window", missing);
  info.expires = requiredText(session, "expires", missing);
  if (!missing.empty()) return malformedReply(response, "<session> has no <" + missing + ">");
  if (info.role != "clerk" && info.role != "supervisor") {
    return malformedReply(response, "unknown role '" + info.role + "'");
  }
  return info;
}

}  // namespace onewindow::api
