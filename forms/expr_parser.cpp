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
    case TokenKind::Or:
      return BinaryOperator{Operator::Or, 0};
    case TokenKind::And:
      return BinaryOperator{Operator::And, 1};
    case TokenKind::Equal:
      return BinaryOperator{Operator::Equal, 2};
    case TokenKind::NotEqual:
      return BinaryOperator{Operator::NotEqual, 2};
    case TokenKind::Less:
      return BinaryOperator{Operator::Less, 3};
    case TokenKind::LessEqual:
      return BinaryOperator{Operator::LessEqual, 3};
    case TokenKind::Greater:
      return BinaryOperator{Operator::Greater, 3};
    case TokenKind::GreaterEqual:
      return BinaryOperator{Operator::GreaterEqual, 3};
    case TokenKind::Plus:
      return BinaryOperator{Operator::Add, 4};
    case TokenKind::Minus:
      return BinaryOperator{Operator::Subtract, 4};
    case TokenKind::Multiply:
      return BinaryOperator{Operator::Multiply, 5};
    case TokenKind::Div:
      return BinaryOperator{Operator::Divide, 5};
    case TokenKind::Mod:
      return BinaryOperator{Operator::Modulo, 5};
    default:
      return std::nullopt;
  }
}

bool isNodeTypeName(std::string_view name) {
  return name == "node" || name == "text" || name == "comment" || name == "processing-instruction";
}

std::optional<Axis> axisNamed(std::string_view name) {
  if (name == "child") return Axis::Child;
  if (name == "attribute") return Axis::Attribute;
  if (name == "self") return Axis::Self;
  if (name == "parent") return Axis::Parent;
  if (name == "descendant") return Axis::Descendant;
  if (name == "descendant-or-self") return Axis::DescendantOrSelf;
  if (name == "ancestor") return Axis::Ancestor;
  if (name == "ancestor-or-self") return Axis::AncestorOrSelf;
  if (name == "following-sibling") return Axis::FollowingSibling;
  if (name == "preceding-sibling") return Axis::PrecedingSibling;
  if (name == "following") return Axis::Following;
  if (name == "preceding") return Axis::Preceding;
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
  if (token.kind == TokenKind::End) throw ParseError(token.offset, "unexpected end of expression");
  throw ParseError(token.offset, "unexpected " + describeToken(token));
}

