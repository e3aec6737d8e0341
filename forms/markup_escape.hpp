#pragma once
// Text put into XML or HTML markup: & < > " as entities. Header-only, so the bench's catalog
// generator (which links no project library) and the guide view share one definition.

#include <string>
#include <string_view>

namespace onewindow::forms {

inline std::string escapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace onewindow::forms
