#include "printing/template_paths.hpp"

#include <cstdlib>

namespace onewindow::printing {

std::filesystem::path defaultTemplatesDirectory() {
  if (const char* chosen = std::getenv("ONEWINDOW_TEMPLATES_DIR"); chosen && *chosen) return chosen;
  std::error_code error;
  const std::filesystem::path installed = ONEWINDOW_INSTALLED_TEMPLATES_DIR;
  if (std::filesystem::is_directory(installed, error)) return installed;
  return ONEWINDOW_TEMPLATES_DIR;
}

}  // namespace onewindow::printing
