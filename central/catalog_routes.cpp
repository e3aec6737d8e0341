#include "central/catalog_routes.hpp"

#include <httplib.h>

#include <string>

#include "central/api_error_codes.hpp"
#include "central/catalog_releases.hpp"
#include "central/fault_injection.hpp"
#include "central/route_support.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

bool isSha256Hex(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void handleManifest(RouteContext& context, const httplib::Request& request,
                    httplib::Response& response) {
  if (!authenticateStation(context, request, response)) return;
  const auto manifest =
      context.store.withDatabase([](sql::Connection& db) { return currentCatalog(db); });
  if (!manifest) {
    replyError(response, 404, error_code::kCatalogNone, "no catalog has been published yet");
    return;
  }
  response.set_header("ETag", quoted(manifest->release));
  response.set_header("Cache-Control", "no-cache");
  if (matchesIfNoneMatch(request, quoted(manifest->release))) {
    response.status = 304;
    return;
  }
  replyXml(response, 200, manifestXml(*manifest));
}

void handleFile(RouteContext& context, const httplib::Request& request,
                httplib::Response& response) {
  if (!authenticateStation(context, request, response)) return;
  const std::string sha256 = request.path.substr(std::string(kCatalogFilesPrefix).size());
  if (!isSha256Hex(sha256)) {
    replyError(response, 400, error_code::kInvalidField,
               "a catalog file is addressed by its SHA-256: 64 lowercase hex digits");
    return;
  }
  const auto body =
      context.store.withDatabase([&](sql::Connection& db) { return catalogFileBody(db, sha256); });
  if (!body) {
    replyError(response, 404, error_code::kCatalogFileNotFound,
               "no catalog file has the SHA-256 " + sha256);
    return;
  }
  // Addressed by content: the same URL never has another body.
  response.set_header("ETag", quoted(sha256));
  response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  if (matchesIfNoneMatch(request, quoted(sha256))) {
    response.status = 304;
    return;
  }
  response.status = 200;
  response.set_content(*body, kXmlContentType);
}

}  // namespace

void installCatalogRoutes(httplib::Server& server, RouteContext& context) {
  server.Get(kCatalogPath,
             withFaults(context.faults, "catalog",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handleManifest(context, request, response);
                        }));
  server.Get(std::string(kCatalogFilesPrefix) + "[0-9a-zA-Z]+",
             withFaults(context.faults, "catalog.file",
                        [&context](const httplib::Request& request, httplib::Response& response) {
                          handleFile(context, request, response);
                        }));
}

}  // namespace onewindow::central
