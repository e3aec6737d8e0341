#pragma once
// Stands in for the UI thread: notifications queue up here and run when the test pumps.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "client/engine/invoker.hpp"

namespace onewindow::test {

class TestInvoker final : public engine::Invoker {
 public:
  void post(std::function<void()> task) override {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_all();
  }

  // Runs queued tasks until `done` holds or `timeout` passes; returns done(). Re-checks
  // `done` at least every 20 ms, since it may watch state that changes without a task.
  bool pumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::unique_lock lock(mutex_);
      if (!ready_.wait_for(lock, std::chrono::milliseconds(20), [this] { return !tasks_.empty(); })) continue;
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
    }
    return true;
  }

  [[nodiscard]] std::size_t queued() {
    std::lock_guard lock(mutex_);
    return tasks_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
};

}  // namespace onewindow::test
