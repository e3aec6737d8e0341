#pragma once
// XML names for the XForms loader. pugixml does not resolve namespaces, and XLSForm tools are
// free to pick prefixes, so elements and attributes are matched by (namespace URI, local name)
// resolved through the xmlns declarations in scope.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace onewindow::forms::xmlns {

inline constexpr std::string_view kXForms = "http://www.w3.org/2002/xforms";
inline constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view kJavaRosa = "http://openrosa.org/javarosa";
inline constexpr std::string_view kOdk = "http://www.opendatakit.org/xforms";
inline constexpr std::string_view kOpenRosa = "http://openrosa.org/xforms";
inline constexpr std::string_view kEvents = "http://www.w3.org/2001/xml-events";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema";
inline constexpr std::string_view kOneWindow = "urn:onewindow:forms:1";

struct QName {
  std::string ns;  // "" = no namespace
  std::string_view local;
};

[[nodiscard]] std::string_view prefixOf(std::string_view name);
[[nodiscard]] std::string_view localOf(std::string_view name);

// The URI bound to `prefix` ("" = the default namespace) at `element`, "" when none.
[[nodiscard]] std::string namespaceUri(pugi::xml_node element, std::string_view prefix);

[[nodiscard]] QName elementName(pugi::xml_node element);
// Unprefixed attributes are in no namespace (XML Namespaces 1.0 §6.2).
[[nodiscard]] QName attributeName(pugi::xml_node element, pugi::xml_attribute attribute);

[[nodiscard]] bool isElement(pugi::xml_node element, std::string_view ns, std::string_view local);
[[nodiscard]] bool isNamespaceDeclaration(pugi::xml_attribute attribute);

// The attribute (ns, local) of an element, or an empty attribute.
[[nodiscard]] pugi::xml_attribute attribute(pugi::xml_node element, std::string_view ns,
                                            std::string_view local);

// "jr:template" style display name for messages: prefix of the well-known namespaces.
[[nodiscard]] std::string displayName(const QName& name);

}  // namespace onewindow::forms::xmlns
