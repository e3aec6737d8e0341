// Cases (API.md §4.5–4.6): idempotent submission per (uuid, version), and what central has.

#include "client/api/central_client.hpp"

namespace onewindow::api {

bool isCaseUuid(const std::string& uuid) {
  if (uuid.empty() || uuid.size() > 64) return false;
  for (char c : uuid) {
    const bool allowed =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
    if (!allowed) return false;
  }
  return true;
}

RequestId CentralClient::putCase(const std::string& uuid, std::int64_t version, std::string xmlBody,
                                 std::function<void(Result<CaseReceipt>)> done) {
  if (!isCaseUuid(uuid) || version < 1) {
    done(invalidArgument("a case needs a UUID and a version from 1, not '" + uuid + "' version " +
                         std::to_string(version)));
    return 0;
  }
  HttpRequest request =
      authorised("PUT", "/api/v1/cases/" + uuid + "?version=" + std::to_string(version));
  request.headers.push_back("Content-Type: application/xml; charset=utf-8");
  request.body = std::move(xmlBody);
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(parseCaseReceipt(response));
  });
}

RequestId CentralClient::getCase(const std::string& uuid,
                                 std::function<void(Result<CaseReceipt>)> done) {
  if (!isCaseUuid(uuid)) {
    done(invalidArgument("a case UUID is hex digits and dashes, not '" + uuid + "'"));
    return 0;
  }
  return transport_.send(
      authorised("GET", "/api/v1/cases/" + uuid),
      [done = std::move(done)](HttpResponse response) { done(parseCaseReceipt(response)); });
}

}  // namespace onewindow::api
