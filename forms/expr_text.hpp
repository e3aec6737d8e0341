#pragma once
// UTF-8 helpers of the expression engine. XPath counts characters, and for our forms a
// character is a Unicode code point: string-length('张三') is 2, not 6.

#include <cstddef>
#include <string>
#include <string_view>

namespace onewindow::forms::expr::text {

// Decodes the code point at `position` and moves past it. A malformed sequence decodes as
// U+FFFD and consumes one byte, so every input makes progress.
char32_t decodeNext(std::string_view text, std::size_t& position);

void appendUtf8(std::string& out, char32_t codePoint);

[[nodiscard]] std::size_t codePointCount(std::string_view text);

// Byte offset of the code point with the given 0-based index (text.size() when past the end).
[[nodiscard]] std::size_t byteOffsetOfCodePoint(std::string_view text, std::size_t index);

// wchar_t is 32 bits on our platforms, so a std::wstring holds one code point per element:
// std::wregex then matches Chinese characters as single characters.
[[nodiscard]] std::wstring toWide(std::string_view text);

// XPath's whitespace: space, tab, carriage return, line feed.
[[nodiscard]] constexpr bool isXPathSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

[[nodiscard]] std::string_view trimXPathSpace(std::string_view text);

}  // namespace onewindow::forms::expr::text
