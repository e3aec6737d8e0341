#pragma once
// How the engine writes times: ISO 8601 UTC in the store, the local date in numbers people read.

#include <chrono>
#include <string>

#include "localdb/iso_time.hpp"

namespace onewindow::engine {

using localdb::isoUtc;       // 2026-11-27T02:15:00Z
using localdb::parseIsoUtc;  // the store's times read back, for the front ends
[[nodiscard]] std::string localDateCompact(std::chrono::system_clock::time_point when);  // 20261127

}  // namespace onewindow::engine
