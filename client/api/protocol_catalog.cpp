// Catalog distribution (API.md §4.9).

#include "client/api/protocol.hpp"
#include "client/api/protocol_support.hpp"

namespace onewindow::api {

Result<CatalogManifest> parseCatalogManifest(const HttpResponse& response) {
  if (response.reachedServer() && response.status == 304) {
    return CatalogManifest{.notModified = true};
  }
  if (!response.reachedServer() || response.status != 200) return errorFrom(response);
  pugi::xml_document document;
  if (auto error = detail::loadBody(response, document, "catalog-release")) return *error;
  const pugi::xml_node root = document.child("catalog-release");
  std::string missing;
  CatalogManifest manifest;
  manifest.release = detail::requiredAttribute(root, "release", missing);
  manifest.published = detail::requiredAttribute(root, "published", missing);
  if (!missing.empty())
    return malformedReply(response, "<catalog-release> has no '" + missing + "'");
  bool hasCatalog = false;
  for (const pugi::xml_node node : root.children("file")) {
    CatalogManifestFile file;
    file.path = detail::requiredAttribute(node, "path", missing);
    file.sha256 = detail::requiredAttribute(node, "sha256", missing);
    const std::string bytes = detail::requiredAttribute(node, "bytes", missing);
    if (!missing.empty())
      return malformedReply(response, "a catalog <file> has no '" + missing + "'");
    const auto size = detail::parseUnsigned(bytes);
    if (!isSha256Name(file.sha256) || !size) {
      return malformedReply(
          response, "the catalog file " + file.path + " has an invalid sha256 or byte count");
    }
    file.bytes = *size;
    hasCatalog = hasCatalog || file.path == "catalog.xml";
    manifest.files.push_back(std::move(file));
  }
  if (!hasCatalog) return malformedReply(response, "the catalog release lists no catalog.xml");
  return manifest;
}

}  // namespace onewindow::api
