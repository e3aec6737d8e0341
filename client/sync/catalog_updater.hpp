#pragma once
// Catalog updates (central/API.md §4.9, DESIGN.md §7): asks central whether its catalog
// release changed (If-None-Match), fetches only files this workstation does not have, checks
// every file against its SHA-256, installs the release in the local store in one transaction
// and writes it out for the loaders. Which matter version applies on a day is the catalog's
// own business (effective dates, forms/catalog.hpp), so a release may arrive ahead of time.
// Runs on the engine thread; completions come back through hooks.post. A failure is logged
// and the next check() tries again — the release in use stays until a whole new one is in.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "client/api/api_error.hpp"
#include "client/api/protocol.hpp"
#include "client/sync/sync_port.hpp"
#include "localdb/catalog_cache.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::sync {

class CatalogPort {
 public:
  virtual ~CatalogPort() = default;
  virtual void catalogManifest(const std::string& knownRelease,
                               Reply<api::CatalogManifest> done) = 0;
  virtual void catalogFile(const std::string& sha256, Reply<std::string> done) = 0;
};

struct CatalogUpdaterHooks {
  std::function<void(std::function<void()>)> post;  // onto the engine thread
  std::function<std::string()> nowIso;
  std::function<void(const std::string&)> log;
  // A new release is installed: its catalog.xml on disk and its name.
  std::function<void(const std::filesystem::path&, const std::string&)> installed;
};

struct CatalogCheckOutcome {
  enum class Kind { Unchanged, Installed, Failed };
  Kind kind = Kind::Unchanged;
  std::string release;
  std::string message;
};

class CatalogUpdater {
 public:
  // `root`: where releases are written out, one directory each.
  CatalogUpdater(localdb::Database& db, std::filesystem::path root, CatalogPort& port,
                 CatalogUpdaterHooks hooks);

  // The catalog.xml of the release in use, rewritten from the store if the copy on disk is
  // missing or damaged; nullopt before the first successful fetch.
  [[nodiscard]] std::optional<std::filesystem::path> activeCatalog();

  // Starts a check unless one is under way; `done` (optional) gets the outcome.
  void check(std::function<void(const CatalogCheckOutcome&)> done = {});
  [[nodiscard]] bool busy() const { return busy_; }

  // Largest catalog file accepted (the transport's reply limit is the same order).
  static constexpr std::uint64_t kMaxFileBytes = localdb::kMaxCatalogFileBytes;

 private:
  struct Fetch {
    api::CatalogManifest manifest;
    std::vector<std::string> missing;  // sha256 still to fetch
    std::map<std::string, std::string> bodies;
    std::function<void(const CatalogCheckOutcome&)> done;
  };

  void onManifest(api::Result<api::CatalogManifest> result,
                  std::function<void(const CatalogCheckOutcome&)> done);
  void fetchNext(std::shared_ptr<Fetch> fetch);
  void install(const std::shared_ptr<Fetch>& fetch);
  void finish(const std::function<void(const CatalogCheckOutcome&)>& done,
              CatalogCheckOutcome outcome);

  localdb::Database& db_;
  std::filesystem::path root_;
  CatalogPort& port_;
  CatalogUpdaterHooks hooks_;
  bool busy_ = false;
};

}  // namespace onewindow::sync
