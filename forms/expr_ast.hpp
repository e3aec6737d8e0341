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
  kChild,
  kAttribute,
  kSelf,
  kParent,
  kDescendant,
  kDescendantOrSelf,
  kAncestor,
  kAncestorOrSelf,
  kFollowingSibling,
  kPrecedingSibling,
  kFollowing,
  kPreceding,
};

// Reverse axes number their nodes (position() in a predicate) from the context node outwards.
[[nodiscard]] constexpr bool isReverseAxis(Axis axis) {
  return axis == Axis::kParent || axis == Axis::kAncestor || axis == Axis::kAncestorOrSelf ||
         axis == Axis::kPrecedingSibling || axis == Axis::kPreceding;
}

enum class NodeTest : unsigned char {
  kName,                   // a QName, compared with the node's name exactly as written
  kAnyName,                // *
  kPrefixAnyName,          // prefix:*  (name holds "prefix:")
  kAnyNode,                // node()
  kText,                   // text()
  kComment,                // comment()
  kProcessingInstruction,  // processing-instruction('target'?)  (name holds the target)
};

enum class Operator : unsigned char {
  kOr,
  kAnd,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kUnion,
};

struct Step {
  Axis axis = Axis::kChild;
  NodeTest test = NodeTest::kName;
  std::string name;
  std::vector<Expression::Node> predicates;
};

struct Expression::Node {
  enum class Kind : unsigned char {
    kNumber,        // number
    kString,        // text
    kChain,         // operands[0] operators[0] operands[1] …, evaluated left to right
    kNegate,        // -operands[0]; `negate` false when the minus signs cancel out (--x)
    kFunctionCall,  // function, operands = arguments
    kPath,          // [operands[0] filterPredicates] ('/' steps)* or absolute steps
  };

  Kind kind = Kind::kNumber;
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

  [[nodiscard]] bool hasFilter() const { return kind == Kind::kPath && !operands.empty(); }
};

}  // namespace onewindow::forms::expr
