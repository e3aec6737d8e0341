#pragma once
// Typed calls of central/API.md over the shared HttpTransport. Completions run on the
// network thread (see HttpTransport); the engine moves them to its own thread. A call with an
// argument that can never be valid (a sha256 that is not 64 lowercase hex digits, an empty
// UUID) completes at once, on the caller's thread, with Rejected "client.invalid_argument".
//
// The client holds no reference to itself in pending work: it may be destroyed while calls
// are in flight (their completions still run). The transport must outlive both.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>

#include "client/api/http_transport.hpp"
#include "client/api/protocol.hpp"

namespace onewindow::api {

class CentralClient {
 public:
  CentralClient(HttpTransport& transport, std::string baseUrl);

  void setBaseUrl(std::string baseUrl);
  [[nodiscard]] std::string baseUrl() const;

  // The bearer token and station id sent with every call of API.md §4. Set after login.
  void setSession(std::string token, std::string stationId);
  void clearSession();

  // Sessions (API.md §2–3).
  RequestId health(std::chrono::milliseconds timeout, std::function<void(Result<HealthInfo>)> done);
  RequestId login(const LoginRequest& request, std::function<void(Result<SessionInfo>)> done);
  RequestId logout(const std::string& token, std::function<void(bool)> done);

  // Limits and materials (materials_client.cpp).
  RequestId limits(std::function<void(Result<Limits>)> done);
  RequestId materialStatus(const std::string& sha256,
                           std::function<void(Result<MaterialStatus>)> done);
  // Uploads `file` (exactly `size` bytes) as material `sha256`, streamed from disk. Asks HEAD
  // first: nothing is sent when central has it. Else one PUT when size <= chunkBytes, or PATCH
  // chunks of chunkBytes from the offset central keeps, following 409 material.offset_mismatch.
  // A failure ends the call (the sync engine owns retries); calling again resumes.
  void uploadMaterial(const std::string& sha256, const std::filesystem::path& file,
                      std::uint64_t size, std::uint64_t chunkBytes,
                      std::function<void(Result<UploadOutcome>)> done);

  // Cases (cases_client.cpp).
  RequestId putCase(const std::string& uuid, std::int64_t version, std::string xmlBody,
                    std::function<void(Result<CaseReceipt>)> done);
  RequestId getCase(const std::string& uuid, std::function<void(Result<CaseReceipt>)> done);

  // The change feed and ratings (feed_client.cpp). `cursor` is "0" (or empty) at first, then
  // the `next` of the previous page; limit 1..1000 (0 = central's default).
  RequestId changes(const std::string& cursor, int limit,
                    std::function<void(Result<ChangePage>)> done);
  RequestId postRating(const Rating& rating, std::function<void(Result<Stored>)> done);

  // Catalog distribution (catalog_client.cpp). `knownRelease` goes out as If-None-Match; the
  // file is returned as sent (the caller checks its hash against the manifest).
  RequestId catalogManifest(const std::string& knownRelease,
                            std::function<void(Result<CatalogManifest>)> done);
  RequestId catalogFile(const std::string& sha256, std::function<void(Result<std::string>)> done);

  // The whole centre's cases for a supervisor (centre_client.cpp). `knownEtag` (the etag of
  // the page shown, quotes included) goes out as If-None-Match: an unchanged list is a page
  // with notModified. A clerk's session gets Rejected "session.not_supervisor".
  RequestId centreCases(const CentreCaseQuery& query, const std::string& knownEtag,
                        std::function<void(Result<CentreCasePage>)> done);
  // Sets, replaces or lifts a case's 督办 mark at central (centre_client.cpp). Repeating the
  // same request after a lost reply changes nothing. A case central does not hold is Rejected
  // "case.not_found".
  RequestId superviseCase(const std::string& uuid, const SupervisionRequest& what,
                          std::function<void(Result<SupervisionState>)> done);

  // Deadline of one small call (limits, HEAD, case, feed, rating). Uploads have none: a large
  // chunk on a slow link is cut by the transport's low-speed limit instead.
  static constexpr std::chrono::milliseconds kCallTimeout{30000};

 private:
  struct Endpoint {
    std::string baseUrl;
    std::string token;
    std::string stationId;
  };

  [[nodiscard]] std::string url(const std::string& path) const;
  [[nodiscard]] Endpoint endpoint() const;
  // A request to baseUrl + path with the session's Authorization and station headers.
  [[nodiscard]] static HttpRequest authorised(const Endpoint& endpoint, std::string method,
                                              const std::string& path,
                                              std::chrono::milliseconds timeout);
  [[nodiscard]] HttpRequest authorised(std::string method, const std::string& path) const {
    return authorised(endpoint(), std::move(method), path, kCallTimeout);
  }

  HttpTransport& transport_;
  mutable std::mutex mutex_;
  std::string baseUrl_;
  std::string token_;
  std::string stationId_;
};

// An error for an argument that can never be valid; the request is not sent.
[[nodiscard]] ApiError invalidArgument(const std::string& what);

}  // namespace onewindow::api
