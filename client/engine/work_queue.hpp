#pragma once
// The engine's own thread: commands, network completions and timers all run here, one at a
// time, so engine state needs no locks beyond the snapshot it publishes. Nothing here may
// block on the network; that is the network thread's job.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace onewindow::engine {

class WorkQueue {
 public:
  using Task = std::function<void()>;
  using Clock = std::chrono::steady_clock;

  WorkQueue();
  ~WorkQueue();
  // Runs no further tasks and drops later posts; waits only for the task running now.
  // Idempotent; must not be called from a task.
  void stop();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void post(Task task);
  void postAfter(std::chrono::milliseconds delay, Task task);
  [[nodiscard]] bool onQueueThread() const {
    return std::this_thread::get_id() == thread_.get_id();
  }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<Clock::time_point, Task> tasks_;  // due time → task; FIFO among equal times
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace onewindow::engine
