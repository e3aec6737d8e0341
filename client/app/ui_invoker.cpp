#include "client/app/ui_invoker.hpp"

#include <wx/app.h>

namespace onewindow::app {

void UiInvoker::post(std::function<void()> task) {
  if (!open_ || wxTheApp == nullptr) return;
  // CallAfter is thread-safe: it queues an event for the UI thread's next idle moment.
  wxTheApp->CallAfter([task = std::move(task)] { task(); });
}

}  // namespace onewindow::app
