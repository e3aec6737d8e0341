// Session tokens: the secret the server hands out. (Password hashing moved to localdb and is
// tested in tests/localdb/password_hash_tests.cpp.)

#include <set>

#include <catch2/catch.hpp>

#include "central/session_token.hpp"

using namespace onewindow::central;

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
