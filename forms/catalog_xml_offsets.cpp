#include "forms/catalog_xml_offsets.hpp"

#include <cctype>
#include <string>

namespace onewindow::forms {
namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Where the raw value of `name` starts inside `tag` (just after the quote), found the way
// SourceText finds it: the name after whitespace, then optional spaces, '=' and the quote.
std::size_t valueStart(std::string_view tag, std::string_view name) {
  std::size_t search = 0;
  while ((search = tag.find(name, search)) != std::string_view::npos) {
    const bool boundary = search > 0 && isSpace(tag[search - 1]);
    std::size_t after = search + name.size();
    while (after < tag.size() && isSpace(tag[after])) ++after;
    if (boundary && after < tag.size() && tag[after] == '=') {
      std::size_t quote = after + 1;
      while (quote < tag.size() && isSpace(tag[quote])) ++quote;
      return quote + 1;
    }
    search += name.size();
  }
  return std::string_view::npos;
}

// Bytes the UTF-8 encoding of a numeric character reference takes.
std::size_t encodedLength(std::string_view reference) {
  if (reference.size() < 2 || reference[0] != '#') return 1;  // &lt; &gt; &amp; &quot; &apos;
  const bool hex = reference[1] == 'x' || reference[1] == 'X';
  unsigned long codePoint = 0;
  try {
    codePoint = std::stoul(std::string(reference.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
  } catch (const std::exception&) {
    return 1;
  }
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

}  // namespace

std::size_t rawValueOffset(std::string_view text, pugi::xml_node element,
                           pugi::xml_attribute attribute, std::size_t decodedOffset) {
  if (!element || !attribute || element.offset_debug() < 0) return decodedOffset;
  const auto tagStart = static_cast<std::size_t>(element.offset_debug());
  const auto tagEnd = text.find('>', tagStart);
  const auto tag = text.substr(
      tagStart, tagEnd == std::string_view::npos ? std::string_view::npos : tagEnd - tagStart);
  const auto start = valueStart(tag, attribute.name());
  if (start == std::string_view::npos) return decodedOffset;
  const auto raw = tag.substr(start);
  std::size_t rawOffset = 0, decoded = 0;
  while (decoded < decodedOffset && rawOffset < raw.size()) {
    if (raw[rawOffset] == '&') {
      const auto end = raw.find(';', rawOffset);
      if (end != std::string_view::npos) {
        decoded += encodedLength(raw.substr(rawOffset + 1, end - rawOffset - 1));
        rawOffset = end + 1;
        continue;
      }
    }
    ++decoded;
    ++rawOffset;
  }
  return rawOffset;
}

}  // namespace onewindow::forms
