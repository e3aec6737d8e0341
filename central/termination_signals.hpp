#pragma once
// SIGTERM/SIGINT handling without work in a signal handler: the signals are blocked in every
// thread and one watcher thread receives them with sigwait(), then runs ordinary code (here:
// stopping the HTTP server, which is not async-signal-safe).

#include <atomic>
#include <functional>
#include <thread>

namespace onewindow::central {

class TerminationSignals {
 public:
  // Blocks SIGTERM and SIGINT in the calling thread. Construct it in main() before any other
  // thread exists, so every thread inherits the mask and none of them is killed by a signal.
  TerminationSignals();
  // Stops watching (see stopWatching()).
  ~TerminationSignals();
  TerminationSignals(const TerminationSignals&) = delete;
  TerminationSignals& operator=(const TerminationSignals&) = delete;

  // Starts the watcher; `onSignal` runs on it for each SIGTERM/SIGINT. A signal that arrived
  // since construction is pending and handled right away.
  void watch(std::function<void(int signalNumber)> onSignal);
  // Wakes and joins the watcher; call it before anything `onSignal` uses is destroyed.
  void stopWatching();

 private:
  std::thread watcher_;
  std::atomic<bool> closing_{false};
};

}  // namespace onewindow::central
