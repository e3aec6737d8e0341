#pragma once
// Reading the body of POST /api/v1/sessions. Kept apart from the HTTP handler so every way a
// body can be wrong is tested without a server.

#include <string>
#include <string_view>
#include <variant>

namespace onewindow::central {

struct LoginRequest {
  std::string clerkId;
  std::string password;
  std::string windowCode;
};

// Why a request body was refused: the HTTP status, a stable code and a message for humans.
struct RequestProblem {
  int httpStatus = 400;
  std::string code;
  std::string message;
};

[[nodiscard]] std::variant<LoginRequest, RequestProblem> parseLoginRequest(std::string_view body);

// Window codes appear on printed receipts and in provisional case numbers: ^[A-Za-z0-9-]{1,16}$
[[nodiscard]] bool isValidWindowCode(std::string_view code);

}  // namespace onewindow::central
