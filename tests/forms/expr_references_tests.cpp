// Expression::references(): the instance paths an expression depends on.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"

using onewindow::forms::expr::Expression;
using Paths = std::vector<std::string>;

namespace {

Paths referencesOf(const char* expression, const char* contextPath) {
  return Expression::parse(expression).references(contextPath);
}

}  // namespace

TEST_CASE("References of absolute and relative paths", "[forms][expr]") {
  CHECK(referencesOf("/data/age >= 18", "/data/name") == Paths{"/data/age"});
  CHECK(referencesOf(". >= 18", "/data/age") == Paths{"/data/age"});
  CHECK(referencesOf("../hukou = 'shenzhen'", "/data/age") == Paths{"/data/hukou"});
  CHECK(referencesOf("./a/../b", "/data") == Paths{"/data/b"});
  CHECK(referencesOf("../../district", "/data/address/street") == Paths{"/data/district"});
  CHECK(referencesOf("1 + 2", "/data/x").empty());
  CHECK(referencesOf("/", "/data/x") == Paths{"/"});
  CHECK(referencesOf("..", "/data") == Paths{"/"});
  CHECK(referencesOf("@status", "/data/case") == Paths{"/data/case/@status"});
}

TEST_CASE("References are sorted and unique", "[forms][expr]") {
  CHECK(referencesOf("/data/b + /data/a + ../a + /data/b", "/data/c") ==
        Paths{"/data/a", "/data/b"});
}

TEST_CASE("References drop predicates but keep the paths inside them", "[forms][expr]") {
  CHECK(referencesOf("count(../member[age >= 18])", "/data/members/count") ==
        Paths{"/data/members/member", "/data/members/member/age"});
  CHECK(referencesOf("/data/members/member[2]/name", "/data/x") ==
        Paths{"/data/members/member/name"});
  CHECK(referencesOf("/data/members/member[position() = last()]/age", "/data/x") ==
        Paths{"/data/members/member/age"});
  CHECK(referencesOf("sum(/data/items/item[/data/filter = kind]/price)", "/data/total") ==
        Paths{"/data/filter", "/data/items/item/kind", "/data/items/item/price"});
}

TEST_CASE("References of repeat-relative expressions", "[forms][expr]") {
  // A calculate inside a repeat: the context is the repeat's node path, without positions.
  CHECK(referencesOf("../age * 12", "/data/members/member/months") ==
        Paths{"/data/members/member/age"});
  CHECK(referencesOf("position(..)", "/data/members/member/index") ==
        Paths{"/data/members/member"});
}

TEST_CASE("References leave out secondary instances but follow current()", "[forms][expr]") {
  CHECK(referencesOf("instance('streets')/root/item[district = current()/../district]/label",
                     "/data/street") == Paths{"/data/district"});
  CHECK(referencesOf("count(instance('streets')/root/item)", "/data/x").empty());
  CHECK(referencesOf("instance('streets')/root/item[name = /data/street]/label", "/data/x") ==
        Paths{"/data/street"});
  CHECK(referencesOf("current()", "/data/x") == Paths{"/data/x"});
  CHECK(referencesOf("current()/../y", "/data/x") == Paths{"/data/y"});
}

TEST_CASE("References through functions and operators", "[forms][expr]") {
  CHECK(referencesOf("if(/data/a = 'yes', /data/b, concat(/data/c, ../d))", "/data/e") ==
        Paths{"/data/a", "/data/b", "/data/c", "/data/d"});
  CHECK(referencesOf("-/data/a", "/data/x") == Paths{"/data/a"});
  CHECK(referencesOf("count(/data/a | /data/b)", "/data/x") == Paths{"/data/a", "/data/b"});
  CHECK(referencesOf("(/data/a | /data/b)/c", "/data/x") == Paths{"/data/a/c", "/data/b/c"});
  CHECK(referencesOf("age-from-id(/data/applicant/id_number) >= 70", "/data/x") ==
        Paths{"/data/applicant/id_number"});
  CHECK(referencesOf("jr:choice-name(/data/hukou, '/data/hukou')", "/data/x") ==
        Paths{"/data/hukou"});
  CHECK(referencesOf("today() - /data/birth", "/data/x") == Paths{"/data/birth"});
}

TEST_CASE("References of other axes and node tests", "[forms][expr]") {
  CHECK(referencesOf("count(//member)", "/data/x") == Paths{"//member"});
  CHECK(referencesOf("count(/data//age)", "/data/x") == Paths{"/data//age"});
  CHECK(referencesOf("count(descendant::age)", "/data/members") == Paths{"/data/members//age"});
  CHECK(referencesOf("count(/data/members/*)", "/data/x") == Paths{"/data/members/*"});
  CHECK(referencesOf("text()", "/data/x") == Paths{"/data/x"});
  CHECK(referencesOf("following-sibling::b", "/data/a") == Paths{"/data/b"});
  CHECK(referencesOf("ancestor::members/count", "/data/members/member/age") ==
        Paths{"/data/members/count"});
  CHECK(referencesOf("ancestor-or-self::member/name", "/data/members/member") ==
        Paths{"/data/members/member/name"});
  CHECK(referencesOf("count(ancestor::*)", "/data/a/b") == Paths{"/data", "/data/a"});
  CHECK(referencesOf("preceding::x", "/data/a") == Paths{"//x"});
}

TEST_CASE("References against an empty context path", "[forms][expr]") {
  CHECK(referencesOf("age > 3", "") == Paths{"/age"});
  CHECK(referencesOf("/data/age > 3", "/") == Paths{"/data/age"});
}

TEST_CASE("References of a tangled expression stay bounded", "[forms][expr]") {
  // Each ancestor::* step multiplies the candidate paths; nested predicates multiply again.
  std::string tangled = "a";
  for (int i = 0; i < 40; ++i) tangled += "/ancestor::*[b/ancestor::*/c//d";
  for (int i = 0; i < 40; ++i) tangled += "]";
  const auto paths = Expression::parse(tangled).references("/a/b/c/d/e/f/g/h/i/j");
  CHECK_FALSE(paths.empty());
  // Repeated steps that reach the same paths are followed once.
  std::string repeated = "x";
  for (int i = 0; i < 200; ++i) repeated += "/ancestor-or-self::*";
  CHECK(referencesOf(repeated.c_str(), "/d/c/b/a") ==
        Paths{"/d", "/d/c", "/d/c/b", "/d/c/b/a", "/d/c/b/a/x"});
}
