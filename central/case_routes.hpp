#pragma once
// PUT and GET /api/v1/cases/{uuid} (central/API.md §4.5-4.6).

namespace httplib {
class Server;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kCasesPattern = R"(/api/v1/cases/([^/]*))";

void installCaseRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
