#pragma once
// The HTTP handlers of central/API.md, installed on an httplib::Server. Handlers only
// translate between HTTP/XML and the store; the rules live in the store and the parsers.

#include <cstddef>

#include "central/central_store.hpp"
#include "central/wire_time.hpp"

namespace httplib {
class Server;
}

namespace onewindow::central {

// Largest XML request body accepted (advertised in /health and /limits as max-request-bytes).
// Materials have their own, larger limit (ServerLimits).
inline constexpr std::size_t kMaxRequestBytes = std::size_t{1} << 20;

struct RouteContext;

// `context` (and what it refers to) must outlive the server.
void installRoutes(httplib::Server& server, RouteContext& context);

}  // namespace onewindow::central
