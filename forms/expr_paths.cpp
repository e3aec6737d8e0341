// Location paths: axes, node tests and predicates over a pugixml tree.
//
// pugixml has no namespaces, so a name test compares the node's qualified name exactly as
// written ("jr:x" matches an element written <jr:x>).

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "forms/expr_eval.hpp"
#include "forms/expr_functions.hpp"
#include "forms/expr_nodes.hpp"

namespace onewindow::forms::expr {
namespace {

bool isNamespaceDeclaration(const char* name) {
  return std::strncmp(name, "xmlns", 5) == 0 && (name[5] == '\0' || name[5] == ':');
}

// Node tests on the principal node type of the axis (elements; attributes on @).
bool nameMatches(const Step& step, const char* name) {
  switch (step.test) {
    case NodeTest::Name:
      return std::strcmp(name, step.name.c_str()) == 0;
    case NodeTest::AnyName:
      return true;
    case NodeTest::PrefixAnyName:
      return std::strncmp(name, step.name.c_str(), step.name.size()) == 0;
    default:
      return false;
  }
}

bool matches(const Step& step, const pugi::xml_node& node) {
  const pugi::xml_node_type type = node.type();
  switch (step.test) {
    case NodeTest::Name:
    case NodeTest::AnyName:
    case NodeTest::PrefixAnyName:
      return type == pugi::node_element && nameMatches(step, node.name());
    case NodeTest::AnyNode:
      return type != pugi::node_declaration && type != pugi::node_doctype &&
             type != pugi::node_null;
    case NodeTest::Text:
      return type == pugi::node_pcdata || type == pugi::node_cdata;
    case NodeTest::Comment:
      return type == pugi::node_comment;
    case NodeTest::ProcessingInstruction:
      return type == pugi::node_pi && (step.name.empty() || step.name == node.name());
  }
  return false;
}

bool matches(const Step& step, const pugi::xml_attribute& attribute) {
  if (isNamespaceDeclaration(attribute.name())) return false;
  if (step.test == NodeTest::AnyNode) return true;
  return nameMatches(step, attribute.name());
}

// Appends the matching nodes of the subtree below `top` (not `top` itself) in document order.
void collectDescendants(const Step& step, const pugi::xml_node& top, NodeSet& out) {
  pugi::xml_node node = top.first_child();
  while (node) {
    if (matches(step, node)) out.emplace_back(node);
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && node != top && !node.next_sibling()) node = node.parent();
    if (!node || node == top) break;
    node = node.next_sibling();
  }
}

void collectSubtree(const Step& step, const pugi::xml_node& top, NodeSet& out) {
  if (matches(step, top)) out.emplace_back(top);
  collectDescendants(step, top, out);
}

// Appends the nodes of the axis from `context` in axis order (reverse document order for a
// reverse axis), keeping those that pass the node test.
void collectAxis(const Step& step, const pugi::xpath_node& context, NodeSet& out) {
  const pugi::xml_attribute attribute = context.attribute();
  const pugi::xml_node node = attribute ? pugi::xml_node() : context.node();
  const pugi::xml_node owner = attribute ? context.parent() : node;
  switch (step.axis) {
    case Axis::Child:
      if (!node) return;
      if (step.test == NodeTest::Name) {
        // pugixml's own name search runs inside the library, without a call per sibling:
        // this is the step of almost every path, often over hundreds of siblings.
        const char* name = step.name.c_str();
        for (auto child = node.child(name); child; child = child.next_sibling(name)) {
          out.emplace_back(child);
        }
        return;
      }
      for (auto child = node.first_child(); child; child = child.next_sibling()) {
        if (matches(step, child)) out.emplace_back(child);
      }
      return;
    case Axis::Attribute:
      if (!node || node.type() != pugi::node_element) return;
      for (auto each = node.first_attribute(); each; each = each.next_attribute()) {
        if (matches(step, each)) out.emplace_back(each, node);
      }
      return;
    case Axis::Self:
      if (attribute) {
        if (matches(step, attribute)) out.push_back(context);
      } else if (matches(step, node)) {
        out.push_back(context);
      }
      return;
    case Axis::Parent:
      if (attribute) {
        if (matches(step, owner)) out.emplace_back(owner);
      } else if (node.parent() && matches(step, node.parent())) {
        out.emplace_back(node.parent());
      }
      return;
    case Axis::Descendant:
      if (node) collectDescendants(step, node, out);
      return;
    case Axis::DescendantOrSelf:
      if (attribute) {
        if (matches(step, attribute)) out.push_back(context);
      } else {
        collectSubtree(step, node, out);
      }
      return;
    case Axis::Ancestor:
    case Axis::AncestorOrSelf: {
      if (step.axis == Axis::AncestorOrSelf) {
        if (attribute ? matches(step, attribute) : matches(step, node)) out.push_back(context);
      }
      for (auto up = attribute ? owner : node.parent(); up; up = up.parent()) {
        if (matches(step, up)) out.emplace_back(up);
      }
      return;
    }
    case Axis::FollowingSibling:
      if (!node) return;
      for (auto next = node.next_sibling(); next; next = next.next_sibling()) {
        if (matches(step, next)) out.emplace_back(next);
      }
      return;
    case Axis::PrecedingSibling:
      if (!node) return;
      for (auto previous = node.previous_sibling(); previous;
           previous = previous.previous_sibling()) {
        if (matches(step, previous)) out.emplace_back(previous);
      }
      return;
    case Axis::Following: {
      // An attribute is followed by its element's content; any node by what comes after its
      // ancestors-or-self, not counting its own descendants.
      if (attribute) collectDescendants(step, owner, out);
      for (auto up = owner; up; up = up.parent()) {
        for (auto next = up.next_sibling(); next; next = next.next_sibling()) {
          collectSubtree(step, next, out);
        }
      }
      return;
    }
    case Axis::Preceding: {
      NodeSet subtree;
      for (auto up = owner; up; up = up.parent()) {
        for (auto previous = up.previous_sibling(); previous;
             previous = previous.previous_sibling()) {
          subtree.clear();
          collectSubtree(step, previous, subtree);
          out.insert(out.end(), subtree.rbegin(), subtree.rend());
        }
      }
      return;
    }
  }
}

// A predicate that is a plain number literal selects by position without evaluating anything.
bool selectsPosition(const Expression::Node& predicate) {
  return predicate.kind == Expression::Node::Kind::Number;
}

// position() or last() anywhere inside: such a predicate counts the nodes before filtering,
// so it cannot be narrowed by an index first.
bool countsPositions(const Expression::Node& node) {
  if (node.kind == Expression::Node::Kind::FunctionCall &&
      (node.function->name == "position" || node.function->name == "last"))
    return true;
  if (std::any_of(node.operands.begin(), node.operands.end(), countsPositions)) return true;
  if (std::any_of(node.filterPredicates.begin(), node.filterPredicates.end(), countsPositions))
    return true;
  for (const auto& step : node.steps)
    if (std::any_of(step.predicates.begin(), step.predicates.end(), countsPositions)) return true;
  return false;
}

// `name` alone: one child step without predicates.
const std::string* childName(const Expression::Node& node) {
  if (node.kind != Expression::Node::Kind::Path || node.absolute || node.hasFilter() ||
      node.steps.size() != 1)
    return nullptr;
  const Step& step = node.steps.front();
  if (step.axis != Axis::Child || step.test != NodeTest::Name || !step.predicates.empty())
    return nullptr;
  return &step.name;
}

// An equality `key = invariant` (either way round) that an index can answer.
struct KeyEquality {
  const std::string* key = nullptr;
  const Expression::Node* invariant = nullptr;
};

std::optional<KeyEquality> keyEquality(const Expression::Node& node) {
  if (node.kind != Expression::Node::Kind::Chain || node.operators.size() != 1 ||
      node.operators.front() != Operator::Equal)
    return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const auto& key = node.operands[static_cast<std::size_t>(side)];
    const auto& other = node.operands[static_cast<std::size_t>(1 - side)];
    if (const std::string* name = childName(key); name != nullptr && isInvariantPart(other))
      return KeyEquality{name, &other};
  }
  return std::nullopt;
}

