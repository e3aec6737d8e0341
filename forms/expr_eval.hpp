#pragma once
// The evaluator of parsed expressions (internal to the engine).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "forms/expr.hpp"
#include "forms/expr_ast.hpp"

namespace onewindow::forms::expr {

// The parts of a predicate that are the same for every node it tests (an absolute path such as
// /data/district, current()/../x, instance('x')/…, functions of those): evaluated once, on
// first use, per application of the predicate to a node-set, instead of once per node. A
// cascade's filter over a 20,000-row choice list reads the answer above it once, not 20,000
// times. Evaluated lazily so a part that an and/or never reaches is never evaluated.
struct HoistedValues {
  struct Entry {
    const Expression::Node* node = nullptr;
    std::optional<Value> value;
  };
  std::vector<Entry> entries;
};

// Where a (sub)expression is evaluated. Unlike Context the node may be an attribute (inside a
// predicate over @x), and every field is resolved.
struct EvalState {
  pugi::xpath_node node;
  std::size_t position = 1;
  std::size_t size = 1;
  pugi::xml_node current;  // current(): the node of the owning bind or control
  pugi::xml_node root;     // what "/" stands for
  const Environment* environment = nullptr;
  HoistedValues* hoisted = nullptr;  // of the predicate being applied, if any

  [[nodiscard]] EvalState at(const pugi::xpath_node& other, std::size_t otherPosition,
                             std::size_t otherSize) const {
    return EvalState{other, otherPosition, otherSize, current, root, environment, hoisted};
  }
};

// True when `node` does not depend on the context node, its position or its node-set's size.
[[nodiscard]] bool isInvariantPart(const Expression::Node& node);

// Collects the maximal parts of `predicate` that do not depend on the node it tests, its
// position or the size of its node-set (literals left out: they cost nothing).
void collectInvariantParts(const Expression::Node& predicate, HoistedValues& out);

[[nodiscard]] Value evaluateNode(const Expression::Node& node, const EvalState& state);
[[nodiscard]] std::string evaluateNodeString(const Expression::Node& node, const EvalState& state);
[[nodiscard]] double evaluateNodeNumber(const Expression::Node& node, const EvalState& state);
[[nodiscard]] bool evaluateNodeBoolean(const Expression::Node& node, const EvalState& state);

// A location path (Kind::Path): the nodes it selects, in document order.
[[nodiscard]] NodeSet evaluatePath(const Expression::Node& path, const EvalState& state);

// Keeps the nodes for which the predicate holds; `nodes` are in the order in which positions
// count (document order, or reverse order for a reverse axis).
void filterByPredicate(NodeSet& nodes, const Expression::Node& predicate, const EvalState& state);

// Keeps the nodes for which `condition`, taken as a boolean, holds (a part of an and-chain:
// never a position test).
void filterByCondition(NodeSet& nodes, const Expression::Node& condition, const EvalState& state);

// XPath 1.0 comparison of two values (= != < <= > >=), existential over node-sets.
[[nodiscard]] bool compareValues(Operator op, const Value& left, const Value& right);

}  // namespace onewindow::forms::expr
