#pragma once
// Waits on the test thread for a completion that arrives on the network thread.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace onewindow::test {

template <typename T>
class Awaited {
 public:
  void set(T value) {
    {
      std::lock_guard lock(mutex_);
      value_ = std::move(value);
    }
    ready_.notify_all();
  }

  // The value, or nullopt when nothing arrived within the timeout.
  std::optional<T> wait(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [this] { return value_.has_value(); });
    return value_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::optional<T> value_;
};

}  // namespace onewindow::test
