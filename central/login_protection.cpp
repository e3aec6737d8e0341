#include "central/login_protection.hpp"

#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pugixml.hpp>

#include "central/api_error_codes.hpp"
#include "central/central_store.hpp"
#include "central/route_support.hpp"
#include "central/session_token.hpp"
#include "central/sql/sql.hpp"
#include "central/wire_time.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

// Longer than any clerk id a centre hands out; longer ids are kept as a digest (lockoutKey).
constexpr std::size_t kMaxKeptIdBytes = 64;

// Rows that no longer mean anything: a lock that has been served, or a series of failures that
// began 15 minutes (the series window) ago without reaching the limit. Deleted with every
// failure, so the table holds only the last half hour's guesses whatever ids they named.
constexpr std::string_view kForgetStaleSql =
    "DELETE FROM login_failures "
    "WHERE locked_until <= ?1 AND (locked_until > 0 OR first_failure_at <= ?2)";

// One failure more, in one statement so two processes failing at once both count (SQLite
// serialises writers; PostgreSQL's ON CONFLICT takes the row lock). A lock already set is kept
// as it is: a failure racing with the one that locked does not extend it.
// ?1 key, ?2 now, ?3 failures that lock, ?4 the end of a lock starting now.
constexpr std::string_view kCountFailureSql =
    "INSERT INTO login_failures (clerk_id, failures, first_failure_at, locked_until) "
    "VALUES (?1, 1, ?2, CASE WHEN 1 >= ?3 THEN ?4 ELSE 0 END) "
    "ON CONFLICT (clerk_id) DO UPDATE SET "
    "failures = login_failures.failures + 1, "
    "locked_until = CASE WHEN login_failures.locked_until > 0 THEN login_failures.locked_until "
    "WHEN login_failures.failures + 1 >= ?3 THEN ?4 ELSE 0 END "
    "RETURNING locked_until";

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// The /64 of an IPv6 address ("2001:db8:1:2::/64"); an IPv4 address as it is.
std::string perHostKey(const std::string& address) {
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) return address;
  std::fill(v6.s6_addr + 8, v6.s6_addr + 16, std::uint8_t{0});
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, &v6, text, sizeof text);
  return std::string(text) + "/64";
}

}  // namespace

std::string lockoutKey(std::string_view clerkId) {
  if (clerkId.size() <= kMaxKeptIdBytes) return std::string(clerkId);
  // 65 characters: never equal to a kept id, and the same id always gives the same key.
  return "#" + tokenDigest(clerkId);
}

ClerkLockout::ClerkLockout(CentralStore& store, std::chrono::seconds lockDuration, int maxFailures,
                           std::chrono::seconds seriesWindow)
    : store_(store),
      lockDuration_(lockDuration),
      maxFailures_(std::max(1, maxFailures)),
      seriesWindow_(seriesWindow) {}

ClerkLockout::Standing ClerkLockout::standing(std::string_view clerkId,
                                              std::chrono::sys_seconds now) {
  const std::string key = lockoutKey(clerkId);
  return store_.withDatabase([&](auto& db) {
    Standing found;
    auto query = db.prepare("SELECT locked_until FROM login_failures WHERE clerk_id = ?1");
    query.bind(1, key);
    if (query.step()) {
      found.hasFailures = true;
      const std::int64_t lockedUntil = query.columnInt(0);
      if (lockedUntil > toUnixSeconds(now)) found.lockedUntil = fromUnixSeconds(lockedUntil);
    }
    return found;
  });
}

std::optional<std::chrono::sys_seconds> ClerkLockout::recordFailure(std::string_view clerkId,
                                                                    std::chrono::sys_seconds now) {
  const std::string key = lockoutKey(clerkId);
  const std::int64_t nowSeconds = toUnixSeconds(now);
  const std::int64_t lockEnd = toUnixSeconds(now + lockDuration_);
  const std::int64_t seriesStartedBefore = toUnixSeconds(now - seriesWindow_);
  return store_.withDatabase([&](auto& db) -> std::optional<std::chrono::sys_seconds> {
    // One transaction: one durable write (synchronous=FULL) for the clean-up and the count.
    sql::Transaction transaction(db);
    db.prepare(kForgetStaleSql).bind(1, nowSeconds).bind(2, seriesStartedBefore).run();
    std::int64_t lockedUntil = 0;
    {
      auto count = db.prepare(kCountFailureSql);
      count.bind(1, key).bind(2, nowSeconds).bind(3, maxFailures_).bind(4, lockEnd);
      if (count.step()) lockedUntil = count.columnInt(0);
      // The statement is finished here, before the commit.
    }
    transaction.commit();
    if (lockedUntil > nowSeconds) return fromUnixSeconds(lockedUntil);
    return std::nullopt;
  });
}

