// ODK XForms functions of issue 16: randomize() (as ODK Collect shuffles, seeded or once per
// session), indexed-repeat(), and current(), relative paths and position(..) inside repeats,
// from the expression engine up to a running form session.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"
#include "forms/expr_random.hpp"
#include "forms/form_graph.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;
using expr::Context;
using expr::Environment;
using expr::EvalError;
using expr::Expression;
using expr::ParseError;
using Paths = std::vector<std::string>;
using Strings = std::vector<std::string>;

namespace {

// ---- expressions over a plain document ----------------------------------------------------

constexpr const char* kDocument = R"(<data>
  <letters><l>A</l><l>B</l><l>C</l><l>D</l><l>E</l><l>F</l></letters>
  <digits><d>0</d><d>1</d><d>2</d><d>3</d><d>4</d><d>5</d><d>6</d><d>7</d><d>8</d><d>9</d></digits>
  <seed>42</seed>
  <people>
    <person><name>张三</name><age>40</age></person>
    <person><name>李四</name><age>12</age></person>
    <person><name>王五</name><age>70</age></person>
  </people>
  <households>
    <household><name>甲</name><resident><name>A1</name></resident><resident><name>A2</name></resident></household>
    <household><name>乙</name><resident><name>B1</name></resident></household>
  </households>
  <which>2</which>
</data>)";

// An environment whose session seed is 42, like a form session that drew 42.
class SeededEnvironment : public Environment {
 public:
  std::uint64_t randomSeed() const override { return 42; }
};

class Document {
 public:
  Document() { REQUIRE(document_.load_string(kDocument)); }

  Context at(const char* path, const Environment* environment) const {
    Context context;
    context.node = document_.select_node(path).node();
    REQUIRE(context.node);
    context.environment = environment;
    return context;
  }
  std::string text(const char* expression, const char* contextPath = "/data") const {
    return Expression::parse(expression).evaluateString(at(contextPath, &environment_));
  }
  // The string-values of the nodes, in the order the expression gives them.
  Strings nodes(const char* expression, const Environment* environment = nullptr) const {
    const auto value =
        Expression::parse(expression)
            .evaluate(at("/data", environment != nullptr ? environment : &environment_));
    Strings out;
    for (const auto& node : value.nodes()) out.emplace_back(node.node().child_value());
    return out;
  }
  std::string letters(const char* seed) const {
    std::string out;
    for (const auto& letter :
         nodes(("randomize(/data/letters/l, " + std::string(seed) + ")").c_str()))
      out += letter;
    return out;
  }
  std::string error(const char* expression) const {
    try {
      (void)Expression::parse(expression).evaluate(at("/data", &environment_));
    } catch (const EvalError& failure) {
      return failure.what();
    }
    return "(no error)";
  }

 private:
  pugi::xml_document document_;
  SeededEnvironment environment_;
};

// The parse error of an expression that must not parse: "offset: message".
std::string parseError(const char* expression) {
  try {
    (void)Expression::parse(expression);
  } catch (const ParseError& error) {
    return std::to_string(error.offset()) + ": " + error.what();
  }
  return "(parsed)";
}

Paths referencesOf(const char* expression, const char* contextPath) {
  return Expression::parse(expression).references(contextPath);
}

// ---- forms, written by hand in the shape pyxform writes them ------------------------------

constexpr const char* kHead =
    R"(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
)";

std::string officeItems() {
  std::string items;
  for (int i = 1; i <= 10; ++i) {
    items += "          <item>\n            <label>" + std::to_string(i) +
             "号窗口</label>\n            <min_age>" + (i == 10 ? "18" : "0") +
             "</min_age>\n            <name>o" + std::to_string(i) + "</name>\n          </item>\n";
  }
  return items;
}

