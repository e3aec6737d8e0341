#pragma once
// Clerk passwords are stored as libsodium argon2id strings (algorithm, parameters and salt are
// inside the string), so the cost can be raised later without a schema change. One
// implementation for both sides: the reference central server's clerk table and the
// workstation's offline-login cache (localdb/credential_cache.hpp).

#include <string>
#include <string_view>

namespace onewindow::localdb {

// libsodium must be initialised once before any of its functions; every caller goes through
// here, so main() does not have to remember.
void ensureSodiumReady();

[[nodiscard]] std::string hashPassword(std::string_view password);
[[nodiscard]] bool verifyPassword(std::string_view storedHash, std::string_view password);

// Spends the time of one verification for a clerk id that does not exist, so response timing
// does not tell an attacker which clerk ids are real.
void spendVerificationTime(std::string_view password);

}  // namespace onewindow::localdb
