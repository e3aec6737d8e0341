#pragma once
// Where the document templates are: $ONEWINDOW_TEMPLATES_DIR, else the installed ones
// (/usr/share/onewindow/templates from the .deb), else the source tree's (a developer build).
#include <filesystem>

namespace onewindow::printing {

std::filesystem::path defaultTemplatesDirectory();

}  // namespace onewindow::printing