// survey
// | type             | name          | label            | choice_filter     | parameters | |
// integer          | age           | 年龄             |                   | | | integer          |
// seed          | 随机种子         |                   |                          | | select_one
// office| office_fixed  | 办理窗口         |                   | randomize=true, seed=42  | |
// select_one office| office_seeded | 办理窗口(种子)   |                   | randomize=true,
// seed=${seed} | | select_one office| office_any    | 办理窗口(随机)   | min_age <= ${age} |
// randomize=true           | choices: list office, o1…o10 labelled 1号窗口…10号窗口, column min_age
// (18 for o10, else 0).
std::string officeForm() {
  return std::string(kHead) + R"FORM(  <h:head>
    <h:title>窗口分配</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="office_pick" version="2026120601">
          <age/>
          <seed/>
          <office_fixed/>
          <office_seeded/>
          <office_any/>
          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
      <instance id="office">
        <root>
)FORM" + officeItems() +
         R"FORM(        </root>
      </instance>
      <bind nodeset="/data/age" type="int"/>
      <bind nodeset="/data/seed" type="int"/>
      <bind nodeset="/data/office_fixed" type="string"/>
      <bind nodeset="/data/office_seeded" type="string"/>
      <bind nodeset="/data/office_any" type="string"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/data/age">
      <label>年龄</label>
    </input>
    <input ref="/data/seed">
      <label>随机种子</label>
    </input>
    <select1 ref="/data/office_fixed">
      <label>办理窗口</label>
      <itemset nodeset="randomize(instance('office')/root/item, 42)">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
    <select1 ref="/data/office_seeded">
      <label>办理窗口(种子)</label>
      <itemset nodeset="randomize(instance('office')/root/item,  /data/seed )">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
    <select1 ref="/data/office_any">
      <label>办理窗口(随机)</label>
      <itemset nodeset="randomize(instance('office')/root/item[min_age &lt;=  /data/age ])">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
  </h:body>
</h:html>
)FORM";
}

// survey
// | type                | name            | label    | calculation | choice_filter          | |
// begin repeat        | people          | 人员     | |                        | | text | pname |
// 姓名     |                                                               | | | integer | page |
// 年龄     |                                                               | | | end repeat | | |
// |                        | | begin repeat        | members         | 成员     | | | | calculate
// | index           |          | position(..)                                                  | |
// | text                | pick            | 选择人员 | |                        | | calculate |
// pick_age        |          | ../../people[pname = current()/../pick]/page                  | | |
// calculate           | previous_pick   |          | if(position(..) > 1, indexed-repeat(${pick},
// ${members}, position(..) - 1), '') |  | | select_one district | district        | 区       | | |
// | select_one street   | street          | 街道     | | district = ${district} | | end repeat | |
// |                                                               |                        | |
// integer             | which           | 第几人   | |                        | | calculate |
// which_name      |          | indexed-repeat(${pname}, ${people}, ${which})                 | | |
// calculate           | second_pick_age |          | indexed-repeat(${pick_age}, ${members}, 2) | |
// choices: district futian 福田区, nanshan 南山区; street lianhua 莲花街道 and xiangmihu 香蜜湖街道
// (futian), yuehai 粤海街道 (nanshan).
std::string rosterForm() {
  return std::string(kHead) + R"FORM(  <h:head>
    <h:title>人员名册</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="roster" version="2026120601">
          <people jr:template="">
            <pname/>
            <page/>
          </people>
          <people>
            <pname/>
            <page/>
          </people>
          <members jr:template="">
            <index/>
            <pick/>
            <pick_age/>
            <previous_pick/>
            <district/>
            <street/>
          </members>
          <members>
            <index/>
            <pick/>
            <pick_age/>
            <previous_pick/>
            <district/>
            <street/>
          </members>
          <which/>
          <which_name/>
          <second_pick_age/>
          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
      <instance id="district">
        <root>
          <item>
            <label>福田区</label>
            <name>futian</name>
          </item>
          <item>
            <label>南山区</label>
            <name>nanshan</name>
          </item>
        </root>
      </instance>
      <instance id="street">
        <root>
          <item>
            <district>futian</district>
            <label>莲花街道</label>
            <name>lianhua</name>
          </item>
          <item>
            <district>futian</district>
            <label>香蜜湖街道</label>
            <name>xiangmihu</name>
          </item>
          <item>
            <district>nanshan</district>
            <label>粤海街道</label>
            <name>yuehai</name>
          </item>
        </root>
      </instance>
      <bind nodeset="/data/people/pname" type="string"/>
      <bind nodeset="/data/people/page" type="int"/>
      <bind calculate="position(..)" nodeset="/data/members/index" type="string"/>
      <bind nodeset="/data/members/pick" type="string"/>
      <bind calculate="../../people[pname = current()/../pick]/page" nodeset="/data/members/pick_age" type="string"/>
      <bind calculate="if(position(..) &gt; 1, indexed-repeat( /data/members/pick ,  /data/members , position(..) - 1), '')" nodeset="/data/members/previous_pick" type="string"/>
      <bind nodeset="/data/members/district" type="string"/>
      <bind nodeset="/data/members/street" type="string"/>
      <bind nodeset="/data/which" type="int"/>
      <bind calculate="indexed-repeat( /data/people/pname ,  /data/people ,  /data/which )" nodeset="/data/which_name" type="string"/>
      <bind calculate="indexed-repeat( /data/members/pick_age ,  /data/members , 2)" nodeset="/data/second_pick_age" type="string"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <group ref="/data/people">
      <label>人员</label>
      <repeat nodeset="/data/people">
        <input ref="/data/people/pname">
          <label>姓名</label>
        </input>
        <input ref="/data/people/page">
          <label>年龄</label>
        </input>
      </repeat>
    </group>
    <group ref="/data/members">
      <label>成员</label>
      <repeat nodeset="/data/members">
        <input ref="/data/members/pick">
          <label>选择人员</label>
        </input>
        <select1 ref="/data/members/district">
          <label>区</label>
          <itemset nodeset="instance('district')/root/item">
            <value ref="name"/>
            <label ref="label"/>
          </itemset>
        </select1>
        <select1 ref="/data/members/street">
          <label>街道</label>
          <itemset nodeset="instance('street')/root/item[district= current()/../district ]">
            <value ref="name"/>
            <label ref="label"/>
          </itemset>
        </select1>
      </repeat>
    </group>
    <input ref="/data/which">
      <label>第几人</label>
    </input>
  </h:body>
</h:html>
)FORM";
}

