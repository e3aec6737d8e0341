#pragma once
// Where the workstation's matter catalog comes from. An installed program has no source tree:
// the catalog is the release the engine fetched from central (announced by CatalogInstalled),
// a release an administrator put under the data directory, or a file named with --catalog.
// Loading never throws: a broken file leaves the located diagnostics for the pane to show.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "forms/catalog.hpp"
#include "forms/diagnostics.hpp"

namespace onewindow::app {

// <data dir>/catalog/current/catalog.xml: a release an administrator installed by hand.
[[nodiscard]] std::filesystem::path installedCatalogFile(const std::filesystem::path& dataDir);

// The file to load when the main window opens, in this order: the one named with --catalog
// (pinned: releases from central are then not loaded), the release the engine has installed
// from central (empty path: none yet), the one installed by hand under the data directory;
// nullopt when the workstation has no catalog yet.
[[nodiscard]] std::optional<std::filesystem::path> chooseCatalogFile(
    const std::optional<std::filesystem::path>& named, const std::filesystem::path& fromCentral,
    const std::filesystem::path& dataDir);

struct CatalogLoad {
  std::filesystem::path file;
  std::shared_ptr<const forms::Catalog> catalog;  // null when loading failed
  std::vector<forms::Diagnostic> problems;        // every problem found when it failed
};

[[nodiscard]] CatalogLoad loadMatterCatalog(const std::filesystem::path& file);

// A matter or a bundle the clerk chose, with the catalog that holds it: a case keeps using
// its catalog while a newer release is swapped into the pane.
struct CatalogChoice {
  std::shared_ptr<const forms::Catalog> catalog;
  const forms::Matter* matter = nullptr;  // exactly one of matter / bundle is set
  const forms::Bundle* bundle = nullptr;

  [[nodiscard]] bool empty() const { return matter == nullptr && bundle == nullptr; }
  [[nodiscard]] const std::string& code() const;  // basic code or bundle code
  [[nodiscard]] const forms::Text& name() const;
};

}  // namespace onewindow::app
