#pragma once
// Offline login (issue 3): when central cannot be reached, a clerk who has logged in online on
// this workstation before can still log in with the same password. After each successful
// online login the engine calls remember(), which keeps only a salted argon2id hash of the
// password (localdb/password_hash.hpp), never the password. verifyOffline() checks a password
// against that hash with a lockout after repeated failures and a maximum age after which the
// clerk must log in online once more.
//
// The table is clerk_credentials of the workstation schema (localdb/workstation_schema.cpp).
// "Now" is passed into every call so that tests (and the engine's injected clock) control it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "localdb/login_lockout.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct CachedClerk {
  std::string clerkId;
  std::string clerkName;
  std::string role;  // "clerk" or "supervisor", as central reported it
};

struct OfflineLoginPolicy {
  // This many wrong passwords in a row lock offline login for lockoutDuration. A correct
  // password (offline) or an online login resets the count.
  int maxFailedAttempts = kMaxFailedLogins;
  std::chrono::minutes lockoutDuration = kLoginLockoutDuration;
  // Credentials confirmed online longer ago than this no longer work offline.
  std::chrono::hours maxOfflineAge{24 * 30};
};

enum class OfflineLoginOutcome {
  Accepted,       // clerk holds the cached clerk
  UnknownClerk,   // never logged in online on this workstation (or forgotten)
  WrongPassword,  // attemptsLeft says how many tries remain before the lockout
  LockedOut,      // lockedUntil says when offline login opens again
  Expired,        // last confirmed online longer ago than the policy allows
};

// "accepted", "unknown_clerk", ... for log lines.
[[nodiscard]] const char* outcomeName(OfflineLoginOutcome outcome);

struct OfflineLoginResult {
  OfflineLoginOutcome outcome = OfflineLoginOutcome::UnknownClerk;
  std::optional<CachedClerk> clerk;                                       // Accepted only
  int attemptsLeft = 0;                                                   // WrongPassword only
  std::optional<std::chrono::system_clock::time_point> lockedUntil;       // LockedOut only
  std::optional<std::chrono::system_clock::time_point> verifiedOnlineAt;  // Accepted, Expired
  // One or two plain sentences for the login dialog. Never contains the password.
  std::string message;

  [[nodiscard]] bool accepted() const { return outcome == OfflineLoginOutcome::Accepted; }
};

class CredentialCache {
 public:
  // db must carry the workstation schema (WorkstationStore::database()); it must outlive the
  // cache.
  explicit CredentialCache(Database& db, OfflineLoginPolicy policy = {});

  // After a successful ONLINE login: keeps a fresh salted hash of password with the clerk's
  // name and role, marks the credentials as confirmed online at now, and clears any failed
  // attempts and lockout. Replaces what was cached for the clerk before. Takes about a tenth
  // of a second (argon2id). Throws std::invalid_argument for an empty clerk id or a role
  // other than "clerk"/"supervisor", SqliteError if the database cannot be written.
  void remember(const CachedClerk& clerk, std::string_view password,
                std::chrono::system_clock::time_point now);

  // Checks a password while central is unreachable. Unknown, expired and locked clerks are
  // answered from the table alone, before any password work, so a locked clerk's password
  // cannot be probed. A wrong password is counted durably (in a transaction) before the
  // answer is returned. Throws SqliteError if the database cannot be read or written.
  [[nodiscard]] OfflineLoginResult verifyOffline(std::string_view clerkId,
                                                 std::string_view password,
                                                 std::chrono::system_clock::time_point now);

  // Drops what is cached for the clerk (for example when central says the clerk is inactive).
  void forget(std::string_view clerkId);

  [[nodiscard]] const OfflineLoginPolicy& policy() const { return policy_; }

 private:
  Database& db_;
  OfflineLoginPolicy policy_;
};

}  // namespace onewindow::localdb
