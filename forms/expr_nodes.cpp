#include "forms/expr_nodes.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace onewindow::forms::expr {
namespace {

bool isText(const pugi::xml_node& node) {
  return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

// pugixml may embed a lone text child into its element (parse_embed_pcdata); count it too.
void appendElementText(const pugi::xml_node& element, std::string& out) {
  const char* embedded = element.value();
  if (*embedded != '\0') out += embedded;
}

void appendDescendantText(const pugi::xml_node& top, std::string& out) {
  if (top.type() == pugi::node_element) appendElementText(top, out);
  pugi::xml_node node = top.first_child();
  while (node) {
    if (isText(node)) {
      out += node.value();
    } else if (node.type() == pugi::node_element) {
      appendElementText(node, out);
    }
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && node != top && !node.next_sibling()) node = node.parent();
    if (!node || node == top) break;
    node = node.next_sibling();
  }
}

int depthOf(pugi::xml_node node) {
  int depth = 0;
  for (node = node.parent(); node; node = node.parent()) ++depth;
  return depth;
}

// -1 when a comes first, 1 when b does, 0 when they are the same node.
int compareTreeNodes(const pugi::xml_node& a, const pugi::xml_node& b) {
  if (a == b) return 0;
  int depthA = depthOf(a);
  int depthB = depthOf(b);
  const bool aDeeper = depthA > depthB;
  pugi::xml_node x = a;
  pugi::xml_node y = b;
  for (; depthA > depthB; --depthA) x = x.parent();
  for (; depthB > depthA; --depthB) y = y.parent();
  if (x == y) return aDeeper ? 1 : -1;  // one is the ancestor of the other: it comes first
  while (x.parent() != y.parent()) {
    x = x.parent();
    y = y.parent();
  }
  if (!x.parent()) {
    // Two documents: order them by address, stable for the life of the documents.
    return std::less<const void*>{}(x.internal_object(), y.internal_object()) ? -1 : 1;
  }
  // Siblings: walk both ways at once, so the cost is the distance between them.
  pugi::xml_node forward = x.next_sibling();
  pugi::xml_node backward = x.previous_sibling();
  while (forward || backward) {
    if (forward == y) return -1;
    if (backward == y) return 1;
    if (forward) forward = forward.next_sibling();
    if (backward) backward = backward.previous_sibling();
  }
  return 1;
}

pugi::xml_node treeNodeOf(const pugi::xpath_node& node) {
  return node.attribute() ? node.parent() : node.node();
}

const void* identity(const pugi::xpath_node& node) {
  if (node.attribute()) return node.attribute().internal_object();
  return node.node().internal_object();
}

// For big unsorted sets: rank the members by one pre-order walk of each document they live in.
void sortByWalk(NodeSet& nodes) {
  std::unordered_map<const void*, std::size_t> rank;
  rank.reserve(nodes.size());
  std::vector<pugi::xml_node> roots;
  for (const auto& node : nodes) {
    rank.emplace(identity(node), 0);
    const pugi::xml_node root = treeNodeOf(node).root();
    if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
  }
  std::sort(roots.begin(), roots.end(), [](const pugi::xml_node& a, const pugi::xml_node& b) {
    return std::less<const void*>{}(a.internal_object(), b.internal_object());
  });
  std::size_t next = 0;
  auto visit = [&](const void* object) {
    const auto found = rank.find(object);
    if (found != rank.end()) found->second = next;
    ++next;
  };
  for (const auto& root : roots) {
    pugi::xml_node node = root;
    while (node) {
      visit(node.internal_object());
      for (auto attribute : node.attributes()) visit(attribute.internal_object());
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
      while (node && node != root && !node.next_sibling()) node = node.parent();
      if (!node || node == root) break;
      node = node.next_sibling();
    }
  }
  std::sort(nodes.begin(), nodes.end(), [&](const pugi::xpath_node& a, const pugi::xpath_node& b) {
    return rank.at(identity(a)) < rank.at(identity(b));
  });
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
}

}  // namespace

void appendStringValue(const pugi::xpath_node& node, std::string& out) {
  if (node.attribute()) {
    out += node.attribute().value();
    return;
  }
  const pugi::xml_node& tree = node.node();
  switch (tree.type()) {
    case pugi::node_pcdata:
    case pugi::node_cdata:
    case pugi::node_comment:
    case pugi::node_pi:
      out += tree.value();
      return;
    case pugi::node_element:
    case pugi::node_document:
      appendDescendantText(tree, out);
      return;
    default:
      return;
  }
}

std::string stringValue(const pugi::xpath_node& node) {
  std::string_view simple;
  if (simpleValue(node, simple)) return std::string(simple);
  std::string out;
  appendStringValue(node, out);
  return out;
}

bool simpleValue(const pugi::xpath_node& node, std::string_view& value) {
  if (node.attribute()) {
    value = node.attribute().value();
    return true;
  }
  const pugi::xml_node& tree = node.node();
  if (tree.type() != pugi::node_element) {
    if (tree.type() == pugi::node_document) return false;
    value = tree.value();
    return true;
  }
  const pugi::xml_node first = tree.first_child();
  const char* embedded = tree.value();
  if (!first) {
    value = embedded;
    return true;
  }
  if (*embedded == '\0' && isText(first) && !first.next_sibling()) {
    value = first.value();
    return true;
  }
  return false;
}

bool documentOrderLess(const pugi::xpath_node& a, const pugi::xpath_node& b) {
  const int order = compareTreeNodes(treeNodeOf(a), treeNodeOf(b));
  if (order != 0) return order < 0;
  const pugi::xml_attribute attributeA = a.attribute();
  const pugi::xml_attribute attributeB = b.attribute();
  if (!attributeA) return static_cast<bool>(attributeB);  // the element precedes its attributes
  if (!attributeB || attributeA == attributeB) return false;
  for (auto next = attributeA.next_attribute(); next; next = next.next_attribute()) {
    if (next == attributeB) return true;
  }
  return false;
}

void sortUnique(NodeSet& nodes) {
  if (nodes.size() < 2) return;
  bool sorted = true;
  for (std::size_t i = 1; i < nodes.size() && sorted; ++i) {
    sorted = documentOrderLess(nodes[i - 1], nodes[i]);
  }
  if (sorted) return;
  if (nodes.size() > 64) {
    sortByWalk(nodes);
    return;
  }
  std::sort(nodes.begin(), nodes.end(), documentOrderLess);
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
}

pugi::xml_node documentNodeOf(const pugi::xpath_node& node) { return treeNodeOf(node).root(); }

}  // namespace onewindow::forms::expr
