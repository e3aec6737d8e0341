#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "forms/form_session.hpp"

using namespace onewindow::forms;

namespace {

std::shared_ptr<const XFormDefinition> load(const std::string& name) {
  return std::make_shared<const XFormDefinition>(
      loadXForm(std::string(ONEWINDOW_FORMS_FIXTURES) + "/xlsform/" + name));
}

// 2026-11-27 10:00 in Shenzhen.
SessionOptions fixedOptions(std::string language = {}) {
  SessionOptions options;
  options.language = std::move(language);
  options.clock = [] {
    using namespace std::chrono;
    return sys_days{year{2026} / 11 / 27} + hours{2};
  };
  options.newInstanceId = [] { return std::string("uuid:00000000-0000-4000-8000-000000000001"); };
  return options;
}

const ControlView* find(const std::vector<ControlView>& views, const std::string& path) {
  for (const auto& view : views) {
    if (view.path == path) return &view;
    if (const auto* inner = find(view.children, path)) return inner;
    if (const auto* inner = find(view.instances, path)) return inner;
  }
  return nullptr;
}

std::vector<std::string> values(const std::vector<ChoiceView>& choices) {
  std::vector<std::string> out;
  out.reserve(choices.size());
  for (const auto& choice : choices) out.push_back(choice.value);
  return out;
}

std::vector<std::string> labels(const std::vector<ChoiceView>& choices) {
  std::vector<std::string> out;
  out.reserve(choices.size());
  for (const auto& choice : choices) out.push_back(choice.label);
  return out;
}

std::vector<std::string> paths(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const auto& problem : problems) out.push_back(problem.path);
  return out;
}

std::vector<std::string> changedPaths(const ChangeSet& changes) {
  std::vector<std::string> out;
  out.reserve(changes.nodes.size());
  for (const auto& change : changes.nodes) out.push_back(change.path);
  return out;
}

}  // namespace

TEST_CASE("A new household session renders its controls in the default language",
          "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions());
  CHECK(session.language() == "zh");
  const auto controls = session.controls();
  REQUIRE(controls.size() == 5);
  CHECK(controls[0].kind == ControlKind::Input);
  CHECK(controls[0].path == "/data/head_name");
  CHECK(controls[0].label == "户主姓名");
  CHECK(controls[0].required);
  CHECK(controls[1].kind == ControlKind::Select1);
  CHECK(values(controls[1].choices) == std::vector<std::string>{"futian", "nanshan"});
  CHECK(labels(controls[1].choices) == std::vector<std::string>{"福田区", "南山区"});
  CHECK(controls[2].choices.empty());  // no district yet
  CHECK(controls[4].type == DataType::Int);
  CHECK(session.value("/data/meta/instanceID") == "uuid:00000000-0000-4000-8000-000000000001");
}

TEST_CASE("Cascading selects follow the answer above them", "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions());
  auto changes = session.setAnswer("/data/district", "futian");
  const auto* street = changes.find("/data/street");
  REQUIRE(street != nullptr);
  CHECK(street->choices);
  CHECK(values(session.control("/data/street").choices) ==
        std::vector<std::string>{"shatou", "xiangmihu"});

  session.setAnswer("/data/street", "shatou");
  CHECK(values(session.control("/data/community").choices) ==
        std::vector<std::string>{"tianan", "shatou_c"});
  CHECK(labels(session.control("/data/community").choices) ==
        std::vector<std::string>{"天安社区", "沙头社区"});

  // Another district: the street's choices change and its answer is no longer one of them.
  changes = session.setAnswer("/data/district", "nanshan");
  street = changes.find("/data/street");
  REQUIRE(street != nullptr);
  CHECK(street->choices);
  CHECK(street->validity);
  CHECK(values(session.control("/data/street").choices) == std::vector<std::string>{"yuehai"});
  const auto problem = session.problemAt("/data/street");
  REQUIRE(problem);
  CHECK(problem->message == "Choose one of the listed choices.");
  CHECK(problem->label == "街道");

  session.setAnswer("/data/street", "yuehai");
  CHECK_FALSE(session.problemAt("/data/street"));
  CHECK(values(session.control("/data/community").choices) == std::vector<std::string>{"keyuan"});
}

