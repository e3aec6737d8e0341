#pragma once
// Bearer tokens: 32 random bytes shown to the client once, as 64 lowercase hex digits. The
// server keeps only a BLAKE2b-256 digest, so a copy of the database does not hold usable
// tokens.

#include <string>
#include <string_view>

namespace onewindow::central {

[[nodiscard]] std::string newSessionToken();
[[nodiscard]] std::string tokenDigest(std::string_view token);
// True for exactly 64 lowercase hex digits; anything else cannot be one of our tokens and is
// rejected without touching the database.
[[nodiscard]] bool looksLikeSessionToken(std::string_view text);

}  // namespace onewindow::central
