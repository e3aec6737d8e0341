// Recursive-descent parser for XPath 1.0 with the ODK function library. Binary operators are
// parsed by precedence climbing into flat chains, and every nested expression (parentheses,
// predicates, arguments) counts towards a depth limit, so hostile input ends in a ParseError
// rather than a stack overflow.

#include <optional>

#include "forms/expr.hpp"
#include "forms/expr_ast.hpp"
#include "forms/expr_datetime.hpp"
#include "forms/expr_functions.hpp"
#include "forms/expr_lexer.hpp"

namespace onewindow::forms::expr {
namespace {

using Node = Expression::Node;

constexpr int kMaxDepth = 256;

struct BinaryOperator {
  Operator op;
  int level;  // 0 binds loosest
};

std::optional<BinaryOperator> binaryOperator(TokenKind kind) {
  switch (kind) {
    case TokenKind::kOr:
      return BinaryOperator{Operator::kOr, 0};
    case TokenKind::kAnd:
      return BinaryOperator{Operator::kAnd, 1};
    case TokenKind::kEqual:
      return BinaryOperator{Operator::kEqual, 2};
    case TokenKind::kNotEqual:
      return BinaryOperator{Operator::kNotEqual, 2};
    case TokenKind::kLess:
      return BinaryOperator{Operator::kLess, 3};
    case TokenKind::kLessEqual:
      return BinaryOperator{Operator::kLessEqual, 3};
    case TokenKind::kGreater:
      return BinaryOperator{Operator::kGreater, 3};
    case TokenKind::kGreaterEqual:
      return BinaryOperator{Operator::kGreaterEqual, 3};
    case TokenKind::kPlus:
      return BinaryOperator{Operator::kAdd, 4};
    case TokenKind::kMinus:
      return BinaryOperator{Operator::kSubtract, 4};
    case TokenKind::kMultiply:
      return BinaryOperator{Operator::kMultiply, 5};
    case TokenKind::kDiv:
      return BinaryOperator{Operator::kDivide, 5};
    case TokenKind::kMod:
      return BinaryOperator{Operator::kModulo, 5};
    default:
      return std::nullopt;
  }
}

bool isNodeTypeName(std::string_view name) {
  return name == "node" || name == "text" || name == "comment" || name == "processing-instruction";
}

std::optional<Axis> axisNamed(std::string_view name) {
  if (name == "child") return Axis::kChild;
  if (name == "attribute") return Axis::kAttribute;
  if (name == "self") return Axis::kSelf;
  if (name == "parent") return Axis::kParent;
  if (name == "descendant") return Axis::kDescendant;
  if (name == "descendant-or-self") return Axis::kDescendantOrSelf;
  if (name == "ancestor") return Axis::kAncestor;
  if (name == "ancestor-or-self") return Axis::kAncestorOrSelf;
  if (name == "following-sibling") return Axis::kFollowingSibling;
  if (name == "preceding-sibling") return Axis::kPrecedingSibling;
  if (name == "following") return Axis::kFollowing;
  if (name == "preceding") return Axis::kPreceding;
  return std::nullopt;
}

std::string plural(std::size_t count, const char* word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

std::string arityProblem(const FunctionInfo& info, std::size_t given) {
  const std::string name = "'" + std::string(info.name) + "'";
  if (info.maxArguments == 0) return name + " takes no arguments";
  if (info.minArguments == info.maxArguments) {
    return name + " takes exactly " + plural(info.minArguments, "argument") + ", not " +
           std::to_string(given);
  }
  if (given < info.minArguments) {
    return name + " needs at least " + plural(info.minArguments, "argument");
  }
  return name + " takes at most " + plural(info.maxArguments, "argument");
}

// Errors are built in functions of their own, kept out of line, so that the recursive parse
// functions keep small stack frames.
[[noreturn, gnu::noinline]] void throwUnexpected(const Token& token) {
  if (token.kind == TokenKind::kEnd) throw ParseError(token.offset, "unexpected end of expression");
  throw ParseError(token.offset, "unexpected " + describeToken(token));
}

[[noreturn, gnu::noinline]] void throwExpected(const Token& token, const char* shown) {
  if (token.kind == TokenKind::kEnd) {
    throw ParseError(token.offset,
                     std::string("unexpected end of expression: expected '") + shown + "'");
  }
  throw ParseError(token.offset,
                   std::string("expected '") + shown + "' before " + describeToken(token));
}

[[noreturn, gnu::noinline]] void throwTooDeep(const Token& token) {
  throw ParseError(token.offset, "the expression is nested too deeply (more than " +
                                     std::to_string(kMaxDepth) + " levels)");
}

[[noreturn, gnu::noinline]] void throwNamed(const Token& token, const char* before,
                                            const char* after) {
  throw ParseError(token.offset, before + std::string(token.text) + after);
}

[[noreturn, gnu::noinline]] void throwNotAStep(const Token& token) {
  if (token.kind == TokenKind::kEnd) throwUnexpected(token);
  throw ParseError(token.offset,
                   "expected a location step (a name, '*', '.', '..' or '@name') before " +
                       describeToken(token));
}

[[gnu::noinline]] void checkUnionOperand(const Node& operand) {
  if (operand.kind == Node::Kind::kNumber || operand.kind == Node::Kind::kString) {
    throw ParseError(operand.offset,
                     std::string("'|' joins node-sets, but this operand is a ") +
                         (operand.kind == Node::Kind::kNumber ? "number" : "string"));
  }
}

// Turns `node` into a chain whose first operand is what `node` was.
[[gnu::noinline]] void wrapInChain(Node& node) {
  Node chain;
  chain.kind = Node::Kind::kChain;
  chain.offset = node.offset;
  chain.operands.push_back(std::move(node));
  node = std::move(chain);
}

// A filter expression with neither predicates nor steps is just its primary expression.
[[gnu::noinline]] void unwrapPrimary(Node& path) {
  Node primary = std::move(path.operands.front());
  path = std::move(primary);
}

[[gnu::noinline]] void checkArity(const Node& call, const Token& name) {
  const FunctionInfo& info = *call.function;
  const std::size_t given = call.operands.size();
  if (given < info.minArguments || given > info.maxArguments) {
    throw ParseError(name.offset, arityProblem(info, given));
  }
}

Step descendantOrSelfStep() {
  Step step;
  step.axis = Axis::kDescendantOrSelf;
  step.test = NodeTest::kAnyNode;
  return step;
}

// Every parse function fills in a node that its caller owns (often the new last element of a
// vector) instead of returning one: the recursion then holds no temporary nodes, which keeps
// a 256-level nesting well inside a thread's stack.
class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

  Node parseAll() {
    if (peek().kind == TokenKind::kEnd) throw ParseError(peek().offset, "the expression is empty");
    Node root;
    parseExpr(root, 0);
    if (peek().kind != TokenKind::kEnd) throwUnexpected(peek());
    return root;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    const std::size_t index = position_ + ahead;
    return tokens_[index < tokens_.size() ? index : tokens_.size() - 1];
  }

  const Token& take() {
    const Token& token = tokens_[position_];
    if (token.kind != TokenKind::kEnd) ++position_;
    return token;
  }

  void expect(TokenKind kind, const char* shown) {
    if (peek().kind != kind) throwExpected(peek(), shown);
    take();
  }

  static Node& addOperand(Node& node) { return node.operands.emplace_back(); }

  void parseExpr(Node& out, int depth) {
    if (depth > kMaxDepth) throwTooDeep(peek());
    parseBinary(out, 0, depth);
  }

  // Precedence climbing; operators of one level collect into one flat chain.
  void parseBinary(Node& out, int minLevel, int depth) {
    parseUnary(out, depth);
    int chainLevel = -1;
    while (true) {
      const auto op = binaryOperator(peek().kind);
      if (!op || op->level < minLevel) break;
      take();
      if (chainLevel != op->level) {
        wrapInChain(out);
        chainLevel = op->level;
      }
      out.operators.push_back(op->op);
      parseBinary(addOperand(out), op->level + 1, depth);
    }
  }

  void parseUnary(Node& out, int depth) {
    const std::size_t offset = peek().offset;
    std::size_t minuses = 0;
    while (peek().kind == TokenKind::kMinus) {
      take();
      ++minuses;
    }
    if (minuses == 0) {
      parseUnion(out, depth);
      return;
    }
    out.kind = Node::Kind::kNegate;
    out.offset = offset;
    out.negate = minuses % 2 == 1;
    parseUnion(addOperand(out), depth);
  }

  void parseUnion(Node& out, int depth) {
    parsePathExpr(out, depth);
    if (peek().kind != TokenKind::kPipe) return;
    checkUnionOperand(out);
    wrapInChain(out);
    while (peek().kind == TokenKind::kPipe) {
      take();
      out.operators.push_back(Operator::kUnion);
      parsePathExpr(addOperand(out), depth);
      checkUnionOperand(out.operands.back());
    }
  }

  bool startsFilter() const {
    switch (peek().kind) {
      case TokenKind::kLeftParen:
      case TokenKind::kLiteral:
      case TokenKind::kNumber:
      case TokenKind::kVariable:
        return true;
      case TokenKind::kName:
        return peek(1).kind == TokenKind::kLeftParen && !isNodeTypeName(peek().text);
      default:
        return false;
    }
  }

  bool startsStep() const {
    switch (peek().kind) {
      case TokenKind::kName:
      case TokenKind::kStar:
      case TokenKind::kPrefixStar:
      case TokenKind::kDot:
      case TokenKind::kDotDot:
      case TokenKind::kAt:
        return true;
      default:
        return false;
    }
  }

  bool atSlash() const {
    return peek().kind == TokenKind::kSlash || peek().kind == TokenKind::kDoubleSlash;
  }

  void parsePathExpr(Node& out, int depth) {
    out.kind = Node::Kind::kPath;
    out.offset = peek().offset;
    if (peek().kind == TokenKind::kSlash) {
      take();
      out.absolute = true;
      if (startsStep()) parseSteps(out, depth);
      return;
    }
    if (peek().kind == TokenKind::kDoubleSlash) {
      take();
      out.absolute = true;
      out.steps.push_back(descendantOrSelfStep());
      parseSteps(out, depth);
      return;
    }
    if (!startsFilter()) {
      parseSteps(out, depth);
      return;
    }
    parsePrimary(addOperand(out), depth);
    if (peek().kind != TokenKind::kLeftBracket && !atSlash()) {
      unwrapPrimary(out);
      return;
    }
    while (peek().kind == TokenKind::kLeftBracket) {
      parsePredicate(out.filterPredicates.emplace_back(), depth);
    }
    continueSteps(out, depth);
  }

  // Step (('/' | '//') Step)*
  void parseSteps(Node& path, int depth) {
    parseStep(path.steps.emplace_back(), depth);
    continueSteps(path, depth);
  }

  // (('/' | '//') Step)*
  void continueSteps(Node& path, int depth) {
    while (atSlash()) {
      if (take().kind == TokenKind::kDoubleSlash) path.steps.push_back(descendantOrSelfStep());
      parseStep(path.steps.emplace_back(), depth);
    }
  }

  void parseStep(Step& step, int depth) {
    const Token& token = peek();
    if (token.kind == TokenKind::kDot || token.kind == TokenKind::kDotDot) {
      take();
      step.axis = token.kind == TokenKind::kDot ? Axis::kSelf : Axis::kParent;
      step.test = NodeTest::kAnyNode;
    } else {
      if (token.kind == TokenKind::kAt) {
        take();
        step.axis = Axis::kAttribute;
      } else if (token.kind == TokenKind::kName && peek(1).kind == TokenKind::kColonColon) {
        if (token.text == "namespace") {
          throw ParseError(token.offset, "the namespace axis is not supported");
        }
        const auto axis = axisNamed(token.text);
        if (!axis) throwNamed(token, "unknown axis '", "'");
        step.axis = *axis;
        take();
        take();
      }
      parseNodeTest(step);
    }
    while (peek().kind == TokenKind::kLeftBracket) {
      parsePredicate(step.predicates.emplace_back(), depth);
    }
  }

  void parseNodeTest(Step& step) {
    const Token& token = peek();
    if (token.kind == TokenKind::kStar) {
      take();
      step.test = NodeTest::kAnyName;
      return;
    }
    if (token.kind == TokenKind::kPrefixStar) {
      take();
      step.test = NodeTest::kPrefixAnyName;
      step.name = std::string(token.text);
      return;
    }
    if (token.kind != TokenKind::kName) throwNotAStep(token);
    if (peek(1).kind != TokenKind::kLeftParen) {
      take();
      step.test = NodeTest::kName;
      step.name = std::string(token.text);
      return;
    }
    if (!isNodeTypeName(token.text)) {
      throwNamed(token, "the function '", "()' cannot be a step of a location path");
    }
    take();
    take();
    if (token.text == "node") step.test = NodeTest::kAnyNode;
    if (token.text == "text") step.test = NodeTest::kText;
    if (token.text == "comment") step.test = NodeTest::kComment;
    if (token.text == "processing-instruction") {
      step.test = NodeTest::kProcessingInstruction;
      if (peek().kind == TokenKind::kLiteral) step.name = std::string(take().text);
    }
    expect(TokenKind::kRightParen, ")");
  }

  void parsePredicate(Node& out, int depth) {
    take();  // '['
    parseExpr(out, depth + 1);
    expect(TokenKind::kRightBracket, "]");
  }

  void parsePrimary(Node& out, int depth) {
    const Token& token = peek();
    out.offset = token.offset;
    switch (token.kind) {
      case TokenKind::kLiteral:
        take();
        out.kind = Node::Kind::kString;
        out.text = std::string(token.text);
        return;
      case TokenKind::kNumber:
        take();
        out.kind = Node::Kind::kNumber;
        out.number = token.number;
        return;
      case TokenKind::kVariable:
        throwNamed(token, "variable '", "' is not supported: forms have no variables");
      case TokenKind::kLeftParen:
        take();
        parseExpr(out, depth + 1);
        expect(TokenKind::kRightParen, ")");
        return;
      default:
        parseFunctionCall(out, depth);
        return;
    }
  }

  void parseFunctionCall(Node& call, int depth) {
    const Token& name = take();
    const FunctionInfo* info = findFunction(name.text);
    if (!info) throwNamed(name, "unknown function '", "'");
    take();  // '('
    call.kind = Node::Kind::kFunctionCall;
    call.offset = name.offset;
    call.function = info;
    if (peek().kind != TokenKind::kRightParen) {
      while (true) {
        parseExpr(addOperand(call), depth + 1);
        if (peek().kind != TokenKind::kComma) break;
        take();
      }
    }
    expect(TokenKind::kRightParen, ")");
    checkArity(call, name);
    prepare(call);
  }

  // Work that literal arguments allow once, at parse time.
  [[gnu::noinline]] static void prepare(Node& call) {
    if (call.operands.size() < 2 || call.operands[1].kind != Node::Kind::kString) return;
    const Node& literal = call.operands[1];
    const std::size_t inside = literal.offset + 1;  // past the opening quote
    if (call.function->role == FunctionRole::kFormatDate) {
      if (const auto problem = formatSpecifierProblem(literal.text)) {
        throw ParseError(inside + problem->offset, problem->message);
      }
    }
    if (call.function->role == FunctionRole::kChoiceName) {
      try {
        call.prepared.push_back(Parser(literal.text).parseAll());
      } catch (const ParseError& error) {
        throw ParseError(inside + error.offset(),
                         std::string("in the path of jr:choice-name: ") + error.what());
      }
    }
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

}  // namespace

Expression Expression::parse(std::string_view text) {
  Parser parser(text);
  auto root = std::make_shared<const Node>(parser.parseAll());
  return Expression(std::string(text), std::move(root));
}

}  // namespace onewindow::forms::expr
