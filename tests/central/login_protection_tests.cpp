// Failed-login protection (central/API.md §3, central/login_protection.hpp): the lock per clerk
// id kept in the database, and the per-address limit, against the real onewindow-central
// process; the pieces without a server below.

#include <chrono>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "central/central_store.hpp"
#include "central/login_protection.hpp"
#include "central/wire_time.hpp"
#include "central_process.hpp"
#include "temp_dir.hpp"
#include "xml_test_helpers.hpp"

using namespace onewindow::test;
using onewindow::central::parseWireTime;
using std::chrono::seconds;

namespace {

using Clock = std::chrono::system_clock;

httplib::Result tryLogin(httplib::Client& client, const std::string& clerkId,
                         const std::string& password, const httplib::Headers& headers = {}) {
  return client.Post("/api/v1/sessions", headers, loginXml(clerkId, password, "W03"), kXmlType);
}

std::string lockedUntilOf(const httplib::Result& result) {
  REQUIRE(result);
  return parseXml(result->body).child("error").attribute("locked-until").as_string();
}

long retryAfterOf(const httplib::Result& result) {
  REQUIRE(result);
  REQUIRE(result->has_header("Retry-After"));
  return std::stol(result->get_header_value("Retry-After"));
}

// The body with the time it names replaced, to compare two replies made at different seconds.
std::string withoutTime(const httplib::Result& result) {
  REQUIRE(result);
  std::string body = result->body;
  const std::string time = lockedUntilOf(result);
  for (std::size_t at = body.find(time); !time.empty() && at != std::string::npos;
       at = body.find(time)) {
    body.replace(at, time.size(), "TIME");
  }
  return body;
}

Clock::time_point wholeSecond(Clock::time_point time) { return std::chrono::floor<seconds>(time); }

// Five wrong passwords: four 401s, then the lock. Returns the fifth reply.
httplib::Result failFiveTimes(httplib::Client& client, const std::string& clerkId,
                              const httplib::Headers& headers = {}) {
  for (int i = 1; i <= 4; ++i) {
    const httplib::Result wrong = tryLogin(client, clerkId, "guess" + std::to_string(i), headers);
    REQUIRE(wrong);
    INFO("attempt " << i << ": " << wrong->body);
    REQUIRE(wrong->status == 401);
    REQUIRE(errorCodeOf(wrong) == "auth.invalid_credentials");
  }
  return tryLogin(client, clerkId, "guess5", headers);
}

CentralOptions withArguments(std::vector<std::string> arguments) {
  CentralOptions options;
  options.extraArguments = std::move(arguments);
  options.sampleCatalog = false;  // logins only: no catalog to publish
  return options;
}

}  // namespace

TEST_CASE("five wrong passwords lock a clerk id and then even the right one is refused",
          "[central][process][login-protection]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withArguments({}));
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const auto before = wholeSecond(Clock::now());
  const httplib::Result fifth = failFiveTimes(client, "c1001");
  const auto after = wholeSecond(Clock::now());
  REQUIRE(fifth);
  INFO(fifth->body);
  CHECK(fifth->status == 403);
  CHECK(errorCodeOf(fifth) == "auth.clerk_locked");
  const auto lockedUntil = parseWireTime(lockedUntilOf(fifth));
  REQUIRE(lockedUntil);
  CHECK(*lockedUntil >= before + std::chrono::minutes(15));
  CHECK(*lockedUntil <= after + std::chrono::minutes(15));
  CHECK(retryAfterOf(fifth) > 890);
  CHECK(retryAfterOf(fifth) <= 900);
  CHECK_THAT(errorMessageOf(fifth), Catch::Contains(lockedUntilOf(fifth)));

  const httplib::Result right = tryLogin(client, "c1001", "demo1001");
  REQUIRE(right);
  CHECK(right->status == 403);
  CHECK(errorCodeOf(right) == "auth.clerk_locked");
  CHECK(lockedUntilOf(right) == lockedUntilOf(fifth));  // a refused attempt does not extend it
  CHECK(retryAfterOf(right) <= retryAfterOf(fifth));

  // Another clerk is not affected.
  const httplib::Result other = tryLogin(client, "c1002", "demo1002");
  REQUIRE(other);
  CHECK(other->status == 201);
}