// survey
// | type         | name            | label    | calculation | | begin repeat | households      |
// 住户     |                                                                    | | text         |
// hname           | 户主     |                                                                    |
// | begin repeat | residents       | 住户成员 | | | text         | rname           | 姓名     | |
// | end repeat   |                 |          | | | end repeat   |                 |          | |
// | integer      | h               | 第几户   | | | integer      | r               | 第几人   | |
// | calculate    | resident        |          | indexed-repeat(${rname}, ${households}, ${h},
// ${residents}, ${r})   | | calculate    | first_of_second |          | indexed-repeat(${rname},
// ${households}, 2, ${residents}, 1)         |
std::string estateForm() {
  return std::string(kHead) + R"FORM(  <h:head>
    <h:title>住户登记</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="estate" version="2026120601">
          <households jr:template="">
            <hname/>
            <residents jr:template="">
              <rname/>
            </residents>
          </households>
          <households>
            <hname/>
            <residents>
              <rname/>
            </residents>
          </households>
          <h/>
          <r/>
          <resident/>
          <first_of_second/>
          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
      <bind nodeset="/data/households/hname" type="string"/>
      <bind nodeset="/data/households/residents/rname" type="string"/>
      <bind nodeset="/data/h" type="int"/>
      <bind nodeset="/data/r" type="int"/>
      <bind calculate="indexed-repeat( /data/households/residents/rname ,  /data/households ,  /data/h ,  /data/households/residents ,  /data/r )" nodeset="/data/resident" type="string"/>
      <bind calculate="indexed-repeat( /data/households/residents/rname ,  /data/households , 2,  /data/households/residents , 1)" nodeset="/data/first_of_second" type="string"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <group ref="/data/households">
      <label>住户</label>
      <repeat nodeset="/data/households">
        <input ref="/data/households/hname">
          <label>户主</label>
        </input>
        <group ref="/data/households/residents">
          <label>住户成员</label>
          <repeat nodeset="/data/households/residents">
            <input ref="/data/households/residents/rname">
              <label>姓名</label>
            </input>
          </repeat>
        </group>
      </repeat>
    </group>
    <input ref="/data/h">
      <label>第几户</label>
    </input>
    <input ref="/data/r">
      <label>第几人</label>
    </input>
  </h:body>
</h:html>
)FORM";
}

std::shared_ptr<const XFormDefinition> load(const std::string& text, const char* name) {
  return std::make_shared<const XFormDefinition>(loadXFormText(text, name));
}

Strings choiceValues(const FormSession& session, const char* path) {
  Strings out;
  for (const auto& choice : session.control(path).choices) out.push_back(choice.value);
  return out;
}

Strings choiceLabels(const FormSession& session, const char* path) {
  Strings out;
  for (const auto& choice : session.control(path).choices) out.push_back(choice.label);
  return out;
}

bool choicesChanged(const ChangeSet& changes, const char* path) {
  const auto* change = changes.find(path);
  return change != nullptr && change->choices;
}

bool valueChanged(const ChangeSet& changes, const char* path) {
  const auto* change = changes.find(path);
  return change != nullptr && change->value;
}

const Strings kSeed42 = {"o1", "o6", "o10", "o2", "o9", "o5", "o7", "o4", "o8", "o3"};

}  // namespace

// ---- parsing ------------------------------------------------------------------------------

