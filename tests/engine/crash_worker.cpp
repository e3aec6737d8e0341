// The child process of the crash campaign: logs in, then takes cases in through the engine in
// a loop — draft, autosave, three scanned pages, finalize, sometimes a decision — and prints
// one line per case *after* finalize has returned. The test kills it with SIGKILL at random
// moments and checks that every printed case survived complete.
//
// Usage: crash_worker PROFILE_DIR CENTRAL_URL SEED

#include <cstdio>
#include <random>
#include <string>

#include "engine_harness.hpp"

using namespace onewindow;
using namespace onewindow::engine;

namespace {

template <typename T, typename V>
const T& orDie(const V& answer, const char* what) {
  if (const auto* failed = std::get_if<CommandFailed>(&answer)) {
    std::fprintf(stderr, "crash_worker: %s failed: %s\n", what, failed->message.c_str());
    std::exit(3);
  }
  return std::get<T>(answer);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: crash_worker PROFILE_DIR CENTRAL_URL SEED\n");
    return 2;
  }
  const std::filesystem::path profile = argv[1];
  std::mt19937_64 random(std::stoull(argv[3]));
  test::EngineHarness harness(profile, argv[2]);
  if (!harness.login("c1001", "demo1001", "W03").ok()) {
    std::fprintf(stderr, "crash_worker: login failed\n");
    return 3;
  }
  std::printf("READY\n");
  std::fflush(stdout);

  const std::filesystem::path scans = profile / "scans";
  std::string previousPage = "first page";
  for (int n = 0;; ++n) {
    // A case of the sample catalog, its form answered, every material received with a page.
    const test::SampleIntake intake =
        test::sampleIntake(test::kSampleMatter, std::chrono::system_clock::now());
    const auto draft = orDie<DraftStarted>(
        harness.call<DraftStarted>(StartDraft{0, test::kSampleMatter}), "draft");
    orDie<DraftSaved>(harness.call<DraftSaved>(SaveDraft{
                          0, draft.uuid, test::sampleDraft(intake, "申请人" + std::to_string(n))}),
                      "autosave");

    std::vector<MaterialAnswer> materials = test::sampleMaterials(intake);
    std::string hashes;
    for (std::size_t s = 0; s < materials.size(); ++s) {
      // One page in four repeats an earlier one: identical pages must be stored once.
      std::string bytes = previousPage;
      if (random() % 4 != 0) {
        bytes.assign(1024 + random() % (64 * 1024), '\0');
        for (char& c : bytes) c = static_cast<char>(random());
      }
      previousPage = bytes;
      const auto stored = orDie<MaterialStored>(
          harness.call<MaterialStored>(
              StoreMaterial{0, test::writePage(scans / ("page" + std::to_string(s)), bytes)}),
          "store material");
      materials[s].pages = {{stored.sha256, stored.size, "image/png"}};
      hashes += (s == 0 ? "" : ",") + stored.sha256;
    }
    const auto finalized =
        orDie<CaseFinalized>(harness.call<CaseFinalized>(
                                 FinalizeIntake{0, draft.uuid, intake.scenarios, materials, false}),
                             "finalize");
    std::printf("FINALIZED %s %s %s\n", finalized.uuid.c_str(), finalized.provisionalNo.c_str(),
                hashes.c_str());
    std::fflush(stdout);
    if (random() % 3 == 0) {
      orDie<DecisionRecorded>(harness.call<DecisionRecorded>(
                                  RecordDecision{0, draft.uuid, {.kind = DecisionKind::Accept}}),
                              "decision");
    }
  }
}
