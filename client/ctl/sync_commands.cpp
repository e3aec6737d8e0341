// onewindow-ctl queue and sync: the Sync page, headless.

#include <iostream>
#include <ostream>
#include <string>

#include "client/ctl/ctl_engine.hpp"
#include "client/ctl/ctl_options.hpp"
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
  CtlEngine session(options);
  engine::Engine& engine = session.engine();
  const std::optional<engine::LoginFinished> login = session.login(clerk, readPassword(), window);
  if (!login || !login->ok() || login->offline) {
    err << "onewindow-ctl: sync needs an online login: "
        << (login ? (login->offline ? "central is unreachable" : login->message) : "no answer")
        << "\n";
    return 1;
  }
  // Everything the engine says from here on: the outcome of each case.
  std::size_t told = 0;
  int confirmed = 0;
  auto report = [&] {
    for (; told < session.received().size(); ++told) {
      const auto* news = std::get_if<engine::CaseSyncNews>(&session.received()[told]);
      if (news == nullptr) continue;
      if (news->kind == engine::CaseSyncNews::Kind::Confirmed && !news->officialNo.empty()) {
        ++confirmed;
        out << news->provisionalNo << " -> " << news->officialNo << "\n";
      } else if (news->kind == engine::CaseSyncNews::Kind::Quarantined) {
        out << news->provisionalNo << " quarantined"
            << (news->code.empty() ? "" : " (" + news->code + ")") << ": " << news->detail << "\n";
      } else if (news->kind == engine::CaseSyncNews::Kind::SubCaseRouted && news->subCase) {
        out << news->provisionalNo << " part " << news->subCase->subNo << " "
            << news->subCase->matterName << " -> " << news->subCase->department << "\n";
      } else if (news->kind == engine::CaseSyncNews::Kind::CertificateIssued) {
        out << news->provisionalNo << " certificate " << news->detail << "\n";
      } else if (news->kind == engine::CaseSyncNews::Kind::Supervised) {
        out << news->provisionalNo
            << (news->detail.empty() ? " supervision lifted" : " supervised: " + news->detail)
            << "\n";
      }
    }
  };
  engine.submit(engine::SyncNow{});
  session.runUntil(
      [&] {
        report();
        return engine.status().pendingSync == 0;
      },
      std::chrono::seconds(waitSeconds));
  report();
  const engine::StatusSnapshot status = engine.status();
  out << "sync: " << confirmed << " confirmed; " << status.pendingSync << " still waiting, "
      << status.quarantined << " quarantined"
      << (status.syncPaused ? "; paused: " + status.syncPauseReason : std::string()) << "\n";
  return status.pendingSync == 0 ? 0 : 1;
}

}  // namespace onewindow::ctl
