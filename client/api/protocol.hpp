#pragma once
// The XML bodies of central/API.md, read and written with pugixml. Parsing is strict: a
// reply without the elements the contract promises is Malformed, with a message that says
// which element was missing, never a half-filled struct.

#include <string>

#include "client/api/api_error.hpp"

namespace onewindow::api {

struct HealthInfo {
  std::string status;
  std::string service;
  std::string version;
  std::string apiVersion;
  std::string serverTime;  // YYYYMMDDThhmmss, UTC
};

struct LoginRequest {
  std::string clerkId;
  std::string password;
  std::string windowCode;
};

struct SessionInfo {
  std::string token;
  std::string clerkId;
  std::string clerkName;
  std::string role;  // "clerk" | "supervisor"
  std::string windowCode;
  std::string expires;  // YYYYMMDDThhmmss, UTC
};

[[nodiscard]] std::string loginBody(const LoginRequest& request);
[[nodiscard]] Result<HealthInfo> parseHealth(const HttpResponse& response);
[[nodiscard]] Result<SessionInfo> parseSession(const HttpResponse& response);

// Turns any non-success response into an ApiError (transport failure, XML error body, or a
// status without a body).
[[nodiscard]] ApiError errorFrom(const HttpResponse& response);

}  // namespace onewindow::api
