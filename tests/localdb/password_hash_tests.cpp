// Password hashing (argon2id through libsodium), shared by central's clerk table and the
// workstation's offline-login cache.

#include <catch2/catch.hpp>

#include "localdb/password_hash.hpp"

using namespace onewindow::localdb;

TEST_CASE("a password hash verifies the right password only", "[localdb][crypto]") {
  const std::string hash = hashPassword("demo1001");
  CHECK(hash.starts_with("$argon2id$"));
  CHECK(verifyPassword(hash, "demo1001"));
  CHECK_FALSE(verifyPassword(hash, "demo1002"));
  CHECK_FALSE(verifyPassword(hash, ""));
  CHECK_FALSE(verifyPassword(hash, "demo1001 "));
}

TEST_CASE("hashing the same password twice gives different salted hashes", "[localdb][crypto]") {
  const std::string first = hashPassword("same");
  const std::string second = hashPassword("same");
  CHECK(first != second);
  CHECK(verifyPassword(first, "same"));
  CHECK(verifyPassword(second, "same"));
}

TEST_CASE("a hash never contains the password", "[localdb][crypto]") {
  const std::string password = "plain-words-7731";
  CHECK(hashPassword(password).find(password) == std::string::npos);
}

TEST_CASE("a damaged or empty stored hash never verifies", "[localdb][crypto]") {
  CHECK_FALSE(verifyPassword("", "anything"));
  CHECK_FALSE(verifyPassword("not a hash", "not a hash"));
  CHECK_FALSE(verifyPassword(std::string(500, '$'), "x"));
}

TEST_CASE("spending verification time for an unknown clerk does not throw", "[localdb][crypto]") {
  CHECK_NOTHROW(spendVerificationTime("whatever"));
}
