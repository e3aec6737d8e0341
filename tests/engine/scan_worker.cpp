// The child process of the scanning SIGKILL test: logs in, opens a draft (or carries on with the
// one named), and captures a 10-page feeder batch from the SANE test backend into one material,
// printing "KEPT <page id> <position>" once the engine says a page is in the store. The test
// kills it mid-batch and checks that every page printed is still there, whole.
//
// Usage: scan_worker PROFILE_DIR CENTRAL_URL [DRAFT_UUID]

#include <cstdio>
#include <string>

#include "engine_harness.hpp"
#include "sane_backend.hpp"

using namespace onewindow;
using namespace onewindow::engine;

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: scan_worker PROFILE_DIR CENTRAL_URL [DRAFT_UUID]\n");
    return 2;
  }
  test::useSaneTestBackend();
  test::EngineHarness harness(argv[1], argv[2]);
  if (!harness.login("c1001", "demo1001", "W03").ok()) {
    std::fprintf(stderr, "scan_worker: login failed\n");
    return 3;
  }
  std::string uuid = argc == 4 ? argv[3] : "";
  if (uuid.empty()) {
    const auto started = harness.call<DraftStarted>(StartDraft{0, test::kSampleMatter});
    if (!std::holds_alternative<DraftStarted>(started)) return 3;
    uuid = std::get<DraftStarted>(started).uuid;
  }
  std::printf("DRAFT %s\n", uuid.c_str());
  StartCapture capture;
  capture.requestId = 1;
  capture.caseUuid = uuid;
  capture.slotKey = "premises_proof";
  capture.device = "sane:test:0";
  capture.settings.source = scan::PaperSource::Feeder;
  capture.settings.mode = scan::ColourMode::Colour;
  capture.settings.dpi = 300;
  // Printed as the engine announces each page: its row is committed by then. FIRST marks the
  // first page of this run, for a kill timed from it.
  bool first = true;
  const Subscription printer = harness.engine().subscribe([&first](const Notification& n) {
    if (const auto* stored = std::get_if<CapturedPageStored>(&n)) {
      std::printf("KEPT %lld %d\n", static_cast<long long>(stored->pageId), stored->position);
      if (first) std::printf("FIRST\n");
      first = false;
      std::fflush(stdout);
    }
  });
  harness.engine().submit(capture);
  std::printf("READY\n");
  std::fflush(stdout);
  const auto ended = harness.waitFor<CaptureEnded>([&](const CaptureEnded&) { return true; },
                                                   std::chrono::seconds(120));
  std::printf("ENDED %d\n", ended ? ended->pagesCaptured : -1);
  return ended && !ended->error ? 0 : 4;
}
