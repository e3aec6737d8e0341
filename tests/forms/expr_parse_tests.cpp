// Parsing: the accepted syntax, and errors that say what is wrong and where.

#include <string>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"

using onewindow::forms::expr::Expression;
using onewindow::forms::expr::ParseError;

namespace {

struct Failure {
  std::size_t offset = 0;
  std::string message;
};

Failure failureOf(const std::string& text) {
  try {
    (void)Expression::parse(text);
  } catch (const ParseError& error) {
    return Failure{error.offset(), error.what()};
  }
  FAIL("parsed without error: " << text);
  return {};
}

bool parses(const std::string& text) {
  try {
    (void)Expression::parse(text);
    return true;
  } catch (const ParseError&) {
    return false;
  }
}

}  // namespace

TEST_CASE("The XPath 1.0 syntax parses", "[forms][expr]") {
  const char* valid[] = {
      "/",
      "/data/age",
      "//member",
      "../name",
      ".",
      "..",
      "@relation",
      "member[@relation = 'child'][2]/name",
      "child::a/attribute::b",
      "descendant-or-self::node()/text()",
      "ancestor::*[1]",
      "following-sibling::x | preceding-sibling::y",
      "following::x | preceding::y",
      "self::node()",
      "comment()",
      "processing-instruction('x')",
      "h:head/h:title",
      "jr:*",
      "*",
      "-(-3)",
      "1 div 2 mod 3",
      "\"double\" = 'single'",
      "(1)",
      "count((//a)[2]/b)",
      "concat('a', 'b', 'c', 'd', 'e')",
      "jr:choice-name(/data/hukou, '/data/hukou')",
      "instance('streets')/root/item[district = current()/../district]/label",
      "if(. > 1, 'a', 'b')",
      "  1  +  2  ",
      "/data/名字 = '张三'",
      "a-b",
      "a.b",
  };
  for (const char* text : valid) {
    INFO(text);
    CHECK(parses(text));
  }
}

TEST_CASE("Parse errors say what is wrong and where it starts", "[forms][expr]") {
  SECTION("an unknown function") {
    const auto failure = failureOf("1 + foo(2)");
    CHECK(failure.offset == 4);
    CHECK(failure.message == "unknown function 'foo'");
  }
  SECTION("too few arguments") {
    const auto failure = failureOf("substring('abc')");
    CHECK(failure.offset == 0);
    CHECK(failure.message == "'substring' needs at least 2 arguments");
  }
  SECTION("too many arguments") {
    const auto failure = failureOf("x and round(1, 2, 3)");
    CHECK(failure.offset == 6);
    CHECK(failure.message == "'round' takes at most 2 arguments");
  }
  SECTION("a fixed argument count") {
    CHECK(failureOf("not()").message == "'not' takes exactly 1 argument, not 0");
    CHECK(failureOf("true(1)").message == "'true' takes no arguments");
    CHECK(failureOf("concat()").message == "'concat' needs at least 1 argument");
  }
  SECTION("a missing closing parenthesis") {
    const auto failure = failureOf("concat('a', 'b'");
    CHECK(failure.offset == 15);
    CHECK(failure.message == "unexpected end of expression: expected ')'");
    const auto inside = failureOf("(1 + 2 ]");
    CHECK(inside.offset == 7);
    CHECK(inside.message == "expected ')' before ']'");
  }
  SECTION("a missing closing bracket") {
    const auto failure = failureOf("a[1");
    CHECK(failure.offset == 3);
    CHECK(failure.message == "unexpected end of expression: expected ']'");
  }
  SECTION("an expression that stops half way") {
    const auto failure = failureOf("1 +");
    CHECK(failure.offset == 3);
    CHECK(failure.message == "unexpected end of expression");
    CHECK(failureOf("/data/").message == "unexpected end of expression");
    CHECK(failureOf("a and").offset == 5);
  }
  SECTION("something left over") {
    const auto failure = failureOf("1 2");
    CHECK(failure.offset == 2);
    CHECK(failure.message == "unexpected number 2");
    CHECK(failureOf("a 'b'").message == "unexpected string 'b'");
    CHECK(failureOf("a)").message == "unexpected ')'");
  }
  SECTION("an empty expression") {
    CHECK(failureOf("").message == "the expression is empty");
    CHECK(failureOf("   ").offset == 3);
  }
  SECTION("an unterminated string") {
    const auto failure = failureOf(". = 'abc");
    CHECK(failure.offset == 4);
    CHECK(failure.message == "the string starting here has no closing '");
  }
  SECTION("variables are named") {
    const auto failure = failureOf("1 + $count");
    CHECK(failure.offset == 4);
    CHECK(failure.message == "variable '$count' is not supported: forms have no variables");
  }
  SECTION("unknown and unsupported axes") {
    CHECK(failureOf("sideways::x").message == "unknown axis 'sideways'");
    CHECK(failureOf("a/namespace::x").offset == 2);
    CHECK(failureOf("namespace::x").message == "the namespace axis is not supported");
  }
  SECTION("a function where a step belongs") {
    const auto failure = failureOf("/data/count(x)");
    CHECK(failure.offset == 6);
    CHECK(failure.message == "the function 'count()' cannot be a step of a location path");
  }
  SECTION("a literal in a union") {
    const auto failure = failureOf("a | 'b'");
    CHECK(failure.offset == 4);
    CHECK(failure.message == "'|' joins node-sets, but this operand is a string");
  }
  SECTION("characters that do not belong") {
    CHECK(failureOf("1 # 2").message == "unexpected character '#'");
    CHECK(failureOf("a ! b").message == "'!' must be followed by '=' (use not(...) to negate)");
    const auto fullWidth = failureOf("concat（'a'）");
    CHECK(fullWidth.offset == 6);
    CHECK(fullWidth.message == "full-width character '（' (U+FF08): expressions use the ASCII '('");
    const auto curly = failureOf(". = ‘是’");
    CHECK(curly.offset == 4);
    CHECK(curly.message == "curly quote '‘' (U+2018): quote strings with ' or \"");
    CHECK(failureOf("a = \xff").message == "the expression is not valid UTF-8");
  }
  SECTION("offsets count bytes of UTF-8") {
    const auto failure = failureOf("'张三' = foo()");
    CHECK(failure.offset == 11);  // two 3-byte characters and the quotes come first
  }
}

