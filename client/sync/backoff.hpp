#pragma once
// Exponential backoff with full jitter and a cap: the n-th retry waits a uniformly random time
// in [0, min(cap, base * 2^n)], so hundreds of windows coming back after an outage spread out
// instead of arriving together.

#include <chrono>
#include <cstdint>
#include <random>

namespace onewindow::sync {

struct BackoffPolicy {
  std::chrono::milliseconds base{2000};
  std::chrono::milliseconds cap{std::chrono::minutes(5)};
};

class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy, std::uint64_t seed = std::random_device{}())
      : policy_(policy), random_(seed) {}

  [[nodiscard]] std::chrono::milliseconds delayFor(int attempt);
  [[nodiscard]] std::chrono::milliseconds ceilingFor(int attempt) const;

 private:
  BackoffPolicy policy_;
  std::mt19937_64 random_;
};

}  // namespace onewindow::sync
