#pragma once
// Catalog releases on central (central/API.md §4.9): publishing a catalog directory as a
// release, and what the catalog endpoints serve. A release is the whole catalog — catalog.xml
// and the form files it references — checked by the forms library before it is accepted, so a
// broken catalog never reaches a window.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "central/sql/sql.hpp"

namespace onewindow::central {

struct CatalogFile {
  std::string path;  // relative to catalog.xml, '/' separated
  std::string sha256;
  std::uint64_t bytes = 0;
};

struct CatalogManifest {
  std::string release;    // the catalog's `release` attribute; the ETag
  std::string published;  // YYYY-MM-DD
  std::vector<CatalogFile> files;
};

// The directory is not a publishable catalog; the message lists every problem, located.
class CatalogPublishError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class PublishOutcome { Published, AlreadyPublished };

// Checks `directory`/catalog.xml and every form it references with the forms library, then
// stores them as the current release in one transaction. The same release with the same
// files again is AlreadyPublished (and becomes current); the same release name with other
// content is a CatalogPublishError: a release, once out, never changes. `notes`, when given,
// receives what the forms say that the windows accept and ignore (CatalogCheck::notes).
PublishOutcome publishCatalog(sql::Connection& db, const std::filesystem::path& directory,
                              std::chrono::sys_seconds now, CatalogManifest* published = nullptr,
                              std::vector<std::string>* notes = nullptr);

[[nodiscard]] std::optional<CatalogManifest> currentCatalog(sql::Connection& db);
// The body of a file of any release by its hash.
[[nodiscard]] std::optional<std::string> catalogFileBody(sql::Connection& db,
                                                         const std::string& sha256);

[[nodiscard]] std::string manifestXml(const CatalogManifest& manifest);

// Writes the files of `manifest` under root/<release>/ (once; a finished copy carries a marker
// file) for the loaders, which read files; returns the path of its catalog.xml.
std::filesystem::path writeOutRelease(sql::Connection& db, const CatalogManifest& manifest,
                                      const std::filesystem::path& root);

}  // namespace onewindow::central
