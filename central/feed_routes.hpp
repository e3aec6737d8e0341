#pragma once
// GET /api/v1/limits, GET /api/v1/changes, POST /api/v1/ratings (central/API.md §4.2, 4.7,
// 4.8).

namespace httplib {
class Server;
}

namespace onewindow::central {

struct RouteContext;

inline constexpr const char* kLimitsPath = "/api/v1/limits";
inline constexpr const char* kChangesPath = "/api/v1/changes";
inline constexpr const char* kRatingsPath = "/api/v1/ratings";

void installFeedRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
