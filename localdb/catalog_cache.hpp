#pragma once
// The catalog releases a workstation has fetched from central (central/API.md §4.9), kept in
// the store so a window works offline from its first successful fetch on. Files are rows of
// catalog_cache; the release in use is catalog_active. The loaders read files, so the active
// release is also written out as a directory (a cache: rebuilt from the rows whenever it is
// missing or does not match their hashes).

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct CatalogReleaseFile {
  std::string path;  // relative, '/' separated, e.g. "forms/residence_permit.xml"
  std::string sha256;
};

struct CatalogRelease {
  std::string release;
  std::string published;  // YYYY-MM-DD
  std::vector<CatalogReleaseFile> files;
};

class CatalogCache {
 public:
  explicit CatalogCache(Database& db) : db_(db) {}

  [[nodiscard]] std::optional<CatalogRelease> activeRelease();
  // The body of any cached file with this SHA-256 (files unchanged between releases are not
  // fetched again).
  [[nodiscard]] std::optional<std::string> fileBody(const std::string& sha256);

  // Stores every file of `release` and makes it the active release, in one transaction.
  // `bodies` maps SHA-256 → body and must hold every file of the release whose body is not
  // cached yet; each body must hash to its key (std::invalid_argument otherwise, nothing
  // stored). Paths must be relative without "..".
  void install(const CatalogRelease& release, const std::map<std::string, std::string>& bodies,
               const std::string& nowIso);

  // Writes the active release under `root`/<release>/ unless an identical copy is there, and
  // returns the path of its catalog.xml; nullopt when no release is active.
  std::optional<std::filesystem::path> materializeActive(const std::filesystem::path& root);

 private:
  Database& db_;
};

// A catalog file path a release may contain: relative, '/' separated, no "." or ".." parts,
// ASCII letters, digits, '-', '_', '.' only.
[[nodiscard]] bool isSafeCatalogPath(const std::string& path);

// The largest catalog file a window accepts (the transport's reply limit is the same order);
// central refuses to publish a release with a larger one, which no window could install.
inline constexpr std::uint64_t kMaxCatalogFileBytes = 16 * 1024 * 1024;

}  // namespace onewindow::localdb
