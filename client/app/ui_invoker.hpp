#pragma once
// The single place where engine results cross to the UI thread (DESIGN.md §3): every
// notification is queued with wxTheApp->CallAfter and runs between UI events. After
// shutdown() nothing more is queued, so a late result during exit is dropped, never run
// against a destroyed window.

#include <atomic>

#include "client/engine/invoker.hpp"

namespace onewindow::app {

class UiInvoker final : public engine::Invoker {
 public:
  void post(std::function<void()> task) override;
  void shutdown() { open_ = false; }

 private:
  std::atomic<bool> open_{true};
};

}  // namespace onewindow::app
