#pragma once
// Checks a catalog directory with the forms library before central publishes it: the same
// loader the windows use, so what central accepts every window can load.

#include <filesystem>
#include <string>
#include <vector>

namespace onewindow::central {

struct CatalogCheck {
  std::string release;
  std::string published;               // YYYY-MM-DD
  std::vector<std::string> formFiles;  // relative to the directory, '/' separated
  // Files the forms read beside them (external instances: CSV and XML choice lists), likewise.
  std::vector<std::string> mediaFiles;
  std::vector<std::string> problems;  // "file:line:column: message", empty when publishable
  // What the forms say that a window accepts and ignores (another tool's attributes, a bind's
  // id): "file:line:column: message", for the catalog team to read, never a refusal.
  std::vector<std::string> notes;
};

[[nodiscard]] CatalogCheck checkCatalogDirectory(const std::filesystem::path& directory);

}  // namespace onewindow::central
