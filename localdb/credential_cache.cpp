#include "localdb/credential_cache.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "localdb/password_hash.hpp"

namespace onewindow::localdb {
namespace {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// Times in the table are ISO 8601 UTC text to the second: "2026-11-27T02:00:00Z".
std::string formatIsoUtc(TimePoint when) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::optional<TimePoint> parseIsoUtc(const std::string& text) {
  if (text.size() != 20) return std::nullopt;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  char zone = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d%c", &year, &month, &day, &hour, &minute,
                  &second, &zone) != 7 ||
      zone != 'Z') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
      second > 60) {
    return std::nullopt;
  }
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

bool isKnownRole(std::string_view role) { return role == "clerk" || role == "supervisor"; }

std::string plural(long long count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// Whole minutes until `until`, rounded up, at least one: "Try again in 1 minute", never "in 0".
long long minutesUntil(TimePoint until, TimePoint now) {
  const auto left = std::chrono::ceil<std::chrono::minutes>(until - now).count();
  return left < 1 ? 1 : left;
}

struct StoredCredentials {
  CachedClerk clerk;
  std::string passwordHash;
  std::string verifiedOnlineAt;
  int failedAttempts = 0;
  std::optional<std::string> lockedUntil;
};

std::optional<StoredCredentials> load(Database& db, std::string_view clerkId) {
  auto select = db.prepare(
      "SELECT clerk_id, clerk_name, role, password_hash, verified_online_at, failed_attempts, "
      "locked_until FROM clerk_credentials WHERE clerk_id = ?1");
  select.bind(1, clerkId);
  if (!select.step()) return std::nullopt;
  StoredCredentials stored;
  stored.clerk = {select.columnText(0), select.columnText(1), select.columnText(2)};
  stored.passwordHash = select.columnText(3);
  stored.verifiedOnlineAt = select.columnText(4);
  stored.failedAttempts = static_cast<int>(select.columnInt(5));
  stored.lockedUntil = select.columnOptionalText(6);
  return stored;
}

void writeAttempts(Database& db, std::string_view clerkId, int failedAttempts,
                   std::optional<TimePoint> lockedUntil) {
  auto update = db.prepare(
      "UPDATE clerk_credentials SET failed_attempts = ?2, locked_until = ?3 WHERE clerk_id = ?1");
  update.bind(1, clerkId).bind(2, failedAttempts);
  if (lockedUntil) {
    update.bind(3, formatIsoUtc(*lockedUntil));
  } else {
    update.bindNull(3);
  }
  update.run();
}

}  // namespace

const char* outcomeName(OfflineLoginOutcome outcome) {
  switch (outcome) {
    case OfflineLoginOutcome::Accepted:
      return "accepted";
    case OfflineLoginOutcome::UnknownClerk:
      return "unknown_clerk";
    case OfflineLoginOutcome::WrongPassword:
      return "wrong_password";
    case OfflineLoginOutcome::LockedOut:
      return "locked_out";
    case OfflineLoginOutcome::Expired:
      return "expired";
  }
  return "unknown";
}

CredentialCache::CredentialCache(Database& db, OfflineLoginPolicy policy)
    : db_(db), policy_(policy) {
  if (policy_.maxFailedAttempts < 1) {
    throw std::invalid_argument("the offline login policy must allow at least one attempt");
  }
}

void CredentialCache::remember(const CachedClerk& clerk, std::string_view password, TimePoint now) {
  if (clerk.clerkId.empty()) throw std::invalid_argument("a clerk id is required");
  if (!isKnownRole(clerk.role)) {
    throw std::invalid_argument("unknown clerk role '" + clerk.role + "'");
  }
  // The slow hash runs before the write, so the database is never locked while it runs.
  const std::string hash = hashPassword(password);
  db_.prepare(
         "INSERT INTO clerk_credentials (clerk_id, clerk_name, role, password_hash, "
         "verified_online_at, failed_attempts, locked_until) VALUES (?1, ?2, ?3, ?4, ?5, 0, NULL) "
         "ON CONFLICT (clerk_id) DO UPDATE SET clerk_name = excluded.clerk_name, "
         "role = excluded.role, password_hash = excluded.password_hash, "
         "verified_online_at = excluded.verified_online_at, failed_attempts = 0, "
         "locked_until = NULL")
      .bind(1, clerk.clerkId)
      .bind(2, clerk.clerkName)
      .bind(3, clerk.role)
      .bind(4, hash)
      .bind(5, formatIsoUtc(now))
      .run();
}