TEST_CASE("An answer recalculates only what depends on it", "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions());
  const auto changes = session.setAnswer("/data/head_name", "  王小明 ");
  CHECK(changedPaths(changes) == std::vector<std::string>{"/data/head_name"});
  REQUIRE(changes.nodes.size() == 1);
  CHECK(changes.nodes[0].value);
  CHECK(changes.nodes[0].validity);  // the required problem went away
  CHECK_FALSE(changes.nodes[0].relevant);
  CHECK(session.value("/data/head_name") == "王小明");
  CHECK(session.setAnswer("/data/head_name", "王小明").nodes.empty());  // nothing changed
}

TEST_CASE("Answers are checked for their type and the form's constraint", "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions());
  session.setAnswer("/data/household_size", "3a");
  CHECK(session.problemAt("/data/household_size")->message == "Enter a whole number, digits only.");
  session.setAnswer("/data/household_size", "25");
  CHECK(session.problemAt("/data/household_size")->message ==
        "This answer is not accepted by the form.");
  session.setAnswer("/data/household_size", " +04 ");
  CHECK(session.value("/data/household_size") == "4");
  CHECK_FALSE(session.problemAt("/data/household_size"));
}

TEST_CASE("Problems list every required answer at once in form order", "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions());
  auto problems = session.problems();
  CHECK(paths(problems) == std::vector<std::string>{"/data/head_name", "/data/district",
                                                    "/data/street", "/data/community",
                                                    "/data/household_size"});
  CHECK(problems[0].label == "户主姓名");
  CHECK(problems[0].message == "This answer is required.");
  session.setLanguage("en");
  problems = session.problems();
  CHECK(problems[0].label == "Name of the household head");
  session.setAnswer("/data/head_name", "Wang");
  CHECK(session.problems().size() == 4);
}

TEST_CASE("Switching the language switches labels and choices", "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions("en"));
  CHECK(session.control("/data/district").label == "District");
  CHECK(labels(session.control("/data/district").choices) ==
        std::vector<std::string>{"Futian", "Nanshan"});
  session.setLanguage("zh");
  CHECK(session.control("/data/district").label == "所在区");
  CHECK_THROWS_AS(session.setLanguage("fr"), SessionError);
  CHECK_THROWS_AS(FormSession(load("household.xml"), fixedOptions("fr")), SessionError);
}

TEST_CASE("jr:choice-name reads the label of a chosen value in the session language",
          "[forms][form-session]") {
  FormSession session(load("household.xml"), fixedOptions());
  session.setAnswer("/data/district", "futian");
  session.setAnswer("/data/street", "xiangmihu");
  const auto expression = expr::Expression::parse("jr:choice-name(/data/street, '/data/street')");
  expr::Context context;
  context.node = session.instance().document_element();
  context.current = context.node;
  context.environment = &session.environment();
  CHECK(expression.evaluateString(context) == "香蜜湖街道");
  session.setLanguage("en");
  CHECK(expression.evaluateString(context) == "Xiangmihu");
}

TEST_CASE("A draft round-trips through its instance XML", "[forms][form-session]") {
  const auto form = load("household.xml");
  FormSession session(form, fixedOptions());
  session.setAnswer("/data/head_name", "王小明");
  session.setAnswer("/data/district", "futian");
  session.setAnswer("/data/street", "shatou");
  const std::string draft = session.instanceXml();
  CHECK_THAT(draft, Catch::Contains("<data id=\"household\" version=\"2026110101\">"));
  CHECK_THAT(draft, Catch::Contains("<head_name>王小明</head_name>"));

  auto resumed = FormSession::resume(form, draft, fixedOptions());
  CHECK(resumed.instanceXml() == draft);
  CHECK(resumed.value("/data/street") == "shatou");
  CHECK(values(resumed.control("/data/community").choices) ==
        std::vector<std::string>{"tianan", "shatou_c"});
  CHECK(resumed.problems().size() == 2);  // community, household size

  CHECK_THROWS_AS(FormSession::resume(load("family.xml"), draft, fixedOptions()), SessionError);
  std::string foreign = draft;
  foreign.replace(foreign.find("<head_name>"), 11, "<headname>");
  foreign.replace(foreign.find("</head_name>"), 12, "</headname>");
  CHECK_THROWS_WITH(FormSession::resume(form, foreign, fixedOptions()),
                    Catch::Contains("/data/headname"));
}

