#include "central/catalog_check.hpp"

#include <algorithm>
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

// The files a form reads beside it (external instances) travel with it in the release, under
// the same rule as the form's own path.
void addMediaFiles(CatalogCheck& check, const std::string& formRef,
                   const forms::XFormDefinition& form) {
  const auto slash = formRef.rfind('/');
  const std::string directory = slash == std::string::npos ? "" : formRef.substr(0, slash + 1);
  for (const std::string& name : form.mediaFiles) {
    const std::string path = directory + name;
    if (!localdb::isSafeCatalogPath(path)) {
      check.problems.push_back(formRef + ": the file '" + name +
                               "' it reads cannot travel in a release: name it with letters, "
                               "digits, '-', '_', '.' and '/' only");
    } else if (std::find(check.mediaFiles.begin(), check.mediaFiles.end(), path) ==
               check.mediaFiles.end()) {
      check.mediaFiles.push_back(path);
    }
  }
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
        addMediaFiles(check, ref, form);
      } catch (const forms::LoadError& error) {
        addProblems(check, error);
      }
    }
  } catch (const forms::LoadError& error) {
    addProblems(check, error);
  }
  // What a window could not install is refused here, before any window tries.
  for (const auto* list : {&check.formFiles, &check.mediaFiles}) {
    for (const std::string& path : *list) {
      std::error_code error;
      const auto bytes = std::filesystem::file_size(directory / path, error);
      if (!error && bytes > localdb::kMaxCatalogFileBytes) {
        check.problems.push_back(
            path + ": " + std::to_string(bytes) + " bytes; a window takes at most " +
            std::to_string(localdb::kMaxCatalogFileBytes) +
            " bytes per catalog file (split the list, or drop unused columns)");
      }
    }
  }
  return check;
}

}  // namespace onewindow::central
