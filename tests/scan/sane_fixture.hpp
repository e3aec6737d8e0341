#pragma once
// What the driver tests share: the SANE test backend behind a private configuration, and an
// observer that records a capture's events.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "client/scan/scan_driver.hpp"
#include "sane_backend.hpp"

namespace onewindow::test {

// Records every event of a capture; safe to read from another thread once ended (waitEnded).
// Movable, so a helper can run a capture and return what it saw.
class RecordingObserver : public scan::CaptureObserver {
 public:
  RecordingObserver() = default;
  RecordingObserver(RecordingObserver&&) = default;
  RecordingObserver& operator=(RecordingObserver&&) = default;
  ~RecordingObserver() override = default;

  void pageStarted(int index) override;
  void pageProgress(int index, double fraction) override;
  void pageDone(int index, scan::Raster page) override;
  void ended(const scan::CaptureEnd& end) override;

  // Blocks until `ended` came (or the timeout passed: false).
  bool waitEnded(std::chrono::milliseconds timeout);
  // Blocks until the first progress event (or a page, or the end) came.
  bool waitProgress(std::chrono::milliseconds timeout);
  // Blocks until `count` pages came (false on timeout or when the capture ended with fewer).
  bool waitPages(std::size_t count, std::chrono::milliseconds timeout);

  // Called from the capture thread after the event is recorded.
  std::function<void(int index)> onPageDone;

  std::vector<int> started;
  std::vector<double> progress;
  std::vector<scan::Raster> pages;
  std::optional<scan::CaptureEnd> end;
  int endedCalls = 0;

 private:
  struct Sync {
    std::mutex mutex;
    std::condition_variable changed;
  };
  std::unique_ptr<Sync> sync_ = std::make_unique<Sync>();
};

}  // namespace onewindow::test