TEST_CASE("an unknown clerk id is counted and locked with the same replies as a known one",
          "[central][process][login-protection]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withArguments({"--login-burst", "100"}));
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  std::vector<std::string> knownReplies;
  std::vector<std::string> unknownReplies;
  for (int i = 1; i <= 4; ++i) {
    const httplib::Result known = tryLogin(client, "c1002", "guess" + std::to_string(i));
    const httplib::Result unknown = tryLogin(client, "x-nobody", "guess" + std::to_string(i));
    REQUIRE(known);
    REQUIRE(unknown);
    CHECK(known->status == 401);
    CHECK(unknown->status == 401);
    CHECK(known->body == unknown->body);
  }
  const httplib::Result knownLocked = tryLogin(client, "c1002", "guess5");
  const httplib::Result unknownLocked = tryLogin(client, "x-nobody", "guess5");
  REQUIRE(knownLocked);
  REQUIRE(unknownLocked);
  CHECK(knownLocked->status == 403);
  CHECK(unknownLocked->status == 403);
  CHECK(errorCodeOf(unknownLocked) == "auth.clerk_locked");
  CHECK(withoutTime(knownLocked) == withoutTime(unknownLocked));
  CHECK(unknownLocked->has_header("Retry-After"));

  // Locked, the right password of the known id and any password of the unknown one look alike.
  const httplib::Result knownRight = tryLogin(client, "c1002", "demo1002");
  const httplib::Result unknownAgain = tryLogin(client, "x-nobody", "demo1002");
  CHECK(withoutTime(knownRight) == withoutTime(unknownAgain));
  CHECK(knownRight->get_header_value("Content-Type") ==
        unknownAgain->get_header_value("Content-Type"));
}

TEST_CASE("a right password before the lock starts the count over",
          "[central][process][login-protection]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withArguments({"--login-burst", "100"}));
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  for (int i = 0; i < 4; ++i) REQUIRE(tryLogin(client, "c1001", "wrong")->status == 401);
  REQUIRE(tryLogin(client, "c1001", "demo1001")->status == 201);
  // Four more wrong ones are again only four.
  for (int i = 0; i < 4; ++i) CHECK(tryLogin(client, "c1001", "wrong")->status == 401);
  CHECK(tryLogin(client, "c1001", "demo1001")->status == 201);
  // And five in a row still lock.
  CHECK(failFiveTimes(client, "c1001")->status == 403);
}

TEST_CASE("a lock ends at its time, and a new series begins after it",
          "[central][process][login-protection]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withArguments({"--login-lock-seconds", "2"}));
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result fifth = failFiveTimes(client, "s2001");
  REQUIRE(fifth->status == 403);
  CHECK(retryAfterOf(fifth) >= 1);
  CHECK(retryAfterOf(fifth) <= 2);
  const auto lockedUntil = parseWireTime(lockedUntilOf(fifth));
  REQUIRE(lockedUntil);
  CHECK(tryLogin(client, "s2001", "demo2001")->status == 403);

  // Past the lock (whole seconds on the server's clock): the right password works again.
  std::this_thread::sleep_until(Clock::time_point(*lockedUntil) + std::chrono::milliseconds(1100));
  const httplib::Result opened = tryLogin(client, "s2001", "demo2001");
  REQUIRE(opened);
  INFO(opened->body);
  CHECK(opened->status == 201);

  // A served lock is forgotten: four wrong passwords are four, not a fresh lock.
  for (int i = 0; i < 4; ++i) CHECK(tryLogin(client, "s2001", "wrong")->status == 401);
}

