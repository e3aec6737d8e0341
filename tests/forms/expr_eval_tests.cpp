// Evaluation: XPath 1.0 conversions, operators, comparisons, paths and predicates.

#include <cmath>
#include <string>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"

using onewindow::forms::expr::Context;
using onewindow::forms::expr::EvalError;
using onewindow::forms::expr::Expression;
using onewindow::forms::expr::Value;

namespace {

constexpr const char* kHousehold = R"(<data>
  <applicant><name>张三</name><age>42</age><id_number/><hukou>shenzhen</hukou></applicant>
  <members>
    <member relation="spouse"><name>李四</name><age>40</age></member>
    <member relation="child"><name>张小明</name><age>12</age></member>
    <member relation="child"><name>张小红</name><age>7</age></member>
  </members>
  <income>3000.50</income>
  <empty/>
</data>)";

class Form {
 public:
  explicit Form(const char* xml = kHousehold) { REQUIRE(document_.load_string(xml)); }
  pugi::xml_node node(const char* path) const {
    const auto found = document_.select_node(path).node();
    REQUIRE(found);
    return found;
  }
  Context at(const char* path = "/data") const {
    Context context;
    context.node = node(path);
    return context;
  }
  std::string text(const char* expression, const char* contextPath = "/data") const {
    return Expression::parse(expression).evaluateString(at(contextPath));
  }
  double number(const char* expression, const char* contextPath = "/data") const {
    return Expression::parse(expression).evaluateNumber(at(contextPath));
  }
  bool truth(const char* expression, const char* contextPath = "/data") const {
    return Expression::parse(expression).evaluateBoolean(at(contextPath));
  }

 private:
  pugi::xml_document document_;
};

}  // namespace

TEST_CASE("Numbers print as XPath prints them", "[forms][expr]") {
  const Form form;
  CHECK(form.text("1 + 2") == "3");
  CHECK(form.text("5 div 2") == "2.5");
  CHECK(form.text("0.1 + 0.2") == "0.30000000000000004");
  CHECK(form.text("1 div 0") == "Infinity");
  CHECK(form.text("-1 div 0") == "-Infinity");
  CHECK(form.text("0 div 0") == "NaN");
  CHECK(form.text("-0") == "0");
  CHECK(form.text("1000000 * 1000000") == "1000000000000");
  CHECK(form.text("100000000000000000000000") == "100000000000000000000000");
  CHECK(form.text("0.0000001 * 3") == "0.0000003");
  CHECK(form.text("-1234.5") == "-1234.5");
  CHECK(form.text("0.000001") == "0.000001");
  CHECK(form.text(".5") == "0.5");
  CHECK(form.text("5.") == "5");
}

TEST_CASE("Strings convert to numbers by XPath's rules", "[forms][expr]") {
  const Form form;
  CHECK(form.number("number(' 12 ')") == 12);
  CHECK(form.number("number('-3.5')") == -3.5);
  CHECK(std::isnan(form.number("number('')")));
  CHECK(std::isnan(form.number("number('+1')")));
  CHECK(std::isnan(form.number("number('1e3')")));
  CHECK(std::isnan(form.number("number('12abc')")));
  CHECK(std::isnan(form.number("number('- 1')")));
  CHECK(form.number("number(true())") == 1);
  CHECK(form.number("number(/data/income)") == Approx(3000.5));
  CHECK(std::isnan(form.number("/data/empty + 1")));  // an empty answer is not zero
  CHECK(std::isnan(form.number("/data/nothing")));
}

TEST_CASE("Booleans follow XPath's conversions", "[forms][expr]") {
  const Form form;
  CHECK(form.truth("'false'"));  // a non-empty string is true
  CHECK_FALSE(form.truth("''"));
  CHECK_FALSE(form.truth("0"));
  CHECK_FALSE(form.truth("0 div 0"));
  CHECK(form.truth("-1"));
  CHECK(form.truth("/data/empty"));  // a non-empty node-set, whatever its value
  CHECK_FALSE(form.truth("/data/nothing"));
  CHECK(form.text("1 = 1") == "true");
  CHECK(form.text("boolean(0)") == "false");
}

TEST_CASE("Operators bind by XPath precedence", "[forms][expr]") {
  const Form form;
  CHECK(form.number("1 + 2 * 3") == 7);
  CHECK(form.number("(1 + 2) * 3") == 9);
  CHECK(form.number("10 - 4 - 3") == 3);
  CHECK(form.number("2 * 3 div 4") == 1.5);
  CHECK(form.number("7 mod 3") == 1);
  CHECK(form.number("-7 mod 3") == -1);  // the sign of the dividend
  CHECK(form.number("7 mod -3") == 1);
  CHECK(form.number("- - 4") == 4);
  CHECK(form.number("--4") == 4);
  CHECK(form.number("-2 * -3") == 6);
  CHECK(form.truth("1 < 2 = 1"));  // (1 < 2) = 1: true() = 1
  CHECK(form.truth("1 = 1 and 2 = 3 or 4 = 4"));
  CHECK_FALSE(form.truth("1 = 1 and (2 = 3 or 4 = 5)"));
  CHECK(form.truth("3 > 2 > 1") == false);  // (3 > 2) > 1: 1 > 1
  CHECK(form.number("1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1") == 10);
}

