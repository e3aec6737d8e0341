#include <chrono>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "client/ctl/ctl_engine.hpp"
#include "client/ctl/ctl_options.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "client/settings/settings.hpp"

namespace onewindow::ctl {
namespace {

std::string clockTime(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&seconds, &local);
  std::ostringstream text;
  text << std::put_time(&local, "%H:%M");
  return text.str();
}

}  // namespace

int runStatus(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  settings::WorkstationSettings settings;
  const engine::EngineConfig config = engineConfig(options, &settings);

  auto invoker = std::make_shared<engine::QueueInvoker>();
  engine::Engine engine(config, invoker);
  std::optional<engine::ConnectivityChanged> connectivity;
  std::optional<std::string> storeError;
  engine::Subscription subscription = engine.subscribe([&](const engine::Notification& n) {
    if (const auto* change = std::get_if<engine::ConnectivityChanged>(&n)) connectivity = *change;
    if (const auto* error = std::get_if<engine::EngineError>(&n)) storeError = error->message;
  });
  engine.submit(engine::RefreshStatus{});
  invoker->runUntil([&] { return connectivity.has_value(); },
                    std::chrono::seconds(options.timeoutSeconds + 2));

  const engine::StatusSnapshot snapshot = engine.status();
  out << "central:  " << snapshot.centralUrl << "  ";
  if (!connectivity || connectivity->state == engine::Connectivity::Unknown) {
    out << "unknown (no answer in " << options.timeoutSeconds << " s)\n";
  } else if (connectivity->state == engine::Connectivity::Online) {
    out << "online (" << connectivity->detail << ")\n";
  } else {
    out << "offline since " << clockTime(connectivity->since) << " (" << connectivity->detail
        << ")\n";
  }
  if (snapshot.lastSession) {
    out << "clerk:    " << snapshot.lastSession->clerkId << " " << snapshot.lastSession->clerkName
        << " (" << engine::roleName(snapshot.lastSession->role) << ")\n";
    out << "window:   " << snapshot.lastSession->windowCode << "\n";
  } else {
    out << "clerk:    (nobody has logged in on this profile)\n";
    out << "window:   " << (settings.windowCode.empty() ? "(not set)" : settings.windowCode)
        << "\n";
  }
  out << "pending:  " << snapshot.pendingSync << "\n";
  out << "catalog:  "
      << (snapshot.catalogRelease.empty()
              ? "(none fetched from central yet)"
              : "release " + snapshot.catalogRelease + " (" + snapshot.catalogFile.string() + ")")
      << "\n";
  out << "profile:  " << config.profileDir.string() << "\n";
  if (storeError) {
    err << "onewindow-ctl: " << *storeError << "\n";
    return 1;
  }
  return 0;
}

}  // namespace onewindow::ctl
