// The rest of the ODK XForms functions of issue 16: the maths functions, once(), random(),
// checklist() and weighted-checklist(), date-time() and decimal-time(), pulldata(), distance()
// and area(), base64-decode() and digest(); from the expression engine up to a form session.

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "forms/expr.hpp"
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

namespace {

// ---- expressions over a plain document ----------------------------------------------------

constexpr const char* kDocument = R"(<data>
  <stamp>已登记</stamp>
  <empty/>
  <checks><c>1</c><c>0</c><c>1</c><c></c><c>yes</c></checks>
  <weights><w>2</w><w>5</w><w>3</w><w>1</w><w>1</w></weights>
  <points>
    <p>22.5431 114.0579 10 5</p>
    <p></p>
    <p>23.1066 113.3245</p>
  </points>
  <trace>0 0 0 0;0 1 0 0</trace>
  <service>passport</service>
</data>)";

constexpr const char* kFees = R"(<root>
  <item><name>id_card</name><fee>0</fee><office>户政窗口</office></item>
  <item><name>passport</name><fee>120</fee><office>出入境窗口</office></item>
  <item><name>passport</name><fee>999</fee><office>重复的一行</office></item>
  <item><name>licence</name><office>交警窗口</office></item>
</root>)";

// One secondary instance, 'fees'; with `indexed`, equality lookups go through an ItemIndexes
// as in a form session.
class FeesEnvironment : public Environment {
 public:
  explicit FeesEnvironment(bool indexed) : indexed_(indexed) { REQUIRE(fees_.load_string(kFees)); }
  pugi::xml_node instance(std::string_view id) const override {
    return id == "fees" ? fees_.document_element() : pugi::xml_node();
  }
  expr::ItemIndexes* itemIndexes() const override { return indexed_ ? &indexes_ : nullptr; }

 private:
  bool indexed_;
  pugi::xml_document fees_;
  mutable expr::ItemIndexes indexes_;
};

class Document {
 public:
  explicit Document(bool indexed = false) : environment_(indexed) {
    REQUIRE(document_.load_string(kDocument));
  }

  Context at(const char* path) const {
    Context context;
    context.node = document_.select_node(path).node();
    REQUIRE(context.node);
    context.environment = &environment_;
    return context;
  }
  std::string text(const char* expression, const char* contextPath = "/data") const {
    return Expression::parse(expression).evaluateString(at(contextPath));
  }
  double number(const char* expression, const char* contextPath = "/data") const {
    return Expression::parse(expression).evaluateNumber(at(contextPath));
  }
  bool boolean(const char* expression) const {
    return Expression::parse(expression).evaluateBoolean(at("/data"));
  }
  std::string error(const char* expression, const char* contextPath = "/data") const {
    try {
      (void)Expression::parse(expression).evaluate(at(contextPath));
    } catch (const EvalError& failure) {
      return failure.what();
    }
    return "(no error)";
  }

 private:
  pugi::xml_document document_;
  FeesEnvironment environment_;
};

std::string parseError(const char* expression) {
  try {
    (void)Expression::parse(expression);
  } catch (const ParseError& error) {
    return std::to_string(error.offset()) + ": " + error.what();
  }
  return "(parsed)";
}

// ---- forms, written by hand in the shape pyxform writes them ------------------------------

constexpr const char* kHead =
    R"(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
)";

