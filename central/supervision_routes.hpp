#pragma once
// POST /api/v1/centre/cases/{uuid}/supervision: a supervisor sets, replaces or lifts a case's
// 督办 mark (central/API.md §4.13).

namespace httplib {
class Server;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kSupervisionPattern = R"(/api/v1/centre/cases/([^/]*)/supervision)";

void installSupervisionRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
