#pragma once
// GET /api/v1/catalog and GET /api/v1/catalog/files/{sha256} (central/API.md §4.9).

namespace httplib {
class Server;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kCatalogPath = "/api/v1/catalog";
inline constexpr const char* kCatalogFilesPrefix = "/api/v1/catalog/files/";

void installCatalogRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