// survey
// | type              | name       | label    | calculation                                    |
// | select_one service| service    | 办理事项 |                                                |
// | calculate         | fee        |          | pulldata('fees', 'fee', 'name', ${service})    |
// | calculate         | office     |          | pulldata('fees', 'office', 'name', ${service}) |
// | text              | applicant  | 申请人   |                                                |
// | calculate         | first_name |          | once(${applicant})                             |
// | calculate         | ticket     |          | once(int(random() * 1000))                     |
// | calculate         | draw       |          | random()                                       |
// | geotrace          | route      | 路线     |                                                |
// | calculate         | route_m    |          | round(distance(${route}), 0)                   |
// | calculate         | code       |          | digest(${applicant}, 'SHA-256', 'hex')         |
// choices: list service, id_card 身份证, passport 护照; the same list is the 'fees' instance
// (pyxform writes a select_one's choices as a secondary instance), with columns fee, office.
std::string feeForm(
    const std::string& feeCalculation = "pulldata('fees', 'fee', 'name',  /data/service )") {
  return std::string(kHead) + R"FORM(  <h:head>
    <h:title>收费查询</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="fee_lookup" version="2026120801">
          <service/>
          <fee/>
          <office/>
          <applicant/>
          <first_name/>
          <ticket/>
          <draw/>
          <route/>
          <route_m/>
          <code/>
          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
      <instance id="fees">
        <root>
          <item>
            <fee>0</fee>
            <label>身份证</label>
            <name>id_card</name>
            <office>户政窗口</office>
          </item>
          <item>
            <fee>120</fee>
            <label>护照</label>
            <name>passport</name>
            <office>出入境窗口</office>
          </item>
        </root>
      </instance>
      <bind nodeset="/data/service" type="string"/>
      <bind calculate=")FORM" +
         feeCalculation + R"FORM(" nodeset="/data/fee" type="string"/>
      <bind calculate="pulldata('fees', 'office', 'name',  /data/service )" nodeset="/data/office" type="string"/>
      <bind nodeset="/data/applicant" type="string"/>
      <bind calculate="once( /data/applicant )" nodeset="/data/first_name" type="string"/>
      <bind calculate="once(int(random() * 1000))" nodeset="/data/ticket" type="string"/>
      <bind calculate="random()" nodeset="/data/draw" type="string"/>
      <bind nodeset="/data/route" type="geotrace"/>
      <bind calculate="round(distance( /data/route ), 0)" nodeset="/data/route_m" type="string"/>
      <bind calculate="digest( /data/applicant , 'SHA-256', 'hex')" nodeset="/data/code" type="string"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <select1 ref="/data/service">
      <label>办理事项</label>
      <itemset nodeset="instance('fees')/root/item">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
    <input ref="/data/applicant">
      <label>申请人</label>
    </input>
    <input ref="/data/route">
      <label>路线</label>
    </input>
  </h:body>
</h:html>
)FORM";
}

std::shared_ptr<const XFormDefinition> load(const std::string& text, const char* name) {
  return std::make_shared<const XFormDefinition>(loadXFormText(text, name));
}

bool valueChanged(const ChangeSet& changes, const char* path) {
  const auto* change = changes.find(path);
  return change != nullptr && change->value;
}

}  // namespace

// ---- parsing ------------------------------------------------------------------------------

TEST_CASE("The new ODK functions check their argument counts when parsed", "[forms][expr][odk]") {
  CHECK(parseError("sin()") == "0: 'sin' takes exactly 1 argument, not 0");
  CHECK(parseError("atan2(1)") == "0: 'atan2' takes exactly 2 arguments, not 1");
  CHECK(parseError("pi(1)") == "0: 'pi' takes no arguments");
  CHECK(parseError("random(7)") == "0: 'random' takes no arguments");
  CHECK(parseError("once()") == "0: 'once' takes exactly 1 argument, not 0");
  CHECK(parseError("pulldata('fees', 'fee', 'name')") ==
        "0: 'pulldata' takes exactly 4 arguments, not 3");
  CHECK(parseError("checklist(1)") == "0: 'checklist' needs at least 2 arguments");
  CHECK(parseError("weighted-checklist(1, 2, /a)") ==
        "0: 'weighted-checklist' takes min, max and then pairs of a value and a weight (an even "
        "number of arguments), not 3");
  CHECK(parseError("distance(/a, /b)") == "0: 'distance' takes exactly 1 argument, not 2");
  CHECK(parseError("area()") == "0: 'area' takes exactly 1 argument, not 0");
  CHECK(parseError("digest('a')") == "0: 'digest' needs at least 2 arguments");
  CHECK(parseError("digest('a', 'MD5', 'hex', 1)") == "0: 'digest' takes at most 3 arguments");
  CHECK(parseError("base64-decode()") == "0: 'base64-decode' takes exactly 1 argument, not 0");
  CHECK(parseError("date-time(1, 2)") == "0: 'date-time' takes exactly 1 argument, not 2");
  CHECK(parseError("decimal-time()") == "0: 'decimal-time' takes exactly 1 argument, not 0");
  // Still refused: unknown functions.
  CHECK(parseError("extract-signed(/a, 'key')") == "0: unknown function 'extract-signed'");
  CHECK(parseError("version()") == "0: unknown function 'version'");
  CHECK_NOTHROW(Expression::parse("weighted-checklist(-1, 3, /a/v, /a/w)"));
  CHECK_NOTHROW(Expression::parse("checklist(-1, -1)"));
}

