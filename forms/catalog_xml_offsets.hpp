#pragma once
// pugixml hands out attribute values with entity references decoded ("&gt;=" becomes ">="),
// while diagnostics point into the raw file text. This maps an offset inside the decoded
// value back to an offset inside the raw value, so an expression error after "&gt;" still
// lands on the right column.

#include <cstddef>
#include <string_view>

#include <pugixml.hpp>

namespace onewindow::forms {

// Byte offset inside the raw text of `attribute`'s value (as written in `text`, the whole
// document) that corresponds to `decodedOffset` bytes into the decoded value. Returns
// `decodedOffset` unchanged when the attribute cannot be found in the text.
[[nodiscard]] std::size_t rawValueOffset(std::string_view text, pugi::xml_node element,
                                         pugi::xml_attribute attribute, std::size_t decodedOffset);

}  // namespace onewindow::forms
