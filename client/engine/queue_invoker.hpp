#pragma once
// An Invoker for front ends without an event loop (onewindow-ctl, tests): notifications
// queue up here and run on whichever thread calls runUntil().

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "client/engine/invoker.hpp"

namespace onewindow::engine {

class QueueInvoker final : public Invoker {
 public:
  void post(std::function<void()> task) override;

  // Runs queued tasks until `done` holds or `timeout` passes; returns done(). Re-checks
  // `done` at least every 20 ms, since it may watch state that changes without a task.
  bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  [[nodiscard]] std::size_t queued();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
};

}  // namespace onewindow::engine
