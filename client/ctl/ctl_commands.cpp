#include "client/ctl/ctl_commands.hpp"

#include <chrono>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>

#include "client/app/settings.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "onewindow/version.hpp"

namespace onewindow::ctl {
namespace {

constexpr const char* kUsage =
    "Usage: onewindow-ctl [OPTIONS] COMMAND\n"
    "\n"
    "Commands:\n"
    "  version              print the version\n"
    "  status               central reachability, last clerk and window, pending-sync count\n"
    "  help                 this text\n"
    "\n"
    "Options:\n"
    "  --central URL        central server (default: the workstation's setting)\n"
    "  --profile DIR        workstation profile holding workstation.db\n"
    "                       (default: $XDG_DATA_HOME/onewindow/profile)\n"
    "  --timeout SECONDS    how long status waits for central (default 5)\n"
    "  -h, --help           this text\n";

struct Options {
  std::optional<std::string> central;
  std::optional<std::string> profile;
  int timeoutSeconds = 5;
  std::string command;
};

std::string clockTime(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&seconds, &local);
  std::ostringstream text;
  text << std::put_time(&local, "%H:%M");
  return text.str();
}

int status(const Options& options, std::ostream& out, std::ostream& err) {
  app::WxBaseScope wx;
  const app::AppPaths paths = app::appPaths();
  const app::WorkstationSettings settings = app::loadSettings(paths.configFile);

  engine::EngineConfig config;
  config.profileDir = options.profile ? std::filesystem::path(*options.profile) : paths.profileDir;
  config.centralUrl = options.central.value_or(settings.centralUrl);
  config.caBundle = settings.caBundle;
  config.watchConnectivity = false;
  config.probeTimeout = std::chrono::seconds(options.timeoutSeconds);

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
  out << "profile:  " << config.profileDir.string() << "\n";
  if (storeError) {
    err << "onewindow-ctl: " << *storeError << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int runCtl(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
  Options options;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= arguments.size()) {
        err << "onewindow-ctl: " << name << " needs a value\n" << kUsage;
        return std::nullopt;
      }
      return arguments[++i];
    };
    if (argument == "-h" || argument == "--help" || argument == "help") {
      out << kUsage;
      return 0;
    } else if (argument == "--version") {
      options.command = "version";
    } else if (argument == "--central") {
      options.central = value("--central");
      if (!options.central) return 2;
    } else if (argument == "--profile") {
      options.profile = value("--profile");
      if (!options.profile) return 2;
    } else if (argument == "--timeout") {
      const auto text = value("--timeout");
      if (!text) return 2;
      try {
        options.timeoutSeconds = std::stoi(*text);
      } catch (const std::exception&) {
        options.timeoutSeconds = -1;
      }
      if (options.timeoutSeconds < 1 || options.timeoutSeconds > 600) {
        err << "onewindow-ctl: --timeout takes whole seconds from 1 to 600, not '" << *text
            << "'\n";
        return 2;
      }
    } else if (!argument.empty() && argument[0] == '-') {
      err << "onewindow-ctl: unknown option '" << argument << "'\n" << kUsage;
      return 2;
    } else if (options.command.empty()) {
      options.command = argument;
    } else {
      err << "onewindow-ctl: unexpected argument '" << argument << "'\n" << kUsage;
      return 2;
    }
  }
  if (options.command.empty()) {
    err << "onewindow-ctl: no command given\n" << kUsage;
    return 2;
  }
  if (options.command == "version") {
    out << "onewindow-ctl " << kVersion << " (central API " << kApiVersion << ")\n";
    return 0;
  }
  if (options.command == "status") {
    try {
      return status(options, out, err);
    } catch (const std::exception& error) {
      err << "onewindow-ctl: " << error.what() << "\n";
      return 1;
    }
  }
  err << "onewindow-ctl: unknown command '" << options.command << "'\n" << kUsage;
  return 2;
}

}  // namespace onewindow::ctl
