#pragma once
// How times are written in the local store: ISO 8601 UTC text ("2026-11-27T02:15:00Z"), which
// sorts as text. Shared by every layer that writes a time into the store.

#include <chrono>
#include <string>

namespace onewindow::localdb {

[[nodiscard]] std::string isoUtc(std::chrono::system_clock::time_point when);

}  // namespace onewindow::localdb
