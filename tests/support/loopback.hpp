#pragma once
// Small facts about TCP on 127.0.0.1 for fixtures and tests that run real servers (nginx,
// PostgreSQL): a free port, whether a port accepts connections, and which connections to a
// port are open right now (read from /proc/net/tcp, so the servers need no instrumentation).

#include <vector>

namespace onewindow::test {

// A port that was free a moment ago (the kernel's choice for port 0 on 127.0.0.1). Another
// process may take it before the caller binds it: fixtures that pick ports this way retry
// their start with a new one when the bind fails.
[[nodiscard]] int freeLoopbackPort();

// Whether a TCP connect to 127.0.0.1:port succeeds now.
[[nodiscard]] bool acceptsConnections(int port);

// The local ports of the ESTABLISHED IPv4 connections whose peer is 127.0.0.1:port, i.e. the
// client ends of the connections open to a server listening on `port` (the server's own ends
// are not counted). Sorted.
[[nodiscard]] std::vector<int> establishedConnectionsTo(int port);

}  // namespace onewindow::test
