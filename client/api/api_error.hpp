#pragma once
// What went wrong talking to central, in the terms the engine and the UI act on.

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "client/api/http_transport.hpp"

namespace onewindow::api {

enum class ApiErrorKind {
  Unreachable,  // no answer: refused, timed out, name not resolved — central counts as offline
  Tls,          // the server's certificate is not trusted: never silently ignored
  Rejected,     // central answered 4xx with a machine code (bad credentials, invalid field)
  ServerError,  // central answered 5xx
  Malformed,    // central answered, but not with the XML the contract promises
};

struct ApiError {
  ApiErrorKind kind = ApiErrorKind::Unreachable;
  long httpStatus = 0;
  std::string code;     // the contract's stable machine code, when central sent one
  std::string message;  // plain words, for the clerk and the log

  [[nodiscard]] bool meansOffline() const { return kind == ApiErrorKind::Unreachable; }
};

// A value or the error that prevented it.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(ApiError error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  [[nodiscard]] const T& value() const { return std::get<T>(state_); }
  [[nodiscard]] const ApiError& error() const { return std::get<ApiError>(state_); }

 private:
  std::variant<T, ApiError> state_;
};

}  // namespace onewindow::api