TEST_CASE("randomize and indexed-repeat check their argument counts when parsed",
          "[forms][expr][odk]") {
  CHECK(parseError("randomize()") == "0: 'randomize' needs at least 1 argument");
  CHECK(parseError("count(randomize(/a, 1, 2))") == "6: 'randomize' takes at most 2 arguments");
  CHECK(parseError("indexed-repeat(/a/b, /a)") == "0: 'indexed-repeat' needs at least 3 arguments");
  CHECK(parseError("1 + indexed-repeat(/a/r/b, /a/r, 1, /a/r/s)") ==
        "4: 'indexed-repeat' takes a value and then pairs of a repeat and an index (3, 5 or 7 "
        "arguments), not 4");
  CHECK(parseError("indexed-repeat(/a/r/s/t/b, /a/r, 1, /a/r/s, 1, /a/r/s/t)") ==
        "0: 'indexed-repeat' takes a value and then pairs of a repeat and an index (3, 5 or 7 "
        "arguments), not 6");
  CHECK(parseError("indexed-repeat(/a/b, /a, 1, /a, 1, /a, 1, /a)") ==
        "0: 'indexed-repeat' takes at most 7 arguments");
  CHECK_NOTHROW(Expression::parse("randomize(/a/b)"));
  CHECK_NOTHROW(Expression::parse("randomize(/a/b, 7)"));
  CHECK_NOTHROW(Expression::parse("indexed-repeat(/a/r/b, /a/r, 1)"));
  CHECK_NOTHROW(Expression::parse("indexed-repeat(/a/r/s/b, /a/r, 1, /a/r/s, 2)"));
  CHECK_NOTHROW(Expression::parse("indexed-repeat(/a/r/s/t/b, /a/r, 1, /a/r/s, 2, /a/r/s/t, 3)"));
}

TEST_CASE("A form with a wrong indexed-repeat argument count does not load, located",
          "[forms][xforms][odk]") {
  std::string text = estateForm();
  const std::string good =
      "indexed-repeat( /data/households/residents/rname ,  /data/households , 2,";
  const auto at = text.find(good);
  REQUIRE(at != std::string::npos);
  text.replace(at, good.size(),
               "indexed-repeat( /data/households/residents/rname ,  /data/households ,");
  const auto line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  try {
    (void)loadXFormText(text, "estate.xml");
    FAIL("the form loaded");
  } catch (const LoadError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    const auto& problem = error.diagnostics().front();
    CHECK(problem.line == line);
    CHECK(problem.message.find("'indexed-repeat' takes a value and then pairs") !=
          std::string::npos);
  }
}

// ---- randomize ----------------------------------------------------------------------------

TEST_CASE("The randomize generator is Park and Miller's minimal standard", "[forms][expr][odk]") {
  // Park & Miller (1988): from seed 1 the states run 16807, 282475249, 1622650073, … and the
  // 10000th is 1043618065.
  expr::ParkMiller generator(1);
  CHECK(generator.next() == 16807);
  CHECK(generator.next() == 282475249);
  CHECK(generator.next() == 1622650073);
  std::int64_t state = 0;
  for (int i = 4; i <= 10000; ++i) state = generator.next();
  CHECK(state == 1043618065);
  // A draw in [0, 1) is (state - 1) / (2^31 - 2); below(n) scales it and truncates.
  expr::ParkMiller draws(1);
  CHECK(draws.nextUnit() == 16806.0 / 2147483646.0);
  CHECK(draws.below(10) == 1);  // 282475248 / 2147483646 * 10 = 1.31…
}

TEST_CASE("A seeded randomize gives the order ODK Collect gives", "[forms][expr][odk]") {
  const Document document;
  // JavaRosa's published examples (FisherYatesExamplesTest).
  CHECK(document.letters("42") == "AFCBDE");
  CHECK(document.letters("-42") == "EDAFBC");
  CHECK(document.letters("1") == "BFEACD");
  CHECK(document.letters("11111111") == "ACDBFE");
  CHECK(document.nodes("randomize(/data/digits/d, 33)") ==
        Strings{"3", "5", "4", "8", "2", "0", "1", "6", "9", "7"});
  CHECK(document.nodes("randomize(/data/digits/d, 42)") ==
        Strings{"0", "5", "9", "1", "8", "4", "6", "3", "7", "2"});
  // The same seed twice, the same order; another seed, another order.
  CHECK(document.nodes("randomize(/data/digits/d, 42)") ==
        document.nodes("randomize(/data/digits/d, 42)"));
  CHECK(document.nodes("randomize(/data/digits/d, 43)") ==
        Strings{"6", "9", "5", "1", "4", "3", "0", "2", "7", "8"});
}

