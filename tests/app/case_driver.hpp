#pragma once
// Case commands through the workstation's own engine, for the GUI tests that need cases behind
// a page: answers arrive on the UI thread like everything else the window sees.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "client/engine/engine.hpp"
#include "gui_fixture.hpp"
#include "sample_case.hpp"
#include "sample_engine_case.hpp"

namespace onewindow::test {

// Drives case commands through the real engine of the workstation, answers arriving on the UI
// thread like everything else the window sees.
class CaseDriver {
 public:
  explicit CaseDriver(engine::Engine& engine) : engine_(engine) {
    subscription_ =
        engine_.subscribe([this](const engine::Notification& n) { received_.push_back(n); });
  }

  template <typename T, typename Command>
  T call(Command command) {
    command.requestId = ++lastId_ + 1000;
    const auto id = command.requestId;
    engine_.submit(std::move(command));
    std::optional<T> answer;
    REQUIRE(pumpUntil(
        [&] {
          for (const auto& n : received_) {
            if (const auto* hit = std::get_if<T>(&n); hit && hit->requestId == id) answer = *hit;
            if (const auto* failed = std::get_if<engine::CommandFailed>(&n);
                failed && failed->requestId == id) {
              FAIL("command failed: " << failed->message);
            }
          }
          return answer.has_value();
        },
        std::chrono::seconds(20)));
    return *answer;
  }

  // Takes a case of `code` in with the sample applicant and form, every material received and
  // a scanned page on the first.
  // `at`: the engine's today (its clock), which the form's dates are answered for.
  std::string takeCaseIn(
      const std::filesystem::path& scans, const std::string& applicant,
      const std::string& code = test::kSampleMatter,
      std::chrono::system_clock::time_point at = std::chrono::system_clock::now()) {
    const test::SampleIntake intake = test::sampleIntake(code, at);
    const auto draft = call<engine::DraftStarted>(engine::StartDraft{0, code});
    call<engine::DraftSaved>(
        engine::SaveDraft{0, draft.uuid, test::sampleDraft(intake, applicant)});
    std::filesystem::create_directories(scans);
    const auto page = scans / ("page-" + draft.uuid);
    std::ofstream(page) << "scan of " << draft.uuid;
    const auto stored = call<engine::MaterialStored>(engine::StoreMaterial{0, page});
    call<engine::CaseFinalized>(engine::FinalizeIntake{
        0, draft.uuid, intake.scenarios,
        test::sampleMaterials(intake, {{stored.sha256, stored.size, "image/png"}}), false});
    return draft.uuid;
  }

 private:
  engine::Engine& engine_;
  engine::Subscription subscription_;
  std::vector<engine::Notification> received_;
  std::uint64_t lastId_ = 0;
};

}  // namespace onewindow::test
