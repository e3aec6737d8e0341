// Offline login: the credential cache on a real workstation store in a temp dir, with the
// clock injected through the calls.

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>

#include "localdb/credential_cache.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow::localdb;
using namespace std::chrono_literals;
using onewindow::test::TempDir;
using TimePoint = std::chrono::system_clock::time_point;

namespace {

// 2026-11-27T02:00:00Z
const TimePoint kLoginTime =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + std::chrono::hours{2};

const CachedClerk kClerk{"c1001", "张敏", "clerk"};
const CachedClerk kSupervisor{"s2001", "李强", "supervisor"};

std::string fileBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int storedFailedAttempts(Database& db, const std::string& clerkId) {
  auto select = db.prepare("SELECT failed_attempts FROM clerk_credentials WHERE clerk_id = ?1");
  select.bind(1, clerkId);
  REQUIRE(select.step());
  return static_cast<int>(select.columnInt(0));
}

}  // namespace

TEST_CASE("a remembered clerk logs in offline with name and role", "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);
  cache.remember(kSupervisor, "demo2001", kLoginTime);

  const auto result = cache.verifyOffline("s2001", "demo2001", kLoginTime + 2h);
  REQUIRE(result.outcome == OfflineLoginOutcome::Accepted);
  CHECK(result.accepted());
  REQUIRE(result.clerk.has_value());
  CHECK(result.clerk->clerkId == "s2001");
  CHECK(result.clerk->clerkName == "李强");
  CHECK(result.clerk->role == "supervisor");
  CHECK(result.verifiedOnlineAt == kLoginTime);
  CHECK_FALSE(result.message.empty());

  const auto clerk = cache.verifyOffline("c1001", "demo1001", kLoginTime + 3h);
  REQUIRE(clerk.accepted());
  CHECK(clerk.clerk->clerkName == "张敏");
  CHECK(clerk.clerk->role == "clerk");
}

TEST_CASE("a wrong password is refused with the attempts left counting down",
          "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);

  for (int left = 4; left >= 1; --left) {
    const auto result = cache.verifyOffline("c1001", "bad-guess-42", kLoginTime + 1h);
    REQUIRE(result.outcome == OfflineLoginOutcome::WrongPassword);
    CHECK_FALSE(result.accepted());
    CHECK_FALSE(result.clerk.has_value());
    CHECK(result.attemptsLeft == left);
    CHECK(result.message.find(std::to_string(left) + (left == 1 ? " attempt " : " attempts ")) !=
          std::string::npos);
    CHECK(result.message.find("bad-guess-42") == std::string::npos);
  }
  CHECK(storedFailedAttempts(store.database(), "c1001") == 4);
}

TEST_CASE("a success resets the failure count", "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);
  for (int i = 0; i < 4; ++i) (void)cache.verifyOffline("c1001", "wrong", kLoginTime + 1h);
  REQUIRE(cache.verifyOffline("c1001", "demo1001", kLoginTime + 1h).accepted());
  CHECK(storedFailedAttempts(store.database(), "c1001") == 0);
  const auto next = cache.verifyOffline("c1001", "wrong", kLoginTime + 1h);
  CHECK(next.outcome == OfflineLoginOutcome::WrongPassword);
  CHECK(next.attemptsLeft == 4);
}

TEST_CASE("five failures lock offline login for 15 minutes, even for the right password",
          "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);

  const TimePoint t0 = kLoginTime + 1h;
  for (int i = 0; i < 4; ++i) {
    REQUIRE(cache.verifyOffline("c1001", "wrong", t0).outcome ==
            OfflineLoginOutcome::WrongPassword);
  }
  const auto fifth = cache.verifyOffline("c1001", "wrong", t0);
  REQUIRE(fifth.outcome == OfflineLoginOutcome::LockedOut);
  REQUIRE(fifth.lockedUntil.has_value());
  CHECK(*fifth.lockedUntil == t0 + 15min);
  CHECK(fifth.message.find("15 minutes") != std::string::npos);

  const auto right = cache.verifyOffline("c1001", "demo1001", t0 + 1min);
  CHECK(right.outcome == OfflineLoginOutcome::LockedOut);
  CHECK_FALSE(right.clerk.has_value());
  CHECK(right.lockedUntil == t0 + 15min);
  CHECK(right.message.find("14 minutes") != std::string::npos);

  // Attempts while locked are answered before any password check and change nothing.
  CHECK(cache.verifyOffline("c1001", "wrong", t0 + 14min + 59s).outcome ==
        OfflineLoginOutcome::LockedOut);
  CHECK(cache.verifyOffline("c1001", "demo1001", t0 + 14min + 59s).outcome ==
        OfflineLoginOutcome::LockedOut);
  CHECK(storedFailedAttempts(store.database(), "c1001") == 5);

  SECTION("after the lockout the right password works again") {
    const auto later = cache.verifyOffline("c1001", "demo1001", t0 + 15min);
    REQUIRE(later.accepted());
    CHECK(later.clerk->clerkId == "c1001");
    CHECK(storedFailedAttempts(store.database(), "c1001") == 0);
  }
  SECTION("after the lockout a fresh series of attempts begins") {
    const auto later = cache.verifyOffline("c1001", "wrong", t0 + 16min);
    CHECK(later.outcome == OfflineLoginOutcome::WrongPassword);
    CHECK(later.attemptsLeft == 4);
  }
  SECTION("an online login lifts the lockout at once") {
    cache.remember(kClerk, "demo1001", t0 + 2min);
    CHECK(cache.verifyOffline("c1001", "demo1001", t0 + 3min).accepted());
  }
}

