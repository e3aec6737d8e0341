#pragma once
// GET /api/v1/centre/cases: the whole centre's cases for a supervisor (central/API.md §4.12).

namespace httplib {
class Server;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kCentreCasesPath = "/api/v1/centre/cases";

void installCentreRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
