#pragma once
// Loads catalog XML (forms/README.md, "The catalog format") into the model, checking
// everything it can: unknown elements and attributes, required ones, code shapes and the USCC
// check character, enum values, numbers, dates, duplicates, references between parts of the
// catalog, form files, and the expressions of 秒批 rules. Every problem found is reported in one
// pass, each located at file:line:column.

#include <filesystem>
#include <string>

#include "forms/catalog.hpp"

namespace onewindow::forms {

// Throws LoadError (forms/diagnostics.hpp) with every problem found.
[[nodiscard]] Catalog loadCatalog(const std::filesystem::path& path);

// The same from text already in memory; `fileName` names it in diagnostics and form refs
// resolve against its directory.
[[nodiscard]] Catalog loadCatalogText(const std::string& fileName, std::string text);

}  // namespace onewindow::forms
