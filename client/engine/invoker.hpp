#pragma once
// Where the engine's notifications are delivered. The desktop UI implements this with
// wxTheApp->CallAfter (client/app/ui_invoker.hpp) — the single place where results cross to
// the UI thread; the command line drains a queue on its main thread.

#include <functional>

namespace onewindow::engine {

class Invoker {
 public:
  virtual ~Invoker() = default;
  // Runs the task later on the front end's thread. Must be callable from any thread.
  virtual void post(std::function<void()> task) = 0;
};

}  // namespace onewindow::engine