OfflineLoginResult CredentialCache::verifyOffline(std::string_view clerkId,
                                                  std::string_view password, TimePoint now) {
  OfflineLoginResult result;
  // One write transaction from the first read to the counter update: the decision and the
  // count it leads to cannot interleave with another attempt (BEGIN IMMEDIATE). Holding it
  // for the tenth of a second of one hash check is acceptable at login.
  Transaction transaction(db_);
  const auto stored = load(db_, clerkId);
  if (!stored) {
    result.outcome = OfflineLoginOutcome::UnknownClerk;
    result.message =
        "This clerk has never logged in online on this workstation, so offline login is not "
        "possible. Log in once while central is reachable.";
    return result;
  }

  // A damaged time counts as expired: the safe side is one online login.
  const auto verifiedOnlineAt = parseIsoUtc(stored->verifiedOnlineAt);
  if (!verifiedOnlineAt || now - *verifiedOnlineAt > policy_.maxOfflineAge) {
    result.outcome = OfflineLoginOutcome::Expired;
    result.verifiedOnlineAt = verifiedOnlineAt;
    const auto days = std::chrono::duration_cast<std::chrono::days>(policy_.maxOfflineAge).count();
    result.message =
        "Offline login has expired for this clerk: the password was last confirmed online more "
        "than " +
        plural(days, "day", "days") + " ago. Log in once while central is reachable.";
    return result;
  }

  // Decided from the table alone, before any password work, so a locked clerk's password
  // cannot be probed.
  int failedAttempts = stored->failedAttempts;
  if (stored->lockedUntil) {
    const auto lockedUntil = parseIsoUtc(*stored->lockedUntil);
    const TimePoint longest = now + policy_.lockoutDuration;
    if (!lockedUntil || *lockedUntil > longest) {
      // Damaged, or the clock was set back: lock for one period from now, never longer.
      writeAttempts(db_, clerkId, failedAttempts, longest);
      transaction.commit();
      result.outcome = OfflineLoginOutcome::LockedOut;
      result.lockedUntil = std::chrono::floor<std::chrono::seconds>(longest);
    } else if (now < *lockedUntil) {
      result.outcome = OfflineLoginOutcome::LockedOut;
      result.lockedUntil = *lockedUntil;
    } else {
      failedAttempts = 0;  // the lockout has been served; a fresh series of attempts begins
    }
    if (result.outcome == OfflineLoginOutcome::LockedOut) {
      result.message = "Offline login for this clerk is locked after " +
                       plural(policy_.maxFailedAttempts, "wrong password", "wrong passwords") +
                       ". Try again in " +
                       plural(minutesUntil(*result.lockedUntil, now), "minute", "minutes") +
                       ", or log in when central is reachable.";
      return result;
    }
  }

  if (verifyPassword(stored->passwordHash, password)) {
    writeAttempts(db_, clerkId, 0, std::nullopt);
    transaction.commit();
    result.outcome = OfflineLoginOutcome::Accepted;
    result.clerk = stored->clerk;
    result.verifiedOnlineAt = verifiedOnlineAt;
    result.message =
        "Logged in offline. Work is saved on this workstation and sent to central "
        "when it is reachable again.";
    return result;
  }

  ++failedAttempts;
  if (failedAttempts >= policy_.maxFailedAttempts) {
    const TimePoint lockedUntil =
        std::chrono::floor<std::chrono::seconds>(now + policy_.lockoutDuration);
    writeAttempts(db_, clerkId, failedAttempts, lockedUntil);
    transaction.commit();
    result.outcome = OfflineLoginOutcome::LockedOut;
    result.lockedUntil = lockedUntil;
    result.message = "Wrong password. After " +
                     plural(policy_.maxFailedAttempts, "wrong password", "wrong passwords") +
                     " offline login for this clerk is locked; try again in " +
                     plural(minutesUntil(lockedUntil, now), "minute", "minutes") +
                     ", or log in when central is reachable.";
    return result;
  }
  writeAttempts(db_, clerkId, failedAttempts, std::nullopt);
  transaction.commit();
  result.outcome = OfflineLoginOutcome::WrongPassword;
  result.attemptsLeft = policy_.maxFailedAttempts - failedAttempts;
  result.message = "Wrong password. " + plural(result.attemptsLeft, "attempt", "attempts") +
                   " left before offline login is locked for " +
                   plural(policy_.lockoutDuration.count(), "minute", "minutes") + ".";
  return result;
}

void CredentialCache::forget(std::string_view clerkId) {
  db_.prepare("DELETE FROM clerk_credentials WHERE clerk_id = ?1").bind(1, clerkId).run();
}

}  // namespace onewindow::localdb
