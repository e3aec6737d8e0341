#include "client/engine/queue_invoker.hpp"

namespace onewindow::engine {

void QueueInvoker::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  ready_.notify_all();
}

bool QueueInvoker::runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, std::chrono::milliseconds(20), [this] { return !tasks_.empty(); })) {
      continue;
    }
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
  }
  return true;
}

std::size_t QueueInvoker::queued() {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

}  // namespace onewindow::engine
