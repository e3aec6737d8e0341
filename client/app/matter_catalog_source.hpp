#pragma once
// Where the workstation's matter catalog comes from. An installed program has no source tree:
// the catalog is the release the engine fetched from central, a release an administrator put
// under the data directory, or a file named with --catalog. The engine loads it (off the UI
// thread) and announces it with CatalogLoaded; the window shows that same catalog.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "forms/catalog.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::app {

// <data dir>/catalog/current/catalog.xml: a release an administrator installed by hand, which
// the engine uses while no release from central is installed (EngineConfig::catalogFallback).
[[nodiscard]] std::filesystem::path installedCatalogFile(const std::filesystem::path& dataDir);

// A matter or a bundle the clerk chose, with the catalog that holds it: a case keeps using
// its catalog while a newer release is swapped into the pane.
struct CatalogChoice {
  std::shared_ptr<const forms::Catalog> catalog;
  const forms::Matter* matter = nullptr;  // exactly one of matter / bundle is set
  const forms::Bundle* bundle = nullptr;

  [[nodiscard]] bool empty() const { return matter == nullptr && bundle == nullptr; }
  [[nodiscard]] const std::string& code() const;  // basic code or bundle code
  [[nodiscard]] const forms::Text& name() const;
  [[nodiscard]] forms::IntakeSubject subject() const { return {matter, bundle}; }
};

}  // namespace onewindow::app
