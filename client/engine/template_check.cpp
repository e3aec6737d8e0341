#include "client/engine/template_check.hpp"

#include <algorithm>
#include <set>

#include "forms/catalog_loader.hpp"
#include "forms/diagnostics.hpp"
#include "printing/layout.hpp"
#include "printing/render.hpp"
#include "printing/specimen.hpp"
#include "printing/template_loader.hpp"

namespace onewindow::engine {

const std::vector<std::string>& requiredTemplateKinds() {
  static const std::vector<std::string> kinds{
      "acceptance-notice", "gap-acceptance-notice", "correction-notice", "refusal-notice",
      "material-receipt",  "transfer-slip",         "completion-notice"};
  return kinds;
}

TemplateCheck checkTemplates(const std::filesystem::path& directory,
                             const std::optional<std::filesystem::path>& catalogFile) {
  TemplateCheck check;
  printing::TemplateSetLoad set = printing::loadTemplateDirectory(directory.string());
  for (const auto& problem : set.problems) check.problems.push_back(problem.toString());
  std::set<std::string> kinds;
  // A long materials list: page breaks and repeated headers are exercised too.
  const printing::DocumentData specimen = printing::specimenData(40);
  for (const printing::Template& loaded : set.templates) {
    kinds.insert(loaded.kind);
    CheckedTemplate entry{loaded.file, loaded.kind, loaded.name, 0};
    try {
      const printing::LaidOutDocument document = printing::layOut(loaded, specimen);
      printing::RenderOptions options;
      options.watermark = "样本";
      (void)printing::renderPdf(document, options);
      entry.pages = static_cast<int>(document.pages.size());
      for (const auto& field : document.missingFields)
        check.problems.push_back(loaded.file + ": the specimen data has no '" + field + "'");
    } catch (const std::exception& error) {
      check.problems.push_back(error.what());
    }
    check.templates.push_back(std::move(entry));
  }
  for (const std::string& kind : requiredTemplateKinds()) {
    if (kinds.count(kind) == 0)
      check.problems.push_back(directory.string() + ": no template of kind '" + kind +
                               "', which the window issues");
  }
  if (catalogFile) {
    forms::Catalog loadedCatalog;
    try {
      loadedCatalog = forms::loadCatalog(*catalogFile);
    } catch (const forms::LoadError& error) {
      check.problems.push_back(error.what());
      return check;
    }
    const forms::Catalog* catalog = &loadedCatalog;
    for (const forms::Matter& matter : catalog->matters) {
      if (!matter.certificateTemplate.empty() && kinds.count(matter.certificateTemplate) == 0)
        check.problems.push_back(catalog->file + ": matter " + matter.basicCode + " version " +
                                 std::to_string(matter.version) +
                                 " names the certificate template '" + matter.certificateTemplate +
                                 "', which " + directory.string() + " does not have");
    }
  }
  return check;
}

}  // namespace onewindow::engine
