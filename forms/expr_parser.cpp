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

class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

  Node parseAll() {
    if (peek().kind == TokenKind::kEnd) throw ParseError(peek().offset, "the expression is empty");
    Node root = parseExpr(0);
    if (peek().kind != TokenKind::kEnd) throw unexpected(peek());
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

  static ParseError unexpected(const Token& token) {
    if (token.kind == TokenKind::kEnd) {
      return ParseError(token.offset, "unexpected end of expression");
    }
    return ParseError(token.offset, "unexpected " + describeToken(token));
  }

  void expect(TokenKind kind, const char* shown) {
    const Token& token = peek();
    if (token.kind == kind) {
      take();
      return;
    }
    if (token.kind == TokenKind::kEnd) {
      throw ParseError(token.offset,
                       std::string("unexpected end of expression: expected '") + shown + "'");
    }
    throw ParseError(token.offset,
                     std::string("expected '") + shown + "' before " + describeToken(token));
  }

  Node parseExpr(int depth) {
    if (depth > kMaxDepth) {
      throw ParseError(peek().offset, "the expression is nested too deeply (more than " +
                                          std::to_string(kMaxDepth) + " levels)");
    }
    return parseBinary(0, depth);
  }

  // Precedence climbing; operators of one level collect into one flat chain.
  Node parseBinary(int minLevel, int depth) {
    Node left = parseUnary(depth);
    int chainLevel = -1;
    while (true) {
      const auto op = binaryOperator(peek().kind);
      if (!op || op->level < minLevel) break;
      take();
      if (chainLevel != op->level) {
        Node chain;
        chain.kind = Node::Kind::kChain;
        chain.offset = left.offset;
        chain.operands.push_back(std::move(left));
        left = std::move(chain);
        chainLevel = op->level;
      }
      left.operators.push_back(op->op);
      left.operands.push_back(parseBinary(op->level + 1, depth));
    }
    return left;
  }

  Node parseUnary(int depth) {
    const std::size_t offset = peek().offset;
    std::size_t minuses = 0;
    while (peek().kind == TokenKind::kMinus) {
      take();
      ++minuses;
    }
    Node operand = parseUnion(depth);
    if (minuses == 0) return operand;
    Node negation;
    negation.kind = Node::Kind::kNegate;
    negation.offset = offset;
    negation.negate = minuses % 2 == 1;
    negation.operands.push_back(std::move(operand));
    return negation;
  }

  static void checkUnionOperand(const Node& operand) {
    if (operand.kind == Node::Kind::kNumber || operand.kind == Node::Kind::kString) {
      throw ParseError(operand.offset,
                       std::string("'|' joins node-sets, but this operand is a ") +
                           (operand.kind == Node::Kind::kNumber ? "number" : "string"));
    }
  }

  Node parseUnion(int depth) {
    Node first = parsePathExpr(depth);
    if (peek().kind != TokenKind::kPipe) return first;
    checkUnionOperand(first);
    Node chain;
    chain.kind = Node::Kind::kChain;
    chain.offset = first.offset;
    chain.operands.push_back(std::move(first));
    while (peek().kind == TokenKind::kPipe) {
      take();
      chain.operators.push_back(Operator::kUnion);
      chain.operands.push_back(parsePathExpr(depth));
      checkUnionOperand(chain.operands.back());
    }
    return chain;
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

  static Step descendantOrSelfStep() {
    Step step;
    step.axis = Axis::kDescendantOrSelf;
    step.test = NodeTest::kAnyNode;
    return step;
  }

  Node parsePathExpr(int depth) {
    Node path;
    path.kind = Node::Kind::kPath;
    path.offset = peek().offset;
    switch (peek().kind) {
      case TokenKind::kSlash:
        take();
        path.absolute = true;
        if (startsStep()) parseSteps(path, depth);
        return path;
      case TokenKind::kDoubleSlash:
        take();
        path.absolute = true;
        path.steps.push_back(descendantOrSelfStep());
        parseSteps(path, depth);
        return path;
      default:
        break;
    }
    if (!startsFilter()) {
      parseSteps(path, depth);
      return path;
    }
    Node primary = parsePrimary(depth);
    if (peek().kind != TokenKind::kLeftBracket && peek().kind != TokenKind::kSlash &&
        peek().kind != TokenKind::kDoubleSlash) {
      return primary;
    }
    path.operands.push_back(std::move(primary));
    while (peek().kind == TokenKind::kLeftBracket) {
      path.filterPredicates.push_back(parsePredicate(depth));
    }
    if (peek().kind == TokenKind::kSlash || peek().kind == TokenKind::kDoubleSlash) {
      continueSteps(path, depth);
    }
    return path;
  }

  // Step (('/' | '//') Step)*
  void parseSteps(Node& path, int depth) {
    path.steps.push_back(parseStep(depth));
    if (peek().kind == TokenKind::kSlash || peek().kind == TokenKind::kDoubleSlash) {
      continueSteps(path, depth);
    }
  }

  // (('/' | '//') Step)+
  void continueSteps(Node& path, int depth) {
    while (peek().kind == TokenKind::kSlash || peek().kind == TokenKind::kDoubleSlash) {
      if (take().kind == TokenKind::kDoubleSlash) path.steps.push_back(descendantOrSelfStep());
      path.steps.push_back(parseStep(depth));
    }
  }

  Step parseStep(int depth) {
    Step step;
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
        if (!axis) throw ParseError(token.offset, "unknown axis '" + std::string(token.text) + "'");
        step.axis = *axis;
        take();
        take();
      }
      parseNodeTest(step);
    }
    while (peek().kind == TokenKind::kLeftBracket) step.predicates.push_back(parsePredicate(depth));
    return step;
  }

  void parseNodeTest(Step& step) {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::kStar:
        take();
        step.test = NodeTest::kAnyName;
        return;
      case TokenKind::kPrefixStar:
        take();
        step.test = NodeTest::kPrefixAnyName;
        step.name = std::string(token.text);
        return;
      case TokenKind::kName:
        break;
      case TokenKind::kEnd:
        throw unexpected(token);
      default:
        throw ParseError(token.offset,
                         "expected a location step (a name, '*', '.', '..' or '@name') before " +
                             describeToken(token));
    }
    if (peek(1).kind != TokenKind::kLeftParen) {
      take();
      step.test = NodeTest::kName;
      step.name = std::string(token.text);
      return;
    }
    if (!isNodeTypeName(token.text)) {
      throw ParseError(token.offset, "the function '" + std::string(token.text) +
                                         "()' cannot be a step of a location path");
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

  Node parsePredicate(int depth) {
    take();  // '['
    Node predicate = parseExpr(depth + 1);
    expect(TokenKind::kRightBracket, "]");
    return predicate;
  }

  Node parsePrimary(int depth) {
    const Token& token = peek();
    Node node;
    node.offset = token.offset;
    switch (token.kind) {
      case TokenKind::kLiteral:
        take();
        node.kind = Node::Kind::kString;
        node.text = std::string(token.text);
        return node;
      case TokenKind::kNumber:
        take();
        node.kind = Node::Kind::kNumber;
        node.number = token.number;
        return node;
      case TokenKind::kVariable:
        throw ParseError(token.offset, "variable '" + std::string(token.text) +
                                           "' is not supported: forms have no variables");
      case TokenKind::kLeftParen: {
        take();
        Node inner = parseExpr(depth + 1);
        expect(TokenKind::kRightParen, ")");
        return inner;
      }
      default:
        return parseFunctionCall(depth);
    }
  }

  Node parseFunctionCall(int depth) {
    const Token& name = take();
    const FunctionInfo* info = findFunction(name.text);
    if (!info) throw ParseError(name.offset, "unknown function '" + std::string(name.text) + "'");
    take();  // '('
    Node call;
    call.kind = Node::Kind::kFunctionCall;
    call.offset = name.offset;
    call.function = info;
    call.text = std::string(name.text);
    if (peek().kind != TokenKind::kRightParen) {
      while (true) {
        call.operands.push_back(parseExpr(depth + 1));
        if (peek().kind != TokenKind::kComma) break;
        take();
      }
    }
    expect(TokenKind::kRightParen, ")");
    const std::size_t given = call.operands.size();
    if (given < info->minArguments || given > info->maxArguments) {
      throw ParseError(name.offset, arityProblem(*info, given));
    }
    prepare(call);
    return call;
  }

  // Work that literal arguments allow once, at parse time.
  static void prepare(Node& call) {
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
