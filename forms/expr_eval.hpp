#pragma once
// The evaluator of parsed expressions (internal to the engine).

#include <cstddef>
#include <string>

#include "forms/expr.hpp"
#include "forms/expr_ast.hpp"

namespace onewindow::forms::expr {

// Where a (sub)expression is evaluated. Unlike Context the node may be an attribute (inside a
// predicate over @x), and every field is resolved.
struct EvalState {
  pugi::xpath_node node;
  std::size_t position = 1;
  std::size_t size = 1;
  pugi::xml_node current;  // current(): the node of the owning bind or control
  pugi::xml_node root;     // what "/" stands for
  const Environment* environment = nullptr;

  [[nodiscard]] EvalState at(const pugi::xpath_node& other, std::size_t otherPosition,
                             std::size_t otherSize) const {
    return EvalState{other, otherPosition, otherSize, current, root, environment};
  }
};

[[nodiscard]] Value evaluateNode(const Expression::Node& node, const EvalState& state);
[[nodiscard]] std::string evaluateNodeString(const Expression::Node& node, const EvalState& state);
[[nodiscard]] double evaluateNodeNumber(const Expression::Node& node, const EvalState& state);
[[nodiscard]] bool evaluateNodeBoolean(const Expression::Node& node, const EvalState& state);

// A location path (Kind::Path): the nodes it selects, in document order.
[[nodiscard]] NodeSet evaluatePath(const Expression::Node& path, const EvalState& state);

// Keeps the nodes for which the predicate holds; `nodes` are in the order in which positions
// count (document order, or reverse order for a reverse axis).
void filterByPredicate(NodeSet& nodes, const Expression::Node& predicate, const EvalState& state);

// XPath 1.0 comparison of two values (= != < <= > >=), existential over node-sets.
[[nodiscard]] bool compareValues(Operator op, const Value& left, const Value& right);

}  // namespace onewindow::forms::expr
