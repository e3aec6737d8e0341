#pragma once
// Located problems found while loading a catalog or a form: "file:line:column: message".
// Loaders collect every problem in one pass rather than stopping at the first, so an author
// fixes a file in one round.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace onewindow::forms {

struct Diagnostic {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when the problem is about the file as a whole
  std::size_t column = 0;  // 1-based, in code points
  std::string message;

  [[nodiscard]] std::string toString() const;  // "file:line:column: message"
};

// The text of a loaded XML file, kept to turn pugixml byte offsets into lines and columns.
// The line index is built on the first location asked for (a file that loads cleanly never
// needs it), so one SourceText is not for locating from several threads at once.
class SourceText {
 public:
  SourceText(std::string file, std::string text);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::string& text() const { return text_; }

  // Location of a byte offset into the text.
  [[nodiscard]] Diagnostic at(std::size_t offset, std::string message) const;
  // Location of an element (its '<').
  [[nodiscard]] Diagnostic at(pugi::xml_node node, std::string message) const;
  // Location of an attribute's value: pugixml keeps no attribute offsets, so the attribute is
  // found in the text of its element's start tag. `valueOffset` moves further into the value
  // (e.g. the offset of a syntax error inside an expression).
  [[nodiscard]] Diagnostic at(pugi::xml_node element, pugi::xml_attribute attribute,
                              std::string message, std::size_t valueOffset = 0) const;

 private:
  std::string file_;
  std::string text_;
  mutable std::vector<std::size_t> lineStarts_;  // empty until the first at()
};

// Thrown by loaders that cannot produce a result; carries every problem found.
class LoadError : public std::runtime_error {
 public:
  explicit LoadError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Reads a whole file for SourceText; throws LoadError naming the file when it cannot.
[[nodiscard]] std::string readSourceFile(const std::string& path);

}  // namespace onewindow::forms
