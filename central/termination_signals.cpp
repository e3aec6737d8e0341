#include "central/termination_signals.hpp"

#include <pthread.h>
#include <signal.h>

#include <system_error>

namespace onewindow::central {
namespace {

sigset_t terminationSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

TerminationSignals::TerminationSignals() {
  const sigset_t set = terminationSet();
  if (const int error = pthread_sigmask(SIG_BLOCK, &set, nullptr); error != 0) {
    throw std::system_error(error, std::generic_category(), "pthread_sigmask");
  }
}

TerminationSignals::~TerminationSignals() { stopWatching(); }

void TerminationSignals::stopWatching() {
  if (!watcher_.joinable()) return;
  closing_ = true;
  // Directed at the watcher, which has SIGTERM blocked, so it stays pending for its sigwait().
  pthread_kill(watcher_.native_handle(), SIGTERM);
  watcher_.join();
}

void TerminationSignals::watch(std::function<void(int signalNumber)> onSignal) {
  watcher_ = std::thread([this, onSignal = std::move(onSignal)] {
    const sigset_t set = terminationSet();
    while (true) {
      int signalNumber = 0;
      if (sigwait(&set, &signalNumber) != 0) continue;
      if (closing_) return;
      onSignal(signalNumber);
    }
  });
}

}  // namespace onewindow::central
