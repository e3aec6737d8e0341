#include "localdb/password_hash.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace onewindow::localdb {

void ensureSodiumReady() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

std::string hashPassword(std::string_view password) {
  ensureSodiumReady();
  char hash[crypto_pwhash_STRBYTES];
  // INTERACTIVE limits: about a tenth of a second and 64 MiB per login, acceptable for a
  // clerk logging in once a day, costly for someone guessing.
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return hash;
}

bool verifyPassword(std::string_view storedHash, std::string_view password) {
  ensureSodiumReady();
  // crypto_pwhash_str_verify needs a NUL-terminated string of bounded length.
  if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string hash(storedHash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void spendVerificationTime(std::string_view password) {
  static const std::string kDecoyHash = hashPassword("onewindow decoy password");
  (void)verifyPassword(kDecoyHash, password);
}

}  // namespace onewindow::localdb
