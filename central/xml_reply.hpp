#pragma once
// Every reply body is built as a pugixml document and serialised here, so escaping and the
// UTF-8 declaration are right in one place instead of in every handler.

#include <string>
#include <string_view>

namespace pugi {
class xml_document;
}

namespace onewindow::central {

inline constexpr const char* kXmlContentType = "application/xml; charset=utf-8";

// Serialises with an <?xml version="1.0" encoding="UTF-8"?> declaration, without indentation.
[[nodiscard]] std::string toXmlText(const pugi::xml_document& document);

// <error code="CODE"><message>MESSAGE</message></error>
[[nodiscard]] std::string errorBody(std::string_view code, std::string_view message);
// The same with one more element after <message> (well-formed XML, e.g. <problems>…</problems>).
[[nodiscard]] std::string errorBody(std::string_view code, std::string_view message,
                                    std::string_view detailXml);

}  // namespace onewindow::central
