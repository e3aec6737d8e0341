#include "client/api/central_client.hpp"

namespace onewindow::api {
namespace {

constexpr auto kLoginTimeout = std::chrono::seconds(15);
const std::string kXmlContentType = "Content-Type: application/xml; charset=utf-8";

}  // namespace

ApiError invalidArgument(const std::string& what) {
  return ApiError{ApiErrorKind::Rejected, 0, "client.invalid_argument", what};
}

CentralClient::CentralClient(HttpTransport& transport, std::string baseUrl)
    : transport_(transport) {
  setBaseUrl(std::move(baseUrl));
}

void CentralClient::setBaseUrl(std::string baseUrl) {
  while (!baseUrl.empty() && baseUrl.back() == '/') baseUrl.pop_back();
  std::lock_guard lock(mutex_);
  baseUrl_ = std::move(baseUrl);
}

std::string CentralClient::baseUrl() const {
  std::lock_guard lock(mutex_);
  return baseUrl_;
}

void CentralClient::setSession(std::string token, std::string stationId) {
  std::lock_guard lock(mutex_);
  token_ = std::move(token);
  stationId_ = std::move(stationId);
}

void CentralClient::clearSession() {
  std::lock_guard lock(mutex_);
  token_.clear();
  stationId_.clear();
}

std::string CentralClient::url(const std::string& path) const { return baseUrl() + path; }

CentralClient::Endpoint CentralClient::endpoint() const {
  std::lock_guard lock(mutex_);
  return Endpoint{baseUrl_, token_, stationId_};
}

HttpRequest CentralClient::authorised(const Endpoint& endpoint, std::string method,
                                      const std::string& path, std::chrono::milliseconds timeout) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = endpoint.baseUrl + path;
  request.timeout = timeout;
  request.headers.push_back("Accept: application/xml");
  if (!endpoint.token.empty()) request.headers.push_back("Authorization: Bearer " + endpoint.token);
  if (!endpoint.stationId.empty()) {
    request.headers.push_back("X-OneWindow-Station: " + endpoint.stationId);
  }
  return request;
}

RequestId CentralClient::health(std::chrono::milliseconds timeout,
                                std::function<void(Result<HealthInfo>)> done) {
  HttpRequest request{"GET", url("/api/v1/health"), {}, {"Accept: application/xml"}, timeout};
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(parseHealth(response));
  });
}

RequestId CentralClient::login(const LoginRequest& login,
                               std::function<void(Result<SessionInfo>)> done) {
  HttpRequest request{"POST",
                      url("/api/v1/sessions"),
                      loginBody(login),
                      {kXmlContentType, "Accept: application/xml"},
                      kLoginTimeout};
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(parseSession(response));
  });
}

RequestId CentralClient::logout(const std::string& token, std::function<void(bool)> done) {
  HttpRequest request{"DELETE",
                      url("/api/v1/sessions/current"),
                      {},
                      {"Authorization: Bearer " + token},
                      kLoginTimeout};
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(response.reachedServer() && response.status == 204);
  });
}

RequestId CentralClient::limits(std::function<void(Result<Limits>)> done) {
  return transport_.send(
      authorised("GET", "/api/v1/limits"),
      [done = std::move(done)](HttpResponse response) { done(parseLimits(response)); });
}

}  // namespace onewindow::api
