#pragma once
// The parsed form of an expression (internal to the engine). Parsed once, then evaluated many
// times: literals are pre-converted, functions resolved to their table entry, and chains of
// same-precedence operators are kept flat so that "a or b or c …" costs no recursion depth.

#include <cstddef>
#include <string>
#include <vector>

#include "forms/expr.hpp"

namespace onewindow::forms::expr {

struct FunctionInfo;

enum class Axis : unsigned char {
  Child,
  Attribute,
  Self,
  Parent,
  Descendant,
  DescendantOrSelf,
  Ancestor,
  AncestorOrSelf,
  FollowingSibling,
  PrecedingSibling,
  Following,
  Preceding,
};

// Reverse axes number their nodes (position() in a predicate) from the context node outwards.
[[nodiscard]] constexpr bool isReverseAxis(Axis axis) {
  return axis == Axis::Parent || axis == Axis::Ancestor || axis == Axis::AncestorOrSelf ||
         axis == Axis::PrecedingSibling || axis == Axis::Preceding;
}

enum class NodeTest : unsigned char {
  Name,                   // a QName, compared with the node's name exactly as written
  AnyName,                // *
  PrefixAnyName,          // prefix:*  (name holds "prefix:")
  AnyNode,                // node()
  Text,                   // text()
  Comment,                // comment()
  ProcessingInstruction,  // processing-instruction('target'?)  (name holds the target)
};

enum class Operator : unsigned char {
  Or,
  And,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Add,
  Subtract,
  Multiply,
  Divide,
  Modulo,
  Union,
};

struct Step {
  Axis axis = Axis::Child;
  NodeTest test = NodeTest::Name;
  std::string name;
  std::vector<Expression::Node> predicates;
};

struct Expression::Node {
  enum class Kind : unsigned char {
    Number,        // number
    String,        // text
    Chain,         // operands[0] operators[0] operands[1] …, evaluated left to right
    Negate,        // -operands[0]; `negate` false when the minus signs cancel out (--x)
    FunctionCall,  // function, operands = arguments
    Path,          // [operands[0] filterPredicates] ('/' steps)* or absolute steps
  };

  Kind kind = Kind::Number;
  std::size_t offset = 0;  // byte offset of the construct in the expression text
  double number = 0;
  std::string text;
  bool negate = true;
  std::vector<Node> operands;
  std::vector<Operator> operators;
  const FunctionInfo* function = nullptr;
  // A parse-time helper of some functions: jr:choice-name's literal path, parsed once.
  std::vector<Node> prepared;
  bool absolute = false;  // kPath: starts at the document root
  std::vector<Node> filterPredicates;
  std::vector<Step> steps;

  [[nodiscard]] bool hasFilter() const { return kind == Kind::Path && !operands.empty(); }
};

}  // namespace onewindow::forms::expr