// A child step over an unchanging secondary instance whose first predicate is such an equality,
// or an and-chain that starts with one: the items come from the index, and the rest of the
// chain and the other predicates filter what it gives. Returns false when the step does not
// have that shape or the invariant side is a number or boolean (compared as numbers, not text).
bool indexedChildStep(const Step& step, const pugi::xpath_node& context, const EvalState& state,
                      NodeSet& out) {
  ItemIndexes* indexes = state.environment->itemIndexes();
  if (indexes == nullptr || step.axis != Axis::Child || step.test != NodeTest::Name ||
      step.predicates.empty() || !context.node())
    return false;
  const Expression::Node& first = step.predicates.front();
  if (countsPositions(first)) return false;
  const bool isAndChain =
      first.kind == Expression::Node::Kind::Chain && first.operators.front() == Operator::And;
  const auto equality = keyEquality(isAndChain ? first.operands.front() : first);
  if (!equality) return false;
  out.clear();
  // Nothing to filter: a scan would never evaluate the predicate, so neither does the index.
  if (!context.node().child(step.name.c_str())) return true;
  const Value wanted = evaluateNode(*equality->invariant, state);
  out.clear();
  if (wanted.isString()) {
    out = indexes->items(context.node(), step.name, *equality->key, wanted.toString());
  } else if (wanted.isNodes()) {
    for (const auto& node : wanted.nodes()) {
      const NodeSet& items =
          indexes->items(context.node(), step.name, *equality->key, stringValue(node));
      out.insert(out.end(), items.begin(), items.end());
    }
    if (wanted.nodes().size() > 1) sortUnique(out);
  } else {
    return false;
  }
  if (isAndChain) {
    for (std::size_t i = 1; i < first.operands.size(); ++i)
      filterByCondition(out, first.operands[i], state);
  }
  for (std::size_t i = 1; i < step.predicates.size(); ++i)
    filterByPredicate(out, step.predicates[i], state);
  return true;
}

}  // namespace