TEST_CASE("the lockout survives reopening the store", "[localdb][credentials]") {
  TempDir dir;
  const TimePoint t0 = kLoginTime + 1h;
  {
    WorkstationStore store(dir / "workstation.db");
    CredentialCache cache(store.database());
    cache.remember(kClerk, "demo1001", kLoginTime);
    for (int i = 0; i < 5; ++i) (void)cache.verifyOffline("c1001", "wrong", t0);
  }
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  CHECK(cache.verifyOffline("c1001", "demo1001", t0 + 5min).outcome ==
        OfflineLoginOutcome::LockedOut);
  CHECK(cache.verifyOffline("c1001", "demo1001", t0 + 15min).accepted());
}

TEST_CASE("a clock set back never locks a clerk out for longer than one lockout",
          "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);
  const TimePoint t0 = kLoginTime + 48h;
  for (int i = 0; i < 5; ++i) (void)cache.verifyOffline("c1001", "wrong", t0);

  const TimePoint setBack = kLoginTime + 24h;  // locked_until is now a day and more away
  const auto locked = cache.verifyOffline("c1001", "demo1001", setBack);
  REQUIRE(locked.outcome == OfflineLoginOutcome::LockedOut);
  CHECK(locked.lockedUntil == setBack + 15min);
  CHECK(cache.verifyOffline("c1001", "demo1001", setBack + 15min).accepted());
}

TEST_CASE("a clerk who never logged in online here is unknown", "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);

  const auto result = cache.verifyOffline("c9999", "demo1001", kLoginTime);
  CHECK(result.outcome == OfflineLoginOutcome::UnknownClerk);
  CHECK_FALSE(result.clerk.has_value());
  CHECK(result.message.find("never logged in online on this workstation") != std::string::npos);

  cache.forget("c1001");
  CHECK(cache.verifyOffline("c1001", "demo1001", kLoginTime).outcome ==
        OfflineLoginOutcome::UnknownClerk);
  CHECK_NOTHROW(cache.forget("c1001"));  // forgetting twice is harmless
}

TEST_CASE("credentials confirmed online more than 30 days ago have expired",
          "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "demo1001", kLoginTime);

  CHECK(cache.verifyOffline("c1001", "demo1001", kLoginTime + 24h * 30).accepted());
  const auto expired = cache.verifyOffline("c1001", "demo1001", kLoginTime + 24h * 30 + 1s);
  CHECK(expired.outcome == OfflineLoginOutcome::Expired);
  CHECK_FALSE(expired.clerk.has_value());
  CHECK(expired.verifiedOnlineAt == kLoginTime);
  CHECK(expired.message.find("30 days") != std::string::npos);
  // Expired is decided before the password: a wrong one is not counted.
  CHECK(cache.verifyOffline("c1001", "wrong", kLoginTime + 24h * 40).outcome ==
        OfflineLoginOutcome::Expired);
  CHECK(storedFailedAttempts(store.database(), "c1001") == 0);

  // One online login renews the offline window.
  cache.remember(kClerk, "demo1001", kLoginTime + 24h * 40);
  CHECK(cache.verifyOffline("c1001", "demo1001", kLoginTime + 24h * 41).accepted());
}

