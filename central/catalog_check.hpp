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
  std::vector<std::string> problems;   // "file:line:column: message", empty when publishable
};

[[nodiscard]] CatalogCheck checkCatalogDirectory(const std::filesystem::path& directory);

}  // namespace onewindow::central
