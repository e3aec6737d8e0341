#include "central/session_token.hpp"

#include <sodium.h>

#include <array>

#include "localdb/password_hash.hpp"

namespace onewindow::central {
namespace {

constexpr std::size_t kTokenBytes = 32;

std::string toHex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();  // sodium_bin2hex writes the terminating NUL inside the buffer
  return hex;
}

}  // namespace

std::string newSessionToken() {
  localdb::ensureSodiumReady();
  std::array<unsigned char, kTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return toHex(bytes.data(), bytes.size());
}

std::string tokenDigest(std::string_view token) {
  localdb::ensureSodiumReady();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return toHex(digest.data(), digest.size());
}

bool looksLikeSessionToken(std::string_view text) {
  if (text.size() != kTokenBytes * 2) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace onewindow::central
