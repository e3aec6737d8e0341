#include "client/sync/catalog_updater.hpp"

#include <memory>
#include <set>
#include <span>

#include "localdb/catalog_cache.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::sync {

CatalogUpdater::CatalogUpdater(localdb::Database& db, std::filesystem::path root, CatalogPort& port,
                               CatalogUpdaterHooks hooks)
    : db_(db), root_(std::move(root)), port_(port), hooks_(std::move(hooks)) {}

std::optional<std::filesystem::path> CatalogUpdater::activeCatalog() {
  localdb::CatalogCache cache(db_);
  return cache.materializeActive(root_);
}

void CatalogUpdater::check(std::function<void(const CatalogCheckOutcome&)> done) {
  if (busy_) return;
  busy_ = true;
  localdb::CatalogCache cache(db_);
  const auto active = cache.activeRelease();
  port_.catalogManifest(active ? active->release : std::string{},
                        [this, done = std::move(done)](api::Result<api::CatalogManifest> result) {
                          hooks_.post([this, result = std::move(result), done]() mutable {
                            onManifest(std::move(result), std::move(done));
                          });
                        });
}

void CatalogUpdater::onManifest(api::Result<api::CatalogManifest> result,
                                std::function<void(const CatalogCheckOutcome&)> done) {
  if (!result.ok()) {
    // No catalog published yet is normal on a fresh central; everything else is logged.
    finish(done, {CatalogCheckOutcome::Kind::Failed, "",
                  "catalog check failed: " + result.error().message});
    return;
  }
  const api::CatalogManifest& manifest = result.value();
  if (manifest.notModified) {
    finish(done, {CatalogCheckOutcome::Kind::Unchanged, "", ""});
    return;
  }
  auto fetch = std::make_shared<Fetch>();
  fetch->manifest = manifest;
  fetch->done = std::move(done);
  localdb::CatalogCache cache(db_);
  std::set<std::string> wanted;
  for (const auto& file : manifest.files) {
    if (!localdb::isSafeCatalogPath(file.path) || file.bytes > kMaxFileBytes) {
      finish(fetch->done, {CatalogCheckOutcome::Kind::Failed, manifest.release,
                           "catalog release " + manifest.release + " names an unusable file '" +
                               file.path + "'"});
      return;
    }
    if (!cache.fileBody(file.sha256)) wanted.insert(file.sha256);
  }
  fetch->missing.assign(wanted.begin(), wanted.end());
  fetchNext(std::move(fetch));
}

void CatalogUpdater::fetchNext(std::shared_ptr<Fetch> fetch) {
  if (fetch->missing.empty()) {
    install(fetch);
    return;
  }
  const std::string sha256 = fetch->missing.back();
  port_.catalogFile(sha256, [this, fetch, sha256](api::Result<std::string> result) {
    hooks_.post([this, fetch, sha256, result = std::move(result)]() mutable {
      if (!result.ok()) {
        finish(fetch->done,
               {CatalogCheckOutcome::Kind::Failed, fetch->manifest.release,
                "catalog file " + sha256 + " could not be fetched: " + result.error().message});
        return;
      }
      const std::string& body = result.value();
      const std::string actual =
          localdb::sha256Hex(std::as_bytes(std::span{body.data(), body.size()}));
      if (actual != sha256) {
        finish(fetch->done, {CatalogCheckOutcome::Kind::Failed, fetch->manifest.release,
                             "catalog file " + sha256 + " arrived damaged (its SHA-256 is " +
                                 actual + "); the current catalog stays in use"});
        return;
      }
      fetch->bodies.emplace(sha256, std::move(result.value()));
      fetch->missing.pop_back();
      fetchNext(std::move(fetch));
    });
  });
}

void CatalogUpdater::install(const std::shared_ptr<Fetch>& fetch) {
  localdb::CatalogRelease release{fetch->manifest.release, fetch->manifest.published, {}};
  for (const auto& file : fetch->manifest.files) release.files.push_back({file.path, file.sha256});
  try {
    localdb::CatalogCache cache(db_);
    cache.install(release, fetch->bodies, hooks_.nowIso());
    const auto catalogFile = cache.materializeActive(root_);
    if (catalogFile && hooks_.installed) hooks_.installed(*catalogFile, release.release);
    finish(fetch->done, {CatalogCheckOutcome::Kind::Installed, release.release, ""});
  } catch (const std::exception& error) {
    finish(fetch->done,
           {CatalogCheckOutcome::Kind::Failed, release.release,
            "catalog release " + release.release + " could not be installed: " + error.what()});
  }
}

void CatalogUpdater::finish(const std::function<void(const CatalogCheckOutcome&)>& done,
                            CatalogCheckOutcome outcome) {
  busy_ = false;
  if (outcome.kind == CatalogCheckOutcome::Kind::Failed && hooks_.log) hooks_.log(outcome.message);
  if (outcome.kind == CatalogCheckOutcome::Kind::Installed && hooks_.log) {
    hooks_.log("catalog release " + outcome.release + " installed");
  }
  if (done) done(outcome);
}

}  // namespace onewindow::sync
