#pragma once
// The server's log: one line per event on stderr, UTC timestamp first. stdout is reserved for
// the single "listening on" line that scripts and the test fixture wait for.

#include <string_view>

namespace onewindow::central {

void logLine(std::string_view text);

}  // namespace onewindow::central
