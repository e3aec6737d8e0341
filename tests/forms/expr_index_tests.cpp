// Equality filters over secondary instances answered from an index, and predicate parts that
// do not depend on the tested node evaluated once: both must select exactly what a plain scan
// selects, in the same order.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"

using namespace onewindow::forms::expr;

namespace {

constexpr const char* kPrimary = R"(<data>
  <district>futian</district><street>shatou</street><n>3</n><pick>b</pick>
  <many><d>nanshan</d><d>futian</d></many>
  <bad>[</bad>
</data>)";

// 12 items (enough for the per-predicate hoisting to start), one with two district children,
// one with a number written "3.0", one without a district.
constexpr const char* kCommunities = R"(<root>
  <item><name>a</name><district>futian</district><street>shatou</street><n>1</n></item>
  <item><name>b</name><district>futian</district><street>xiangmihu</street><n>2</n></item>
  <item><name>c</name><district>nanshan</district><street>yuehai</street><n>3.0</n></item>
  <item><name>d</name><district>futian</district><street>shatou</street><n>4</n></item>
  <item><name>e</name><district>nanshan</district><district>futian</district><street>shatou</street><n>5</n></item>
  <item><name>f</name><street>shatou</street><n>6</n></item>
  <item><name>g</name><district>luohu</district><street>dongmen</street><n>7</n></item>
  <item><name>h</name><district>futian</district><street>shatou</street><n>8</n></item>
  <item><name>i</name><district>nanshan</district><street>shekou</street><n>9</n></item>
  <item><name>j</name><district>futian</district><street>lianhua</street><n>10</n></item>
  <item><name>k</name><district>luohu</district><street>cuizhu</street><n>11</n></item>
  <item><name>l</name><district>futian</district><street>shatou</street><n>12</n></item>
</root>)";

class World : public Environment {
 public:
  explicit World(bool indexed) : indexed_(indexed) {
    REQUIRE(primary_.load_string(kPrimary));
    REQUIRE(communities_.load_string(kCommunities));
  }
  [[nodiscard]] pugi::xml_node instance(std::string_view id) const override {
    return id == "communities" ? communities_.document_element() : pugi::xml_node{};
  }
  [[nodiscard]] ItemIndexes* itemIndexes() const override { return indexed_ ? &indexes_ : nullptr; }
  // The names of the selected items, in the order given.
  std::string names(const std::string& expression) const {
    Context context;
    context.node = primary_.document_element().child("pick");
    context.environment = this;
    const Value value = Expression::parse(expression).evaluate(context);
    std::string out;
    for (const auto& node : value.nodes()) out += node.node().child_value("name");
    return out;
  }

 private:
  bool indexed_;
  pugi::xml_document primary_;
  pugi::xml_document communities_;
  mutable ItemIndexes indexes_;
};

}  // namespace

TEST_CASE("An indexed equality filter selects what a scan selects", "[forms][expr][index]") {
  const World scan(false);
  const World indexed(true);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"instance('communities')/root/item[district = /data/district]", "abdehjl"},
      {"instance('communities')/root/item[/data/district = district]", "abdehjl"},
      {"instance('communities')/root/item[district= /data/district  and street= /data/street ]",
       "adehl"},
      {"instance('communities')/root/item[district = 'nanshan']", "cei"},
      // A node-set of several values: any of them.
      {"instance('communities')/root/item[district = /data/many/d]", "abcdehijl"},
      // Two node-sets compare as text ("3.0" is not "3"); a number compares as a number.
      {"instance('communities')/root/item[n = /data/n]", ""},
      {"instance('communities')/root/item[n = 3]", "c"},
      // Position counts before filtering: never narrowed by the index first.
      {"instance('communities')/root/item[district = /data/district and position() > 4]", "ehjl"},
      // A later predicate counts within what the first one kept.
      {"instance('communities')/root/item[district = /data/district][2]", "b"},
      {"instance('communities')/root/item[district = /data/district][last()]", "l"},
      // current() is the same for every item: /data/pick holds "b".
      {"instance('communities')/root/item[name = current()]", "b"},
      {"instance('communities')/root/item[district = instance('communities')/root/item[name = "
       "current()]/district]",
       "abdehjl"},
      {"instance('communities')/root/item[district = /data/nothing]", ""},
      {"instance('communities')/root/item[district != /data/district]", "ceikg"},
  };
  for (const auto& [expression, expected] : cases) {
    INFO(expression);
    CHECK(scan.names(expression) == indexed.names(expression));
    if (expression.find("!=") == std::string::npos) CHECK(indexed.names(expression) == expected);
  }
  // != is existential over node-sets: every item with some district other than futian.
  CHECK(indexed.names("instance('communities')/root/item[district != /data/district]") == "cegik");
}

TEST_CASE("A predicate part never reached is never evaluated, even when it is read once",
          "[forms][expr][index]") {
  const World world(true);
  // regex() with the invalid pattern in /data/bad fails when evaluated; and stops before it.
  CHECK(
      world.names("instance('communities')/root/item[false() and regex(name, /data/bad)]").empty());
  CHECK_THROWS_AS(world.names("instance('communities')/root/item[regex(/data/pick, /data/bad)]"),
                  EvalError);
}

TEST_CASE("An index over an instance without items evaluates nothing, as a scan",
          "[forms][expr][index]") {
  const World world(true);
  // No <entry> under root: the comparison value (a failing regex) is never read.
  CHECK(world.names("instance('communities')/root/entry[name = regex('a', /data/bad)]").empty());
}
