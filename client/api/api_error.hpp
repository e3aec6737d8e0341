#pragma once
// What went wrong talking to central, in the terms the engine and the UI act on.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "client/api/http_transport.hpp"

namespace onewindow::api {

enum class ApiErrorKind {
  Unreachable,  // no answer: refused, timed out, name not resolved — central counts as offline
  Tls,          // the server's certificate is not trusted: never silently ignored
  Rejected,     // central answered 4xx with a machine code (bad credentials, invalid field);
                // also a request refused on this side before it left (httpStatus 0, "client.*")
  ServerError,  // central answered 5xx
  Malformed,    // central answered, but not with the XML the contract promises
};

// What the sync engine does about an error (API.md §4.10, DESIGN.md §7).
enum class Recovery {
  // Transport failure, timeout, lost connection, 5xx, 429, and malformed replies: try again
  // with exponential backoff and full jitter, waiting at least retryAfter when it is set.
  // A malformed reply is retryable but suspicious (a proxy, a captive portal, a server bug):
  // count it and show it, as for a long outage.
  RetryLater,
  PauseForLogin,    // 401 (or 403 auth.clerk_inactive): stop sending until the clerk logs in
  PauseForTrust,    // TLS: the certificate is not trusted; a human decides, nothing is retried
  UploadMaterials,  // 422 case.missing_materials: upload missingMaterials, then send again
  Reconcile,        // 409 case.version_gap: ask GET /cases/{uuid}, then decide
  Permanent,        // 409 case.conflict, 422 case.invalid, 413, other 4xx: quarantine the case
  LocalProblem,     // a file to upload could not be read here: quarantine with the message
};

struct ApiError {
  ApiErrorKind kind = ApiErrorKind::Unreachable;
  long httpStatus = 0;
  std::string code;     // the contract's stable machine code, when central sent one
  std::string message;  // plain words, for the clerk and the log
  TransportError transport = TransportError::None;  // which transport failure, if any
  std::optional<std::chrono::seconds> retryAfter;   // from Retry-After (429, 503)
  std::vector<std::string> missingMaterials;        // sha256 values of case.missing_materials
  // auth.clerk_locked (a login): when central opens the clerk id again, from the error's
  // locked-until attribute, in the store's ISO form ("2026-11-27T10:30:00Z"); empty otherwise.
  std::string lockedUntil;

  [[nodiscard]] bool meansOffline() const { return kind == ApiErrorKind::Unreachable; }
  [[nodiscard]] Recovery recovery() const;
  [[nodiscard]] bool isPermanent() const {
    return recovery() == Recovery::Permanent || recovery() == Recovery::LocalProblem;
  }
  [[nodiscard]] bool isRetryable() const { return recovery() == Recovery::RetryLater; }
  // The request may have been received and committed although no (complete) reply came back:
  // a timeout, a broken connection, a cut or garbled reply, a 5xx. Before sending anything
  // that depends on it again, ask central (GET /cases/{uuid}) — or rely on idempotency.
  [[nodiscard]] bool mayHaveReachedServer() const;
};

[[nodiscard]] const char* describe(Recovery recovery);

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