TEST_CASE("Repeats grow and shrink and their calculations follow", "[forms][form-session]") {
  FormSession session(load("family.xml"), fixedOptions());
  CHECK(session.repeatCount("/data/members") == 1);
  CHECK(session.value("/data/member_count") == "1");

  auto changes = session.setAnswer("/data/members[1]/id_number", "440304195005121239");
  const auto* age = changes.find("/data/members[1]/age");
  REQUIRE(age != nullptr);
  CHECK(age->value);
  CHECK(session.value("/data/members[1]/age") == "76");

  changes = session.addRepeat("/data/members");
  CHECK(changes.repeats == std::vector<std::string>{"/data/members"});
  CHECK(session.repeatCount("/data/members") == 2);
  CHECK(session.value("/data/member_count") == "2");
  const auto* summary = changes.find("/data/summary");
  REQUIRE(summary != nullptr);
  CHECK(summary->label);
  CHECK(session.control("/data/summary").label == "共 2 名成员");

  session.setAnswer("/data/members[2]/id_number", "440304199003072347");
  CHECK(session.value("/data/members[2]/age") == "36");
  CHECK(session.value("/data/members[1]/age") == "76");

  const auto repeat = session.control("/data/members");
  CHECK(repeat.kind == ControlKind::Repeat);
  CHECK(repeat.canAddRemove);
  CHECK(repeat.label == "家庭成员");
  REQUIRE(repeat.instances.size() == 2);
  CHECK(repeat.instances[1].path == "/data/members[2]");
  REQUIRE(repeat.instances[1].children.size() == 3);
  CHECK(repeat.instances[1].children[1].path == "/data/members[2]/id_number");
  CHECK(repeat.instances[1].children[1].hint == "18位居民身份证号");
  CHECK(repeat.instances[1].children[2].choices.size() == 3);

  const auto second = session.control("/data/members[2]");
  CHECK(second.kind == ControlKind::Group);
  CHECK(second.path == "/data/members[2]");
  CHECK(second.label == "家庭成员");
  CHECK(second.children.size() == 3);

  session.removeRepeat("/data/members", 1);
  CHECK(session.repeatCount("/data/members") == 1);
  CHECK(session.value("/data/members[1]/age") == "36");
  CHECK(session.value("/data/member_count") == "1");
  CHECK_THROWS_AS(session.removeRepeat("/data/members", 2), SessionError);
}

TEST_CASE("A jr:count repeat follows its count", "[forms][form-session]") {
  FormSession session(load("family.xml"), fixedOptions());
  CHECK(session.repeatCount("/data/children") == 0);  // no count yet
  auto changes = session.setAnswer("/data/child_count", "2");
  CHECK(changes.repeats == std::vector<std::string>{"/data/children"});
  CHECK(session.repeatCount("/data/children") == 2);
  session.setAnswer("/data/children[2]/child_name", "小红");
  const auto problemPaths = paths(session.problems());
  CHECK(std::count(problemPaths.begin(), problemPaths.end(), "/data/children[1]/child_name") == 1);
  CHECK(std::count(problemPaths.begin(), problemPaths.end(), "/data/children[2]/child_name") == 0);
  session.setAnswer("/data/child_count", "1");
  CHECK(session.repeatCount("/data/children") == 1);
  CHECK_FALSE(session.control("/data/children").canAddRemove);
  CHECK_THROWS_AS(session.addRepeat("/data/children"), SessionError);
}

TEST_CASE("Problems inside repeats carry the instance path", "[forms][form-session]") {
  FormSession session(load("family.xml"), fixedOptions("en"));
  session.setAnswer("/data/members[1]/id_number", "440304195005121230");
  const auto problem = session.problemAt("/data/members[1]/id_number");
  REQUIRE(problem);
  CHECK(problem->label == "ID number");
  CHECK(problem->message == "This answer is not accepted by the form.");
}

