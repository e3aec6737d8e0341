// Evaluation of the parsed tree: operators, comparisons, function calls, and the public
// Expression::evaluate* entry points.

#include "forms/expr_eval.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "forms/expr_functions.hpp"
#include "forms/expr_nodes.hpp"
#include "forms/expr_number.hpp"

namespace onewindow::forms::expr {
namespace {

using Node = Expression::Node;

bool isEquality(Operator op) { return op == Operator::Equal || op == Operator::NotEqual; }

bool isComparison(Operator op) {
  switch (op) {
    case Operator::Equal:
    case Operator::NotEqual:
    case Operator::Less:
    case Operator::LessEqual:
    case Operator::Greater:
    case Operator::GreaterEqual:
      return true;
    default:
      return false;
  }
}

// a op b  ⇔  b mirrored(op) a
Operator mirrored(Operator op) {
  switch (op) {
    case Operator::Less:
      return Operator::Greater;
    case Operator::LessEqual:
      return Operator::GreaterEqual;
    case Operator::Greater:
      return Operator::Less;
    case Operator::GreaterEqual:
      return Operator::LessEqual;
    default:
      return op;
  }
}

bool compareNumbers(Operator op, double a, double b) {
  switch (op) {
    case Operator::Equal:
      return a == b;
    case Operator::NotEqual:
      return a != b;
    case Operator::Less:
      return a < b;
    case Operator::LessEqual:
      return a <= b;
    case Operator::Greater:
      return a > b;
    case Operator::GreaterEqual:
      return a >= b;
    default:
      return false;
  }
}

bool compareStrings(Operator op, std::string_view a, std::string_view b) {
  return op == Operator::Equal ? a == b : a != b;
}

// Calls `use` with the string-value of a node, copying only when the node is not a leaf.
template <typename Use>
bool withStringValue(const pugi::xpath_node& node, Use&& use) {
  std::string_view simple;
  if (simpleValue(node, simple)) return use(simple);
  const std::string built = stringValue(node);
  return use(std::string_view(built));
}

double numberOf(const pugi::xpath_node& node) {
  std::string_view simple;
  if (simpleValue(node, simple)) return stringToNumber(simple);
  return stringToNumber(stringValue(node));
}

// A node-set compared with a value that is not a node-set: true when some node compares true.
bool compareNodesWith(Operator op, const NodeSet& nodes, const Value& other) {
  if (other.isBoolean()) {
    const bool flag = !nodes.empty();
    if (isEquality(op)) return (flag == other.toBoolean()) == (op == Operator::Equal);
    return compareNumbers(op, flag ? 1 : 0, other.toNumber());
  }
  if (other.isNumber() || !isEquality(op)) {
    const double number = other.toNumber();
    for (const auto& node : nodes) {
      if (compareNumbers(op, numberOf(node), number)) return true;
    }
    return false;
  }
  const std::string text = other.toString();
  for (const auto& node : nodes) {
    if (withStringValue(node,
                        [&](std::string_view value) { return compareStrings(op, value, text); })) {
      return true;
    }
  }
  return false;
}

bool compareNodeSets(Operator op, const NodeSet& left, const NodeSet& right) {
  if (left.empty() || right.empty()) return false;
  if (isEquality(op)) {
    std::vector<std::string> rightValues;
    rightValues.reserve(right.size());
    for (const auto& node : right) rightValues.push_back(stringValue(node));
    for (const auto& node : left) {
      const bool found = withStringValue(node, [&](std::string_view value) {
        for (const auto& other : rightValues) {
          if (compareStrings(op, value, other)) return true;
        }
        return false;
      });
      if (found) return true;
    }
    return false;
  }
  std::vector<double> rightNumbers;
  rightNumbers.reserve(right.size());
  for (const auto& node : right) rightNumbers.push_back(numberOf(node));
  for (const auto& node : left) {
    const double number = numberOf(node);
    for (double other : rightNumbers) {
      if (compareNumbers(op, number, other)) return true;
    }
  }
  return false;
}

double arithmetic(Operator op, double a, double b) {
  switch (op) {
    case Operator::Add:
      return a + b;
    case Operator::Subtract:
      return a - b;
    case Operator::Multiply:
      return a * b;
    case Operator::Divide:
      return a / b;
    case Operator::Modulo:
      return std::fmod(a, b);  // the sign of the dividend, as XPath's mod
    default:
      return std::numeric_limits<double>::quiet_NaN();
  }
}

NodeSet unionOf(const Node& chain, const EvalState& state) {
  NodeSet all;
  for (const auto& operand : chain.operands) {
    Value value = evaluateNode(operand, state);
    if (!value.isNodes()) {
      throw EvalError(std::string("'|' joins node-sets, but one side is a ") +
                      (value.isString()   ? "string"
                       : value.isNumber() ? "number"
                                          : "boolean"));
    }
    const NodeSet& nodes = value.nodes();
    all.insert(all.end(), nodes.begin(), nodes.end());
  }
  sortUnique(all);
  return all;
}

bool evaluateChainBoolean(const Node& chain, const EvalState& state) {
  const Operator first = chain.operators.front();
  if (first == Operator::Or || first == Operator::And) {
    const bool stopAt = first == Operator::Or;  // or: the first true decides; and: the first false
    for (const auto& operand : chain.operands) {
      if (evaluateNodeBoolean(operand, state) == stopAt) return stopAt;
    }
    return !stopAt;
  }
  return evaluateNode(chain, state).toBoolean();
}

double evaluateChainNumber(const Node& chain, const EvalState& state) {
  double result = evaluateNodeNumber(chain.operands.front(), state);
  for (std::size_t i = 0; i < chain.operators.size(); ++i) {
    result =
        arithmetic(chain.operators[i], result, evaluateNodeNumber(chain.operands[i + 1], state));
  }
  return result;
}

bool isArithmetic(Operator op) {
  return op == Operator::Add || op == Operator::Subtract || op == Operator::Multiply ||
         op == Operator::Divide || op == Operator::Modulo;
}

Value evaluateChain(const Node& chain, const EvalState& state) {
  const Operator first = chain.operators.front();
  if (first == Operator::Or || first == Operator::And) {
    return Value::ofBoolean(evaluateChainBoolean(chain, state));
  }
  if (isArithmetic(first)) return Value::ofNumber(evaluateChainNumber(chain, state));
  if (first == Operator::Union) return Value::ofNodes(unionOf(chain, state));
  // Comparisons fold left: a = b = c is (a = b) = c.
  Value left = evaluateNode(chain.operands.front(), state);
  for (std::size_t i = 0; i < chain.operators.size(); ++i) {
    const Value right = evaluateNode(chain.operands[i + 1], state);
    left = Value::ofBoolean(compareValues(chain.operators[i], left, right));
  }
  return left;
}

const Environment& defaultEnvironment() {
  static const Environment kDefault;
  return kDefault;
}

EvalState stateOf(const Context& context) {
  EvalState state;
  state.node = pugi::xpath_node(context.node);
  state.position = context.position;
  state.size = context.size;
  state.current = context.current ? context.current : context.node;
  state.root = context.documentRoot ? context.documentRoot : state.current.root();
  state.environment = context.environment ? context.environment : &defaultEnvironment();
  return state;
}

}  // namespace

bool compareValues(Operator op, const Value& left, const Value& right) {
  if (left.isNodes() && right.isNodes()) return compareNodeSets(op, left.nodes(), right.nodes());
  if (left.isNodes()) return compareNodesWith(op, left.nodes(), right);
  if (right.isNodes()) return compareNodesWith(mirrored(op), right.nodes(), left);
  if (isEquality(op)) {
    const bool equal = [&] {
      if (left.isBoolean() || right.isBoolean()) return left.toBoolean() == right.toBoolean();
      if (left.isNumber() || right.isNumber()) return left.toNumber() == right.toNumber();
      return left.toString() == right.toString();
    }();
    return equal == (op == Operator::Equal);
  }
  return compareNumbers(op, left.toNumber(), right.toNumber());
}

namespace {

// Functions that read the context node, its position or size without an argument naming them
// (once() reads its node's value), and uuid() and random(), which must give each node its own
// value.
bool readsContext(const Node& call) {
  const std::string_view name = call.function->name;
  if (name == "position" || name == "last" || name == "uuid" || name == "random" ||
      name == "once") {
    return true;
  }
  if (call.function->role == FunctionRole::ChoiceName) return true;
  const bool contextByDefault = name == "string" || name == "string-length" ||
                                name == "normalize-space" || name == "number" ||
                                name == "local-name" || name == "name";
  return contextByDefault && call.operands.empty();
}

bool isInvariant(const Node& node) {
  switch (node.kind) {
    case Node::Kind::Number:
    case Node::Kind::String:
      return true;
    case Node::Kind::Chain:
    case Node::Kind::Negate:
      return std::all_of(node.operands.begin(), node.operands.end(), isInvariant);
    case Node::Kind::FunctionCall:
      return !readsContext(node) &&
             std::all_of(node.operands.begin(), node.operands.end(), isInvariant);
    case Node::Kind::Path:
      // Predicates and steps of the path itself work on the path's own nodes.
      return node.hasFilter() ? isInvariant(node.operands.front()) : node.absolute;
  }
  return false;
}

// The hoisted value of `node` when it is one of the invariant parts, evaluated on first use.
const Value* hoistedValue(const Node& node, const EvalState& state) {
  for (auto& entry : state.hoisted->entries) {
    if (entry.node != &node) continue;
    if (!entry.value) {
      EvalState plain = state;
      plain.hoisted = nullptr;
      entry.value = evaluateNode(node, plain);
    }
    return &*entry.value;
  }
  return nullptr;
}

}  // namespace

bool isInvariantPart(const Node& node) { return isInvariant(node); }

void collectInvariantParts(const Node& predicate, HoistedValues& out) {
  if (predicate.kind == Node::Kind::Number || predicate.kind == Node::Kind::String) return;
  if (isInvariant(predicate)) {
    out.entries.push_back(HoistedValues::Entry{&predicate, std::nullopt});
    return;
  }
  if (predicate.kind == Node::Kind::Path) {
    // Only the start of a filtered path is evaluated in the predicate's context.
    if (predicate.hasFilter()) collectInvariantParts(predicate.operands.front(), out);
    return;
  }
  for (const auto& operand : predicate.operands) collectInvariantParts(operand, out);
}

Value evaluateNode(const Node& node, const EvalState& state) {
  if (state.hoisted != nullptr)
    if (const Value* value = hoistedValue(node, state)) return *value;
  switch (node.kind) {
    case Node::Kind::Number:
      return Value::ofNumber(node.number);
    case Node::Kind::String:
      return Value::ofString(node.text);
    case Node::Kind::Chain:
      return evaluateChain(node, state);
    case Node::Kind::Negate:
      return Value::ofNumber(evaluateNodeNumber(node, state));
    case Node::Kind::FunctionCall:
      return node.function->impl(CallContext(node, state));
    case Node::Kind::Path:
      return Value::ofNodes(evaluatePath(node, state));
  }
  return Value{};
}

std::string evaluateNodeString(const Node& node, const EvalState& state) {
  if (node.kind == Node::Kind::String) return node.text;
  if (state.hoisted != nullptr)
    if (const Value* value = hoistedValue(node, state)) return value->toString();
  return evaluateNode(node, state).toString();
}

double evaluateNodeNumber(const Node& node, const EvalState& state) {
  if (state.hoisted != nullptr)
    if (const Value* value = hoistedValue(node, state)) return value->toNumber();
  switch (node.kind) {
    case Node::Kind::Number:
      return node.number;
    case Node::Kind::Negate: {
      const double value = evaluateNodeNumber(node.operands.front(), state);
      return node.negate ? -value : value;
    }
    case Node::Kind::Chain:
      if (isArithmetic(node.operators.front())) return evaluateChainNumber(node, state);
      break;
    case Node::Kind::Path: {
      const NodeSet nodes = evaluatePath(node, state);
      return nodes.empty() ? stringToNumber("") : numberOf(nodes.front());
    }
    default:
      break;
  }
  return evaluateNode(node, state).toNumber();
}

bool evaluateNodeBoolean(const Node& node, const EvalState& state) {
  if (state.hoisted != nullptr)
    if (const Value* value = hoistedValue(node, state)) return value->toBoolean();
  if (node.kind == Node::Kind::Chain) {
    const Operator first = node.operators.front();
    if (first == Operator::Or || first == Operator::And) return evaluateChainBoolean(node, state);
    if (isComparison(first) && node.operators.size() == 1) {
      return compareValues(first, evaluateNode(node.operands[0], state),
                           evaluateNode(node.operands[1], state));
    }
  }
  return evaluateNode(node, state).toBoolean();
}

// CallContext ------------------------------------------------------------------------------

Value CallContext::value(std::size_t index) const {
  return evaluateNode(call_.operands[index], state_);
}

std::string CallContext::string(std::size_t index) const {
  return evaluateNodeString(call_.operands[index], state_);
}

double CallContext::number(std::size_t index) const {
  return evaluateNodeNumber(call_.operands[index], state_);
}

bool CallContext::boolean(std::size_t index) const {
  return evaluateNodeBoolean(call_.operands[index], state_);
}

NodeSet CallContext::nodes(std::size_t index) const {
  const Value argument = value(index);
  if (!argument.isNodes()) {
    throw EvalError(std::string(name()) + "() needs a node-set as argument " +
                    std::to_string(index + 1) + ", not a " +
                    (argument.isString()   ? "string"
                     : argument.isNumber() ? "number"
                                           : "boolean"));
  }
  return argument.nodes();
}

std::string_view CallContext::name() const { return call_.function->name; }

std::string CallContext::contextString() const {
  return state_.node ? stringValue(state_.node) : std::string{};
}

// Expression -----------------------------------------------------------------------------

Value Expression::evaluate(const Context& context) const {
  return evaluateNode(*root_, stateOf(context));
}

std::string Expression::evaluateString(const Context& context) const {
  return evaluateNodeString(*root_, stateOf(context));
}

double Expression::evaluateNumber(const Context& context) const {
  return evaluateNodeNumber(*root_, stateOf(context));
}

bool Expression::evaluateBoolean(const Context& context) const {
  return evaluateNodeBoolean(*root_, stateOf(context));
}

}  // namespace onewindow::forms::expr
