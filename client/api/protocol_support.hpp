#pragma once
// Helpers shared by the protocol_*.cpp files (not part of the client's interface).

#include <cstdint>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "client/api/protocol.hpp"

namespace onewindow::api::detail {

// Parses a success body and checks its root element; on failure returns the error.
[[nodiscard]] std::optional<ApiError> loadBody(const HttpResponse& response,
                                               pugi::xml_document& document, const char* root);

// A decimal unsigned number, the whole text; nullopt otherwise.
[[nodiscard]] std::optional<std::uint64_t> parseUnsigned(const std::string& text);

// A required attribute; records the first missing name in `missing`.
std::string requiredAttribute(const pugi::xml_node& node, const char* name, std::string& missing);

[[nodiscard]] std::string serialise(const pugi::xml_document& document);

}  // namespace onewindow::api::detail
