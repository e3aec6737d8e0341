// The child of the "killed during sync" test: logs in online and lets the engine's sync send
// the profile's queued cases; prints a line per case central confirmed. The test kills it at
// random moments and starts it again.
//
// Usage: sync_worker PROFILE_DIR CENTRAL_URL

#include <cstdio>

#include "engine_harness.hpp"

using namespace onewindow;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sync_worker PROFILE_DIR CENTRAL_URL\n");
    return 2;
  }
  test::EngineHarness harness(argv[1], argv[2], true);
  if (!harness.login("c1001", "demo1001", "W03").ok()) {
    std::fprintf(stderr, "sync_worker: login failed\n");
    return 3;
  }
  std::printf("READY\n");
  std::fflush(stdout);
  while (true) {
    const auto news = harness.waitFor<engine::CaseSyncNews>([](const auto&) { return true; },
                                                            std::chrono::seconds(3600));
    (void)news;
  }
}
