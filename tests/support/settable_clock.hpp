#pragma once
// A clock a test sets, for the engine's "today": intake on one day, a deadline passed on another.

#include <chrono>
#include <mutex>

#include "client/engine/clock.hpp"
#include "forms/civil_date.hpp"

namespace onewindow::test {

// A wall clock the test sets: the day of intake, a decision days later.
class SettableClock final : public engine::Clock {
 public:
  explicit SettableClock(std::chrono::system_clock::time_point at) : at_(at) {}
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    std::lock_guard lock(mutex_);
    return at_;
  }
  void set(std::chrono::system_clock::time_point at) {
    std::lock_guard lock(mutex_);
    at_ = at;
  }

 private:
  mutable std::mutex mutex_;
  std::chrono::system_clock::time_point at_;
};

// 12:00 China Standard Time (04:00 UTC) on `date`.
inline std::chrono::system_clock::time_point noonInShenzhenOn(forms::CivilDate date) {
  return std::chrono::system_clock::time_point(std::chrono::hours(date.daysSinceEpoch() * 24 + 4));
}

}  // namespace onewindow::test
