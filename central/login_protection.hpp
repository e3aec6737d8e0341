#pragma once
// Failed-login protection of POST /api/v1/sessions (central/API.md §3), two layers:
//
//  * ClerkLockout, per clerk id, in the DATABASE (table login_failures, schema 12): after
//    localdb::kMaxFailedLogins wrong passwords in a row the id is locked for
//    localdb::kLoginLockoutDuration (the workstation's offline login uses the same numbers).
//    While locked even the right password is refused. Several central processes behind nginx
//    share one database, so a lock made by one holds in all of them. Unknown ids are counted
//    exactly like known ones: the replies never tell which ids exist.
//  * AddressThrottle, per remote address, in MEMORY: a token bucket of failed logins. It does
//    not protect a password (the lockout does); it bounds the work one address can make a
//    process do (each attempt costs an argon2id verification and a database write) and slows
//    one password tried over many ids. Approximate is enough for that, so each process keeps
//    its own buckets: with N processes an address gets N bursts, and a flood costs no shared
//    database write once throttled — writing per attempt to the shared database would make
//    the flood a load on every process.
//
// The SQL runs unchanged on SQLite and PostgreSQL (central/sql): numbered placeholders, integer
// Unix seconds, INSERT ... ON CONFLICT DO UPDATE, RETURNING, no arithmetic on parameters (whose
// type PostgreSQL could not infer); the database is reached only through
// CentralStore::withDatabase.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "localdb/login_lockout.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace onewindow::central {

class CentralStore;

// Failed logins an address may make at once before it is answered 429; it regains one every
// 60/burst seconds (10 a minute by default). A clerk who mistypes a few times never meets it.
inline constexpr int kDefaultAddressBurst = 10;

// What `onewindow-central` is told on its command line (central/options.cpp).
struct LoginProtectionSettings {
  // The lockout's length; shortened only by tests (--login-lock-seconds), which cannot wait
  // 15 minutes. The number of failures is not an option: it is the workstation's too.
  std::chrono::seconds lockDuration = localdb::kLoginLockoutDuration;
  int addressBurst = kDefaultAddressBurst;  // --login-burst
  // Peers whose X-Real-IP / X-Forwarded-For are believed (--trusted-proxy): the nginx in
  // front of a district's central processes. Normalised IP literals (normalizedIpAddress).
  std::vector<std::string> trustedProxies;
};

class ClerkLockout {
 public:
  // A series of failures that has not reached maxFailures is forgotten `seriesWindow` after its
  // first failure. It is not the lock duration that tests shorten: a series must not fall apart
  // while a slow machine checks five passwords.
  ClerkLockout(CentralStore& store, std::chrono::seconds lockDuration,
               int maxFailures = localdb::kMaxFailedLogins,
               std::chrono::seconds seriesWindow = localdb::kLoginLockoutDuration);

  struct Standing {
    bool hasFailures = false;  // a series of failures is on record (a success must clear it)
    std::optional<std::chrono::sys_seconds> lockedUntil;  // set while the id is locked
  };
  // Read before any password work, so a locked id's password cannot be probed.
  [[nodiscard]] Standing standing(std::string_view clerkId, std::chrono::sys_seconds now);
  // Counts one wrong password (or an unknown id) durably; returns when the id opens again if
  // it is locked after this failure (this one was the last allowed, or another process locked
  // it meanwhile).
  std::optional<std::chrono::sys_seconds> recordFailure(std::string_view clerkId,
                                                        std::chrono::sys_seconds now);
  // A correct password before the lockout: the series starts over.
  void forgetFailures(std::string_view clerkId);

  [[nodiscard]] int maxFailures() const { return maxFailures_; }
  [[nodiscard]] std::chrono::seconds lockDuration() const { return lockDuration_; }

 private:
  CentralStore& store_;
  std::chrono::seconds lockDuration_;
  int maxFailures_;
  std::chrono::seconds seriesWindow_;
};

// The key of a clerk id in login_failures: the id itself, or for an id longer than any real one
// a fixed-size digest of it, so a guesser cannot store megabytes per attempt.
[[nodiscard]] std::string lockoutKey(std::string_view clerkId);

class AddressThrottle {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  explicit AddressThrottle(int burst);

  // Takes one attempt from the address's bucket before the password is checked (so requests
  // in flight at once cannot overdraw it) and returns zero; or, when the bucket is empty,
  // takes nothing and returns how long the address must wait.
  [[nodiscard]] std::chrono::seconds takeAttempt(const std::string& address, TimePoint now);
  // The password was right: only failed logins count, the attempt is returned.
  void giveBack(const std::string& address, TimePoint now);

  // Buckets kept at most; past it, full buckets (as good as absent) are dropped first.
  static constexpr std::size_t kMaxAddresses = 65536;

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint updated;
  };
  double refilled(const Bucket& bucket, TimePoint now) const;

  std::mutex mutex_;
  double burst_;
  std::chrono::duration<double> refillEvery_;  // one attempt comes back after this
  std::unordered_map<std::string, Bucket> buckets_;
};

// "203.0.113.7" / "2001:db8::1" in one canonical text (an IPv4-mapped IPv6 address as IPv4),
// or nothing for text that is not an IP address literal.
[[nodiscard]] std::optional<std::string> normalizedIpAddress(std::string_view text);

// Whom a login is counted against: the peer's address, except when the peer is a trusted proxy,
// then the address the proxy names (X-Real-IP, else the last X-Forwarded-For entry, which is the
// one nginx itself appends). An IPv6 address counts as its /64, which one host usually holds
// whole.
[[nodiscard]] std::string throttleKey(std::string_view peer, std::string_view realIp,
                                      std::string_view forwardedFor,
                                      const std::vector<std::string>& trustedProxies);

// Both layers together, as the login handler uses them.
class LoginProtection {
 public:
  LoginProtection(CentralStore& store, const LoginProtectionSettings& settings);

  [[nodiscard]] std::string addressOf(const httplib::Request& request) const;

  ClerkLockout& clerks() { return clerks_; }
  AddressThrottle& addresses() { return addresses_; }

 private:
  ClerkLockout clerks_;
  AddressThrottle addresses_;
  std::vector<std::string> trustedProxies_;
};

// 429 auth.too_many_attempts with Retry-After (central/API.md §3).
void replyTooManyAttempts(httplib::Response& response, std::chrono::seconds wait);
// 403 auth.clerk_locked with the attribute locked-until and Retry-After (central/API.md §3).
void replyClerkLocked(httplib::Response& response, std::chrono::sys_seconds lockedUntil,
                      std::chrono::sys_seconds now);

}  // namespace onewindow::central