TEST_CASE("'and' and 'or' stop at the first deciding operand", "[forms][expr]") {
  const Form form;
  // The right side would fail (instance() with no such instance) if it were evaluated.
  CHECK(form.truth("1 = 1 or count(instance('none')/x) = 0"));
  CHECK_FALSE(form.truth("1 = 2 and count(instance('none')/x) = 0"));
  CHECK_THROWS_AS(form.truth("1 = 1 and count(instance('none')/x) = 0"), EvalError);
}

TEST_CASE("Names that are operators depend on what precedes them", "[forms][expr]") {
  const Form form(R"(<data><div>6</div><mod>4</mod><and>1</and><or>2</or></data>)");
  CHECK(form.number("div div mod") == 1.5);
  CHECK(form.number("and + or") == 3);
  CHECK(form.number("div * mod") == 24);
  CHECK(form.number("count(*)") == 4);
  CHECK(form.number("count(*) * 2") == 8);
}

TEST_CASE("Comparisons of plain values", "[forms][expr]") {
  const Form form;
  CHECK(form.truth("'abc' = 'abc'"));
  CHECK(form.truth("'1' = 1.0"));          // a number on one side compares numbers
  CHECK_FALSE(form.truth("'1' = '1.0'"));  // two strings compare as strings
  CHECK(form.truth("true() = 'x'"));       // a boolean on one side compares booleans
  CHECK(form.truth("false() = ''"));
  CHECK(form.truth("'10' > '9'"));  // relational operators always compare numbers
  CHECK_FALSE(form.truth("'abc' < 'abd'"));
  CHECK_FALSE(form.truth("0 div 0 = 0 div 0"));
  CHECK(form.truth("0 div 0 != 0 div 0"));
}

TEST_CASE("Comparisons with node-sets are existential", "[forms][expr]") {
  const Form form;
  CHECK(form.truth("/data/members/member/age = 12"));
  CHECK(form.truth("/data/members/member/age != 12"));  // some other age differs
  CHECK(form.truth("/data/members/member/age > 39"));
  CHECK(form.truth("39 < /data/members/member/age"));
  CHECK_FALSE(form.truth("/data/members/member/age > 40"));
  CHECK_FALSE(form.truth("/data/members/member/age < 7"));
  CHECK(form.truth("/data/members/member/name = '张小红'"));
  CHECK(form.truth("/data/members/member/age = /data/applicant/age - 2"));
  // Two node-sets: some pair compares true.
  CHECK(form.truth("/data/members/member/@relation = /data/members/member[3]/@relation"));
  CHECK_FALSE(form.truth("/data/members/member/age = /data/applicant/age"));
  // Empty node-sets compare false, both ways, whatever the operator.
  CHECK_FALSE(form.truth("/data/nothing = ''"));
  CHECK_FALSE(form.truth("/data/nothing != ''"));
  CHECK_FALSE(form.truth("/data/nothing = /data/nothing"));
  // Against a boolean the node-set is converted to a boolean.
  CHECK(form.truth("/data/nothing = false()"));
  CHECK(form.truth("/data/empty = true()"));
  // An empty instance node's value is "".
  CHECK(form.truth("/data/empty = ''"));
  CHECK(form.truth("/data/applicant/id_number = ''"));
}

TEST_CASE("Absolute and relative location paths", "[forms][expr]") {
  const Form form;
  CHECK(form.text("/data/applicant/name") == "张三");
  CHECK(form.text("applicant/name") == "张三");
  CHECK(form.text("./applicant/./name") == "张三");
  CHECK(form.text("../age", "/data/applicant/name") == "42");
  CHECK(form.text("../../members/member[1]/name", "/data/applicant/name") == "李四");
  CHECK(form.text(".", "/data/applicant/age") == "42");
  CHECK(form.number("count(/)") == 1);
  CHECK(form.number("count(/data/members/member)") == 3);
  CHECK(form.number("count(//age)") == 4);
  CHECK(form.number("count(/data//member/age)") == 3);
  CHECK(form.number("count(//member[age < 18])") == 2);
  CHECK(form.text("//member[2]/name") == "张小明");
  CHECK(form.text("(//name)[last()]") == "张小红");
  CHECK(form.number("count(members/*)") == 3);
  CHECK(form.number("count(/data/members/member/@*)") == 3);
  CHECK(form.text("/data/members/member[3]/@relation") == "child");
  CHECK(form.text("name(/data/*[2])") == "members");
}

