#pragma once
// The wall clock, injected so tests can control "offline since" and later deadlines.

#include <chrono>

namespace onewindow::engine {

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace onewindow::engine
