#pragma once
// Typed calls of central/API.md over the shared HttpTransport. Completions run on the
// network thread (see HttpTransport); the engine moves them to its own thread.

#include <chrono>
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

  RequestId health(std::chrono::milliseconds timeout, std::function<void(Result<HealthInfo>)> done);
  RequestId login(const LoginRequest& request, std::function<void(Result<SessionInfo>)> done);
  RequestId logout(const std::string& token, std::function<void(bool)> done);

 private:
  [[nodiscard]] std::string url(const std::string& path) const;

  HttpTransport& transport_;
  mutable std::mutex mutex_;
  std::string baseUrl_;
};

}  // namespace onewindow::api