// ---- maths --------------------------------------------------------------------------------

TEST_CASE("The maths functions follow XPath 3.0, NaN outside their domain", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.text("sin(0)") == "0");
  CHECK(document.text("cos(0)") == "1");
  CHECK(document.text("tan(0)") == "0");
  CHECK(document.text("pi()") == "3.141592653589793");
  CHECK(document.number("sin(pi() div 2)") == 1.0);
  CHECK(document.number("cos(pi())") == -1.0);
  CHECK(document.number("asin(1) * 2") == Approx(M_PI).epsilon(1e-15));
  CHECK(document.number("acos(-1)") == Approx(M_PI).epsilon(1e-15));
  CHECK(document.number("atan(1) * 4") == Approx(M_PI).epsilon(1e-15));
  CHECK(document.number("atan2(1, 1) * 4") == Approx(M_PI).epsilon(1e-15));
  CHECK(document.text("atan2(0, -1)") == "3.141592653589793");
  CHECK(document.text("sqrt(16)") == "4");
  CHECK(document.text("sqrt(2)") == "1.4142135623730951");
  CHECK(document.text("exp(0)") == "1");
  CHECK(document.number("exp(1)") == Approx(M_E).epsilon(1e-15));
  CHECK(document.text("exp10(2)") == "100");
  CHECK(document.text("exp10(-1)") == "0.1");
  CHECK(document.text("log(1)") == "0");
  CHECK(document.number("log(exp(2))") == Approx(2).epsilon(1e-15));
  CHECK(document.text("log10(1000)") == "3");
  // Outside the domain, and on NaN.
  CHECK(document.text("sqrt(-1)") == "NaN");
  CHECK(document.text("asin(2)") == "NaN");
  CHECK(document.text("acos(-1.5)") == "NaN");
  CHECK(document.text("log(-1)") == "NaN");
  CHECK(document.text("log10(-10)") == "NaN");
  CHECK(document.text("log(0)") == "-Infinity");
  CHECK(document.text("sqrt('')") == "NaN");
  CHECK(document.text("sin(/data/stamp)") == "NaN");
  CHECK(document.text("exp10('x')") == "NaN");
}

// ---- random and once ----------------------------------------------------------------------

TEST_CASE("random() draws a number from 0 up to but not including 1, a new one at each evaluation",
          "[forms][expr][odk]") {
  const Document document;
  std::set<double> drawn;
  for (int i = 0; i < 200; ++i) {
    const double value = document.number("random()");
    CHECK(value >= 0);
    CHECK(value < 1);
    drawn.insert(value);
  }
  CHECK(drawn.size() > 190);
  // In a predicate each node draws its own (never hoisted as a constant).
  CHECK(document.number("count(/data/checks/c[random() < 2])") == 5);
}

TEST_CASE("once() keeps the context node's value and evaluates its argument only when empty",
          "[forms][expr][odk]") {
  const Document document;
  CHECK(document.text("once('新值')", "/data/stamp") == "已登记");
  CHECK(document.text("once('新值')", "/data/empty") == "新值");
  CHECK(document.text("once(1 + 2)", "/data/empty") == "3");
  // The argument is not evaluated when the node has a value.
  CHECK(document.text("once(pulldata('nosuch', 'a', 'b', 'c'))", "/data/stamp") == "已登记");
  CHECK(document.error("once(pulldata('nosuch', 'a', 'b', 'c'))", "/data/empty") ==
        "pulldata(): there is no instance 'nosuch'");
}

// ---- checklists ---------------------------------------------------------------------------

TEST_CASE("checklist() counts the answers above 0 against min and max", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.boolean("checklist(-1, -1)"));
  CHECK(document.boolean("checklist(2, 2, 1, 0, 1)"));
  CHECK_FALSE(document.boolean("checklist(3, -1, 1, 0, 1)"));
  CHECK(document.boolean("checklist(-1, 2, 1, 0, 1)"));
  CHECK_FALSE(document.boolean("checklist(-1, 1, 1, 0, 1)"));
  CHECK(document.boolean("checklist(1, 1, true(), false(), '', 'yes', -3)"));
  CHECK(document.boolean("checklist(1.9, 1.2, '2')"));  // bounds by their integer part
  // Node-set arguments expand: 1 0 1 '' yes → two count.
  CHECK(document.boolean("checklist(2, 2, /data/checks/c)"));
  CHECK(document.boolean("checklist(3, 3, /data/checks/c, 5)"));
  CHECK_FALSE(document.boolean("checklist(0, 1, /data/checks/c)"));
}