TEST_CASE("Axes", "[forms][expr]") {
  const Form form;
  const char* spouse = "/data/members/member[1]";
  const char* youngest = "/data/members/member[3]";
  CHECK(form.text("child::name", spouse) == "李四");
  CHECK(form.text("attribute::relation", spouse) == "spouse");
  CHECK(form.text("self::member/name", spouse) == "李四");
  CHECK(form.number("count(self::applicant)", spouse) == 0);
  CHECK(form.text("name(parent::*)", spouse) == "members");
  CHECK(form.number("count(descendant::*)", "/data/members") == 9);
  CHECK(form.number("count(descendant-or-self::member)", "/data/members") == 3);
  CHECK(form.number("count(ancestor::*)", youngest) == 2);
  CHECK(form.text("name(ancestor::*[1])", youngest) == "members");  // nearest first
  CHECK(form.text("name(ancestor::*[last()])", youngest) == "data");
  CHECK(form.number("count(ancestor-or-self::*)", youngest) == 3);
  CHECK(form.text("following-sibling::member[1]/name", spouse) == "张小明");
  CHECK(form.text("preceding-sibling::member[1]/name", youngest) == "张小明");
  CHECK(form.text("preceding-sibling::member[last()]/name", youngest) == "李四");
  CHECK(form.number("count(following-sibling::*)", spouse) == 2);
  CHECK(form.text("name(following::*[1])", "/data/applicant/hukou") == "members");
  CHECK(form.text("preceding::name[1]", youngest) == "张小明");
  CHECK(form.number("count(preceding::age)", youngest) == 3);
  CHECK(form.number("count(following::*)", "/data/members") == 2);
  CHECK(form.number("count(/data/applicant/node())") == 4);
  CHECK(form.text("/data/applicant/name/text()") == "张三");
}

TEST_CASE("Predicates: positions, last() and conditions", "[forms][expr]") {
  const Form form;
  CHECK(form.text("/data/members/member[position() = 2]/name") == "张小明");
  CHECK(form.text("/data/members/member[last()]/name") == "张小红");
  CHECK(form.text("/data/members/member[last() - 1]/name") == "张小明");
  CHECK(form.number("count(/data/members/member[position() > 1])") == 2);
  CHECK(form.text("/data/members/member[@relation = 'child'][2]/name") == "张小红");
  CHECK(form.text("/data/members/member[2][@relation = 'child']/name") == "张小明");
  CHECK(form.number("count(/data/members/member[1.5])") == 0);
  CHECK(form.number("count(/data/members/member[0])") == 0);
  CHECK(form.number("count(/data/members/member[4])") == 0);
  CHECK(form.number("count(/data/members/member[age > 10 and age < 41])") == 2);
  CHECK(form.text("/data/members/member[name = '张小红']/age") == "7");
  // A computed number selects by position too.
  CHECK(form.text("/data/members/member[1 + 1]/name") == "张小明");
}

TEST_CASE("Unions are node-sets in document order without duplicates", "[forms][expr]") {
  const Form form;
  CHECK(form.number("count(//age | //name)") == 8);
  CHECK(form.number("count(//age | //member/age)") == 4);
  CHECK(form.text("(/data/income | /data/applicant/name)") == "张三");  // document order
  CHECK(form.text("(/data/members/member[3] | /data/members/member[1])[1]/name") == "李四");
  CHECK_THROWS_AS(form.text("/data/income | string(1)"), EvalError);
}

TEST_CASE("Paths continue from function results and filtered expressions", "[forms][expr]") {
  const Form form;
  CHECK(form.text("current()/name", "/data/applicant") == "张三");
  CHECK(form.text("(/data/members/member)[2]/name") == "张小明");
  CHECK(form.text("(//member)[age = 7]/name") == "张小红");
  CHECK_THROWS_AS(form.text("string('x')/a"), EvalError);
}

TEST_CASE("Context position and size come from the caller", "[forms][expr]") {
  const Form form;
  Context context = form.at();
  context.position = 2;
  context.size = 5;
  CHECK(Expression::parse("position()").evaluateNumber(context) == 2);
  CHECK(Expression::parse("last()").evaluateNumber(context) == 5);
}

TEST_CASE("A Value converts between the four types", "[forms][expr]") {
  CHECK(Value::ofNumber(2.5).toString() == "2.5");
  CHECK(Value::ofBoolean(true).toString() == "true");
  CHECK(Value::ofString("7").toNumber() == 7);
  CHECK(Value::ofNodes({}).toString().empty());
  CHECK_FALSE(Value::ofNodes({}).toBoolean());
  CHECK(Value().isString());
  CHECK_THROWS_AS(Value::ofString("x").nodes(), EvalError);
}

TEST_CASE("documentRoot makes '/' the node that holds the primary instance", "[forms][expr]") {
  pugi::xml_document form;
  REQUIRE(form.load_string(
      "<h:html><h:head><model><instance><data><age>30</age></data></instance>"
      "<instance id='x'><root><item>1</item></root></instance></model></h:head></h:html>"));
  const auto instance = form.select_node("//instance[not(@id)]").node();
  Context context;
  context.node = instance.child("data").child("age");
  CHECK(Expression::parse("count(/data/age)").evaluateNumber(context) == 0);
  context.documentRoot = instance;
  CHECK(Expression::parse("/data/age + 1").evaluateNumber(context) == 31);
  CHECK(Expression::parse("count(/)").evaluateNumber(context) == 1);
}
