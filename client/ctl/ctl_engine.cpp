#include "client/ctl/ctl_engine.hpp"

#include <cstdlib>
#include <iostream>
#include <ostream>

namespace onewindow::ctl {

std::string readPassword() {
  if (const char* fromEnvironment = std::getenv("ONEWINDOW_PASSWORD")) return fromEnvironment;
  std::string password;
  std::getline(std::cin, password);
  return password;
}

engine::EngineConfig engineConfig(const CtlOptions& options,
                                  settings::WorkstationSettings* loaded) {
  settings::WxBaseScope wx;
  const settings::WorkstationSettings settings =
      settings::loadSettings(settings::appPaths().configFile);
  engine::EngineConfig config;
  config.profileDir = profileDirectory(options);
  config.centralUrl = options.central.value_or(settings.centralUrl);
  config.caBundle = settings.caBundle;
  config.station = settings::stationProfile(settings);
  config.supervision = settings::supervisionConfig(settings);
  config.watchConnectivity = false;
  config.warmUpDocuments = false;  // one command, then the process ends
  config.probeTimeout = std::chrono::seconds(options.timeoutSeconds);
  if (loaded != nullptr) *loaded = settings;
  return config;
}

CtlEngine::CtlEngine(const CtlOptions& options, std::optional<std::filesystem::path> catalog) {
  engine::EngineConfig config = engineConfig(options, &settings_);
  config.catalogFile = std::move(catalog);
  engine_ = std::make_unique<engine::Engine>(config, invoker_);
  subscription_ =
      engine_->subscribe([this](const engine::Notification& n) { received_.push_back(n); });
}

CtlEngine::~CtlEngine() {
  subscription_.reset();
  engine_.reset();
}

std::optional<engine::LoginFinished> CtlEngine::login(const std::string& clerk,
                                                      const std::string& password,
                                                      const std::string& window) {
  const std::size_t from = received_.size();
  engine_->submit(engine::Login{clerk, password, window});
  std::optional<engine::LoginFinished> result;
  invoker_->runUntil(
      [&] {
        for (std::size_t i = from; i < received_.size() && !result; ++i) {
          if (const auto* hit = std::get_if<engine::LoginFinished>(&received_[i])) result = *hit;
        }
        return result.has_value();
      },
      std::chrono::seconds(60));
  return result;
}

void printRefusal(const engine::CommandFailed& failed, std::ostream& err) {
  if (failed.problems.empty()) {
    err << "onewindow-ctl: " << failed.message << "\n";
    return;
  }
  err << "onewindow-ctl: refused by the rules of the window:\n";
  for (const forms::RuleProblem& problem : failed.problems) {
    err << "  " << forms::ruleName(problem.rule) << " at " << problem.where << ": "
        << problem.message << "\n";
  }
}

}  // namespace onewindow::ctl