TEST_CASE("A literal date format is checked when the expression is parsed", "[forms][expr]") {
  CHECK(parses("format-date(., '%Y年%m月%d日')"));
  const auto failure = failureOf("format-date(., '%Y-%q')");
  CHECK(failure.offset == 19);
  CHECK(failure.message ==
        "unknown date format '%q' (known: %Y %y %m %n %b %d %e %a %H %h %M %S %3 %%)");
}

TEST_CASE("jr:choice-name's literal path is parsed with the expression", "[forms][expr]") {
  const auto failure = failureOf("jr:choice-name(., '/data/[')");
  CHECK(failure.offset == 25);
  CHECK(failure.message.rfind("in the path of jr:choice-name: ", 0) == 0);
}

TEST_CASE("Deep nesting ends in a parse error, not a crash", "[forms][expr]") {
  CHECK(parses(std::string(200, '(') + "1" + std::string(200, ')')));
  const std::string deep = std::string(10'000, '(') + "1" + std::string(10'000, ')');
  const auto failure = failureOf(deep);
  CHECK(failure.message == "the expression is nested too deeply (more than 256 levels)");
  CHECK(failure.offset == 257);
  // Nesting through predicates and arguments counts too.
  std::string predicates = "a";
  for (int i = 0; i < 5000; ++i) predicates += "[a";
  CHECK(failureOf(predicates).message.find("nested too deeply") != std::string::npos);
  std::string calls;
  for (int i = 0; i < 5000; ++i) calls += "not(";
  CHECK(failureOf(calls).message.find("nested too deeply") != std::string::npos);
}

TEST_CASE("Long flat expressions are not nesting", "[forms][expr]") {
  // 5,000 terms of one operator stay one level deep; 5,000 minus signs too.
  std::string sum = "1";
  for (int i = 0; i < 5000; ++i) sum += " + 1";
  CHECK(parses(sum));
  std::string either = "a = 1";
  for (int i = 0; i < 5000; ++i) either += " or a = " + std::to_string(i);
  CHECK(parses(either));
  CHECK(parses(std::string(5000, '-') + "1"));
  std::string steps = "/a";
  for (int i = 0; i < 5000; ++i) steps += "/b";
  CHECK(parses(steps));
}

TEST_CASE("An expression keeps its text", "[forms][expr]") {
  CHECK(Expression::parse(" . > 18 ").text() == " . > 18 ");
}
