// Password hashing and session tokens: the two secrets the server handles.

#include <set>

#include <catch2/catch.hpp>

#include "central/password_hash.hpp"
#include "central/session_token.hpp"

using namespace onewindow::central;

TEST_CASE("a password hash verifies the right password only", "[central][crypto]") {
  const std::string hash = hashPassword("demo1001");
  CHECK(hash.starts_with("$argon2id$"));
  CHECK(verifyPassword(hash, "demo1001"));
  CHECK_FALSE(verifyPassword(hash, "demo1002"));
  CHECK_FALSE(verifyPassword(hash, ""));
  CHECK_FALSE(verifyPassword(hash, "demo1001 "));
}

TEST_CASE("hashing the same password twice gives different salted hashes", "[central][crypto]") {
  const std::string first = hashPassword("same");
  const std::string second = hashPassword("same");
  CHECK(first != second);
  CHECK(verifyPassword(first, "same"));
  CHECK(verifyPassword(second, "same"));
}

TEST_CASE("a damaged or empty stored hash never verifies", "[central][crypto]") {
  CHECK_FALSE(verifyPassword("", "anything"));
  CHECK_FALSE(verifyPassword("not a hash", "not a hash"));
  CHECK_FALSE(verifyPassword(std::string(500, '$'), "x"));
}

TEST_CASE("session tokens are 64 hex digits, unique, and stored only as a digest",
          "[central][crypto]") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = newSessionToken();
    CHECK(looksLikeSessionToken(token));
    CHECK(seen.insert(token).second);
  }
  const std::string token = newSessionToken();
  const std::string digest = tokenDigest(token);
  CHECK(digest.size() == 64);
  CHECK(digest != token);
  CHECK(tokenDigest(token) == digest);
  CHECK(tokenDigest(newSessionToken()) != digest);
}

TEST_CASE("only 64 lowercase hex digits look like a token", "[central][crypto]") {
  CHECK(looksLikeSessionToken(std::string(64, 'a')));
  CHECK_FALSE(looksLikeSessionToken(std::string(63, 'a')));
  CHECK_FALSE(looksLikeSessionToken(std::string(65, 'a')));
  CHECK_FALSE(looksLikeSessionToken(std::string(64, 'A')));
  CHECK_FALSE(looksLikeSessionToken(std::string(64, 'g')));
  CHECK_FALSE(looksLikeSessionToken(""));
}
