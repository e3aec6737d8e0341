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

// Largest request body accepted (advertised in /health as max-request-bytes). Materials will
// get their own, larger limit on their own endpoint.
inline constexpr std::size_t kMaxRequestBytes = std::size_t{1} << 20;

// `store` must outlive the server.
void installRoutes(httplib::Server& server, CentralStore& store, Clock clock);

}  // namespace onewindow::central