TEST_CASE("Relevance hides a group whose answers stay in the draft and leave the submission",
          "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions());
  CHECK_FALSE(session.relevant("/data/disability/level"));
  auto problemPaths = paths(session.problems());
  CHECK(std::find(problemPaths.begin(), problemPaths.end(), "/data/disability/level") ==
        problemPaths.end());

  auto changes = session.setAnswer("/data/has_disability", "yes");
  for (const auto* path :
       {"/data/disability", "/data/disability/level", "/data/disability/certificate"}) {
    INFO(path);
    const auto* change = changes.find(path);
    REQUIRE(change != nullptr);
    CHECK(change->relevant);
  }
  problemPaths = paths(session.problems());
  CHECK(std::find(problemPaths.begin(), problemPaths.end(), "/data/disability/certificate") !=
        problemPaths.end());

  session.setAnswer("/data/disability/level", "2");
  session.setAnswer("/data/disability/certificate", "cert-0001.jpg");
  session.setAnswer("/data/has_disability", "no");
  CHECK_FALSE(session.relevant("/data/disability/level"));
  CHECK(session.value("/data/disability/level") == "2");
  CHECK_THAT(session.instanceXml(), Catch::Contains("<level>2</level>"));
  const auto submission = session.submissionXml();
  CHECK_THAT(submission, Catch::Contains("<level />"));
  CHECK_THAT(submission, Catch::Contains("<certificate />"));
  CHECK_THAT(submission, Catch::Contains("<has_disability>no</has_disability>"));
  CHECK_THROWS_AS(session.setAnswer("/data/disability/level", "1"), SessionError);
}

TEST_CASE("Messages come from itext in the session language", "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions());
  CHECK(session.problemAt("/data/applicant_name")->message == "请填写申请人姓名");
  session.setAnswer("/data/id_number", "440304195005121230");
  CHECK(session.problemAt("/data/id_number")->message == "身份证号码校验失败");
  session.setLanguage("en");
  CHECK(session.problemAt("/data/id_number")->message == "The ID number's check digit is wrong");
  CHECK(session.problemAt("/data/applicant_name")->message == "Enter the applicant's name");
  session.setAnswer("/data/id_number", "440304195005121239");
  CHECK_FALSE(session.problemAt("/data/id_number"));
}

TEST_CASE("Dates are checked for shape and existence and the form's rule on a fixed clock",
          "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions("en"));
  session.setAnswer("/data/birth_date", "1950/05/12");
  CHECK(session.problemAt("/data/birth_date")->message ==
        "Enter a date as YYYY-MM-DD, for example 2026-11-27.");
  session.setAnswer("/data/birth_date", "2026-02-30");
  CHECK(session.problemAt("/data/birth_date")->message == "There is no such day in the calendar.");
  session.setAnswer("/data/birth_date", "2026-11-28");
  CHECK(session.problemAt("/data/birth_date")->message ==
        "The date of birth cannot be in the future");
  session.setAnswer("/data/birth_date", "2026-11-27");
  CHECK_FALSE(session.problemAt("/data/birth_date"));
}

TEST_CASE("A multiple select takes listed values within its constraint", "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions("en"));
  session.setAnswer("/data/services", " allowance   bogus ");
  CHECK(session.value("/data/services") == "allowance bogus");
  CHECK(session.problemAt("/data/services")->message ==
        "'bogus' is not one of the listed choices.");
  session.setAnswer("/data/services", "allowance care transport");
  CHECK(session.problemAt("/data/services")->message == "Choose at most two");
  session.setAnswer("/data/services", "allowance care");
  CHECK_FALSE(session.problemAt("/data/services"));
  const auto view = session.control("/data/services");
  CHECK(view.kind == ControlKind::Select);
  CHECK(labels(view.choices) ==
        std::vector<std::string>{"Living allowance", "Nursing allowance", "Transport allowance"});
}

TEST_CASE("Uploads are material slots", "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions());
  auto slots = session.uploadSlots();
  REQUIRE(slots.size() == 1);
  CHECK(slots[0].path == "/data/disability/certificate");
  CHECK(slots[0].materialKey == "disability_cert");
  CHECK(slots[0].label == "残疾人证照片");
  CHECK(slots[0].mediatype == "image/*");
  CHECK(slots[0].required);
  CHECK_FALSE(slots[0].relevant);
  session.setAnswer("/data/has_disability", "yes");
  session.setAnswer("/data/disability/certificate", "scan-17.jpg");
  slots = session.uploadSlots();
  CHECK(slots[0].relevant);
  CHECK(slots[0].value == "scan-17.jpg");
  const auto view = session.control("/data/disability/certificate");
  CHECK(view.kind == ControlKind::Upload);
  CHECK(view.materialKey == "disability_cert");
}

TEST_CASE("Label outputs follow the answers they show", "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions());
  const auto changes = session.setAnswer("/data/applicant_name", "张三");
  const auto* summary = changes.find("/data/summary");
  REQUIRE(summary != nullptr);
  CHECK(summary->label);
  CHECK(session.control("/data/summary").label == "申请人：张三");
  CHECK(session.control("/data/summary").readonly);
}