TEST_CASE("The randomize seed is number() of the argument, its integer part as Java takes it",
          "[forms][expr][odk]") {
  const Document document;
  CHECK(document.letters("'42'") == "AFCBDE");
  CHECK(document.letters("/data/seed") == "AFCBDE");
  CHECK(document.letters("42.9") == "AFCBDE");
  CHECK(document.letters("-42.7") == "EDAFBC");
  // NaN is 0, and 0 and 2^31 - 1 both leave the generator at 2^31 - 2.
  CHECK(document.letters("'not a number'") == "CBEAFD");
  CHECK(document.letters("0") == "CBEAFD");
  CHECK(document.letters("2147483647") == "CBEAFD");
  // Beyond a Java long: clamped to its limits, as Double.longValue() does.
  CHECK(document.letters("1 div 0") == "ECFDBA");
  CHECK(document.letters("9223372036854775807") == "ECFDBA");
  CHECK(document.letters("-1 div 0") == "ABFCDE");
}

TEST_CASE("randomize without a seed uses the environment's seed", "[forms][expr][odk]") {
  const Document document;
  const SeededEnvironment seeded;
  CHECK(document.nodes("randomize(/data/letters/l)", &seeded) ==
        Strings{"A", "F", "C", "B", "D", "E"});
  // The default environment answers a fixed seed: outside a session the order is the same
  // in every process.
  const Environment plain;
  CHECK(plain.randomSeed() == 20261127);
  CHECK(document.nodes("randomize(/data/letters/l)", &plain) ==
        Strings{"A", "C", "D", "E", "B", "F"});
}

TEST_CASE("randomize shuffles node-sets only", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.error("randomize('A B C')") ==
        "randomize() needs a node-set as argument 1, not a string");
  CHECK(document.nodes("randomize(/data/nothing, 42)").empty());
  CHECK(document.nodes("randomize(/data/people/person[age > 50]/name, 42)") == Strings{"王五"});
  CHECK(document.text("count(randomize(/data/people/person))") == "3");
  CHECK(document.text("join(',', randomize(/data/people/person/name, 7))") == "王五,李四,张三");
}

// ---- indexed-repeat -----------------------------------------------------------------------

TEST_CASE("indexed-repeat reads a node of one repeat instance", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.text("indexed-repeat(/data/people/person/name, /data/people/person, 1)") ==
        "张三");
  CHECK(document.text("indexed-repeat(/data/people/person/name, /data/people/person, 3)") ==
        "王五");
  CHECK(document.text("indexed-repeat(/data/people/person/age, /data/people/person, "
                      "/data/which) + 1") == "13");
  CHECK(document.text("indexed-repeat(/data/people/person/name, /data/people/person, 2.7)") ==
        "李四");
  // No such instance (yet): empty.
  CHECK(document.text("indexed-repeat(/data/people/person/name, /data/people/person, 4)").empty());
  CHECK(document.text("indexed-repeat(/data/people/person/name, /data/people/person, 0)").empty());
  CHECK(
      document.text("indexed-repeat(/data/people/person/name, /data/people/person, 'x')").empty());
  // A value relative to the current instance moves to the chosen one.
  CHECK(document.text("indexed-repeat(../name, /data/people/person, 2)",
                      "/data/people/person[3]/age") == "李四");
  CHECK(document.error("indexed-repeat(/data/people/person/name, 'person', 1)") ==
        "indexed-repeat() needs a node-set as argument 2, not a string");
}

TEST_CASE("indexed-repeat reads nested repeats level by level", "[forms][expr][odk]") {
  const Document document;
  const char* first =
      "indexed-repeat(/data/households/household/resident/name, "
      "/data/households/household, ";
  auto at = [&](const char* rest) { return document.text((std::string(first) + rest).c_str()); };
  CHECK(at("1, /data/households/household/resident, 2)") == "A2");
  CHECK(at("2, /data/households/household/resident, 1)") == "B1");
  // The second index counts within the chosen household only.
  CHECK(at("2, /data/households/household/resident, 2)").empty());
  CHECK(at("1)") == "A1");
  CHECK(at("3, /data/households/household/resident, 1)").empty());
}

// ---- references ---------------------------------------------------------------------------

TEST_CASE("References of randomize are those of the node-set it shuffles and of its seed",
          "[forms][expr][odk]") {
  CHECK(referencesOf("randomize(/data/members/member/name, /data/seed)", "/data/x") ==
        Paths{"/data/members/member/name", "/data/seed"});
  CHECK(referencesOf("randomize(instance('office')/root/item[min_age <= /data/age])",
                     "/data/office") == Paths{"/data/age"});
  CHECK(referencesOf("randomize(instance('office')/root/item, ../seed)", "/data/office") ==
        Paths{"/data/seed"});
  // randomize yields nodes: a path may go on from them.
  CHECK(referencesOf("count(randomize(/data/a/b)/c)", "/data/x") == Paths{"/data/a/b/c"});
}

