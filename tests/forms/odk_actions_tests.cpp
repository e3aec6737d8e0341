// Forms the way pyxform writes XLSForm's trigger column (setvalue on xforms-value-changed inside
// the source control), default values in repeats (odk-new-repeat) and jr:preload="property",
// each loaded and run in a session.

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;

namespace {

// survey: text name; text greeting with trigger ${name} and calculation
// concat('您好，', ${name}); calculate shout = concat(${greeting}, '！'); begin_repeat members
// with text member_name, text member_note (trigger ${member_name}, calculation
// string-length(${member_name})) and integer member_seq (default position(..) on new repeats);
// deviceid and username metadata.
const char* kTriggerForm = R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <h:head>
    <h:title>Triggers</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="triggers" version="2026120601">
          <deviceid/>
          <username/>
          <name/>
          <greeting/>
          <shout/>
          <members jr:template="">
            <member_name/>
            <member_note/>
            <member_seq/>
          </members>
          <meta>
            <instanceID/>
          </meta>
        </data>
      </instance>
      <bind jr:preload="property" jr:preloadParams="deviceid" nodeset="/data/deviceid" type="string"/>
      <bind jr:preload="property" jr:preloadParams="username" nodeset="/data/username" type="string"/>
      <bind nodeset="/data/name" type="string"/>
      <bind nodeset="/data/greeting" type="string"/>
      <bind calculate="concat( /data/greeting , '！')" nodeset="/data/shout" type="string"/>
      <bind nodeset="/data/members/member_name" type="string"/>
      <bind nodeset="/data/members/member_note" type="string"/>
      <bind nodeset="/data/members/member_seq" type="int"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/data/name">
      <label>Name</label>
      <setvalue event="xforms-value-changed" ref="/data/greeting" value="concat('您好，',  /data/name )"/>
    </input>
    <input ref="/data/greeting">
      <label>Greeting</label>
    </input>
    <group ref="/data/members">
      <label>Members</label>
      <repeat nodeset="/data/members">
        <setvalue event="odk-new-repeat" ref="/data/members/member_seq" value="position(..)"/>
        <input ref="/data/members/member_name">
          <label>Member</label>
          <setvalue event="xforms-value-changed" ref="/data/members/member_note" value="string-length( ../member_name )"/>
        </input>
        <input ref="/data/members/member_note">
          <label>Note</label>
        </input>
        <input ref="/data/members/member_seq">
          <label>Seq</label>
        </input>
      </repeat>
    </group>
  </h:body>
</h:html>
)xml";

std::shared_ptr<const XFormDefinition> triggerForm() {
  return std::make_shared<const XFormDefinition>(loadXFormText(kTriggerForm, "triggers.xml"));
}

}  // namespace

TEST_CASE("A trigger sets its target when the answer changes, and only then",
          "[forms][xforms][actions]") {
  FormSession session(triggerForm());
  CHECK(session.value("/data/greeting").empty());

  const auto changes = session.setAnswer("/data/name", "张三");
  CHECK(session.value("/data/greeting") == "您好，张三");
  REQUIRE(changes.find("/data/greeting") != nullptr);
  CHECK(changes.find("/data/greeting")->value);
  // What reads the target follows it in the same change.
  CHECK(session.value("/data/shout") == "您好，张三！");
  REQUIRE(changes.find("/data/shout") != nullptr);

  // The clerk may correct the target; the same answer again changes nothing, so the
  // correction stays; a new answer sets the target again.
  session.setAnswer("/data/greeting", "张先生好");
  CHECK(session.setAnswer("/data/name", "张三").nodes.empty());
  CHECK(session.value("/data/greeting") == "张先生好");
  session.setAnswer("/data/name", "李四");
  CHECK(session.value("/data/greeting") == "您好，李四");
  CHECK(session.value("/data/shout") == "您好，李四！");
}

