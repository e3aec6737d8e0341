#pragma once
// External secondary instances of a form (ODK XForms "jr://file/x.xml" and
// "jr://file-csv/x.csv"): long choice lists a catalog team keeps in a file beside the form, such
// as every community of Shenzhen. The file travels with the form in the catalog release.
//
// A file is read once per process and the parsed document is shared by every form that names
// it (several matters' forms use the same community list), until no form holds it.
//
// CSV follows ODK: the first row names the columns; each further row becomes
// <item><column>value</column>…</item> under <root>. Quoted fields may hold commas, quotes ("")
// and line breaks; a UTF-8 byte order mark is skipped; blank lines are skipped; a short row's
// missing fields are empty and a long row's extra ones dropped; ';' separates when the first
// row has one and no comma. An XML file's document element becomes the instance's root as it is.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "forms/diagnostics.hpp"

namespace onewindow::forms {

enum class ExternalFormat { Xml, Csv };

struct ExternalInstanceRef {
  ExternalFormat format = ExternalFormat::Xml;
  std::string fileName;  // as the form names it, relative to the form's directory ("x.csv")
};

// Reads a src attribute: jr://file/NAME (XML) or jr://file-csv/NAME (CSV). NAME must be a
// relative path of plain segments (no "..", no leading '/'), since the release ships only the
// files beside the form. Returns the reason it is refused in `why` otherwise.
[[nodiscard]] std::optional<ExternalInstanceRef> parseExternalSource(std::string_view src,
                                                                     std::string& why);

// The instance's document (its element is the instance root). Throws LoadError with every
// problem of the file located in it (file:line:column), or one naming the file when it cannot
// be read. Shared: the same file unchanged (size and modification time) gives the same
// document to every caller.
[[nodiscard]] std::shared_ptr<const pugi::xml_document> loadExternalInstance(
    const std::filesystem::path& file, ExternalFormat format);

// Parses CSV text as above; `file` only names it in diagnostics.
[[nodiscard]] std::shared_ptr<const pugi::xml_document> parseCsvInstance(std::string_view text,
                                                                         const std::string& file);

}  // namespace onewindow::forms