TEST_CASE("weighted-checklist() sums the weights of the answers above 0", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.boolean("weighted-checklist(3, 3, 1, 2, 1, 1)"));
  CHECK_FALSE(document.boolean("weighted-checklist(4, -1, 1, 2, 0, 5, 1, 1)"));
  CHECK(document.boolean("weighted-checklist(-1, 3, 1, 2, 0, 5, 1, 1)"));
  CHECK(document.boolean("weighted-checklist(-1, -1)"));
  // Node-sets pair up item by item: c = 1 0 1 '' yes, w = 2 5 3 1 1 → 2 + 3.
  CHECK(document.boolean("weighted-checklist(5, 5, /data/checks/c, /data/weights/w)"));
  CHECK_FALSE(document.boolean("weighted-checklist(6, -1, /data/checks/c, /data/weights/w)"));
  CHECK(document.error("weighted-checklist(1, 2, /data/checks/c, 3)") ==
        "weighted-checklist() has 5 values but 1 weights");
}

// ---- dates --------------------------------------------------------------------------------

TEST_CASE("date-time() and decimal-time() in China Standard Time", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.text("date-time(0)") == "1970-01-01T00:00:00.000+08:00");
  CHECK(document.text("date-time(20000.5)") == "2024-10-04T12:00:00.000+08:00");
  CHECK(document.text("date-time(-0.25)") == "1969-12-31T18:00:00.000+08:00");
  CHECK(document.text("date-time('2026-11-27')") == "2026-11-27T00:00:00.000+08:00");
  CHECK(document.text("date-time('2026-11-27T02:00:00Z')") == "2026-11-27T10:00:00.000+08:00");
  CHECK(document.text("date-time(decimal-date-time('2026-11-27T10:15:30.250+08:00'))") ==
        "2026-11-27T10:15:30.250+08:00");
  CHECK(document.text("date-time('')").empty());
  CHECK(document.error("date-time('soon')") ==
        "date-time(): 'soon' is not a dateTime or a number of days");
  CHECK(document.text("date-time(1 div 0)").empty());

  CHECK(document.text("decimal-time('12:00:00.000+08:00')") == "0.5");
  CHECK(document.text("decimal-time('18:00')") == "0.75");
  CHECK(document.text("decimal-time('00:00')") == "0");
  CHECK(document.number("decimal-time('06:00:00Z')") == Approx(14.0 / 24).epsilon(1e-12));
  CHECK(document.number("decimal-time('06:00:00-02:00')") == Approx(16.0 / 24).epsilon(1e-12));
  CHECK(document.number("decimal-time('06:00-0200')") == Approx(16.0 / 24).epsilon(1e-12));
  CHECK(document.number("decimal-time('20:00Z')") == Approx(4.0 / 24).epsilon(1e-12));
  CHECK(document.number("decimal-time('2026-11-27T06:00:00+08:00')") == 0.25);
  CHECK(document.text("decimal-time('noon')") == "NaN");
  CHECK(document.text("decimal-time('25:00')") == "NaN");
  CHECK(document.text("decimal-time('')") == "NaN");
}

// ---- pulldata -----------------------------------------------------------------------------

TEST_CASE("pulldata() reads a column of the first item whose key matches", "[forms][expr][odk]") {
  for (const bool indexed : {false, true}) {
    INFO("indexed: " << indexed);
    const Document document(indexed);
    CHECK(document.text("pulldata('fees', 'fee', 'name', 'id_card')") == "0");
    CHECK(document.text("pulldata('fees', 'office', 'name', /data/service)") == "出入境窗口");
    CHECK(document.text("pulldata('fees', 'fee', 'name', 'passport') + 1") == "121");
    // No such key, no such column, an item without the column, the key compared as a string.
    CHECK(document.text("pulldata('fees', 'fee', 'name', 'visa')").empty());
    CHECK(document.text("pulldata('fees', 'colour', 'name', 'passport')").empty());
    CHECK(document.text("pulldata('fees', 'fee', 'name', 'licence')").empty());
    CHECK(document.text("pulldata('fees', 'name', 'fee', 0)") == "id_card");
    CHECK(document.text("pulldata('fees', 'name', 'fee', '0.0')").empty());
    CHECK(document.text("pulldata('fees', 'name', 'office', '交警窗口')") == "licence");
    CHECK(document.error("pulldata('nosuch', 'fee', 'name', 'x')") ==
          "pulldata(): there is no instance 'nosuch'");
  }
}

