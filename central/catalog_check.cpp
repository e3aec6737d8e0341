#include "central/catalog_check.hpp"

#include <set>

#include "forms/catalog_loader.hpp"
#include "forms/diagnostics.hpp"
#include "forms/xform.hpp"
#include "localdb/catalog_cache.hpp"

namespace onewindow::central {
namespace {

void addProblems(CatalogCheck& check, const forms::LoadError& error) {
  for (const auto& diagnostic : error.diagnostics())
    check.problems.push_back(diagnostic.toString());
}

// A form ref must stay inside the release: workstations write the release out under its own
// directory and refuse paths that climb out of it.
void addFormRef(CatalogCheck& check, std::set<std::string>& seen, const std::string& ref) {
  if (!localdb::isSafeCatalogPath(ref)) {
    check.problems.push_back("form ref '" + ref +
                             "' must be a relative path inside the catalog directory (letters, "
                             "digits, '-', '_', '.', '/' only)");
    return;
  }
  if (seen.insert(ref).second) check.formFiles.push_back(ref);
}

}  // namespace

CatalogCheck checkCatalogDirectory(const std::filesystem::path& directory) {
  CatalogCheck check;
  const std::filesystem::path catalogFile = directory / "catalog.xml";
  try {
    const forms::Catalog catalog = forms::loadCatalog(catalogFile);
    check.release = catalog.release;
    check.published = catalog.published.iso();
    if (!localdb::isSafeCatalogPath(check.release)) {
      check.problems.push_back(catalogFile.string() + ": the release name '" + check.release +
                               "' must be letters, digits, '-', '_' and '.' only");
    }
    std::set<std::string> seen;
    for (const auto& matter : catalog.matters) {
      if (matter.form) addFormRef(check, seen, matter.form->ref);
    }
    for (const auto& bundle : catalog.bundles) {
      if (bundle.form) addFormRef(check, seen, bundle.form->ref);
    }
    // Every form must load where the windows will open it.
    for (const std::string& ref : check.formFiles) {
      try {
        const forms::XFormDefinition form = forms::loadXForm((directory / ref).string());
        for (const forms::Diagnostic& note : form.notes) check.notes.push_back(note.toString());
      } catch (const forms::LoadError& error) {
        addProblems(check, error);
      }
    }
  } catch (const forms::LoadError& error) {
    addProblems(check, error);
  }
  return check;
}

}  // namespace onewindow::central