TEST_CASE("Calls the form does not allow are errors", "[forms][form-session]") {
  FormSession session(load("allowance.xml"), fixedOptions());
  CHECK_THROWS_AS(session.setAnswer("/data/summary", "x"), SessionError);          // read-only
  CHECK_THROWS_AS(session.setAnswer("/data/meta/instanceID", "x"), SessionError);  // no control
  CHECK_THROWS_AS(session.setAnswer("/data/nothing", "x"), SessionError);
  CHECK_THROWS_AS(session.setAnswer("/data/disability", "x"), SessionError);  // a group
  CHECK_THROWS_AS(session.value("not a path"), SessionError);
  CHECK_THROWS_AS(session.addRepeat("/data/applicant_name"), SessionError);
}

namespace {

// Hand-written constructs pyxform writes less often: static items, inline labels with outputs,
// relative refs, setvalue on first load and new repeat, nested repeats, a select from a repeat,
// a fixed repeat and a conditional read-only.
const char* const kMiscForm = R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
  <h:head>
    <h:title>Misc</h:title>
    <model>
      <instance>
        <data id="misc">
          <start/>
          <end/>
          <today/>
          <name/>
          <greeting/>
          <kind>b</kind>
          <people jr:template="">
            <pname/>
            <stamp/>
            <kids jr:template="">
              <kname/>
            </kids>
          </people>
          <favourite/>
          <fixed><v/></fixed>
          <fixed><v/></fixed>
          <lock/>
          <locked/>
        </data>
      </instance>
      <bind jr:preload="timestamp" jr:preloadParams="start" nodeset="/data/start" type="dateTime"/>
      <bind jr:preload="timestamp" jr:preloadParams="end" nodeset="/data/end" type="dateTime"/>
      <bind jr:preload="date" jr:preloadParams="today" nodeset="/data/today" type="date"/>
      <bind nodeset="/data/name" type="string"/>
      <bind nodeset="/data/greeting" type="string" readonly="true()"/>
      <bind nodeset="/data/kind" type="select1"/>
      <bind nodeset="/data/people/pname" type="string" required="true()"/>
      <bind nodeset="/data/people/stamp" type="string"/>
      <bind nodeset="/data/people/kids/kname" type="string"/>
      <bind nodeset="/data/favourite" type="string"/>
      <bind nodeset="/data/fixed/v" type="string"/>
      <bind nodeset="/data/lock" type="string"/>
      <bind nodeset="/data/locked" type="string" readonly=" /data/lock = 'yes'"/>
      <setvalue event="odk-instance-first-load" ref="/data/name" value="concat('A', 'nn')"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/data/name"><label>Name</label></input>
    <input ref="/data/greeting"><label>Hello <output value=" /data/name "/>!</label></input>
    <select1 ref="/data/kind">
      <label>Kind</label>
      <item><label>Alpha</label><value>a</value></item>
      <item><label>Beta</label><value>b</value></item>
    </select1>
    <group ref="/data/people">
      <label>People</label>
      <repeat nodeset="/data/people">
        <setvalue event="odk-new-repeat" ref="/data/people/stamp" value="concat('#', count( /data/people ))"/>
        <input ref="pname"><label>Person</label></input>
        <repeat nodeset="/data/people/kids">
          <input ref="/data/people/kids/kname"><label>Kid</label></input>
        </repeat>
      </repeat>
    </group>
    <select1 ref="/data/favourite">
      <label>Favourite</label>
      <itemset nodeset="/data/people"><value ref="pname"/><label ref="concat('Mx ', pname)"/></itemset>
    </select1>
    <repeat jr:noAddRemove="true()" nodeset="/data/fixed">
      <input ref="/data/fixed/v"><label>V</label></input>
    </repeat>
    <input ref="/data/lock"><label>Lock</label></input>
    <input ref="/data/locked"><label>Locked</label></input>
  </h:body>
</h:html>
)xml";

std::shared_ptr<const XFormDefinition> misc() {
  return std::make_shared<const XFormDefinition>(loadXFormText(kMiscForm, "misc.xml"));
}

}  // namespace

