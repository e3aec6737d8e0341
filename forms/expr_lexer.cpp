#include "forms/expr_lexer.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

#include "forms/expr.hpp"
#include "forms/expr_text.hpp"

namespace onewindow::forms::expr {
namespace {

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Full-width and typographic punctuation typed by mistake with a Chinese input method. XML
// would accept many of them inside names; here they are almost always a slip, so they get a
// message that says which ASCII character was meant.
bool isConfusablePunctuation(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x2010 && c <= 0x205E);
}

// XML 1.0 (fifth edition) name characters beyond ASCII, minus the punctuation above.
bool isNonAsciiNameChar(char32_t c) {
  if (isConfusablePunctuation(c)) return false;
  return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || c == 0x200C || c == 0x200D || c == 0xB7 ||
         (c >= 0x203F && c <= 0x2040) || (c >= 0x2070 && c <= 0x218F) ||
         (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
         (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0xEFFFF);
}

std::string codePointText(char32_t c) {
  std::string out;
  text::appendUtf8(out, c);
  return out;
}

// decodeNext returns U+FFFD for malformed bytes, consuming one; a real U+FFFD takes three.
bool isMalformed(char32_t c, std::size_t length) { return c == 0xFFFD && length != 3; }

[[noreturn]] void rejectMalformed(std::size_t offset) {
  throw ParseError(offset, "the expression is not valid UTF-8");
}

[[noreturn]] void rejectCharacter(std::size_t offset, char32_t c) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
  if (c >= 0xFF01 && c <= 0xFF5E) {
    const char ascii = static_cast<char>(c - 0xFEE0);
    throw ParseError(offset, "full-width character '" + codePointText(c) + "' (" + hex +
                                 "): expressions use the ASCII '" + std::string(1, ascii) + "'");
  }
  if (c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D) {
    throw ParseError(
        offset, "curly quote '" + codePointText(c) + "' (" + hex + "): quote strings with ' or \"");
  }
  if (c >= 0x20 && c < 0x7F) {
    throw ParseError(offset, "unexpected character '" + std::string(1, static_cast<char>(c)) + "'");
  }
  throw ParseError(offset, "unexpected character '" + codePointText(c) + "' (" + hex + ")");
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (true) {
      skipSpace();
      if (position_ >= text_.size()) break;
      Token token = next();
      operandEnded_ = endsOperand(token.kind);
      tokens.push_back(token);
    }
    tokens.push_back(Token{TokenKind::End, text_.size(), {}, 0});
    return tokens;
  }

 private:
  static bool endsOperand(TokenKind kind) {
    switch (kind) {
      case TokenKind::Number:
      case TokenKind::Literal:
      case TokenKind::Name:
      case TokenKind::PrefixStar:
      case TokenKind::Star:
      case TokenKind::Variable:
      case TokenKind::RightParen:
      case TokenKind::RightBracket:
      case TokenKind::Dot:
      case TokenKind::DotDot:
        return true;
      default:
        return false;
    }
  }

  void skipSpace() {
    while (position_ < text_.size() && text::isXPathSpace(text_[position_])) ++position_;
  }

  char peek(std::size_t ahead = 0) const {
    return position_ + ahead < text_.size() ? text_[position_ + ahead] : '\0';
  }

  Token make(TokenKind kind, std::size_t length) {
    Token token{kind, position_, text_.substr(position_, length), 0};
    position_ += length;
    return token;
  }

  // Length of the name starting at `from` (0 when no name starts there). Throws on a
  // confusable or invalid character inside what looks like a name.
  std::size_t nameLength(std::size_t from) const {
    std::size_t position = from;
    bool first = true;
    while (position < text_.size()) {
      const char c = text_[position];
      if (static_cast<unsigned char>(c) < 0x80) {
        const bool ok =
            isAsciiLetter(c) || c == '_' || (!first && (isDigit(c) || c == '.' || c == '-'));
        if (!ok) break;
        ++position;
      } else {
        std::size_t next = position;
        const char32_t cp = text::decodeNext(text_, next);
        if (isMalformed(cp, next - position)) rejectMalformed(position);
        if (!isNonAsciiNameChar(cp)) {
          if (isConfusablePunctuation(cp)) rejectCharacter(position, cp);
          break;
        }
        position = next;
      }
      first = false;
    }
    return position - from;
  }

