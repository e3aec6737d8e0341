#pragma once
// Splits an expression into XPath 1.0 tokens. The lexer applies XPath's disambiguation rule
// (section 3.7): after a token that can end an operand, `*` is multiplication and `and`, `or`,
// `div`, `mod` are operators; elsewhere they are a name test and names.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace onewindow::forms::expr {

enum class TokenKind : unsigned char {
  End,
  Number,
  Literal,     // text = the characters between the quotes
  Name,        // NCName or prefix:local
  PrefixStar,  // prefix:*   (text = "prefix:")
  Star,        // * as a name test
  Variable,    // $name (rejected by the parser)
  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  Dot,
  DotDot,
  At,
  Comma,
  ColonColon,
  Slash,
  DoubleSlash,
  Pipe,
  Plus,
  Minus,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Multiply,  // * as an operator
  And,
  Or,
  Div,
  Mod,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::size_t offset = 0;
  std::string_view text;  // the token as written (for literals: without the quotes)
  double number = 0;
};

// Throws ParseError on a character that cannot start a token, an unterminated literal or
// malformed UTF-8. The last token is always kEnd at offset text.size().
[[nodiscard]] std::vector<Token> tokenize(std::string_view text);

// How a token reads in an error message: "')'", "'div'", "string 'abc'", "number 2".
[[nodiscard]] std::string describeToken(const Token& token);

}  // namespace onewindow::forms::expr
