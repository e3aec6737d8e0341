#include "client/sync/backoff.hpp"

#include <algorithm>

namespace onewindow::sync {

std::chrono::milliseconds Backoff::ceilingFor(int attempt) const {
  const int doublings = std::clamp(attempt, 0, 30);
  const auto grown = policy_.base.count() << doublings;  // base * 2^attempt, no overflow at 30
  return std::chrono::milliseconds(std::min<std::int64_t>(grown, policy_.cap.count()));
}

std::chrono::milliseconds Backoff::delayFor(int attempt) {
  std::uniform_int_distribution<std::int64_t> uniform(0, ceilingFor(attempt).count());
  return std::chrono::milliseconds(uniform(random_));
}

}  // namespace onewindow::sync
