#include "sane_fixture.hpp"

namespace onewindow::test {

void RecordingObserver::pageStarted(int index) {
  const std::lock_guard lock(sync_->mutex);
  started.push_back(index);
}

void RecordingObserver::pageProgress(int /*index*/, double fraction) {
  {
    const std::lock_guard lock(sync_->mutex);
    progress.push_back(fraction);
  }
  sync_->changed.notify_all();
}

void RecordingObserver::pageDone(int index, scan::Raster page) {
  {
    const std::lock_guard lock(sync_->mutex);
    pages.push_back(std::move(page));
  }
  sync_->changed.notify_all();
  if (onPageDone) onPageDone(index);
}

void RecordingObserver::ended(const scan::CaptureEnd& captureEnd) {
  {
    const std::lock_guard lock(sync_->mutex);
    end = captureEnd;
    ++endedCalls;
  }
  sync_->changed.notify_all();
}

bool RecordingObserver::waitEnded(std::chrono::milliseconds timeout) {
  std::unique_lock lock(sync_->mutex);
  return sync_->changed.wait_for(lock, timeout, [&] { return end.has_value(); });
}

bool RecordingObserver::waitProgress(std::chrono::milliseconds timeout) {
  std::unique_lock lock(sync_->mutex);
  return sync_->changed.wait_for(lock, timeout,
                                 [&] { return !progress.empty() || !pages.empty() || end; });
}

bool RecordingObserver::waitPages(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(sync_->mutex);
  sync_->changed.wait_for(lock, timeout, [&] { return pages.size() >= count || end; });
  return pages.size() >= count;
}

}  // namespace onewindow::test
