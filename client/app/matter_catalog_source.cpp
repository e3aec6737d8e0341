#include "client/app/matter_catalog_source.hpp"

#include <exception>
#include <system_error>

#include "forms/catalog_loader.hpp"

namespace onewindow::app {

std::filesystem::path installedCatalogFile(const std::filesystem::path& dataDir) {
  return dataDir / "catalog" / "current" / "catalog.xml";
}

std::optional<std::filesystem::path> chooseCatalogFile(
    const std::optional<std::filesystem::path>& named, const std::filesystem::path& fromCentral,
    const std::filesystem::path& dataDir) {
  if (named) return named;  // a named file that is missing is an error the pane shows
  if (!fromCentral.empty()) return fromCentral;
  const std::filesystem::path installed = installedCatalogFile(dataDir);
  std::error_code error;
  if (std::filesystem::exists(installed, error)) return installed;
  return std::nullopt;
}

CatalogLoad loadMatterCatalog(const std::filesystem::path& file) {
  CatalogLoad result;
  result.file = file;
  try {
    result.catalog = std::make_shared<const forms::Catalog>(forms::loadCatalog(file));
  } catch (const forms::LoadError& error) {
    result.problems = error.diagnostics();
    if (result.problems.empty()) result.problems.push_back({file.string(), 0, 0, error.what()});
  } catch (const std::exception& error) {
    // Anything else (out of memory, a filesystem error) still reaches the clerk, named.
    result.problems.push_back({file.string(), 0, 0, error.what()});
  }
  return result;
}

const std::string& CatalogChoice::code() const {
  return matter != nullptr ? matter->basicCode : bundle->code;
}

const forms::Text& CatalogChoice::name() const {
  return matter != nullptr ? matter->name : bundle->name;
}

}  // namespace onewindow::app
