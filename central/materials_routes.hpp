#pragma once
// HEAD/PUT/PATCH /api/v1/materials/{sha256} (central/API.md §4.3-4.4).

namespace httplib {
class Server;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kMaterialsPattern = R"(/api/v1/materials/([^/]*))";

// `context` must outlive the server.
void installMaterialRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