void ClerkLockout::forgetFailures(std::string_view clerkId) {
  const std::string key = lockoutKey(clerkId);
  store_.withDatabase([&](auto& db) {
    db.prepare("DELETE FROM login_failures WHERE clerk_id = ?1").bind(1, key).run();
  });
}

AddressThrottle::AddressThrottle(int burst)
    : burst_(std::max(1, burst)), refillEvery_(std::chrono::duration<double>(60.0 / burst_)) {}

double AddressThrottle::refilled(const Bucket& bucket, TimePoint now) const {
  const std::chrono::duration<double> elapsed = now - bucket.updated;
  return std::min(burst_, bucket.tokens + std::max(0.0, elapsed / refillEvery_));
}

std::chrono::seconds AddressThrottle::takeAttempt(const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(address);
  if (found == buckets_.end()) {
    if (buckets_.size() >= kMaxAddresses) {
      std::erase_if(buckets_,
                    [&](const auto& entry) { return refilled(entry.second, now) >= burst_; });
      // Only a flood from more addresses than this fills it; forgetting then gives each of
      // them one more burst, which such an attacker had anyway.
      if (buckets_.size() >= kMaxAddresses) buckets_.clear();
    }
    found = buckets_.emplace(address, Bucket{burst_, now}).first;
  }
  Bucket& bucket = found->second;
  const double tokens = refilled(bucket, now);
  if (tokens < 1.0) {
    const double seconds = std::ceil((1.0 - tokens) * refillEvery_.count());
    return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(seconds)));
  }
  bucket.tokens = tokens - 1.0;
  bucket.updated = now;
  return std::chrono::seconds(0);
}

void AddressThrottle::giveBack(const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  const auto found = buckets_.find(address);
  if (found == buckets_.end()) return;
  found->second.tokens = std::min(burst_, refilled(found->second, now) + 1.0);
  found->second.updated = now;
}

std::optional<std::string> normalizedIpAddress(std::string_view text) {
  const std::string address(text);
  char out[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    inet_ntop(AF_INET, &v4, out, sizeof out);
    return std::string(out);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::copy(v6.s6_addr + 12, v6.s6_addr + 16, reinterpret_cast<std::uint8_t*>(&v4));
    inet_ntop(AF_INET, &v4, out, sizeof out);
  } else {
    inet_ntop(AF_INET6, &v6, out, sizeof out);
  }
  return std::string(out);
}

std::string throttleKey(std::string_view peer, std::string_view realIp,
                        std::string_view forwardedFor,
                        const std::vector<std::string>& trustedProxies) {
  std::string client = normalizedIpAddress(peer).value_or(std::string(peer));
  if (std::find(trustedProxies.begin(), trustedProxies.end(), client) != trustedProxies.end()) {
    // Anyone can send these headers; only a proxy we run has written what they say.
    const std::size_t comma = forwardedFor.rfind(',');
    const std::string_view lastForwarded =
        comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1);
    if (auto real = normalizedIpAddress(trimmed(realIp))) {
      client = *real;
    } else if (auto forwarded = normalizedIpAddress(trimmed(lastForwarded))) {
      client = *forwarded;
    }
  }
  return perHostKey(client);
}

LoginProtection::LoginProtection(CentralStore& store, const LoginProtectionSettings& settings)
    : clerks_(store, settings.lockDuration),
      addresses_(settings.addressBurst),
      trustedProxies_(settings.trustedProxies) {}

std::string LoginProtection::addressOf(const httplib::Request& request) const {
  return throttleKey(request.remote_addr, request.get_header_value("X-Real-IP"),
                     request.get_header_value("X-Forwarded-For"), trustedProxies_);
}

void replyTooManyAttempts(httplib::Response& response, std::chrono::seconds wait) {
  response.set_header("Retry-After", std::to_string(wait.count()));
  replyError(response, 429, error_code::kTooManyAttempts,
             "too many failed logins from this address; try again in " +
                 std::to_string(wait.count()) + " s");
}

void replyClerkLocked(httplib::Response& response, std::chrono::sys_seconds lockedUntil,
                      std::chrono::sys_seconds now) {
  const std::string opens = formatWireTime(lockedUntil);
  const auto wait = std::max(std::chrono::seconds(1), lockedUntil - now);
  pugi::xml_document document;
  pugi::xml_node error = document.append_child("error");
  error.append_attribute("code").set_value(std::string(error_code::kClerkLocked).c_str());
  error.append_attribute("locked-until").set_value(opens.c_str());
  // The same words for every id, known or not: the body must not tell which ids exist.
  error.append_child("message").text().set(
      ("too many wrong passwords for this clerk id; login is locked until " + opens).c_str());
  response.set_header("Retry-After", std::to_string(wait.count()));
  replyXml(response, 403, toXmlText(document));
}

}  // namespace onewindow::central
