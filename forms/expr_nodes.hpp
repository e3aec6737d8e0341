#pragma once
// Node helpers of the expression engine over pugixml: XPath string-values and document order.

#include <string>

#include "forms/expr.hpp"

namespace onewindow::forms::expr {

// The XPath string-value: an attribute's value, a text node's text, and for an element or the
// document the concatenation of all text below it. An empty instance node's value is "".
[[nodiscard]] std::string stringValue(const pugi::xpath_node& node);
void appendStringValue(const pugi::xpath_node& node, std::string& out);

// The text of an element whose value is one text node (or none), without copying; the usual
// shape of an instance leaf. False when the element holds more than that.
[[nodiscard]] bool simpleValue(const pugi::xpath_node& node, std::string_view& value);

// True when a comes before b in document order (an element before its attributes, attributes
// in their order, then its children). Nodes of different documents are ordered by document
// (consistently within one run).
[[nodiscard]] bool documentOrderLess(const pugi::xpath_node& a, const pugi::xpath_node& b);

// Sorts into document order and removes duplicates (XPath node-sets have neither).
void sortUnique(NodeSet& nodes);

// The node for position `/`: the document node of the context's tree.
[[nodiscard]] pugi::xml_node documentNodeOf(const pugi::xpath_node& node);

}  // namespace onewindow::forms::expr
