#pragma once
// `onewindow-ctl templates check DIR`: every template of a directory loaded, laid out with the
// specimen data and rendered, so a problem shows before a clerk meets it at the window; and the
// kinds the engine and the catalog name must all be there.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onewindow::engine {

struct CheckedTemplate {
  std::string file;
  std::string kind;
  std::string name;
  int pages = 0;
};

struct TemplateCheck {
  std::vector<CheckedTemplate> templates;
  std::vector<std::string> problems;  // "file:line:column: message", or what is missing
};

// The template kinds the engine issues itself (the notices of decisions, the receipt …).
[[nodiscard]] const std::vector<std::string>& requiredTemplateKinds();

// With a catalog file, each of its matters' certificate templates must be there too.
[[nodiscard]] TemplateCheck checkTemplates(
    const std::filesystem::path& directory,
    const std::optional<std::filesystem::path>& catalogFile = std::nullopt);

}  // namespace onewindow::engine