TEST_CASE("References of pulldata are those of its arguments", "[forms][expr][odk]") {
  CHECK(
      Expression::parse("pulldata('fees', 'fee', 'name', /data/service)").references("/data/fee") ==
      Paths{"/data/service"});
  CHECK(Expression::parse("once(/data/a + ../b)").references("/data/x/c") ==
        Paths{"/data/a", "/data/x/b"});
  CHECK(Expression::parse("random()").references("/data/x").empty());
}

// ---- geography ----------------------------------------------------------------------------

TEST_CASE("distance() sums great-circle arcs on ODK's sphere", "[forms][expr][odk]") {
  const Document document;
  // One degree along the equator: 6 378 100 m × π / 180.
  CHECK(document.number("distance('0 0 0 0;0 1 0 0')") == Approx(111318.84502).margin(0.01));
  CHECK(document.number("distance(/data/trace)") == Approx(111318.84502).margin(0.01));
  CHECK(document.number("distance('0 0;0 1;0 0')") == Approx(2 * 111318.84502).margin(0.02));
  // 深圳市民中心 to 广州塔, two geopoints of a node-set (the unanswered one skipped).
  CHECK(document.number("distance(/data/points/p)") == Approx(97964.54).margin(0.5));
  CHECK(document.number("distance('22.5431 114.0579;23.1066 113.3245')") ==
        Approx(97964.54).margin(0.5));
  // Fewer than two points: 0; altitude is ignored.
  CHECK(document.text("distance('22.5431 114.0579 10 5')") == "0");
  CHECK(document.text("distance('')") == "0");
  CHECK(document.number("distance('0 0 0 0;0 1 9000 0')") == Approx(111318.84502).margin(0.01));
  CHECK(document.error("distance('0 0;north')") ==
        "distance(): 'north' is not a point (latitude longitude [altitude [accuracy]])");
  CHECK(document.error("distance('91 0;0 0')") ==
        "distance(): '91 0' is not a point (latitude longitude [altitude [accuracy]])");
}

TEST_CASE("area() of a geoshape in square metres", "[forms][expr][odk]") {
  const Document document;
  // A square of 0.001° at the equator: (111.3188 m)².
  CHECK(document.number("area('0 0 0 0;0 0.001 0 0;0.001 0.001 0 0;0.001 0 0 0;0 0 0 0')") ==
        Approx(12391.885).margin(0.01));
  // In Shenzhen the east-west side shrinks by cos(22.5°).
  CHECK(document.number("area('22.5 114;22.5 114.001;22.501 114.001;22.501 114;22.5 114')") ==
        Approx(11448.568).margin(0.01));
  // The direction of travel does not matter; a line or a point has no area.
  CHECK(document.number("area('22.5 114;22.501 114;22.501 114.001;22.5 114.001;22.5 114')") ==
        Approx(11448.568).margin(0.01));
  CHECK(document.text("area('0 0;0 1')") == "0");
  CHECK(document.text("area('')") == "0");
  CHECK(document.error("area('0 0;0 1;x y')") ==
        "area(): 'x y' is not a point (latitude longitude [altitude [accuracy]])");
}

// ---- base64-decode and digest -------------------------------------------------------------

TEST_CASE("base64-decode() gives UTF-8 text, and '' for what is not Base64", "[forms][expr][odk]") {
  const Document document;
  CHECK(document.text("base64-decode('SGVsbG8=')") == "Hello");
  CHECK(document.text("base64-decode('SGVsbG8')") == "Hello");  // padding left out
  CHECK(document.text("base64-decode('5rex5Zyz5biC5rCR5Lit5b+D')") == "深圳市民中心");
  CHECK(document.text("base64-decode('TWE=')") == "Ma");
  CHECK(document.text("base64-decode('')").empty());
  CHECK(document.text("base64-decode('not base64!')").empty());
  CHECK(document.text("base64-decode('SGVsbG8=QQ==')").empty());
  CHECK(document.text("base64-decode('S')").empty());
  CHECK(document.text("base64-decode('/w==')") == "\xEF\xBF\xBD");  // byte FF: U+FFFD
}

