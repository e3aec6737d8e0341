// onewindow-ctl queue and sync: the Sync page, headless.

#include <iostream>
#include <ostream>
#include <string>

#include "client/app/settings.hpp"
#include "client/ctl/ctl_options.hpp"
#include "client/engine/engine.hpp"
#include "client/engine/queue_invoker.hpp"
#include "localdb/sync_repository.hpp"
#include "localdb/workstation_store.hpp"

namespace onewindow::ctl {

int runQueue(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  bool all = false;
  for (const std::string& argument : options.arguments) {
    if (argument == "--all") {
      all = true;
    } else {
      err << "onewindow-ctl: queue takes only --all, not '" << argument << "'\n";
      return 2;
    }
  }
  const auto profile = profileDirectory(options);
  if (!std::filesystem::exists(profile / "workstation.db")) {
    throw std::runtime_error("no workstation store at " + (profile / "workstation.db").string());
  }
  localdb::WorkstationStore store(profile / "workstation.db");
  localdb::SyncRepository queue(store.database());
  const auto rows = queue.list(all);
  for (const auto& row : rows) {
    out << row.provisionalNo << "  " << row.syncState << "  attempts " << row.attempts;
    if (!row.officialNo.empty()) out << "  official " << row.officialNo;
    if (!row.nextAttemptAt.empty() && row.syncState != "confirmed")
      out << "  next " << row.nextAttemptAt;
    if (!row.lastError.empty()) out << "  reason: " << row.lastError;
    out << "\n";
  }
  out << rows.size() << " case(s); " << store.pendingSyncCount() << " waiting, "
      << queue.countInState("quarantined") << " quarantined\n";
  return 0;
}

// Logs in online and sends the outbox until it is empty, paused, or the timeout passes.
// The password comes from ONEWINDOW_PASSWORD or the first line of standard input.
int runSync(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  std::string clerk;
  std::string window = "CTL";
  int waitSeconds = 300;
  for (std::size_t i = 0; i < options.arguments.size(); ++i) {
    const std::string& argument = options.arguments[i];
    const bool hasValue = i + 1 < options.arguments.size();
    if (argument == "--clerk" && hasValue) {
      clerk = options.arguments[++i];
    } else if (argument == "--window" && hasValue) {
      window = options.arguments[++i];
    } else if (argument == "--wait" && hasValue) {
      waitSeconds = std::atoi(options.arguments[++i].c_str());
    } else {
      err << "onewindow-ctl: sync takes --clerk ID [--window CODE] [--wait SECONDS], not '"
          << argument << "'\n";
      return 2;
    }
  }
  if (clerk.empty() || waitSeconds < 1) {
    err << "onewindow-ctl: sync needs --clerk ID (the password comes from ONEWINDOW_PASSWORD or "
           "stdin)\n";
    return 2;
  }
  std::string password;
  if (const char* fromEnvironment = std::getenv("ONEWINDOW_PASSWORD")) {
    password = fromEnvironment;
  } else {
    std::getline(std::cin, password);
  }

  app::WxBaseScope wx;
  const app::WorkstationSettings settings = app::loadSettings(app::appPaths().configFile);
  engine::EngineConfig config;
  config.profileDir = profileDirectory(options);
  config.centralUrl = options.central.value_or(settings.centralUrl);
  config.caBundle = settings.caBundle;
  auto invoker = std::make_shared<engine::QueueInvoker>();
  engine::Engine engine(config, invoker);
  std::optional<engine::LoginFinished> login;
  int confirmed = 0;
  engine::Subscription subscription = engine.subscribe([&](const engine::Notification& n) {
    if (const auto* result = std::get_if<engine::LoginFinished>(&n)) login = *result;
    if (const auto* news = std::get_if<engine::CaseSyncNews>(&n)) {
      if (news->kind == engine::CaseSyncNews::Kind::Confirmed && !news->officialNo.empty()) {
        ++confirmed;
        out << news->provisionalNo << " -> " << news->officialNo << "\n";
      } else if (news->kind == engine::CaseSyncNews::Kind::Quarantined) {
        out << news->provisionalNo << " quarantined: " << news->detail << "\n";
      } else if (news->kind == engine::CaseSyncNews::Kind::SubCaseRouted && news->subCase) {
        out << news->provisionalNo << " part " << news->subCase->subNo << " "
            << news->subCase->matterName << " -> " << news->subCase->department << "\n";
      }
    }
  });
  engine.submit(engine::Login{clerk, password, window});
  invoker->runUntil([&] { return login.has_value(); }, std::chrono::seconds(60));
  if (!login || !login->ok() || login->offline) {
    err << "onewindow-ctl: sync needs an online login: "
        << (login ? (login->offline ? "central is unreachable" : login->message) : "no answer")
        << "\n";
    return 1;
  }
  engine.submit(engine::SyncNow{});
  invoker->runUntil([&] { return engine.status().pendingSync == 0; },
                    std::chrono::seconds(waitSeconds));
  const engine::StatusSnapshot status = engine.status();
  out << "sync: " << confirmed << " confirmed; " << status.pendingSync << " still waiting, "
      << status.quarantined << " quarantined"
      << (status.syncPaused ? "; paused: " + status.syncPauseReason : std::string()) << "\n";
  return status.pendingSync == 0 ? 0 : 1;
}

}  // namespace onewindow::ctl
