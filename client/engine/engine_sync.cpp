// Sync inside the engine: the SyncEngine runs on the engine thread with the store the engine
// owns; its events become notifications for the status bar and the Sync page.

#include "client/engine/case_body.hpp"
#include "client/engine/central_sync_port.hpp"
#include "client/engine/engine_impl.hpp"
#include "client/engine/time_text.hpp"
#include "localdb/catalog_cache.hpp"

namespace onewindow::engine {

void Engine::Impl::startSync() {
  stationId_ = store_->stationId(isoUtc(clock_->now()));
  {
    // Forms fill jr:preload="property" deviceid with it.
    std::lock_guard lock(snapshotMutex_);
    snapshot_.stationId = stationId_;
  }
  syncPort_ = std::make_unique<CentralSyncPort>(central_, stationId_);
  sync::SyncHooks hooks;
  hooks.post = [this](std::function<void()> task) { queue_.post(std::move(task)); };
  hooks.postAfter = [this](std::chrono::milliseconds delay, std::function<void()> task) {
    queue_.postAfter(delay, std::move(task));
  };
  hooks.now = [this] { return clock_->now(); };
  hooks.buildBody = [this](const localdb::CaseSnapshot& snapshot, int version) {
    return caseBody(snapshot, version);
  };
  hooks.log = [this](const std::string& line) { log(line); };
  hooks.notify = [this](const sync::SyncEvent& event) { onSyncEvent(event); };
  sync_ = std::make_unique<sync::SyncEngine>(
      store_->database(), *materials_, *syncPort_, std::move(hooks), config_.syncBackoff,
      static_cast<std::size_t>(transportOptions(config_).maxConnectionsPerHost));
  // Nothing goes out until a clerk has an online session with central.
  sync_->pauseForAuth("no clerk is logged in online");
  startCatalog();
}

void Engine::Impl::startCatalog() {
  sync::CatalogUpdaterHooks hooks;
  hooks.post = [this](std::function<void()> task) { queue_.post(std::move(task)); };
  hooks.nowIso = [this] { return isoUtc(clock_->now()); };
  hooks.log = [this](const std::string& line) { log(line); };
  hooks.installed = [this](const std::filesystem::path& file, const std::string& release) {
    catalogInstalled(file, release);
  };
  catalogUpdater_ = std::make_unique<sync::CatalogUpdater>(
      store_->database(), config_.profileDir / "catalog", *syncPort_, std::move(hooks));
  try {
    if (const auto file = catalogUpdater_->activeCatalog()) {
      localdb::CatalogCache cache(store_->database());
      catalogInstalled(*file, cache.activeRelease()->release);
    }
  } catch (const std::exception& error) {
    // The next successful check writes a fresh copy; the clerk is told there is no catalog.
    log(std::string("the installed catalog cannot be written out: ") + error.what());
  }
}

// Asked after each online login, on "send now", and at most every few minutes while central
// answers: a catalog change is rare, but a window must not run on last month's catalog.
void Engine::Impl::checkCatalog() {
  if (!catalogUpdater_ || token_.empty()) return;
  lastCatalogCheck_ = std::chrono::steady_clock::now();
  catalogUpdater_->check();
}

void Engine::Impl::onSyncEvent(const sync::SyncEvent& event) {
  using Kind = sync::SyncEvent::Kind;
  switch (event.kind) {
    case Kind::Paused:
    case Kind::Resumed: {
      const sync::SyncStatus status = sync_->status();
      {
        std::lock_guard lock(snapshotMutex_);
        snapshot_.syncPaused = status.paused;
        snapshot_.syncPauseReason = status.pauseReason;
      }
      publish(SyncStateChanged{status.paused, status.pauseReason});
      break;
    }
    case Kind::Confirmed:
      publish(CaseSyncNews{CaseSyncNews::Kind::Confirmed, event.caseUuid, event.provisionalNo,
                           event.officialNo, ""});
      break;
    case Kind::Quarantined:
      publish(CaseSyncNews{CaseSyncNews::Kind::Quarantined, event.caseUuid, event.provisionalNo, "",
                           event.message, std::nullopt, event.code});
      break;
    case Kind::StateChanged:
      publish(CaseSyncNews{CaseSyncNews::Kind::StateChanged, event.caseUuid, event.provisionalNo,
                           event.officialNo, event.message});
      break;
    case Kind::SubCaseRouted:
      publish(CaseSyncNews{CaseSyncNews::Kind::SubCaseRouted, event.caseUuid, event.provisionalNo,
                           event.officialNo, event.message, event.subCase});
      break;
    case Kind::CertificateIssued:
      publish(CaseSyncNews{CaseSyncNews::Kind::CertificateIssued, event.caseUuid,
                           event.provisionalNo, event.officialNo, event.message});
      break;
    case Kind::Supervised:
      publish(CaseSyncNews{CaseSyncNews::Kind::Supervised, event.caseUuid, event.provisionalNo,
                           event.officialNo, event.message});
      break;
    case Kind::Drained:
      break;
  }
  publishPendingCount();
}

void Engine::Impl::handle(ListSyncQueue& command) {
  if (!store_) {
    publish(
        CommandFailed{command.requestId, CommandFailure::Storage, "the local store is not open"});
    return;
  }
  localdb::SyncRepository repo(store_->database());
  publish(SyncQueueListed{command.requestId, repo.list(command.includeConfirmed)});
}

void Engine::Impl::handle(SyncNow&) {
  if (sync_) {
    sync_->centralReachable();
    sync_->pullFeed();
  }
  checkCatalog();
}

}  // namespace onewindow::engine