TEST_CASE("the policy can be tightened", "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database(), OfflineLoginPolicy{3, std::chrono::minutes{60}, 24h});
  cache.remember(kClerk, "demo1001", kLoginTime);
  CHECK(cache.verifyOffline("c1001", "wrong", kLoginTime).attemptsLeft == 2);
  CHECK(cache.verifyOffline("c1001", "wrong", kLoginTime).attemptsLeft == 1);
  const auto locked = cache.verifyOffline("c1001", "wrong", kLoginTime);
  CHECK(locked.outcome == OfflineLoginOutcome::LockedOut);
  CHECK(locked.lockedUntil == kLoginTime + 60min);
  CHECK(cache.verifyOffline("c1001", "demo1001", kLoginTime + 25h).outcome ==
        OfflineLoginOutcome::Expired);
}

TEST_CASE("the database never holds the password itself", "[localdb][credentials]") {
  TempDir dir;
  const std::string password = "Zq7-offline-Secret-9931";
  {
    WorkstationStore store(dir / "workstation.db");
    CredentialCache cache(store.database());
    cache.remember(kClerk, password, kLoginTime);
    (void)cache.verifyOffline("c1001", password, kLoginTime + 1h);
    (void)cache.verifyOffline("c1001", password + "x", kLoginTime + 1h);

    auto select = store.database().prepare(
        "SELECT password_hash FROM clerk_credentials WHERE clerk_id = 'c1001'");
    REQUIRE(select.step());
    CHECK(select.columnText(0).starts_with("$argon2id$"));
    // While open, the newest pages may still be in the write-ahead log.
    for (const char* name : {"workstation.db", "workstation.db-wal"}) {
      CHECK(fileBytes(dir / name).find(password) == std::string::npos);
    }
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    INFO(entry.path());
    CHECK(fileBytes(entry.path()).find(password) == std::string::npos);
  }
}

TEST_CASE("remembering a new password replaces the old one", "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  cache.remember(kClerk, "old-password", kLoginTime);
  (void)cache.verifyOffline("c1001", "wrong", kLoginTime + 1h);
  cache.remember({"c1001", "张敏 (组长)", "supervisor"}, "new-password", kLoginTime + 2h);

  const auto old = cache.verifyOffline("c1001", "old-password", kLoginTime + 3h);
  CHECK(old.outcome == OfflineLoginOutcome::WrongPassword);
  CHECK(old.attemptsLeft == 4);  // the failure before the re-remember was cleared
  const auto current = cache.verifyOffline("c1001", "new-password", kLoginTime + 3h);
  REQUIRE(current.accepted());
  CHECK(current.clerk->clerkName == "张敏 (组长)");
  CHECK(current.clerk->role == "supervisor");
  CHECK(current.verifiedOnlineAt == kLoginTime + 2h);

  auto count = store.database().prepare("SELECT count(*) FROM clerk_credentials");
  REQUIRE(count.step());
  CHECK(count.columnInt(0) == 1);
}

TEST_CASE("remembered credentials survive reopening the store", "[localdb][credentials]") {
  TempDir dir;
  {
    WorkstationStore store(dir / "workstation.db");
    CredentialCache cache(store.database());
    cache.remember(kSupervisor, "demo2001", kLoginTime);
  }
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  const auto result = cache.verifyOffline("s2001", "demo2001", kLoginTime + 24h);
  REQUIRE(result.accepted());
  CHECK(result.clerk->clerkName == "李强");
  CHECK(result.clerk->role == "supervisor");
}

TEST_CASE("remember refuses a clerk it could not log in later", "[localdb][credentials]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CredentialCache cache(store.database());
  CHECK_THROWS_AS(cache.remember({"c1", "x", "admin"}, "pw", kLoginTime), std::invalid_argument);
  CHECK_THROWS_AS(cache.remember({"", "x", "clerk"}, "pw", kLoginTime), std::invalid_argument);
  CHECK(cache.verifyOffline("c1", "pw", kLoginTime).outcome == OfflineLoginOutcome::UnknownClerk);
  CHECK_THROWS_AS(CredentialCache(store.database(), OfflineLoginPolicy{0}), std::invalid_argument);
}

TEST_CASE("outcomes have stable names for the log", "[localdb][credentials]") {
  CHECK(std::string(outcomeName(OfflineLoginOutcome::Accepted)) == "accepted");
  CHECK(std::string(outcomeName(OfflineLoginOutcome::UnknownClerk)) == "unknown_clerk");
  CHECK(std::string(outcomeName(OfflineLoginOutcome::WrongPassword)) == "wrong_password");
  CHECK(std::string(outcomeName(OfflineLoginOutcome::LockedOut)) == "locked_out");
  CHECK(std::string(outcomeName(OfflineLoginOutcome::Expired)) == "expired");
}
