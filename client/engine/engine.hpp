#pragma once
// The workstation engine (DESIGN.md §3): the one API the desktop UI, the command line and
// the tests call. Commands go in through submit(); results come out as notifications through
// the front end's Invoker. All engine state lives on the engine's own thread.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/engine/clock.hpp"
#include "client/engine/commands.hpp"
#include "client/engine/invoker.hpp"
#include "client/engine/notifications.hpp"
#include "client/engine/station_profile.hpp"
#include "client/engine/subscription.hpp"
#include "client/sync/backoff.hpp"

namespace onewindow::engine {

struct EngineConfig {
  std::filesystem::path profileDir;  // holds workstation.db; created if missing
  std::string centralUrl = "http://127.0.0.1:8470";
  std::string caBundle;  // private CA for central's certificate; empty = system trust store
  // Connectivity watch: one health probe in flight at a time, a new one this long after the
  // last answer. Offline shows within interval + timeout of central going away.
  std::chrono::milliseconds probeInterval{2000};
  std::chrono::milliseconds probeTimeout{3000};
  bool watchConnectivity = true;
  // The catalog the engine decides cases with. `catalogFile` pins one (--catalog): releases
  // from central are then installed but not used. Otherwise the release installed from central,
  // else `catalogFallback` (one an administrator put under the data directory), is used.
  std::optional<std::filesystem::path> catalogFile;
  std::optional<std::filesystem::path> catalogFallback;
  sync::BackoffPolicy syncBackoff;  // retries of a failing case, and of the paused queue
  // Printing: the document templates (empty: the installed ones, see
  // printing/template_paths.hpp) and the station as the documents name it.
  std::filesystem::path templatesDir;
  StationProfile station;
  // Lay out and render a specimen notice on the engine thread after login, so the first real
  // one comes without the font loading (off for tests that count engine work).
  bool warmUpDocuments = true;
  // Scanning: folders where network scanners drop their files (each is a scanning device).
  std::vector<std::filesystem::path> scanFolders;
  // Where the engine writes its log lines (any thread); the front end routes them to its log
  // file. Never receives passwords or tokens.
  std::function<void(const std::string&)> log;
  // The supervisor console: near-due days, the follow-up deadline of bad ratings, formulas.
  SupervisionConfig supervision;
};

struct StatusSnapshot {
  std::string centralUrl;
  Connectivity connectivity = Connectivity::Unknown;
  std::chrono::system_clock::time_point connectivitySince;
  std::string connectivityDetail;
  std::optional<ClerkSession> session;      // the clerk logged in through this engine
  std::optional<ClerkSession> lastSession;  // the last clerk of this profile (for ctl status)
  std::string stationId;  // this workstation's id at central; empty before the store opens
  int pendingSync = 0;
  int quarantined = 0;  // refused by central for good; shown on the Sync page with the reason
  bool syncPaused = false;
  std::string syncPauseReason;
  std::filesystem::path catalogFile;  // the catalog release installed from central; empty before
  std::string catalogRelease;
  std::shared_ptr<const forms::Catalog> catalog;  // the catalog in use, as loaded; null: none
  std::optional<std::string> storeError;          // the local store could not be opened
};

class Engine {
 public:
  Engine(EngineConfig config, std::shared_ptr<Invoker> invoker,
         std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>());
  // Bounded shutdown: stops the engine thread, then the network thread; never waits for a
  // server. Notifications not yet delivered are dropped.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void submit(Command command);
  [[nodiscard]] Subscription subscribe(std::function<void(const Notification&)> callback);
  // A consistent copy of what the status bar and `onewindow-ctl status` show.
  [[nodiscard]] StatusSnapshot status() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

[[nodiscard]] const char* roleName(Role role);
[[nodiscard]] std::optional<Role> roleFromName(const std::string& name);

}  // namespace onewindow::engine