TEST_CASE("References of indexed-repeat include the value it reads", "[forms][expr][odk]") {
  CHECK(referencesOf("indexed-repeat( /data/people/pname , /data/people , /data/which )",
                     "/data/which_name") ==
        Paths{"/data/people", "/data/people/pname", "/data/which"});
  CHECK(referencesOf("indexed-repeat(/data/h/r/name, /data/h, 2, /data/h/r[name != ''], ../k)",
                     "/data/x") == Paths{"/data/h", "/data/h/r", "/data/h/r/name", "/data/k"});
  CHECK(referencesOf("indexed-repeat( /data/members/pick , /data/members , position(..) - 1)",
                     "/data/members/previous_pick") ==
        Paths{"/data/members", "/data/members/pick"});
}

// ---- sessions: randomize in itemsets ------------------------------------------------------

TEST_CASE("A seeded randomized itemset shows the choices in the seed's order",
          "[forms][form-session][odk]") {
  FormSession session(load(officeForm(), "office.xml"));
  CHECK(choiceValues(session, "/data/office_fixed") == kSeed42);
  CHECK(choiceLabels(session, "/data/office_fixed").front() == "1号窗口");
  CHECK(choiceLabels(session, "/data/office_fixed")[2] == "10号窗口");
  // No seed yet: number('') is NaN, taken as 0.
  CHECK(choiceValues(session, "/data/office_seeded") ==
        Strings{"o10", "o2", "o9", "o1", "o6", "o4", "o7", "o5", "o8", "o3"});

  auto changes = session.setAnswer("/data/seed", "42");
  CHECK(choicesChanged(changes, "/data/office_seeded"));
  CHECK_FALSE(choicesChanged(changes, "/data/office_fixed"));
  CHECK(choiceValues(session, "/data/office_seeded") == kSeed42);

  changes = session.setAnswer("/data/seed", "33");
  CHECK(choicesChanged(changes, "/data/office_seeded"));
  CHECK(choiceValues(session, "/data/office_seeded") ==
        Strings{"o4", "o6", "o5", "o9", "o3", "o1", "o2", "o7", "o10", "o8"});

  // An answer among the shuffled choices is valid.
  session.setAnswer("/data/office_seeded", "o10");
  CHECK_FALSE(session.problemAt("/data/office_seeded").has_value());
  // The order the screen draws from controls() is the same.
  for (const auto& view : session.controls()) {
    if (view.path != "/data/office_fixed") continue;
    Strings values;
    for (const auto& choice : view.choices) values.push_back(choice.value);
    CHECK(values == kSeed42);
  }
}

TEST_CASE("An unseeded randomized itemset keeps its order for the whole session",
          "[forms][form-session][odk]") {
  FormSession session(load(officeForm(), "office.xml"));
  CHECK(choiceValues(session, "/data/office_any").empty());  // no age yet: the filter keeps none

  session.setAnswer("/data/age", "30");
  const auto first = choiceValues(session, "/data/office_any");
  REQUIRE(first.size() == 10);
  CHECK(std::set<std::string>(first.begin(), first.end()) ==
        std::set<std::string>(kSeed42.begin(), kSeed42.end()));

  // The itemset is evaluated again on every age; the same items keep the same order.
  auto changes = session.setAnswer("/data/age", "31");
  CHECK_FALSE(choicesChanged(changes, "/data/office_any"));
  CHECK(choiceValues(session, "/data/office_any") == first);
  session.setAnswer("/data/seed", "7");
  session.setAnswer("/data/office_any", first[3]);
  CHECK(choiceValues(session, "/data/office_any") == first);

  changes = session.setAnswer("/data/age", "10");  // o10 needs 18
  CHECK(choicesChanged(changes, "/data/office_any"));
  CHECK(choiceValues(session, "/data/office_any").size() == 9);
  session.setAnswer("/data/age", "30");
  CHECK(choiceValues(session, "/data/office_any") == first);
}

TEST_CASE("Each session draws its own order for an unseeded randomize",
          "[forms][form-session][odk]") {
  const auto definition = load(officeForm(), "office.xml");
  std::set<Strings> orders;
  for (int i = 0; i < 5; ++i) {
    FormSession session(definition);
    session.setAnswer("/data/age", "30");
    orders.insert(choiceValues(session, "/data/office_any"));
  }
  // Five equal orders of ten items by chance: 1 in (10!)^4.
  CHECK(orders.size() > 1);
}

