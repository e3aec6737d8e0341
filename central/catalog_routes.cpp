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

std::string quoted(const std::string& tag) { return '"' + tag + '"'; }

// If-None-Match may list several tags, or be "*"; weak tags compare equal to strong ones for
// GET (RFC 9110 §13.1.2).
bool matchesIfNoneMatch(const httplib::Request& request, const std::string& tag) {
  if (!request.has_header("If-None-Match")) return false;
  const std::string header = request.get_header_value("If-None-Match");
  if (header == "*") return true;
  const std::string wanted = quoted(tag);
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string item = header.substr(start, end - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    item = first == std::string::npos ? "" : item.substr(first, last - first + 1);
    if (item.starts_with("W/")) item = item.substr(2);
    if (item == wanted) return true;
    start = end + 1;
  }
  return false;
}

bool isSha256Hex(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void handleManifest(RouteContext& context, const httplib::Request& request,
                    httplib::Response& response) {
  if (!authenticateStation(context, request, response)) return;
  const auto manifest =
      context.store.withDatabase([](localdb::Database& db) { return currentCatalog(db); });
  if (!manifest) {
    replyError(response, 404, error_code::kCatalogNone, "no catalog has been published yet");
    return;
  }
  response.set_header("ETag", quoted(manifest->release));
  response.set_header("Cache-Control", "no-cache");
  if (matchesIfNoneMatch(request, manifest->release)) {
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
  const auto body = context.store.withDatabase(
      [&](localdb::Database& db) { return catalogFileBody(db, sha256); });
  if (!body) {
    replyError(response, 404, error_code::kCatalogFileNotFound,
               "no catalog file has the SHA-256 " + sha256);
    return;
  }
  // Addressed by content: the same URL never has another body.
  response.set_header("ETag", quoted(sha256));
  response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  if (matchesIfNoneMatch(request, sha256)) {
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