TEST_CASE("Static items and inline outputs and first-load setvalues", "[forms][form-session]") {
  FormSession session(misc(), fixedOptions());
  CHECK(session.language().empty());
  CHECK(session.value("/data/name") == "Ann");
  CHECK(session.control("/data/greeting").label == "Hello Ann!");
  const auto changes = session.setAnswer("/data/name", "Bob");
  REQUIRE(changes.find("/data/greeting") != nullptr);
  CHECK(changes.find("/data/greeting")->label);
  CHECK(session.control("/data/greeting").label == "Hello Bob!");
  const auto kind = session.control("/data/kind");
  CHECK(kind.value == "b");
  CHECK(labels(kind.choices) == std::vector<std::string>{"Alpha", "Beta"});
  CHECK_THROWS_AS(session.setAnswer("/data/greeting", "x"), SessionError);
}

TEST_CASE("Nested repeats and new-repeat setvalues and a select from a repeat",
          "[forms][form-session]") {
  FormSession session(misc(), fixedOptions());
  CHECK(session.repeatCount("/data/people") == 0);
  session.addRepeat("/data/people");
  session.addRepeat("/data/people");
  CHECK(session.value("/data/people[1]/stamp") == "#1");
  CHECK(session.value("/data/people[2]/stamp") == "#2");
  CHECK(session.repeatCount("/data/people[2]/kids") == 0);
  const auto added = session.addRepeat("/data/people[2]/kids");
  CHECK(added.repeats == std::vector<std::string>{"/data/people[2]/kids"});
  session.setAnswer("/data/people[2]/kids[1]/kname", "Kai");
  CHECK(session.value("/data/people[2]/kids[1]/kname") == "Kai");

  CHECK(session.control("/data/favourite").choices.empty());
  const auto changes = session.setAnswer("/data/people[1]/pname", "Xu");
  REQUIRE(changes.find("/data/favourite") != nullptr);
  CHECK(changes.find("/data/favourite")->choices);
  const auto favourite = session.control("/data/favourite");
  CHECK(values(favourite.choices) == std::vector<std::string>{"Xu"});
  CHECK(labels(favourite.choices) == std::vector<std::string>{"Mx Xu"});

  session.setAnswer("/data/name", "Bob");
  const auto draft = session.instanceXml();
  auto resumed = FormSession::resume(misc(), draft, fixedOptions());
  CHECK(resumed.instanceXml() == draft);
  CHECK(resumed.value("/data/people[2]/kids[1]/kname") == "Kai");
  CHECK(resumed.value("/data/name") == "Bob");  // first load happens once
}

TEST_CASE("Fixed repeats and conditional read-only", "[forms][form-session]") {
  FormSession session(misc(), fixedOptions());
  CHECK(session.repeatCount("/data/fixed") == 2);
  CHECK_FALSE(session.control("/data/fixed").canAddRemove);
  CHECK_THROWS_AS(session.addRepeat("/data/fixed"), SessionError);
  CHECK_THROWS_AS(session.removeRepeat("/data/fixed", 1), SessionError);
  session.setAnswer("/data/fixed[2]/v", "two");
  CHECK(session.value("/data/fixed[2]/v") == "two");

  session.setAnswer("/data/locked", "before");
  const auto changes = session.setAnswer("/data/lock", "yes");
  REQUIRE(changes.find("/data/locked") != nullptr);
  CHECK(changes.find("/data/locked")->readonly);
  CHECK(session.control("/data/locked").readonly);
  CHECK_THROWS_AS(session.setAnswer("/data/locked", "after"), SessionError);
}

TEST_CASE("Start and today are set on a new instance and end in the submission",
          "[forms][form-session]") {
  FormSession session(misc(), fixedOptions());
  CHECK(session.value("/data/start") == "2026-11-27T10:00:00.000+08:00");
  CHECK(session.value("/data/today") == "2026-11-27");
  CHECK(session.value("/data/end").empty());
  CHECK_THAT(session.submissionXml(), Catch::Contains("<end>2026-11-27T10:00:00.000+08:00</end>"));

  // A resumed draft keeps its start: the form was started then, not now.
  auto later = fixedOptions();
  later.clock = [] {
    using namespace std::chrono;
    return sys_days{year{2026} / 11 / 28} + hours{1} + minutes{2} + seconds{3};
  };
  auto resumed = FormSession::resume(misc(), session.instanceXml(), later);
  CHECK(resumed.value("/data/start") == "2026-11-27T10:00:00.000+08:00");
  CHECK_THAT(resumed.submissionXml(), Catch::Contains("<end>2026-11-28T09:02:03.000+08:00</end>"));
}