// ---- sessions: repeats --------------------------------------------------------------------

TEST_CASE("position(..) numbers repeat instances and follows removals",
          "[forms][form-session][odk]") {
  const auto definition = load(rosterForm(), "roster.xml");
  CHECK(definition->graph().cycles().empty());
  FormSession session(definition);
  CHECK(session.value("/data/members[1]/index") == "1");
  auto changes = session.addRepeat("/data/members");
  CHECK(session.value("/data/members[2]/index") == "2");
  changes = session.addRepeat("/data/members");
  CHECK(session.value("/data/members[3]/index") == "3");
  session.setAnswer("/data/members[3]/pick", "third");
  changes = session.removeRepeat("/data/members", 1);
  CHECK(session.value("/data/members[1]/index") == "1");
  CHECK(session.value("/data/members[2]/index") == "2");
  CHECK(session.value("/data/members[2]/pick") == "third");
  CHECK(valueChanged(changes, "/data/members[2]/index"));
}

TEST_CASE("current() and relative paths in a calculate's predicate work in every repeat instance",
          "[forms][form-session][odk]") {
  FormSession session(load(rosterForm(), "roster.xml"));
  session.addRepeat("/data/people");
  session.setAnswer("/data/people[1]/pname", "张三");
  session.setAnswer("/data/people[1]/page", "40");
  session.setAnswer("/data/people[2]/pname", "李四");
  session.setAnswer("/data/people[2]/page", "12");
  session.addRepeat("/data/members");

  auto changes = session.setAnswer("/data/members[2]/pick", "李四");
  CHECK(valueChanged(changes, "/data/members[2]/pick_age"));
  CHECK(session.value("/data/members[2]/pick_age") == "12");
  CHECK(session.value("/data/members[1]/pick_age").empty());

  changes = session.setAnswer("/data/members[1]/pick", "张三");
  CHECK(valueChanged(changes, "/data/members[1]/pick_age"));
  CHECK(session.value("/data/members[1]/pick_age") == "40");
  CHECK(session.value("/data/members[2]/pick_age") == "12");

  // An answer in the other repeat reaches both instances.
  changes = session.setAnswer("/data/people[2]/page", "13");
  CHECK(valueChanged(changes, "/data/members[2]/pick_age"));
  CHECK(session.value("/data/members[2]/pick_age") == "13");
  changes = session.setAnswer("/data/people[1]/page", "41");
  CHECK(valueChanged(changes, "/data/members[1]/pick_age"));
  CHECK(session.value("/data/members[1]/pick_age") == "41");
  CHECK(session.value("/data/members[2]/pick_age") == "13");

  changes = session.setAnswer("/data/members[1]/pick", "李四");
  CHECK(session.value("/data/members[1]/pick_age") == "13");
}

TEST_CASE("A cascading itemset with current() filters each repeat instance on its own answer",
          "[forms][form-session][odk]") {
  FormSession session(load(rosterForm(), "roster.xml"));
  session.addRepeat("/data/members");
  CHECK(choiceValues(session, "/data/members[1]/street").empty());

  auto changes = session.setAnswer("/data/members[1]/district", "futian");
  CHECK(choicesChanged(changes, "/data/members[1]/street"));
  CHECK_FALSE(choicesChanged(changes, "/data/members[2]/street"));
  CHECK(choiceValues(session, "/data/members[1]/street") == Strings{"lianhua", "xiangmihu"});
  CHECK(choiceValues(session, "/data/members[2]/street").empty());

  changes = session.setAnswer("/data/members[2]/district", "nanshan");
  CHECK(choicesChanged(changes, "/data/members[2]/street"));
  CHECK_FALSE(choicesChanged(changes, "/data/members[1]/street"));
  CHECK(choiceValues(session, "/data/members[2]/street") == Strings{"yuehai"});
  CHECK(choiceValues(session, "/data/members[1]/street") == Strings{"lianhua", "xiangmihu"});

  session.setAnswer("/data/members[2]/street", "yuehai");
  CHECK_FALSE(session.problemAt("/data/members[2]/street").has_value());
  changes = session.setAnswer("/data/members[2]/district", "futian");
  CHECK(choiceValues(session, "/data/members[2]/street") == Strings{"lianhua", "xiangmihu"});
  CHECK(session.problemAt("/data/members[2]/street").has_value());  // kept, now not a choice
}

