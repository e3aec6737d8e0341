#pragma once
// An engine for one onewindow-ctl command: the profile and central of the options, the
// workstation's settings, notifications drained on this thread. The case commands go through
// it exactly as the desktop UI's do, so they meet the same rules and the same refusals.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "client/ctl/ctl_options.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "client/settings/settings.hpp"

namespace onewindow::ctl {

// The engine configuration of a command: the profile and central of the options, the
// workstation's settings (copied to `loaded` when given), no connectivity watch.
[[nodiscard]] engine::EngineConfig engineConfig(const CtlOptions& options,
                                                settings::WorkstationSettings* loaded = nullptr);

// The password of a login: $ONEWINDOW_PASSWORD, else the first line of standard input.
[[nodiscard]] std::string readPassword();

class CtlEngine {
 public:
  // `catalog`: a catalog file to decide cases with instead of the release from central.
  explicit CtlEngine(const CtlOptions& options,
                     std::optional<std::filesystem::path> catalog = std::nullopt);
  ~CtlEngine();
  CtlEngine(const CtlEngine&) = delete;
  CtlEngine& operator=(const CtlEngine&) = delete;

  [[nodiscard]] engine::Engine& engine() { return *engine_; }
  // The workstation's settings the engine was configured from (printers, calibration).
  [[nodiscard]] const settings::WorkstationSettings& settings() const { return settings_; }

  // Logs the clerk in at `window`: online when central answers, otherwise with the credentials
  // cached at the clerk's last online login (LoginFinished::offline). nullopt: no answer.
  [[nodiscard]] std::optional<engine::LoginFinished> login(const std::string& clerk,
                                                           const std::string& password,
                                                           const std::string& window);

  // Submits a case command and waits for its answer: the notification T or CommandFailed.
  template <typename T, typename Command>
  [[nodiscard]] std::optional<std::variant<T, engine::CommandFailed>> call(Command command) {
    command.requestId = ++lastRequest_;
    const std::uint64_t id = command.requestId;
    std::optional<std::variant<T, engine::CommandFailed>> answer;
    const std::size_t from = received_.size();
    engine_->submit(std::move(command));
    invoker_->runUntil(
        [&] {
          for (std::size_t i = from; i < received_.size() && !answer; ++i) {
            if (const auto* ok = std::get_if<T>(&received_[i]); ok && ok->requestId == id)
              answer = *ok;
            if (const auto* failed = std::get_if<engine::CommandFailed>(&received_[i]);
                failed && failed->requestId == id)
              answer = *failed;
          }
          return answer.has_value();
        },
        std::chrono::seconds(60));
    return answer;
  }

  // As call, for a command answered by either of two notifications (a find: the case, or a list).
  template <typename A, typename B, typename Command>
  [[nodiscard]] std::optional<std::variant<A, B, engine::CommandFailed>> callEither(
      Command command) {
    command.requestId = ++lastRequest_;
    const std::uint64_t id = command.requestId;
    std::optional<std::variant<A, B, engine::CommandFailed>> answer;
    const std::size_t from = received_.size();
    engine_->submit(std::move(command));
    invoker_->runUntil(
        [&] {
          for (std::size_t i = from; i < received_.size() && !answer; ++i) {
            if (const auto* a = std::get_if<A>(&received_[i]); a && a->requestId == id) answer = *a;
            if (const auto* b = std::get_if<B>(&received_[i]); b && b->requestId == id) answer = *b;
            if (const auto* failed = std::get_if<engine::CommandFailed>(&received_[i]);
                failed && failed->requestId == id)
              answer = *failed;
          }
          return answer.has_value();
        },
        std::chrono::seconds(60));
    return answer;
  }

  // Runs notifications until `done` holds or `timeout` passes; returns done().
  bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    return invoker_->runUntil(done, timeout);
  }
  // Every notification so far, in order.
  [[nodiscard]] const std::vector<engine::Notification>& received() const { return received_; }

 private:
  std::shared_ptr<engine::QueueInvoker> invoker_ = std::make_shared<engine::QueueInvoker>();
  settings::WorkstationSettings settings_;
  std::unique_ptr<engine::Engine> engine_;
  engine::Subscription subscription_;
  std::vector<engine::Notification> received_;
  std::uint64_t lastRequest_ = 0;
};

// A refused case command as the command line says it: the rule broken and where, one a line.
void printRefusal(const engine::CommandFailed& failed, std::ostream& err);
// A due badge as the command line says it ("3 working day(s) left", "overdue by 2 …").
[[nodiscard]] std::string dueBadgeText(const engine::DueBadge& badge);

}  // namespace onewindow::ctl
