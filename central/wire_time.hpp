#pragma once
// Time as the API writes it (central/API.md): YYYYMMDDThhmmss in UTC, no separators and no
// zone suffix, so the value sorts as text and reads the same on every workstation.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace onewindow::central {

// Injected wherever "now" matters, so tests can put sessions past their expiry.
using Clock = std::function<std::chrono::sys_seconds()>;

[[nodiscard]] std::chrono::sys_seconds systemNow();
[[nodiscard]] std::string formatWireTime(std::chrono::sys_seconds time);
// Reads what formatWireTime writes; nullopt for any other text.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parseWireTime(std::string_view text);

}  // namespace onewindow::central
