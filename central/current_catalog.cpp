#include "central/current_catalog.hpp"

#include "central/catalog_releases.hpp"
#include "forms/catalog_loader.hpp"

namespace onewindow::central {

CurrentCatalog::CurrentCatalog(std::filesystem::path workDirectory)
    : workDirectory_(std::move(workDirectory)) {}

std::shared_ptr<const forms::Catalog> CurrentCatalog::inEffect(sql::Connection& db) {
  std::lock_guard lock(mutex_);
  const std::optional<CatalogManifest> manifest = currentCatalog(db);
  if (!manifest) return nullptr;
  if (manifest->release == loadedRelease_ && catalog_) return catalog_;
  const std::filesystem::path file = writeOutRelease(db, *manifest, workDirectory_);
  catalog_ = std::make_shared<const forms::Catalog>(forms::loadCatalog(file));
  loadedRelease_ = manifest->release;
  return catalog_;
}

}  // namespace onewindow::central