TEST_CASE("A trigger inside a repeat sets the target of its own instance",
          "[forms][xforms][actions]") {
  FormSession session(triggerForm());
  session.addRepeat("/data/members");
  session.addRepeat("/data/members");
  session.addRepeat("/data/members");
  // odk-new-repeat: each new instance numbered by its position.
  CHECK(session.value("/data/members[1]/member_seq") == "1");
  CHECK(session.value("/data/members[3]/member_seq") == "3");

  session.setAnswer("/data/members[2]/member_name", "王小明");
  CHECK(session.value("/data/members[2]/member_note") == "3");
  CHECK(session.value("/data/members[1]/member_note").empty());
  CHECK(session.value("/data/members[3]/member_note").empty());
  session.setAnswer("/data/members[1]/member_name", "李");
  CHECK(session.value("/data/members[1]/member_note") == "1");
  CHECK(session.value("/data/members[2]/member_note") == "3");
}

TEST_CASE("jr:preload property gives the station's id and the clerk's",
          "[forms][xforms][actions]") {
  SessionOptions options;
  options.deviceId = "ST-0001";
  options.userName = "c1001";
  FormSession session(triggerForm(), options);
  CHECK(session.value("/data/deviceid") == "ST-0001");
  CHECK(session.value("/data/username") == "c1001");
  CHECK_THAT(session.submissionXml(), Catch::Contains("<deviceid>ST-0001</deviceid>") &&
                                          Catch::Contains("<username>c1001</username>"));

  // A resumed draft keeps who started it, even when another clerk resumes it.
  SessionOptions other = options;
  other.userName = "c1002";
  auto resumed = FormSession::resume(triggerForm(), session.instanceXml(), other);
  CHECK(resumed.value("/data/username") == "c1001");

  // Properties a desk computer does not have are refused with the reason.
  std::string text = kTriggerForm;
  text.replace(text.find("\"username\""), 10, "\"phonenumber\"");
  try {
    (void)loadXFormText(text, "phone.xml");
    FAIL("the form loaded");
  } catch (const LoadError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].line == 24);
    CHECK_THAT(error.diagnostics()[0].message,
               Catch::Contains("\"phonenumber\" has no meaning at a window") &&
                   Catch::Contains("no phone number"));
  }
}

TEST_CASE("xforms-ready runs as odk-instance-first-load, with a note", "[forms][xforms][actions]") {
  std::string text = kTriggerForm;
  text.replace(text.find("      <bind nodeset=\"/data/name\""), 0,
               "      <setvalue event=\"xforms-ready\" ref=\"/data/name\">来宾</setvalue>\n");
  const auto definition = std::make_shared<const XFormDefinition>(loadXFormText(text, "ready.xml"));
  REQUIRE(definition->notes.size() == 1);
  CHECK_THAT(definition->notes[0].message,
             Catch::Contains("older name of odk-instance-first-load"));
  FormSession session(definition);
  CHECK(session.value("/data/name") == "来宾");
}

TEST_CASE("odk-new-repeat may set a node outside the repeat, and a relative ref follows its group",
          "[forms][xforms][actions]") {
  // A count of members added, kept outside the repeat; a trigger inside a group with a relative
  // target.
  const std::string text = R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
  <h:head>
    <h:title>Counts</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="counts">
          <added>0</added>
          <twice/>
          <g><a/><b/></g>
          <r jr:template=""><x/></r>
        </data>
      </instance>
      <bind nodeset="/data/added" type="int"/>
      <bind nodeset="/data/twice" type="int" calculate=" /data/added * 2"/>
      <bind nodeset="/data/g/a" type="string"/>
      <bind nodeset="/data/g/b" type="string"/>
      <bind nodeset="/data/r/x" type="string"/>
    </model>
  </h:head>
  <h:body>
    <group ref="/data/g">
      <input ref="a"><label>A</label><setvalue event="xforms-value-changed" ref="b" value="concat(../a, '!')"/></input>
      <input ref="b"><label>B</label></input>
    </group>
    <repeat nodeset="/data/r">
      <setvalue event="odk-new-repeat" ref="/data/added" value=" /data/added + 1"/>
      <input ref="/data/r/x"><label>X</label></input>
    </repeat>
  </h:body>
</h:html>
)xml";
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(text, "counts.xml")));
  session.addRepeat("/data/r");
  const auto changes = session.addRepeat("/data/r");
  CHECK(session.value("/data/added") == "2");
  CHECK(session.value("/data/twice") == "4");
  REQUIRE(changes.find("/data/twice") != nullptr);
  session.setAnswer("/data/g/a", "好");
  CHECK(session.value("/data/g/b") == "好!");
}