TEST_CASE("two central processes on one database count and lock together",
          "[central][process][login-protection]") {
  TempDir dir;
  // Both at once on one SQLite file (WAL), as a district's processes share one database.
  CentralProcess first(dir / "central.db", withArguments({}));
  first.start();
  CentralProcess second(dir / "central.db", withArguments({}));
  second.start();
  httplib::Client toFirst("127.0.0.1", first.port());
  httplib::Client toSecond("127.0.0.1", second.port());

  for (int i = 0; i < 3; ++i) REQUIRE(tryLogin(toFirst, "c1001", "wrong")->status == 401);
  REQUIRE(tryLogin(toSecond, "c1001", "wrong")->status == 401);
  // The fifth failure, on the second process, is the fifth of the series.
  const httplib::Result fifth = tryLogin(toSecond, "c1001", "wrong");
  REQUIRE(fifth);
  CHECK(fifth->status == 403);
  CHECK(errorCodeOf(fifth) == "auth.clerk_locked");

  // The first process refuses the right password with the same time.
  const httplib::Result right = tryLogin(toFirst, "c1001", "demo1001");
  REQUIRE(right);
  CHECK(right->status == 403);
  CHECK(lockedUntilOf(right) == lockedUntilOf(fifth));

  // And so does a process started afterwards on the same database.
  first.stop();
  second.stop();
  CentralProcess third(dir / "central.db", withArguments({}));
  third.start();
  httplib::Client toThird("127.0.0.1", third.port());
  const httplib::Result later = tryLogin(toThird, "c1001", "demo1001");
  REQUIRE(later);
  CHECK(later->status == 403);
  CHECK(lockedUntilOf(later) == lockedUntilOf(fifth));
}

TEST_CASE("a flood of failed logins from one address is answered 429 with Retry-After",
          "[central][process][login-protection]") {
  TempDir dir;
  // 5 at once, one back every 12 s: far slower than five password checks take.
  CentralProcess central(dir / "central.db", withArguments({"--login-burst", "5"}));
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  // Many ids, one password each: what a lock per id does not stop.
  for (int i = 0; i < 5; ++i) {
    const httplib::Result wrong = tryLogin(client, "x" + std::to_string(i), "spray");
    REQUIRE(wrong);
    REQUIRE(wrong->status == 401);
  }
  const httplib::Result flooded = tryLogin(client, "x5", "spray");
  REQUIRE(flooded);
  INFO(flooded->body);
  CHECK(flooded->status == 429);
  CHECK(errorCodeOf(flooded) == "auth.too_many_attempts");
  const long wait = retryAfterOf(flooded);
  CHECK(wait >= 1);
  CHECK(wait <= 12);
  CHECK_THAT(errorMessageOf(flooded), Catch::Contains(std::to_string(wait) + " s"));
  // The limit comes before the password: the right one is refused as well, told the same.
  const httplib::Result right = tryLogin(client, "c1001", "demo1001");
  REQUIRE(right);
  CHECK(right->status == 429);

  // Nor is a request that is no login attempt at all counted or refused differently.
  const httplib::Result malformed = postLogin(client, "<login>");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);

  // After the wait the address may try again.
  std::this_thread::sleep_for(seconds(retryAfterOf(right)) + std::chrono::milliseconds(200));
  const httplib::Result again = tryLogin(client, "c1001", "demo1001");
  REQUIRE(again);
  CHECK(again->status == 201);
}

TEST_CASE("X-Real-IP and X-Forwarded-For name the address only from a trusted proxy",
          "[central][process][login-protection]") {
  TempDir dir;
  const httplib::Headers fromA{{"X-Real-IP", "198.51.100.1"}};
  const httplib::Headers fromB{{"X-Real-IP", "198.51.100.2"}};

  SECTION("behind a trusted proxy each client address has its own limit") {
    CentralProcess central(dir / "central.db",
                           withArguments({"--trusted-proxy", "127.0.0.1", "--login-burst", "2"}));
    central.start();
    httplib::Client proxy("127.0.0.1", central.port());
    CHECK(tryLogin(proxy, "x1", "spray", fromA)->status == 401);
    CHECK(tryLogin(proxy, "x2", "spray", fromA)->status == 401);
    CHECK(tryLogin(proxy, "x3", "spray", fromA)->status == 429);
    // Another window behind the same proxy is not slowed by the first one's flood.
    CHECK(tryLogin(proxy, "x4", "spray", fromB)->status == 401);
    // Without X-Real-IP, the last X-Forwarded-For entry (the one nginx appends) counts; what a
    // client wrote before it does not.
    CHECK(tryLogin(proxy, "x5", "spray", {{"X-Forwarded-For", "198.51.100.2, 198.51.100.1"}})
              ->status == 429);
    CHECK(tryLogin(proxy, "x6", "spray", {{"X-Forwarded-For", "198.51.100.1, 198.51.100.3"}})
              ->status == 401);
    // An IPv6 client counts as its /64.
    CHECK(tryLogin(proxy, "x7", "spray", {{"X-Real-IP", "2001:db8:1:2::10"}})->status == 401);
    CHECK(tryLogin(proxy, "x8", "spray", {{"X-Real-IP", "2001:db8:1:2::20"}})->status == 401);
    CHECK(tryLogin(proxy, "x9", "spray", {{"X-Real-IP", "2001:db8:1:2::30"}})->status == 429);
    // Nonsense in the header: the proxy's own address counts.
    CHECK(tryLogin(proxy, "x10", "spray", {{"X-Real-IP", "not an address"}})->status == 401);
  }

  SECTION("from any other peer the headers are ignored") {
    CentralProcess central(dir / "central.db",
                           withArguments({"--trusted-proxy", "192.0.2.7", "--login-burst", "2"}));
    central.start();
    httplib::Client client("127.0.0.1", central.port());
    CHECK(tryLogin(client, "x1", "spray", fromA)->status == 401);
    CHECK(tryLogin(client, "x2", "spray", fromB)->status == 401);
    // A third address in the header does not buy a third attempt: 127.0.0.1 made all three.
    const httplib::Result third = tryLogin(client, "x3", "spray", {{"X-Real-IP", "198.51.100.3"}});
    REQUIRE(third);
    CHECK(third->status == 429);
    CHECK(tryLogin(client, "x4", "spray", {{"X-Forwarded-For", "198.51.100.4"}})->status == 429);
  }
}