  Token name() {
    const std::size_t start = position_;
    std::size_t length = nameLength(start);
    // A QName: prefix ':' local, or prefix ':' '*'; "name::" is an axis and stays apart.
    if (start + length < text_.size() && text_[start + length] == ':' &&
        peekAt(start + length + 1) != ':') {
      const char after = peekAt(start + length + 1);
      if (after == '*' && !operandEnded_) {
        Token token{TokenKind::PrefixStar, start, text_.substr(start, length + 1), 0};
        position_ = start + length + 2;
        return token;
      }
      const std::size_t local = nameLength(start + length + 1);
      if (local > 0) length += 1 + local;
    }
    Token token = make(TokenKind::Name, length);
    if (operandEnded_) {
      if (token.text == "and") token.kind = TokenKind::And;
      if (token.text == "or") token.kind = TokenKind::Or;
      if (token.text == "div") token.kind = TokenKind::Div;
      if (token.text == "mod") token.kind = TokenKind::Mod;
    }
    return token;
  }

  char peekAt(std::size_t at) const { return at < text_.size() ? text_[at] : '\0'; }

  Token number() {
    const std::size_t start = position_;
    std::size_t end = start;
    while (end < text_.size() && isDigit(text_[end])) ++end;
    if (end < text_.size() && text_[end] == '.') {
      ++end;
      while (end < text_.size() && isDigit(text_[end])) ++end;
    }
    Token token{TokenKind::Number, start, text_.substr(start, end - start), 0};
    // from_chars wants a digit first; ".5" and "5." are both XPath numbers.
    std::string digits(token.text);
    if (digits.front() == '.') digits.insert(digits.begin(), '0');
    if (digits.back() == '.') digits.pop_back();
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), token.number);
    if (result.ec == std::errc::result_out_of_range) {
      token.number = std::numeric_limits<double>::infinity();
    }
    position_ = end;
    return token;
  }

  Token literal() {
    const char quote = text_[position_];
    const std::size_t close = text_.find(quote, position_ + 1);
    if (close == std::string_view::npos) {
      throw ParseError(position_, std::string("the string starting here has no closing ") +
                                      (quote == '\'' ? "'" : "\""));
    }
    Token token{TokenKind::Literal, position_, text_.substr(position_ + 1, close - position_ - 1),
                0};
    position_ = close + 1;
    return token;
  }

  Token next() {
    const char c = text_[position_];
    switch (c) {
      case '(':
        return make(TokenKind::LeftParen, 1);
      case ')':
        return make(TokenKind::RightParen, 1);
      case '[':
        return make(TokenKind::LeftBracket, 1);
      case ']':
        return make(TokenKind::RightBracket, 1);
      case '@':
        return make(TokenKind::At, 1);
      case ',':
        return make(TokenKind::Comma, 1);
      case '|':
        return make(TokenKind::Pipe, 1);
      case '+':
        return make(TokenKind::Plus, 1);
      case '-':
        return make(TokenKind::Minus, 1);
      case '=':
        return make(TokenKind::Equal, 1);
      case '*':
        return make(operandEnded_ ? TokenKind::Multiply : TokenKind::Star, 1);
      case '/':
        return peek(1) == '/' ? make(TokenKind::DoubleSlash, 2) : make(TokenKind::Slash, 1);
      case '<':
        return peek(1) == '=' ? make(TokenKind::LessEqual, 2) : make(TokenKind::Less, 1);
      case '>':
        return peek(1) == '=' ? make(TokenKind::GreaterEqual, 2) : make(TokenKind::Greater, 1);
      case '!':
        if (peek(1) == '=') return make(TokenKind::NotEqual, 2);
        throw ParseError(position_, "'!' must be followed by '=' (use not(...) to negate)");
      case ':':
        if (peek(1) == ':') return make(TokenKind::ColonColon, 2);
        throw ParseError(position_, "unexpected ':'");
      case '.':
        if (peek(1) == '.') return make(TokenKind::DotDot, 2);
        if (isDigit(peek(1))) return number();
        return make(TokenKind::Dot, 1);
      case '\'':
      case '"':
        return literal();
      case '$': {
        const std::size_t length = nameLength(position_ + 1);
        return make(TokenKind::Variable, 1 + length);
      }
      default:
        break;
    }
    if (isDigit(c)) return number();
    if (nameLength(position_) > 0) return name();
    std::size_t after = position_;
    const char32_t unexpected = text::decodeNext(text_, after);
    if (isMalformed(unexpected, after - position_)) rejectMalformed(position_);
    rejectCharacter(position_, unexpected);
  }

  std::string_view text_;
  std::size_t position_ = 0;
  bool operandEnded_ = false;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Lexer(text).run(); }

std::string describeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::End:
      return "the end of the expression";
    case TokenKind::Literal:
      return "string '" + std::string(token.text) + "'";
    case TokenKind::Number:
      return "number " + std::string(token.text);
    default:
      return "'" + std::string(token.text) + "'";
  }
}

}  // namespace onewindow::forms::expr