TEST_CASE("digest() hashes the UTF-8 text, Base64 unless 'hex'", "[forms][expr][odk]") {
  const Document document;
  // FIPS 180-4 and RFC 1321 examples.
  CHECK(document.text("digest('abc', 'SHA-256', 'hex')") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(document.text("digest('abc', 'SHA-256')") ==
        "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(document.text("digest('abc', 'SHA-256', 'base64')") ==
        "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(document.text("digest('abc', 'MD5', 'hex')") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(document.text("digest('abc', 'SHA-1', 'hex')") ==
        "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(document.text("digest('', 'SHA-1', 'hex')") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(document.text("digest('abc', 'SHA-384', 'hex')") ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
        "34c825a7");
  CHECK(document.text("digest('abc', 'SHA-512', 'hex')") ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
        "a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(document.text("digest('张三', 'MD5')") == "YV21eqMUUpqqD76Vs+lb0w==");
  CHECK(document.error("digest('abc', 'sha256')") ==
        "digest(): the algorithm is 'MD5', 'SHA-1', 'SHA-256', 'SHA-384' or 'SHA-512', not "
        "'sha256'");
  CHECK(document.error("digest('abc', 'MD5', 'base32')") ==
        "digest(): the encoding is 'base64' or 'hex', not 'base32'");
}

// ---- forms --------------------------------------------------------------------------------

TEST_CASE("A form's pulldata() follows the answer it looks up", "[forms][form-session][odk]") {
  const auto definition = load(feeForm(), "fee.xml");
  CHECK(definition->graph().cycles().empty());
  FormSession session(definition);
  CHECK(session.value("/data/fee").empty());
  auto changes = session.setAnswer("/data/service", "passport");
  CHECK(valueChanged(changes, "/data/fee"));
  CHECK(session.value("/data/fee") == "120");
  CHECK(session.value("/data/office") == "出入境窗口");
  changes = session.setAnswer("/data/service", "id_card");
  CHECK(session.value("/data/fee") == "0");
  CHECK(session.value("/data/office") == "户政窗口");
  changes = session.setAnswer("/data/service", "");
  CHECK(session.value("/data/fee").empty());
}

TEST_CASE("A form's once() keeps its first value through later answers",
          "[forms][form-session][odk]") {
  FormSession session(load(feeForm(), "fee.xml"));
  CHECK(session.value("/data/first_name").empty());
  // once(int(random() * 1000)) is drawn when the session starts and kept.
  const std::string ticket = session.value("/data/ticket");
  REQUIRE_FALSE(ticket.empty());
  CHECK(std::stoi(ticket) >= 0);
  CHECK(std::stoi(ticket) < 1000);
  const double draw = std::stod(session.value("/data/draw"));
  CHECK(draw >= 0);
  CHECK(draw < 1);

  auto changes = session.setAnswer("/data/applicant", "张三");
  CHECK(valueChanged(changes, "/data/first_name"));
  CHECK(session.value("/data/first_name") == "张三");
  CHECK(session.value("/data/code") ==
        "1d841bc0ee98309cb7916670b7f0fdef5f4c35150711a41405ef3633b56322cf");
  changes = session.setAnswer("/data/applicant", "李四");
  CHECK_FALSE(valueChanged(changes, "/data/first_name"));
  CHECK(session.value("/data/first_name") == "张三");
  CHECK(session.value("/data/ticket") == ticket);
}

TEST_CASE("A form's distance() over a geotrace answer", "[forms][form-session][odk]") {
  FormSession session(load(feeForm(), "fee.xml"));
  CHECK(session.value("/data/route_m") == "0");
  auto changes = session.setAnswer("/data/route", "22.5431 114.0579 0 0;23.1066 113.3245 0 0");
  CHECK(valueChanged(changes, "/data/route_m"));
  CHECK(session.value("/data/route_m") == "97965");
}

TEST_CASE("A pulldata() naming an instance the form does not declare does not load, located",
          "[forms][xforms][odk]") {
  const std::string text = feeForm("pulldata('prices', 'fee', 'name',  /data/service )");
  const auto at = text.find("pulldata('prices'");
  REQUIRE(at != std::string::npos);
  const auto line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  try {
    (void)loadXFormText(text, "fee.xml");
    FAIL("the form loaded");
  } catch (const LoadError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    const auto& problem = error.diagnostics().front();
    CHECK(problem.line == line);
    CHECK(problem.message.find("pulldata('prices', …), which names an instance the form does "
                               "not declare") != std::string::npos);
  }
}
