#include "forms/xform_xml.hpp"

#include <cstring>

namespace onewindow::forms::xmlns {

std::string_view prefixOf(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

std::string_view localOf(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string namespaceUri(pugi::xml_node element, std::string_view prefix) {
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  const std::string declaration = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (auto node = element; node && node.type() == pugi::node_element; node = node.parent()) {
    if (const auto attr = node.attribute(declaration.c_str())) return attr.value();
  }
  return {};
}

QName elementName(pugi::xml_node element) {
  const std::string_view name = element.name();
  return QName{namespaceUri(element, prefixOf(name)), localOf(name)};
}

QName attributeName(pugi::xml_node element, pugi::xml_attribute attribute) {
  const std::string_view name = attribute.name();
  const auto prefix = prefixOf(name);
  if (prefix.empty()) return QName{{}, name};
  return QName{namespaceUri(element, prefix), localOf(name)};
}

bool isElement(pugi::xml_node element, std::string_view ns, std::string_view local) {
  if (element.type() != pugi::node_element) return false;
  const std::string_view name = element.name();
  if (localOf(name) != local) return false;
  return namespaceUri(element, prefixOf(name)) == ns;
}

bool isNamespaceDeclaration(pugi::xml_attribute attribute) {
  const std::string_view name = attribute.name();
  return name == "xmlns" || name.substr(0, 6) == "xmlns:";
}

pugi::xml_attribute attribute(pugi::xml_node element, std::string_view ns, std::string_view local) {
  for (auto attr : element.attributes()) {
    const std::string_view name = attr.name();
    if (localOf(name) != local) continue;
    const auto prefix = prefixOf(name);
    if (ns.empty() ? prefix.empty() : (!prefix.empty() && namespaceUri(element, prefix) == ns)) {
      return attr;
    }
  }
  return {};
}

std::string displayName(const QName& name) {
  std::string prefix;
  if (name.ns == kJavaRosa)
    prefix = "jr:";
  else if (name.ns == kOdk)
    prefix = "odk:";
  else if (name.ns == kOpenRosa)
    prefix = "orx:";
  else if (name.ns == kXhtml)
    prefix = "h:";
  else if (name.ns == kEvents)
    prefix = "ev:";
  else if (name.ns == kOneWindow)
    prefix = "onewindow:";
  else if (!name.ns.empty() && name.ns != kXForms)
    prefix = "{" + name.ns + "}";
  return prefix + std::string(name.local);
}

}  // namespace onewindow::forms::xmlns
