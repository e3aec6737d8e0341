// range and odk:rank, written the way pyxform writes XLSForm's range and rank types, loaded and
// run in a session.

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;

namespace {

// survey: range satisfaction (start=1 end=5 step=1); range weight (start=0 end=10 step=0.5,
// decimal); select_one district; rank services with choice_filter district=${district}.
const char* kForm = R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <h:head>
    <h:title>Scales</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="scales" version="2026120601">
          <satisfaction/>
          <weight/>
          <district/>
          <services/>
          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
      <instance id="services">
        <root>
          <item><name>hukou</name><label>户籍</label><district>futian</district></item>
          <item><name>social</name><label>社保</label><district>futian</district></item>
          <item><name>tax</name><label>税务</label><district>futian</district></item>
          <item><name>permit</name><label>居住证</label><district>nanshan</district></item>
          <item><name>senior</name><label>长者卡</label><district>nanshan</district></item>
        </root>
      </instance>
      <bind nodeset="/data/satisfaction" type="int" required="true()"/>
      <bind nodeset="/data/weight" type="decimal"/>
      <bind nodeset="/data/district" type="string"/>
      <bind nodeset="/data/services" type="odk:rank"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <range end="5" ref="/data/satisfaction" start="1" step="1" appearance="rating">
      <label>满意度</label>
    </range>
    <range end="10" ref="/data/weight" start="0" step="0.5">
      <label>重量</label>
    </range>
    <select1 ref="/data/district">
      <label>区</label>
      <item><label>福田区</label><value>futian</value></item>
      <item><label>南山区</label><value>nanshan</value></item>
    </select1>
    <odk:rank ref="/data/services">
      <label>办理顺序</label>
      <itemset nodeset="instance('services')/root/item[district= /data/district ]">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </odk:rank>
  </h:body>
</h:html>
)xml";

std::shared_ptr<const XFormDefinition> scales() {
  return std::make_shared<const XFormDefinition>(loadXFormText(kForm, "scales.xml"));
}

std::vector<std::string> values(const ControlView& view) {
  std::vector<std::string> out;
  for (const auto& choice : view.choices) out.push_back(choice.value);
  return out;
}

}  // namespace

TEST_CASE("A range takes the values of its scale and no others", "[forms][xforms][controls]") {
  FormSession session(scales());
  const auto view = session.control("/data/satisfaction");
  CHECK(view.kind == ControlKind::Range);
  CHECK(view.type == DataType::Int);
  CHECK(view.rangeStart == 1);
  CHECK(view.rangeEnd == 5);
  CHECK(view.rangeStep == 1);
  CHECK(view.appearance == "rating");
  CHECK(view.required);

  session.setAnswer("/data/satisfaction", "4");
  CHECK(session.problemAt("/data/satisfaction") == std::nullopt);
  session.setAnswer("/data/satisfaction", "6");
  REQUIRE(session.problemAt("/data/satisfaction"));
  CHECK_THAT(session.problemAt("/data/satisfaction")->message, Catch::Contains("on the scale"));
  session.setAnswer("/data/satisfaction", "0");
  CHECK(session.problemAt("/data/satisfaction"));

  const auto weight = session.control("/data/weight");
  CHECK(weight.type == DataType::Decimal);
  CHECK(weight.rangeStep == 0.5);
  session.setAnswer("/data/weight", "7.5");
  CHECK(session.problemAt("/data/weight") == std::nullopt);
  session.setAnswer("/data/weight", "7.25");
  CHECK(session.problemAt("/data/weight"));
  session.setAnswer("/data/weight", "10");
  CHECK(session.problemAt("/data/weight") == std::nullopt);
  session.setAnswer("/data/weight", "abc");
  CHECK(session.problemAt("/data/weight"));
}

TEST_CASE("A rank holds every choice once, in the order given", "[forms][xforms][controls]") {
  FormSession session(scales());
  session.setAnswer("/data/district", "futian");
  const auto view = session.control("/data/services");
  CHECK(view.kind == ControlKind::Rank);
  CHECK(view.type == DataType::Rank);
  CHECK(values(view) == std::vector<std::string>{"hukou", "social", "tax"});

  session.setAnswer("/data/services", "tax  hukou social");
  CHECK(session.value("/data/services") == "tax hukou social");
  CHECK(session.problemAt("/data/services") == std::nullopt);
  session.setAnswer("/data/services", "tax hukou");
  CHECK_THAT(session.problemAt("/data/services")->message, Catch::Contains("every listed choice"));
  session.setAnswer("/data/services", "tax hukou hukou");
  CHECK(session.problemAt("/data/services"));

  // Other choices make the order given no longer an order of them.
  session.setAnswer("/data/services", "tax hukou social");
  session.setAnswer("/data/district", "nanshan");
  CHECK(values(session.control("/data/services")) == std::vector<std::string>{"permit", "senior"});
  CHECK(session.problemAt("/data/services"));
  session.setAnswer("/data/services", "senior permit");
  CHECK(session.problemAt("/data/services") == std::nullopt);
}

