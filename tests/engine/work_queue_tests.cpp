#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "client/engine/work_queue.hpp"

using onewindow::engine::WorkQueue;
using namespace std::chrono_literals;

TEST_CASE("tasks run in order, one at a time, on the queue's thread", "[engine][queue]") {
  std::vector<int> order;
  std::mutex mutex;
  std::atomic<int> done{0};
  std::atomic<bool> onThread{true};
  {
    WorkQueue queue;
    for (int i = 0; i < 100; ++i) {
      queue.post([&, i] {
        onThread = onThread && queue.onQueueThread();
        std::lock_guard lock(mutex);
        order.push_back(i);
        ++done;
      });
    }
    while (done < 100) std::this_thread::sleep_for(1ms);
  }
  CHECK(onThread);
  REQUIRE(order.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(order[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("a delayed task runs after its delay and after earlier due tasks", "[engine][queue]") {
  WorkQueue queue;
  std::atomic<int> step{0};
  std::atomic<int> delayedSawStep{-1};
  const auto started = std::chrono::steady_clock::now();
  std::atomic<std::int64_t> delayedAfterMs{0};
  queue.postAfter(200ms, [&] {
    delayedSawStep = step.load();
    delayedAfterMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  });
  queue.post([&] { step = 1; });
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (delayedSawStep < 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  CHECK(delayedSawStep == 1);
  CHECK(delayedAfterMs >= 200);
}

TEST_CASE("stop drops tasks not yet run and refuses new ones", "[engine][queue]") {
  std::atomic<int> ran{0};
  WorkQueue queue;
  queue.postAfter(10s, [&] { ++ran; });
  const auto started = std::chrono::steady_clock::now();
  queue.stop();
  queue.post([&] { ++ran; });
  CHECK(std::chrono::steady_clock::now() - started < 1s);
  std::this_thread::sleep_for(50ms);
  CHECK(ran == 0);
}
