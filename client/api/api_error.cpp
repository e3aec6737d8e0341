#include "client/api/api_error.hpp"

namespace onewindow::api {

Recovery ApiError::recovery() const {
  switch (kind) {
    case ApiErrorKind::Unreachable:
    case ApiErrorKind::ServerError:
    case ApiErrorKind::Malformed:
      return Recovery::RetryLater;
    case ApiErrorKind::Tls:
      return Recovery::PauseForTrust;
    case ApiErrorKind::Rejected:
      break;
  }
  if (transport == TransportError::UploadSource) return Recovery::LocalProblem;
  if (httpStatus == 401 || code == "auth.clerk_inactive") return Recovery::PauseForLogin;
  if (code == "case.missing_materials") return Recovery::UploadMaterials;
  if (code == "case.version_gap") return Recovery::Reconcile;
  if (httpStatus == 408 || httpStatus == 429) return Recovery::RetryLater;
  // Everything else — case.conflict, case.invalid, 413, material.hash_mismatch, an unknown 4xx
  // code (judged by its status class, API.md §1) — will not get better by sending it again.
  return Recovery::Permanent;
}

bool ApiError::mayHaveReachedServer() const {
  switch (kind) {
    case ApiErrorKind::Unreachable:
      return transport == TransportError::Timeout || transport == TransportError::ConnectionLost ||
             transport == TransportError::Cancelled || transport == TransportError::Other;
    case ApiErrorKind::ServerError:
    case ApiErrorKind::Malformed:
      return true;
    case ApiErrorKind::Tls:
    case ApiErrorKind::Rejected:
      return false;
  }
  return true;
}

const char* describe(Recovery recovery) {
  switch (recovery) {
    case Recovery::RetryLater:
      return "retry later";
    case Recovery::PauseForLogin:
      return "paused until the clerk logs in again";
    case Recovery::PauseForTrust:
      return "paused: the server's certificate is not trusted";
    case Recovery::UploadMaterials:
      return "upload the missing materials, then send again";
    case Recovery::Reconcile:
      return "ask central what it has, then decide";
    case Recovery::Permanent:
      return "refused for good: quarantine";
    case Recovery::LocalProblem:
      return "a local file could not be read: quarantine";
  }
  return "retry later";
}

}  // namespace onewindow::api
