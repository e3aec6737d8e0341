#include "forms/diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace onewindow::forms {
namespace {

// Counts code points, not bytes, so a column under Chinese text matches what an editor shows.
std::size_t codePointsBetween(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t count = 0;
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string joined(const std::vector<Diagnostic>& diagnostics) {
  std::string message;
  for (const auto& diagnostic : diagnostics) {
    if (!message.empty()) message += '\n';
    message += diagnostic.toString();
  }
  return message;
}

}  // namespace

std::string Diagnostic::toString() const {
  if (line == 0) return file + ": " + message;
  return file + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + message;
}

SourceText::SourceText(std::string file, std::string text)
    : file_(std::move(file)), text_(std::move(text)) {}

Diagnostic SourceText::at(std::size_t offset, std::string message) const {
  if (lineStarts_.empty()) {
    lineStarts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') lineStarts_.push_back(i + 1);
    }
  }
  offset = std::min(offset, text_.size());
  const auto next = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  const auto lineIndex = static_cast<std::size_t>(next - lineStarts_.begin()) - 1;
  const std::size_t column = codePointsBetween(text_, lineStarts_[lineIndex], offset) + 1;
  return Diagnostic{file_, lineIndex + 1, column, std::move(message)};
}

Diagnostic SourceText::at(pugi::xml_node node, std::string message) const {
  if (!node) return Diagnostic{file_, 0, 0, std::move(message)};
  const auto offset = node.offset_debug();
  if (offset < 0) return Diagnostic{file_, 0, 0, std::move(message)};
  // pugixml points just past '<' for elements; the '<' is what an author looks for.
  const auto start = static_cast<std::size_t>(offset);
  return at(start > 0 && text_[start - 1] == '<' ? start - 1 : start, std::move(message));
}

Diagnostic SourceText::at(pugi::xml_node element, pugi::xml_attribute attribute,
                          std::string message, std::size_t valueOffset) const {
  if (!element || !attribute || element.offset_debug() < 0) return at(element, std::move(message));
  const auto tagStart = static_cast<std::size_t>(element.offset_debug());
  const auto tagEnd = text_.find('>', tagStart);
  const std::string_view tag = std::string_view{text_}.substr(
      tagStart, tagEnd == std::string::npos ? std::string::npos : tagEnd - tagStart);
  // The attribute name preceded by whitespace and followed by optional spaces and '='.
  const std::string name = attribute.name();
  std::size_t search = 0;
  while ((search = tag.find(name, search)) != std::string_view::npos) {
    const bool boundary = search > 0 && std::isspace(static_cast<unsigned char>(tag[search - 1]));
    std::size_t after = search + name.size();
    while (after < tag.size() && std::isspace(static_cast<unsigned char>(tag[after]))) ++after;
    if (boundary && after < tag.size() && tag[after] == '=') {
      std::size_t quote = after + 1;
      while (quote < tag.size() && std::isspace(static_cast<unsigned char>(tag[quote]))) ++quote;
      // Offsets into the value count characters of the parsed value; entity references
      // (&lt;) in the raw text make the column approximate, never out of the attribute.
      return at(tagStart + quote + 1 + valueOffset, std::move(message));
    }
    search += name.size();
  }
  return at(element, std::move(message));
}

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joined(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string readSourceFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw LoadError({Diagnostic{path, 0, 0, std::string("cannot open: ") + std::strerror(errno)}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw LoadError({Diagnostic{path, 0, 0, "read failed"}});
  return text.str();
}

}  // namespace onewindow::forms