TEST_CASE("A range's scale is checked when the form loads", "[forms][xforms][controls]") {
  std::string text = kForm;
  text.replace(text.find("step=\"0.5\""), 10, "step=\"0\"");
  text.replace(text.find("end=\"5\""), 7, "end=\"five\"");
  try {
    (void)loadXFormText(text, "bad.xml");
    FAIL("the form loaded");
  } catch (const LoadError& error) {
    REQUIRE(error.diagnostics().size() == 2);
    CHECK(error.diagnostics()[0].line == 34);
    CHECK_THAT(error.diagnostics()[0].message, Catch::Contains("range end must be a number"));
    CHECK(error.diagnostics()[1].line == 37);
    CHECK_THAT(error.diagnostics()[1].message, Catch::Contains("range step must be more than 0"));
  }
}

TEST_CASE("A range on an int bind needs a whole scale, and a boolean takes true or false",
          "[forms][xforms][controls]") {
  std::string text = kForm;
  text.replace(text.find("step=\"1\""), 8, "step=\"0.5\"");
  try {
    (void)loadXFormText(text, "half.xml");
    FAIL("the form loaded");
  } catch (const LoadError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK_THAT(error.diagnostics()[0].message,
               Catch::Contains("a range on an int bind needs a whole start and step"));
  }
  std::string flag = kForm;
  flag.replace(flag.find("nodeset=\"/data/district\" type=\"string\""), 38,
               "nodeset=\"/data/district\" type=\"boolean\"");
  flag.replace(flag.find("<select1 ref=\"/data/district\">"), 30, "<input ref=\"/data/district\">");
  flag.replace(flag.find("</select1>"), 10, "</input>");
  const auto start = flag.find("<item><label>福田区");
  flag.erase(start, flag.find("</input>") - start);
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(flag, "flag.xml")));
  CHECK(session.control("/data/district").type == DataType::Boolean);
  session.setAnswer("/data/district", "true");
  CHECK(session.problemAt("/data/district") == std::nullopt);
  session.setAnswer("/data/district", "yes");
  CHECK_THAT(session.problemAt("/data/district")->message, Catch::Contains("true or false"));
}

TEST_CASE("A rank over a list that repeats a value asks for each value once",
          "[forms][xforms][controls]") {
  std::string text = kForm;
  text.replace(text.find("<name>tax</name>"), 16, "<name>hukou</name>");
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(text, "dup.xml")));
  session.setAnswer("/data/district", "futian");
  session.setAnswer("/data/services", "social hukou");
  CHECK(session.problemAt("/data/services") == std::nullopt);
}

TEST_CASE("An acknowledgement is OK once given, as XLSForm's acknowledge writes it",
          "[forms][xforms][controls]") {
  const std::string text = R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
  <h:head>
    <h:title>Notice</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="notice"><informed/><signed_on/></data>
      </instance>
      <bind nodeset="/data/informed" type="string" required="true()"/>
      <bind nodeset="/data/signed_on" type="string" relevant=" /data/informed = 'OK'"/>
    </model>
  </h:head>
  <h:body>
    <trigger ref="/data/informed">
      <label>已告知申请人一次性补正的材料</label>
    </trigger>
    <input ref="/data/signed_on"><label>签收日期</label></input>
  </h:body>
</h:html>
)xml";
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(text, "ack.xml")));
  const auto view = session.control("/data/informed");
  CHECK(view.kind == ControlKind::Trigger);
  CHECK(view.required);
  CHECK_FALSE(session.relevant("/data/signed_on"));
  REQUIRE(session.problemAt("/data/informed"));  // required and not given
  session.setAnswer("/data/informed", "OK");
  CHECK(session.problemAt("/data/informed") == std::nullopt);
  CHECK(session.relevant("/data/signed_on"));
  session.setAnswer("/data/informed", "yes");
  CHECK_THAT(session.problemAt("/data/informed")->message, Catch::Contains("Acknowledge"));
}