namespace {

// Keeps the nodes for which keep(expression value at node i) holds. Parts of `test` that do not
// depend on the node are read once for the whole node-set (HoistedValues), worth it from a
// handful of nodes on; a choice list's filter is where it counts.
template <typename Keep>
void keepWhere(NodeSet& nodes, const Expression::Node& test, const EvalState& state, Keep keep) {
  constexpr std::size_t kHoistFrom = 8;
  const std::size_t size = nodes.size();
  HoistedValues hoisted;
  if (size >= kHoistFrom) collectInvariantParts(test, hoisted);
  EvalState outer = state;
  outer.hoisted = hoisted.entries.empty() ? nullptr : &hoisted;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (keep(outer.at(nodes[i], i + 1, size), i + 1)) nodes[kept++] = nodes[i];
  }
  nodes.resize(kept);
}

}  // namespace

void filterByCondition(NodeSet& nodes, const Expression::Node& condition, const EvalState& state) {
  keepWhere(nodes, condition, state,
            [&](const EvalState& at, std::size_t) { return evaluateNodeBoolean(condition, at); });
}

void filterByPredicate(NodeSet& nodes, const Expression::Node& predicate, const EvalState& state) {
  const std::size_t size = nodes.size();
  if (size == 0) return;
  if (selectsPosition(predicate)) {
    const double wanted = predicate.number;
    if (wanted >= 1 && wanted <= static_cast<double>(size) && wanted == std::floor(wanted)) {
      const pugi::xpath_node kept = nodes[static_cast<std::size_t>(wanted) - 1];
      nodes.assign(1, kept);
    } else {
      nodes.clear();
    }
    return;
  }
  keepWhere(nodes, predicate, state, [&](const EvalState& at, std::size_t position) {
    const Value result = evaluateNode(predicate, at);
    return result.isNumber() ? result.toNumber() == static_cast<double>(position)
                             : result.toBoolean();
  });
}

NodeSet evaluatePath(const Expression::Node& path, const EvalState& state) {
  NodeSet nodes;
  // A path from instance('…') stays in a secondary instance, which never changes: its equality
  // filters may be answered from an index.
  const bool unchanging = path.hasFilter() &&
                          path.operands.front().kind == Expression::Node::Kind::FunctionCall &&
                          path.operands.front().function->role == FunctionRole::Instance;
  if (path.hasFilter()) {
    Value start = evaluateNode(path.operands.front(), state);
    if (!start.isNodes()) {
      throw EvalError(
          std::string("a predicate or a path step needs a node-set to work on, not a ") +
          (start.isString()   ? "string"
           : start.isNumber() ? "number"
                              : "boolean"));
    }
    nodes = start.nodes();
    for (const auto& predicate : path.filterPredicates) filterByPredicate(nodes, predicate, state);
  } else if (path.absolute) {
    const pugi::xml_node root = state.root ? state.root : documentNodeOf(state.node);
    if (root) nodes.emplace_back(root);
  } else if (state.node) {
    nodes.push_back(state.node);
  }

  NodeSet next;
  NodeSet candidates;
  for (const Step& step : path.steps) {
    next.clear();
    if (nodes.size() == 1 && step.predicates.empty()) {
      // The common case (one context node, no predicate) needs no merging or sorting.
      collectAxis(step, nodes.front(), next);
      if (isReverseAxis(step.axis)) std::reverse(next.begin(), next.end());
      nodes.swap(next);
      if (nodes.empty()) break;
      continue;
    }
    for (const auto& context : nodes) {
      candidates.clear();
      if (!unchanging || !indexedChildStep(step, context, state, candidates)) {
        collectAxis(step, context, candidates);
        for (const auto& predicate : step.predicates) {
          filterByPredicate(candidates, predicate, state);
        }
      }
      if (isReverseAxis(step.axis)) std::reverse(candidates.begin(), candidates.end());
      next.insert(next.end(), candidates.begin(), candidates.end());
    }
    if (nodes.size() > 1) sortUnique(next);
    nodes.swap(next);
    if (nodes.empty()) break;
  }
  return nodes;
}

}  // namespace onewindow::forms::expr