TEST_CASE("indexed-repeat in a session follows answers, indexes and removed instances",
          "[forms][form-session][odk]") {
  FormSession session(load(rosterForm(), "roster.xml"));
  session.addRepeat("/data/people");
  session.setAnswer("/data/people[1]/pname", "张三");
  session.setAnswer("/data/people[2]/pname", "李四");
  session.setAnswer("/data/people[2]/page", "12");
  CHECK(session.value("/data/which_name").empty());

  auto changes = session.setAnswer("/data/which", "2");
  CHECK(valueChanged(changes, "/data/which_name"));
  CHECK(session.value("/data/which_name") == "李四");
  changes = session.setAnswer("/data/people[2]/pname", "李小四");
  CHECK(valueChanged(changes, "/data/which_name"));
  CHECK(session.value("/data/which_name") == "李小四");
  changes = session.setAnswer("/data/people[1]/pname", "张大三");
  CHECK_FALSE(valueChanged(changes, "/data/which_name"));
  session.setAnswer("/data/which", "1");
  CHECK(session.value("/data/which_name") == "张大三");
  session.setAnswer("/data/which", "3");
  CHECK(session.value("/data/which_name").empty());
  changes = session.addRepeat("/data/people");
  session.setAnswer("/data/people[3]/pname", "王五");
  CHECK(session.value("/data/which_name") == "王五");
  changes = session.removeRepeat("/data/people", 1);
  CHECK(valueChanged(changes, "/data/which_name"));
  CHECK(session.value("/data/which_name").empty());

  // A calculate of instance 2 read from outside, and the previous instance read from inside.
  session.addRepeat("/data/members");
  session.addRepeat("/data/members");
  CHECK(session.value("/data/second_pick_age").empty());
  changes = session.setAnswer("/data/members[2]/pick", "李小四");
  CHECK(valueChanged(changes, "/data/second_pick_age"));
  CHECK(session.value("/data/second_pick_age") == "12");
  CHECK(valueChanged(changes, "/data/members[3]/previous_pick"));
  CHECK(session.value("/data/members[3]/previous_pick") == "李小四");
  changes = session.setAnswer("/data/people[1]/page", "13");  // 李小四 is people[1] now
  CHECK(valueChanged(changes, "/data/second_pick_age"));
  CHECK(session.value("/data/second_pick_age") == "13");
  session.setAnswer("/data/members[1]/pick", "王五");
  CHECK(session.value("/data/members[2]/previous_pick") == "王五");
  CHECK(session.value("/data/members[1]/previous_pick").empty());
  changes = session.removeRepeat("/data/members", 1);
  CHECK(session.value("/data/members[1]/previous_pick").empty());
  CHECK(session.value("/data/members[2]/previous_pick") == "李小四");
  CHECK(session.value("/data/second_pick_age").empty());
}

TEST_CASE("indexed-repeat over nested repeats in a session", "[forms][form-session][odk]") {
  FormSession session(load(estateForm(), "estate.xml"));
  session.setAnswer("/data/households[1]/residents[1]/rname", "A1");
  session.addRepeat("/data/households[1]/residents");
  session.setAnswer("/data/households[1]/residents[2]/rname", "A2");
  session.addRepeat("/data/households");
  CHECK(session.value("/data/first_of_second").empty());
  auto changes = session.addRepeat("/data/households[2]/residents");
  changes = session.setAnswer("/data/households[2]/residents[1]/rname", "B1");
  CHECK(valueChanged(changes, "/data/first_of_second"));
  CHECK(session.value("/data/first_of_second") == "B1");
  session.addRepeat("/data/households[2]/residents");
  session.setAnswer("/data/households[2]/residents[2]/rname", "B2");

  session.setAnswer("/data/h", "1");
  changes = session.setAnswer("/data/r", "2");
  CHECK(valueChanged(changes, "/data/resident"));
  CHECK(session.value("/data/resident") == "A2");
  changes = session.setAnswer("/data/h", "2");
  CHECK(session.value("/data/resident") == "B2");
  changes = session.setAnswer("/data/households[2]/residents[2]/rname", "B2x");
  CHECK(valueChanged(changes, "/data/resident"));
  CHECK(session.value("/data/resident") == "B2x");
  changes = session.setAnswer("/data/households[1]/residents[2]/rname", "A2x");
  CHECK_FALSE(valueChanged(changes, "/data/resident"));
  session.setAnswer("/data/r", "3");
  CHECK(session.value("/data/resident").empty());

  changes = session.removeRepeat("/data/households", 1);
  CHECK(valueChanged(changes, "/data/first_of_second"));
  CHECK(session.value("/data/first_of_second").empty());
  session.setAnswer("/data/h", "1");
  session.setAnswer("/data/r", "1");
  CHECK(session.value("/data/resident") == "B1");
}
