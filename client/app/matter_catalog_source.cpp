#include "client/app/matter_catalog_source.hpp"

namespace onewindow::app {

std::filesystem::path installedCatalogFile(const std::filesystem::path& dataDir) {
  return dataDir / "catalog" / "current" / "catalog.xml";
}

const std::string& CatalogChoice::code() const {
  return matter != nullptr ? matter->basicCode : bundle->code;
}

const forms::Text& CatalogChoice::name() const {
  return matter != nullptr ? matter->name : bundle->name;
}

}  // namespace onewindow::app