TEST_CASE("the login protection options are checked", "[central][process][login-protection]") {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"--trusted-proxy", "nginx.local"},
        std::vector<std::string>{"--trusted-proxy"}, std::vector<std::string>{"--login-burst", "0"},
        std::vector<std::string>{"--login-lock-seconds", "-5"},
        std::vector<std::string>{"--login-lock-seconds", "90000"}}) {
    const CommandResult result = runCentralCommand(arguments);
    INFO(arguments.front() << ": " << result.standardError);
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.standardError, Catch::Contains(arguments.front()));
  }
  const CommandResult help = runCentralCommand({"--help"});
  CHECK_THAT(help.standardOutput, Catch::Contains("--trusted-proxy ADDR") &&
                                      Catch::Contains("--login-lock-seconds N") &&
                                      Catch::Contains("--login-burst N"));
}

// The pieces, without a server.

TEST_CASE("a clerk id's series of failures is forgotten a lock duration after it began",
          "[central][login-protection]") {
  TempDir dir;
  onewindow::central::CentralStore store(dir / "central.db");
  onewindow::central::ClerkLockout lockout(store, std::chrono::minutes(15));
  const std::chrono::sys_seconds start{seconds(1'800'000'000)};

  for (int i = 0; i < 4; ++i) CHECK_FALSE(lockout.recordFailure("c1001", start + seconds(i)));
  CHECK(lockout.standing("c1001", start).hasFailures);
  CHECK_FALSE(lockout.standing("c1001", start).lockedUntil);
  // Fifteen minutes after the first of them, a failure begins a new series.
  const auto later = start + std::chrono::minutes(15);
  for (int i = 0; i < 4; ++i) CHECK_FALSE(lockout.recordFailure("c1001", later + seconds(i)));
  const auto locked = lockout.recordFailure("c1001", later + seconds(10));
  REQUIRE(locked);
  CHECK(*locked == later + seconds(10) + std::chrono::minutes(15));
  CHECK(lockout.standing("c1001", later + seconds(11)).lockedUntil == locked);
  // Open again at the second it ends; the next failure is the first of a new series.
  CHECK_FALSE(lockout.standing("c1001", *locked).lockedUntil);
  CHECK_FALSE(lockout.recordFailure("c1001", *locked));

  lockout.forgetFailures("c1001");
  CHECK_FALSE(lockout.standing("c1001", *locked).hasFailures);
}

TEST_CASE("a short lock (tests) still counts a series over 15 minutes",
          "[central][login-protection]") {
  TempDir dir;
  onewindow::central::CentralStore store(dir / "central.db");
  onewindow::central::ClerkLockout lockout(store, seconds(2));
  const std::chrono::sys_seconds start{seconds(1'800'000'000)};
  for (int i = 0; i < 4; ++i) CHECK_FALSE(lockout.recordFailure("c1001", start + seconds(60 * i)));
  const auto locked = lockout.recordFailure("c1001", start + std::chrono::minutes(14));
  REQUIRE(locked);
  CHECK(*locked == start + std::chrono::minutes(14) + seconds(2));
}

TEST_CASE("rows of other ids are cleaned up once they mean nothing",
          "[central][login-protection]") {
  TempDir dir;
  onewindow::central::CentralStore store(dir / "central.db");
  onewindow::central::ClerkLockout lockout(store, std::chrono::minutes(15));
  const std::chrono::sys_seconds start{seconds(1'800'000'000)};
  for (int i = 0; i < 5; ++i) (void)lockout.recordFailure("locked-one", start);
  (void)lockout.recordFailure("guessed-once", start);
  auto rows = [&] {
    return store.withDatabase([](auto& db) {
      auto count = db.prepare("SELECT COUNT(*) FROM login_failures");
      return count.step() ? count.columnInt(0) : -1;
    });
  };
  CHECK(rows() == 2);
  (void)lockout.recordFailure("someone-else", start + std::chrono::minutes(15));
  CHECK(rows() == 1);  // the served lock and the old series are gone; the new failure stays
}

TEST_CASE("an id longer than any real one is counted under a fixed-size key",
          "[central][login-protection]") {
  const std::string huge(100000, 'a');
  CHECK(onewindow::central::lockoutKey("c1001") == "c1001");
  CHECK(onewindow::central::lockoutKey(huge).size() == 65);
  CHECK(onewindow::central::lockoutKey(huge) == onewindow::central::lockoutKey(huge));
  CHECK(onewindow::central::lockoutKey(huge) != onewindow::central::lockoutKey(huge + "b"));
}

TEST_CASE("an address's bucket refills one attempt per 60/burst seconds",
          "[central][login-protection]") {
  onewindow::central::AddressThrottle throttle(3);  // one back every 20 s
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) CHECK(throttle.takeAttempt("a", t0) == seconds(0));
  CHECK(throttle.takeAttempt("a", t0) == seconds(20));
  CHECK(throttle.takeAttempt("a", t0 + seconds(5)) == seconds(15));
  CHECK(throttle.takeAttempt("b", t0) == seconds(0));  // another address, its own bucket
  CHECK(throttle.takeAttempt("a", t0 + seconds(20)) == seconds(0));
  CHECK(throttle.takeAttempt("a", t0 + seconds(20)) == seconds(20));
  // A right password gives its attempt back.
  throttle.giveBack("a", t0 + seconds(20));
  CHECK(throttle.takeAttempt("a", t0 + seconds(20)) == seconds(0));
  // Never more than the burst, however long it waited.
  const auto much = t0 + std::chrono::hours(5);
  for (int i = 0; i < 3; ++i) CHECK(throttle.takeAttempt("a", much) == seconds(0));
  CHECK(throttle.takeAttempt("a", much) > seconds(0));
}

TEST_CASE("the throttled address is the peer's unless the peer is a trusted proxy",
          "[central][login-protection]") {
  using onewindow::central::normalizedIpAddress;
  using onewindow::central::throttleKey;
  const std::vector<std::string> trusted{"10.0.0.5", "::1"};
  CHECK(throttleKey("203.0.113.9", "198.51.100.1", "", trusted) == "203.0.113.9");
  CHECK(throttleKey("10.0.0.5", "198.51.100.1", "", trusted) == "198.51.100.1");
  CHECK(throttleKey("::ffff:10.0.0.5", " 198.51.100.1 ", "", trusted) == "198.51.100.1");
  CHECK(throttleKey("10.0.0.5", "", "1.2.3.4, 198.51.100.1", trusted) == "198.51.100.1");
  CHECK(throttleKey("10.0.0.5", "", "", trusted) == "10.0.0.5");
  CHECK(throttleKey("10.0.0.5", "garbage", "also garbage", trusted) == "10.0.0.5");
  CHECK(throttleKey("::1", "2001:db8:aa:bb:1:2:3:4", "", trusted) == "2001:db8:aa:bb::/64");
  CHECK(throttleKey("2001:db8::1", "", "", trusted) == "2001:db8::/64");

  CHECK(normalizedIpAddress("::FFFF:127.0.0.1") == "127.0.0.1");
  CHECK(normalizedIpAddress("2001:DB8:0:0::1") == "2001:db8::1");
  CHECK_FALSE(normalizedIpAddress("localhost"));
  CHECK_FALSE(normalizedIpAddress("10.0.0.5/24"));
}
