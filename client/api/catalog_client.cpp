// Catalog distribution (API.md §4.9).

#include "client/api/central_client.hpp"

namespace onewindow::api {

RequestId CentralClient::catalogManifest(const std::string& knownRelease,
                                         std::function<void(Result<CatalogManifest>)> done) {
  HttpRequest request = authorised("GET", "/api/v1/catalog");
  // A release name with a quote could not be a valid entity tag: then ask unconditionally.
  if (!knownRelease.empty() && knownRelease.find('"') == std::string::npos) {
    request.headers.push_back("If-None-Match: \"" + knownRelease + '"');
  }
  return transport_.send(std::move(request), [done = std::move(done)](HttpResponse response) {
    done(parseCatalogManifest(response));
  });
}

RequestId CentralClient::catalogFile(const std::string& sha256,
                                     std::function<void(Result<std::string>)> done) {
  if (!isSha256Name(sha256)) {
    done(invalidArgument("a catalog file is fetched by its sha256, not '" + sha256 + "'"));
    return 0;
  }
  return transport_.send(authorised("GET", "/api/v1/catalog/files/" + sha256),
                         [done = std::move(done)](HttpResponse response) -> void {
                           if (!response.reachedServer() || response.status != 200) {
                             done(errorFrom(response));
                             return;
                           }
                           done(std::move(response.body));
                         });
}

}  // namespace onewindow::api
