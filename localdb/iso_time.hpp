#pragma once
// How times are written in the local store: ISO 8601 UTC text ("2026-11-27T02:15:00Z"), which
// sorts as text. Shared by every layer that writes a time into the store.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace onewindow::localdb {

[[nodiscard]] std::string isoUtc(std::chrono::system_clock::time_point when);
// Reads what isoUtc writes; nullopt for any other text.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parseIsoUtc(
    std::string_view text);

}  // namespace onewindow::localdb
