// The catalog the engine decides cases with: loaded on the engine thread (never on a front
// end's), from the file pinned with --catalog, else the release installed from central, else
// one an administrator put under the data directory; published to the front ends as loaded,
// so they show exactly what the rules are decided with.

#include "client/engine/engine_impl.hpp"
#include "forms/catalog_loader.hpp"
#include "forms/diagnostics.hpp"

namespace onewindow::engine {

// A release from central is on disk (at start-up, or new): it is used unless one is pinned.
void Engine::Impl::catalogInstalled(const std::filesystem::path& file, const std::string& release) {
  {
    std::lock_guard lock(snapshotMutex_);
    snapshot_.catalogFile = file;
    snapshot_.catalogRelease = release;
  }
  if (config_.catalogFile) {
    log("catalog release " + release + " installed; " + config_.catalogFile->string() +
        " stays in use (pinned)");
    return;
  }
  loadCatalog(file);
}

// At start-up, once the store is open: what to use when no release from central is installed.
void Engine::Impl::loadStartCatalog() {
  if (catalogAttempted_) return;  // a release from central was loaded (or tried) already
  if (config_.catalogFile) {
    loadCatalog(*config_.catalogFile);
  } else if (config_.catalogFallback && std::filesystem::exists(*config_.catalogFallback)) {
    loadCatalog(*config_.catalogFallback);
  } else {
    publishCatalog(CatalogLoaded{});  // none yet: the front ends say it comes from central
  }
}

void Engine::Impl::handle(UseCatalog& command) {
  config_.catalogFile = command.file;
  loadCatalog(command.file);
}

void Engine::Impl::loadCatalog(const std::filesystem::path& file) {
  catalogAttempted_ = true;
  CatalogLoaded loaded;
  loaded.catalogFile = file;
  try {
    loaded.catalog = std::make_shared<const forms::Catalog>(forms::loadCatalog(file));
    loaded.release = loaded.catalog->release;
    catalog_ = loaded.catalog;
    log("catalog " + file.string() + " loaded: release " + loaded.release + ", " +
        std::to_string(catalog_->matters.size()) + " matter version(s)");
  } catch (const forms::LoadError& error) {
    loaded.problems = error.diagnostics();
    loaded.catalog = catalog_;  // the one loaded before stays in use
    log("catalog " + file.string() + " not loaded: " + error.what());
  } catch (const std::exception& error) {
    loaded.problems.push_back(forms::Diagnostic{file.string(), 0, 0, error.what()});
    loaded.catalog = catalog_;
    log("catalog " + file.string() + " not loaded: " + error.what());
  }
  publishCatalog(std::move(loaded));
}

// Recorded, and its listeners taken, under the subscribers' lock: a front end that subscribes
// later (the window opens after start-up) hears the catalog in use from subscribe().
void Engine::Impl::publishCatalog(CatalogLoaded loaded) {
  std::vector<std::weak_ptr<detail::Subscriber>> targets;
  {
    std::lock_guard lock(subscribersMutex_);
    std::lock_guard snapshotLock(snapshotMutex_);
    snapshot_.catalog = catalog_;
    lastCatalog_ = loaded;
    targets = liveSubscribers();
  }
  for (const auto& weak : targets) deliver(weak, loaded);
}

}  // namespace onewindow::engine
