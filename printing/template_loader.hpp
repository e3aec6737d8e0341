#pragma once
// Loads a document template (printing/README.md, "Template format") and reports every problem
// located file:line:column in one pass, like the catalog loader. A template that loads has
// only known elements, attributes, fields, lists and formatters, and fits on its page.
#include <string>
#include <vector>

#include "forms/diagnostics.hpp"
#include "printing/template_model.hpp"

namespace onewindow::printing {

struct TemplateLoad {
  std::optional<Template> result;  // empty when there are problems
  std::vector<forms::Diagnostic> problems;
};

TemplateLoad loadTemplateText(const std::string& file, std::string text);
TemplateLoad loadTemplateFile(const std::string& path);
// Throws forms::LoadError with every problem.
Template loadTemplate(const std::string& path);

// The templates of a directory (*.xml), each checked; problems of all files together.
struct TemplateSetLoad {
  std::vector<Template> templates;
  std::vector<forms::Diagnostic> problems;
};
TemplateSetLoad loadTemplateDirectory(const std::string& directory);

}  // namespace onewindow::printing
