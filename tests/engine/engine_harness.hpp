#pragma once
// An engine on a temp profile with a queue standing in for the UI thread, and helpers that
// submit a command and wait for its answer — the way the crash worker and the tests drive the
// engine without a window.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <catch2/catch.hpp>

#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "sample_engine_case.hpp"
#include "settable_clock.hpp"

namespace onewindow::test {

class EngineHarness {
 public:
  // `catalog`: the catalog the engine decides cases with (pinned as --catalog pins it); the
  // sample catalog unless a test wants the releases from central (nullopt).
  EngineHarness(
      const std::filesystem::path& profile, const std::string& centralUrl,
      bool watchConnectivity = false,
      std::optional<std::filesystem::path> catalog = sampleCatalogFile(),
      std::shared_ptr<const engine::Clock> clock = std::make_shared<engine::SystemClock>())
      : clock_(clock) {
    engine::EngineConfig config;
    config.profileDir = profile;
    config.centralUrl = centralUrl;
    config.catalogFile = std::move(catalog);
    config.watchConnectivity = watchConnectivity;
    config.probeInterval = std::chrono::milliseconds(300);
    config.probeTimeout = std::chrono::seconds(2);
    config.templatesDir = ONEWINDOW_TEMPLATES_DIR;
    config.warmUpDocuments = false;
    config.station = {"深圳市罗湖区东门街道党群服务中心", "深圳市罗湖区东门中路2号",
                      "0755-82200000", "0755-82100000", "https://zwfw.example.invalid"};
    engine_ = std::make_unique<engine::Engine>(config, invoker_, std::move(clock));
    subscription_ =
        engine_->subscribe([this](const engine::Notification& n) { received_.push_back(n); });
  }

  engine::Engine& engine() { return *engine_; }
  [[nodiscard]] std::chrono::system_clock::time_point now() const { return clock_->now(); }

  // The first notification of type T (after `from`) matching `match`, waiting up to `timeout`.
  template <typename T, typename Match>
  std::optional<T> waitFor(Match match,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    std::optional<T> found;
    invoker_->runUntil(
        [&] {
          for (std::size_t i = consumed_; i < received_.size(); ++i) {
            if (const auto* hit = std::get_if<T>(&received_[i]); hit != nullptr && match(*hit)) {
              found = *hit;
              return true;
            }
          }
          return false;
        },
        timeout);
    return found;
  }

  // Submits a case command and returns its answer: the notification T or CommandFailed.
  template <typename T, typename CommandT>
  std::variant<T, engine::CommandFailed> call(CommandT command) {
    command.requestId = ++lastRequest_;
    const std::uint64_t id = command.requestId;
    engine_->submit(std::move(command));
    std::optional<std::variant<T, engine::CommandFailed>> answer;
    invoker_->runUntil(
        [&] {
          for (const auto& n : received_) {
            if (const auto* ok = std::get_if<T>(&n); ok != nullptr && ok->requestId == id)
              answer = *ok;
            if (const auto* failed = std::get_if<engine::CommandFailed>(&n);
                failed != nullptr && failed->requestId == id)
              answer = *failed;
          }
          return answer.has_value();
        },
        std::chrono::seconds(30));
    if (!answer) throw std::runtime_error("no answer from the engine within 30 s");
    return *answer;
  }

  engine::LoginFinished login(const std::string& clerk, const std::string& password,
                              const std::string& window) {
    const std::size_t before = received_.size();
    engine_->submit(engine::Login{clerk, password, window});
    std::optional<engine::LoginFinished> result;
    invoker_->runUntil(
        [&] {
          for (std::size_t i = before; i < received_.size(); ++i) {
            if (const auto* hit = std::get_if<engine::LoginFinished>(&received_[i])) result = *hit;
          }
          return result.has_value();
        },
        std::chrono::seconds(30));
    if (!result) throw std::runtime_error("no login answer within 30 s");
    return *result;
  }

  // Runs notifications until `done` holds (re-checked at least every 20 ms) or time runs out.
  bool until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    return invoker_->runUntil(done, timeout);
  }

  void pump(std::chrono::milliseconds duration) {
    invoker_->runUntil([] { return false; }, duration);
  }

 private:
  std::shared_ptr<const engine::Clock> clock_;
  std::shared_ptr<engine::QueueInvoker> invoker_ = std::make_shared<engine::QueueInvoker>();
  std::unique_ptr<engine::Engine> engine_;
  engine::Subscription subscription_;
  std::vector<engine::Notification> received_;
  std::size_t consumed_ = 0;
  std::uint64_t lastRequest_ = 0;
};

// Writes `bytes` to a file to stand in for a scanned page.
inline std::filesystem::path writePage(const std::filesystem::path& file,
                                       const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << bytes;
  return file;
}

// Takes a case of the sample catalog (`code`, today) in through the engine: a draft, the
// applicant and the filled form saved, every material received (`pages` on the first), then
// finalized. The engine's answer: CaseFinalized, or CommandFailed.
inline std::variant<engine::CaseFinalized, engine::CommandFailed> takeInSample(
    EngineHarness& harness, const std::string& applicant,
    const std::vector<engine::PageRef>& pages = {}, const std::string& code = kSampleMatter) {
  const SampleIntake intake = sampleIntake(code, harness.now());
  const auto started = harness.call<engine::DraftStarted>(engine::StartDraft{0, code});
  if (const auto* failed = std::get_if<engine::CommandFailed>(&started)) return *failed;
  const std::string uuid = std::get<engine::DraftStarted>(started).uuid;
  const auto saved =
      harness.call<engine::DraftSaved>(engine::SaveDraft{0, uuid, sampleDraft(intake, applicant)});
  if (const auto* failed = std::get_if<engine::CommandFailed>(&saved)) return *failed;
  return harness.call<engine::CaseFinalized>(
      engine::FinalizeIntake{0, uuid, intake.scenarios, sampleMaterials(intake, pages), false});
}

}  // namespace onewindow::test