[[noreturn, gnu::noinline]] void throwExpected(const Token& token, const char* shown) {
  if (token.kind == TokenKind::End) {
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
  if (token.kind == TokenKind::End) throwUnexpected(token);
  throw ParseError(token.offset,
                   "expected a location step (a name, '*', '.', '..' or '@name') before " +
                       describeToken(token));
}

[[gnu::noinline]] void checkUnionOperand(const Node& operand) {
  if (operand.kind == Node::Kind::Number || operand.kind == Node::Kind::String) {
    throw ParseError(operand.offset,
                     std::string("'|' joins node-sets, but this operand is a ") +
                         (operand.kind == Node::Kind::Number ? "number" : "string"));
  }
}

// Turns `node` into a chain whose first operand is what `node` was.
[[gnu::noinline]] void wrapInChain(Node& node) {
  Node chain;
  chain.kind = Node::Kind::Chain;
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
  if (info.role == FunctionRole::IndexedRepeat && given % 2 == 0) {
    throw ParseError(name.offset, "'" + std::string(info.name) +
                                      "' takes a value and then pairs of a repeat and an "
                                      "index (3, 5 or 7 arguments), not " +
                                      std::to_string(given));
  }
  if (info.role == FunctionRole::Weighted && given % 2 != 0) {
    throw ParseError(name.offset, "'" + std::string(info.name) +
                                      "' takes min, max and then pairs of a value and a "
                                      "weight (an even number of arguments), not " +
                                      std::to_string(given));
  }
}

Step descendantOrSelfStep() {
  Step step;
  step.axis = Axis::DescendantOrSelf;
  step.test = NodeTest::AnyNode;
  return step;
}

// Every parse function fills in a node that its caller owns (often the new last element of a
// vector) instead of returning one: the recursion then holds no temporary nodes, which keeps
// a 256-level nesting well inside a thread's stack.
class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

  Node parseAll() {
    if (peek().kind == TokenKind::End) throw ParseError(peek().offset, "the expression is empty");
    Node root;
    parseExpr(root, 0);
    if (peek().kind != TokenKind::End) throwUnexpected(peek());
    return root;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    const std::size_t index = position_ + ahead;
    return tokens_[index < tokens_.size() ? index : tokens_.size() - 1];
  }

  const Token& take() {
    const Token& token = tokens_[position_];
    if (token.kind != TokenKind::End) ++position_;
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
    while (peek().kind == TokenKind::Minus) {
      take();
      ++minuses;
    }
    if (minuses == 0) {
      parseUnion(out, depth);
      return;
    }
    out.kind = Node::Kind::Negate;
    out.offset = offset;
    out.negate = minuses % 2 == 1;
    parseUnion(addOperand(out), depth);
  }

  void parseUnion(Node& out, int depth) {
    parsePathExpr(out, depth);
    if (peek().kind != TokenKind::Pipe) return;
    checkUnionOperand(out);
    wrapInChain(out);
    while (peek().kind == TokenKind::Pipe) {
      take();
      out.operators.push_back(Operator::Union);
      parsePathExpr(addOperand(out), depth);
      checkUnionOperand(out.operands.back());
    }
  }

  bool startsFilter() const {
    switch (peek().kind) {
      case TokenKind::LeftParen:
      case TokenKind::Literal:
      case TokenKind::Number:
      case TokenKind::Variable:
        return true;
      case TokenKind::Name:
        return peek(1).kind == TokenKind::LeftParen && !isNodeTypeName(peek().text);
      default:
        return false;
    }
  }

  bool startsStep() const {
    switch (peek().kind) {
      case TokenKind::Name:
      case TokenKind::Star:
      case TokenKind::PrefixStar:
      case TokenKind::Dot:
      case TokenKind::DotDot:
      case TokenKind::At:
        return true;
      default:
        return false;
    }
  }

  bool atSlash() const {
    return peek().kind == TokenKind::Slash || peek().kind == TokenKind::DoubleSlash;
  }

  void parsePathExpr(Node& out, int depth) {
    out.kind = Node::Kind::Path;
    out.offset = peek().offset;
    if (peek().kind == TokenKind::Slash) {
      take();
      out.absolute = true;
      if (startsStep()) parseSteps(out, depth);
      return;
    }
    if (peek().kind == TokenKind::DoubleSlash) {
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
    if (peek().kind != TokenKind::LeftBracket && !atSlash()) {
      unwrapPrimary(out);
      return;
    }
    while (peek().kind == TokenKind::LeftBracket) {
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
      if (take().kind == TokenKind::DoubleSlash) path.steps.push_back(descendantOrSelfStep());
      parseStep(path.steps.emplace_back(), depth);
    }
  }

  void parseStep(Step& step, int depth) {
    const Token& token = peek();
    if (token.kind == TokenKind::Dot || token.kind == TokenKind::DotDot) {
      take();
      step.axis = token.kind == TokenKind::Dot ? Axis::Self : Axis::Parent;
      step.test = NodeTest::AnyNode;
    } else {
      if (token.kind == TokenKind::At) {
        take();
        step.axis = Axis::Attribute;
      } else if (token.kind == TokenKind::Name && peek(1).kind == TokenKind::ColonColon) {
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
    while (peek().kind == TokenKind::LeftBracket) {
      parsePredicate(step.predicates.emplace_back(), depth);
    }
  }

  void parseNodeTest(Step& step) {
    const Token& token = peek();
    if (token.kind == TokenKind::Star) {
      take();
      step.test = NodeTest::AnyName;
      return;
    }
    if (token.kind == TokenKind::PrefixStar) {
      take();
      step.test = NodeTest::PrefixAnyName;
      step.name = std::string(token.text);
      return;
    }
    if (token.kind != TokenKind::Name) throwNotAStep(token);
    if (peek(1).kind != TokenKind::LeftParen) {
      take();
      step.test = NodeTest::Name;
      step.name = std::string(token.text);
      return;
    }
    if (!isNodeTypeName(token.text)) {
      throwNamed(token, "the function '", "()' cannot be a step of a location path");
    }
    take();
    take();
    if (token.text == "node") step.test = NodeTest::AnyNode;
    if (token.text == "text") step.test = NodeTest::Text;
    if (token.text == "comment") step.test = NodeTest::Comment;
    if (token.text == "processing-instruction") {
      step.test = NodeTest::ProcessingInstruction;
      if (peek().kind == TokenKind::Literal) step.name = std::string(take().text);
    }
    expect(TokenKind::RightParen, ")");
  }

  void parsePredicate(Node& out, int depth) {
    take();  // '['
    parseExpr(out, depth + 1);
    expect(TokenKind::RightBracket, "]");
  }

  void parsePrimary(Node& out, int depth) {
    const Token& token = peek();
    out.offset = token.offset;
    switch (token.kind) {
      case TokenKind::Literal:
        take();
        out.kind = Node::Kind::String;
        out.text = std::string(token.text);
        return;
      case TokenKind::Number:
        take();
        out.kind = Node::Kind::Number;
        out.number = token.number;
        return;
      case TokenKind::Variable:
        throwNamed(token, "variable '", "' is not supported: forms have no variables");
      case TokenKind::LeftParen:
        take();
        parseExpr(out, depth + 1);
        expect(TokenKind::RightParen, ")");
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
    call.kind = Node::Kind::FunctionCall;
    call.offset = name.offset;
    call.function = info;
    if (peek().kind != TokenKind::RightParen) {
      while (true) {
        parseExpr(addOperand(call), depth + 1);
        if (peek().kind != TokenKind::Comma) break;
        take();
      }
    }
    expect(TokenKind::RightParen, ")");
    checkArity(call, name);
    prepare(call);
  }

  // Work that literal arguments allow once, at parse time.
  [[gnu::noinline]] static void prepare(Node& call) {
    if (call.operands.size() < 2 || call.operands[1].kind != Node::Kind::String) return;
    const Node& literal = call.operands[1];
    const std::size_t inside = literal.offset + 1;  // past the opening quote
    if (call.function->role == FunctionRole::FormatDate) {
      if (const auto problem = formatSpecifierProblem(literal.text)) {
        throw ParseError(inside + problem->offset, problem->message);
      }
    }
    if (call.function->role == FunctionRole::ChoiceName) {
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
