#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "forms/form_graph.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;

namespace {

std::string fixture(const std::string& name) {
  return std::string(ONEWINDOW_FORMS_FIXTURES) + "/" + name;
}

// The diagnostics of a form that must not load.
std::vector<Diagnostic> rejection(const std::string& path) {
  try {
    (void)loadXForm(path);
  } catch (const LoadError& error) {
    return error.diagnostics();
  }
  FAIL("the form loaded: " << path);
  return {};
}

std::vector<Diagnostic> rejectionOfText(const std::string& text) {
  try {
    (void)loadXFormText(text, "inline.xml");
  } catch (const LoadError& error) {
    return error.diagnostics();
  }
  FAIL("the form loaded");
  return {};
}

// A small pyxform-shaped form; `model` and `body` are inserted as given.
std::string form(const std::string& instance, const std::string& model, const std::string& body) {
  return "<?xml version=\"1.0\"?>\n"
         "<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\""
         " xmlns:jr=\"http://openrosa.org/javarosa\" "
         "xmlns:odk=\"http://www.opendatakit.org/xforms\">\n"
         "  <h:head>\n"
         "    <h:title>T</h:title>\n"
         "    <model odk:xforms-version=\"1.0.0\">\n"
         "      <instance>\n"
         "        <data id=\"t\">" +
         instance +
         "</data>\n"
         "      </instance>\n" +
         model +
         "    </model>\n"
         "  </h:head>\n"
         "  <h:body>\n" +
         body +
         "  </h:body>\n"
         "</h:html>\n";
}

const Control* findControl(const std::vector<Control>& controls, const std::string& ref,
                           ControlKind kind) {
  for (const auto& control : controls) {
    if (control.ref == ref && control.kind == kind) return &control;
    if (const auto* inner = findControl(control.children, ref, kind)) return inner;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("The household form loads with its translations and cascading itemsets",
          "[forms][xforms]") {
  const auto form = loadXForm(fixture("xlsform/household.xml"));
  CHECK(form.id == "household");
  CHECK(form.version == "2026110101");
  CHECK(form.title == "户籍家庭登记");
  CHECK(form.languages == std::vector<std::string>{"zh", "en"});
  CHECK(form.defaultLanguage == "zh");
  CHECK(form.secondaryInstanceIds() == std::vector<std::string>{"community", "district", "street"});
  REQUIRE(form.secondaryInstance("street") != nullptr);
  CHECK(std::string(form.secondaryInstance("street")->document_element().name()) == "root");

  const auto* street = findControl(form.body, "/data/street", ControlKind::Select1);
  REQUIRE(street != nullptr);
  REQUIRE(street->itemset);
  CHECK(street->itemset->labelItextId);
  CHECK(street->label.itextId == "/data/street:label");
  const auto* label = form.text(street->label, "en");
  REQUIRE(label != nullptr);
  REQUIRE(label->size() == 1);
  CHECK(label->front().literal == "Street");

  const auto* size = form.bindFor("/data/household_size");
  REQUIRE(size != nullptr);
  CHECK(size->type == DataType::Int);
  CHECK(size->required);
  CHECK(size->constraint);
  // select_one binds arrive as "string"; the control makes them select1.
  CHECK(form.bindFor("/data/district")->type == DataType::Select1);
  CHECK(form.bindFor("/data/meta/instanceID")->preload == Preload::Uid);
}

TEST_CASE("The itemset of a cascade depends on the select above it", "[forms][xforms]") {
  const auto form = loadXForm(fixture("xlsform/household.xml"));
  const int district = form.nodeIndex("/data/district");
  const int street = form.nodeIndex("/data/street");
  const int community = form.nodeIndex("/data/community");
  bool streetItemset = false;
  bool communityItemset = false;
  for (const auto c : form.graph().afterValueChange(district)) {
    const auto& computation = form.graph().computations()[c];
    if (computation.kind == ComputeKind::Itemset && computation.node == street) {
      streetItemset = true;
    }
  }
  for (const auto c : form.graph().afterValueChange(street)) {
    const auto& computation = form.graph().computations()[c];
    // current()/../street in the community's itemset
    if (computation.kind == ComputeKind::Itemset && computation.node == community) {
      communityItemset = true;
    }
  }
  CHECK(streetItemset);
  CHECK(communityItemset);
}

TEST_CASE("The family form loads its repeats with templates and jr:count", "[forms][xforms]") {
  const auto form = loadXForm(fixture("xlsform/family.xml"));
  const auto members = form.nodeIndex("/data/members");
  REQUIRE(members >= 0);
  CHECK(form.nodes[static_cast<std::size_t>(members)].repeat);
  const auto templateNode = form.repeatTemplate("/data/members");
  REQUIRE(templateNode);
  CHECK(templateNode.child("id_number"));
  const auto* children = findControl(form.body, "/data/children", ControlKind::Repeat);
  REQUIRE(children != nullptr);
  CHECK(children->repeatCount);
  CHECK_FALSE(children->noAddRemove);
  const auto* age = form.bindFor("/data/members/age");
  REQUIRE(age != nullptr);
  CHECK(age->calculate);
  // The summary label's output reads the member count.
  const int count = form.nodeIndex("/data/member_count");
  bool labelFollows = false;
  for (const auto c : form.graph().afterValueChange(count)) {
    labelFollows |= form.graph().computations()[c].kind == ComputeKind::Label;
  }
  CHECK(labelFollows);
}

TEST_CASE("The allowance form loads messages and relevance and a multiple select and an upload",
          "[forms][xforms]") {
  const auto form = loadXForm(fixture("xlsform/allowance.xml"));
  const auto* id = form.bindFor("/data/id_number");
  REQUIRE(id != nullptr);
  CHECK(id->constraintMessage.itextId == "/data/id_number:jr:constraintMsg");
  CHECK(form.bindFor("/data/applicant_name")->requiredMessage.itextId ==
        "/data/applicant_name:jr:requiredMsg");
  CHECK(form.bindFor("/data/birth_date")->type == DataType::Date);
  CHECK(form.bindFor("/data/services")->type == DataType::Select);
  const auto* certificate = form.bindFor("/data/disability/certificate");
  REQUIRE(certificate != nullptr);
  CHECK(certificate->type == DataType::Binary);
  CHECK(certificate->materialKey == "disability_cert");
  const auto* group = findControl(form.body, "/data/disability", ControlKind::Group);
  REQUIRE(group != nullptr);
  CHECK(group->appearance == "field-list");
  const auto* upload = findControl(form.body, "/data/disability/certificate", ControlKind::Upload);
  REQUIRE(upload != nullptr);
  CHECK(upload->mediatype == "image/*");
}

TEST_CASE("Unsupported constructs are rejected at their file and line and column",
          "[forms][xforms]") {
  struct Case {
    std::string file;
    std::size_t line;
    std::size_t column;
    std::string words;
  };
  const std::vector<Case> cases = {
      {"xforms/broken_setgeopoint.xml", 27, 7,
       "odk:setgeopoint has no meaning at a window: a desk computer has no location sensor"},
      {"xforms/broken_external_instance.xml", 16, 35,
       "external instance 'jr://instance/casedb': only jr://file/"},
      {"xforms/broken_secret.xml", 30, 5, "<secret> is not part of the supported XForms subset"},
      {"xforms/broken_bind_type.xml", 16, 40, "bind type 'long' is not supported"},
      {"xforms/broken_missing_node.xml", 17, 22, "/data/aeg is not a node of the primary instance"},
      {"xforms/broken_cycle.xml", 20, 24,
       "dependency cycle: /data/a (calculate) -> /data/b (calculate) -> /data/a"},
      {"xforms/broken_expression.xml", 17, 65, "bad expression in relevant"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const auto diagnostics = rejection(fixture(c.file));
    REQUIRE(diagnostics.size() == 1);
    const auto& d = diagnostics.front();
    CHECK(d.file == fixture(c.file));
    CHECK(d.line == c.line);
    CHECK(d.column == c.column);
    CHECK_THAT(d.message, Catch::Contains(c.words));
  }
}

TEST_CASE("Every problem of a form is reported in one pass in file order", "[forms][xforms]") {
  const std::string text =
      form("<a/><b/><c/><d/>",
           "      <bind nodeset=\"/data/a\" type=\"long\"/>\n"
           "      <bind nodeset=\"/data/b\" type=\"string\" jr:preload=\"property\" "
           "jr:preloadParams=\"simserial\"/>\n"
           "      <bind nodeset=\"/data/c\" type=\"string\" relevant=\"/data/zz = 1\"/>\n"
           "      <submission method=\"post\"/>\n",
           "    <input ref=\"/data/c\" appearance=\"map\"><label>C</label></input>\n"
           "    <odk:recordaudio ref=\"/data/d\"/>\n");
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 6);
  CHECK(diagnostics[0].toString() ==
        "inline.xml:9:37: bind type 'long' is not supported (supported: string, int, "
        "decimal, date, time, dateTime, select1, select, binary, barcode, geopoint, geotrace, "
        "geoshape, odk:rank, boolean)");
  CHECK(diagnostics[1].line == 10);
  CHECK(diagnostics[1].column == 85);
  CHECK_THAT(diagnostics[1].message,
             Catch::StartsWith("jr:preload=\"property\" with jr:preloadParams=\"simserial\" has "
                               "no meaning at a window"));
  CHECK(diagnostics[2].toString() ==
        "inline.xml:11:55: relevant refers to /data/zz, which is not a node of the primary "
        "instance");
  CHECK(diagnostics[3].line == 12);
  CHECK_THAT(diagnostics[3].message, Catch::Contains("<submission>"));
  CHECK(diagnostics[4].line == 16);
  CHECK(diagnostics[4].column == 38);
  CHECK_THAT(diagnostics[4].message, Catch::Contains("appearance 'map' is not supported"));
  CHECK(diagnostics[5].line == 17);
  CHECK(diagnostics[5].column == 5);
  CHECK_THAT(diagnostics[5].message,
             Catch::StartsWith("odk:recordaudio has no meaning at a window"));
}

TEST_CASE("Translations must cover every text in every language", "[forms][xforms]") {
  const std::string text =
      "<?xml version=\"1.0\"?>\n"
      "<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\""
      " xmlns:jr=\"http://openrosa.org/javarosa\">\n"
      "<h:head><h:title>T</h:title><model>\n"
      "<itext>\n"
      "<translation lang=\"zh\"><text id=\"q:label\"><value>问</value></text></translation>\n"
      "<translation lang=\"en\"><text id=\"other\"><value>Q</value></text></translation>\n"
      "</itext>\n"
      "<instance><data id=\"t\"><q/></data></instance>\n"
      "<bind nodeset=\"/data/q\" type=\"string\"/>\n"
      "</model></h:head>\n"
      "<h:body><input ref=\"/data/q\"><label ref=\"jr:itext('q:label')\"/></input>"
      "<input ref=\"/data/q\"><label ref=\"jr:itext('gone')\"/></input></h:body>\n"
      "</h:html>\n";
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].toString() ==
        "inline.xml:11:42: itext id 'q:label' has no text in language 'en'");
  CHECK(diagnostics[1].toString() == "inline.xml:11:72: a second control for /data/q");
  CHECK(diagnostics[2].toString() == "inline.xml:11:105: itext id 'gone' is not in <itext>");
}

TEST_CASE("Controls must bind nodes of the primary instance with a fitting type",
          "[forms][xforms]") {
  const std::string text =
      form("<photo/><when/>",
           "      <bind nodeset=\"/data/photo\" type=\"string\"/>\n"
           "      <bind nodeset=\"/data/when\" type=\"date\"/>\n",
           "    <upload mediatype=\"image/*\" ref=\"/data/photo\"><label>P</label></upload>\n"
           "    <select1 ref=\"/data/when\"><label>W</label><item><label>A</label><value>a</value>"
           "</item></select1>\n"
           "    <input ref=\"/data/missing\"><label>M</label></input>\n"
           "    <upload mediatype=\"audio/*\" ref=\"/data/photo\"><label>A</label></upload>\n");
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 5);
  // A type mismatch points at the bind's type.
  CHECK(diagnostics[0].toString() ==
        "inline.xml:9:41: <upload ref=\"/data/photo\"> needs a bind of type binary, not string");
  CHECK(diagnostics[1].toString() ==
        "inline.xml:10:40: <select1 ref=\"/data/when\"> needs a bind of type string or select1, "
        "not date");
  CHECK(diagnostics[2].toString() ==
        "inline.xml:16:17: /data/missing is not a node of the primary instance");
  CHECK(diagnostics[3].toString() == "inline.xml:17:5: a second control for /data/photo");
  CHECK(diagnostics[4].line == 17);
  CHECK(diagnostics[4].column == 24);
  CHECK_THAT(diagnostics[4].message, Catch::Contains("upload mediatype 'audio/*'"));
}

TEST_CASE("A relevant that reads its own node is a cycle", "[forms][xforms]") {
  const std::string text = form(
      "<g><x/></g>",
      "      <bind nodeset=\"/data/g\" relevant=\" /data/g/x  = 'yes'\"/>\n"
      "      <bind nodeset=\"/data/g/x\" type=\"string\"/>\n",
      "    <group ref=\"/data/g\"><input ref=\"/data/g/x\"><label>X</label></input></group>\n");
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].toString() ==
        "inline.xml:9:41: dependency cycle: /data/g (relevant) -> /data/g");
}

TEST_CASE("Malformed XML is reported where the parser stopped", "[forms][xforms]") {
  const auto diagnostics = rejectionOfText("<?xml version=\"1.0\"?>\n<h:html>\n  <oops\n");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].line == 3);
  CHECK_THAT(diagnostics[0].message, Catch::StartsWith("not well-formed XML"));
}

TEST_CASE("Setvalue loads on first load, on a new repeat and on a changed answer",
          "[forms][xforms]") {
  const std::string good = form(
      "<n/><r jr:template=\"\"><g><v/></g><w/></r>",
      "      <bind nodeset=\"/data/n\" type=\"string\"/>\n"
      "      <bind nodeset=\"/data/r/g/v\" type=\"string\"/>\n"
      "      <bind nodeset=\"/data/r/w\" type=\"string\"/>\n"
      "      <setvalue event=\"odk-instance-first-load\" ref=\"/data/n\" value=\"concat('a', "
      "'b')\"/>\n",
      "    <input ref=\"/data/n\"><label>N</label></input>\n"
      "    <group ref=\"/data/r\"><label/><repeat nodeset=\"/data/r\">\n"
      "      <group ref=\"/data/r/g\"><label/>\n"
      "        <setvalue event=\"odk-instance-first-load odk-new-repeat\" ref=\"/data/r/g/v\" "
      "value=\"'x'\"/>\n"
      "        <input ref=\"/data/r/g/v\"><label>V</label>\n"
      "          <setvalue event=\"xforms-value-changed\" ref=\"/data/r/w\" value=\"now()\"/>\n"
      "        </input>\n"
      "      </group>\n"
      "      <input ref=\"/data/r/w\"><label>W</label></input>\n"
      "    </repeat></group>\n");
  const auto loaded = loadXFormText(good, "good.xml");
  REQUIRE(loaded.setValues.size() == 3);
  CHECK(loaded.setValues[0].onFirstLoad);
  CHECK(loaded.setValues[1].onNewRepeat);
  CHECK(loaded.setValues[1].onFirstLoad);
  CHECK(loaded.setValues[1].repeat == "/data/r");
  CHECK(loaded.setValues[2].onValueChanged);
  CHECK(loaded.setValues[2].source == "/data/r/g/v");
  CHECK(loaded.setValues[2].ref == "/data/r/w");

  // Each misplaced action is reported at its event, all in one pass, with the reason.
  const std::string bad =
      form("<n/><m/><r><v/></r>",
           "      <bind nodeset=\"/data/n\" type=\"string\"/>\n"
           "      <setvalue event=\"xforms-value-changed\" ref=\"/data/m\" value=\"1\"/>\n",
           "    <input ref=\"/data/n\"><label>N</label>\n"
           "      <setvalue event=\"odk-new-repeat\" ref=\"/data/m\" value=\"1\"/>\n"
           "      <setvalue event=\"xforms-focus\" ref=\"/data/m\" value=\"1\"/>\n"
           "      <odk:setgeopoint event=\"xforms-value-changed\" ref=\"/data/m\"/>\n"
           "    </input>\n"
           "    <repeat nodeset=\"/data/r\"><input ref=\"/data/r/v\"><label>V</label></input>"
           "</repeat>\n");
  const auto diagnostics = rejectionOfText(bad);
  REQUIRE(diagnostics.size() == 4);
  CHECK(diagnostics[0].line == 10);
  CHECK_THAT(diagnostics[0].message,
             Catch::Contains("must be inside the control whose answer changes") &&
                 Catch::Contains("not in the model"));
  CHECK(diagnostics[1].line == 15);
  CHECK_THAT(diagnostics[1].message, Catch::Contains("must be inside the <repeat>"));
  CHECK(diagnostics[2].line == 16);
  CHECK_THAT(diagnostics[2].message, Catch::Contains("'xforms-focus' has no meaning at a window"));
  CHECK(diagnostics[3].line == 17);
  CHECK_THAT(diagnostics[3].message,
             Catch::Contains("odk:setgeopoint has no meaning at a window: a desk computer"));
}

TEST_CASE("Elements repeated in the instance need a repeat and a complete template",
          "[forms][xforms]") {
  const std::string text =
      form("<x/><x/><r jr:template=\"\"><a/></r><r><a/><b/></r>",
           "      <bind nodeset=\"/data/r/a\" type=\"string\"/>\n",
           "    <group ref=\"/data/r\"><label/><repeat nodeset=\"/data/r\">"
           "<input ref=\"/data/r/a\"><label>A</label></input></repeat></group>\n");
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].toString() ==
        "inline.xml:7:26: /data/x appears more than once in the primary instance but no "
        "<repeat nodeset=\"/data/x\"> is in the body");
  CHECK(diagnostics[1].toString() ==
        "inline.xml:7:63: /data/r/b is in a repeat instance but not in the repeat's template");
}

TEST_CASE("Every form of the sample catalog loads and opens a session", "[forms][xforms]") {
  const std::filesystem::path forms = std::filesystem::path(ONEWINDOW_SAMPLE_CATALOG) / "forms";
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(forms)) {
    if (entry.path().extension() != ".xml") continue;
    INFO(entry.path().string());
    std::shared_ptr<const XFormDefinition> definition;
    try {
      definition = std::make_shared<const XFormDefinition>(loadXForm(entry.path().string()));
    } catch (const LoadError& error) {
      FAIL(error.what());
    }
    FormSession session(definition);
    CHECK_FALSE(session.controls().empty());
    ++count;
  }
  CHECK(count > 0);
}

TEST_CASE("A relevant inside a repeat may read a count of the repeat", "[forms][xforms]") {
  // Relevance keeps values, so it changes nothing a count over the repeat reads: no cycle.
  const std::string text =
      form("<n/><r jr:template=\"\"><q/></r>",
           "      <bind calculate=\"count( /data/r )\" nodeset=\"/data/n\" type=\"string\"/>\n"
           "      <bind nodeset=\"/data/r/q\" relevant=\" /data/n  &gt; 1\" type=\"string\"/>\n",
           "    <group ref=\"/data/r\"><label/><repeat nodeset=\"/data/r\">"
           "<input ref=\"/data/r/q\"><label>Q</label></input></repeat></group>\n");
  const auto loaded = loadXFormText(text, "inline.xml");
  CHECK(loaded.graph().cycles().empty());
}

TEST_CASE("Translated choices need their text in every language", "[forms][xforms]") {
  const std::string text =
      "<?xml version=\"1.0\"?>\n"
      "<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\""
      " xmlns:jr=\"http://openrosa.org/javarosa\">\n"
      "<h:head><h:title>T</h:title><model>\n"
      "<itext>\n"
      "<translation lang=\"zh\"><text id=\"c-0\"><value>甲</value></text>"
      "<text id=\"c-1\"><value>乙</value></text></translation>\n"
      "<translation lang=\"en\"><text id=\"c-0\"><value>A</value></text></translation>\n"
      "</itext>\n"
      "<instance><data id=\"t\"><q/></data></instance>\n"
      "<instance id=\"c\"><root><item><itextId>c-0</itextId><name>a</name></item>"
      "<item><itextId>c-1</itextId><name>b</name></item>"
      "<item><itextId>c-9</itextId><name>z</name></item></root></instance>\n"
      "<bind nodeset=\"/data/q\" type=\"string\"/>\n"
      "</model></h:head>\n"
      "<h:body><select1 ref=\"/data/q\"><label>Q</label>\n"
      "<itemset nodeset=\"instance('c')/root/item\"><value ref=\"name\"/>"
      "<label ref=\"jr:itext(itextId)\"/></itemset></select1></h:body>\n"
      "</h:html>\n";
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].toString() ==
        "inline.xml:13:75: choice text 'c-1' of instance 'c' has no text in language 'en'");
  CHECK(diagnostics[1].toString() ==
        "inline.xml:13:75: choice text 'c-9' of instance 'c' is not in <itext>");
}

TEST_CASE("Other tools' attributes and a bind's id load as located notes, never errors",
          "[forms][xforms][odk]") {
  // As pyxform and ODK Central write them: orx:/odk: attributes, an id on each bind, a draft
  // flag, a type with its schema prefix (declared or not).
  const std::string text = form(
      "<name/><age/><weight/><meta><instanceID/></meta>",
      "      <bind nodeset=\"/data/name\" type=\"string\" id=\"name\" saveIncomplete=\"true()\""
      " odk:length=\"20\"/>\n"
      "      <bind nodeset=\"/data/age\" type=\"xsd:int\" xmlns:xsd="
      "\"http://www.w3.org/2001/XMLSchema\"/>\n"
      "      <bind nodeset=\"/data/weight\" type=\"xsd:decimal\"/>\n"
      "      <bind nodeset=\"/data/meta/instanceID\" type=\"string\" readonly=\"true()\""
      " jr:preload=\"uid\" orx:note=\"x\" xmlns:orx=\"http://openrosa.org/xforms\"/>\n",
      "    <input ref=\"/data/name\" odk:autocomplete=\"off\"><label>Name</label></input>\n"
      "    <input ref=\"/data/age\"><label>Age</label></input>\n"
      "    <input ref=\"/data/weight\"><label>Weight</label></input>\n");
  const XFormDefinition definition = loadXFormText(text, "inline.xml");
  CHECK(definition
            .binds[static_cast<std::size_t>(
                definition.nodes[static_cast<std::size_t>(definition.nodeIndex("/data/age"))].bind)]
            .type == DataType::Int);
  CHECK(definition
            .binds[static_cast<std::size_t>(
                definition.nodes[static_cast<std::size_t>(definition.nodeIndex("/data/weight"))]
                    .bind)]
            .type == DataType::Decimal);
  std::vector<std::string> notes;
  for (const Diagnostic& note : definition.notes) {
    CHECK(note.file == "inline.xml");
    CHECK(note.line > 0);
    notes.push_back(std::to_string(note.line) + ": " + note.message);
  }
  INFO(Catch::StringMaker<std::vector<std::string>>::convert(notes));
  REQUIRE(notes.size() == 5);
  CHECK_THAT(notes[0], Catch::StartsWith("9: ") && Catch::Contains("id on <bind>"));
  CHECK_THAT(notes[1], Catch::StartsWith("9: ") && Catch::Contains("saveIncomplete on <bind>"));
  CHECK_THAT(notes[2], Catch::StartsWith("9: ") && Catch::Contains("odk:length") &&
                           Catch::Contains("another tool"));
  CHECK_THAT(notes[3], Catch::StartsWith("12: ") && Catch::Contains("orx:note"));
  CHECK_THAT(notes[4], Catch::StartsWith("16: ") && Catch::Contains("odk:autocomplete"));
  // A session runs it as any other form.
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(text, "inline.xml")));
  (void)session.setAnswer("/data/age", "42");
  CHECK(session.value("/data/age") == "42");
  CHECK_FALSE(session.value("/data/meta/instanceID").empty());

  // What is misspelt in a core namespace is still an error, and every one is said.
  const auto problems = rejectionOfText(
      form("<name/>",
           "      <bind nodeset=\"/data/name\" type=\"string\" requierd=\"true()\""
           " jr:constraintMessage=\"x\"/>\n",
           "    <input ref=\"/data/name\" odk:x=\"1\"><label>Name</label></input>\n"));
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0].message, Catch::Contains("requierd") &&
                                      Catch::Contains("not part of the supported XForms subset"));
  CHECK_THAT(problems[1].message, Catch::Contains("jr:constraintMessage"));
}

TEST_CASE("A setvalue without a value attribute sets its text, as written",
          "[forms][xforms][odk]") {
  const std::string text =
      form("<city/><r jr:template=\"\"><v/></r>",
           "      <bind nodeset=\"/data/city\" type=\"string\"/>\n"
           "      <bind nodeset=\"/data/r/v\" type=\"string\"/>\n"
           "      <setvalue event=\"odk-instance-first-load\" ref=\"/data/city\">深圳市 罗湖区"
           "</setvalue>\n",
           "    <input ref=\"/data/city\"><label>City</label></input>\n"
           "    <group ref=\"/data/r\"><label/><repeat nodeset=\"/data/r\">\n"
           "      <setvalue event=\"odk-new-repeat\" ref=\"/data/r/v\">1 + 1</setvalue>\n"
           "      <input ref=\"/data/r/v\"><label>V</label></input>\n"
           "    </repeat></group>\n");
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(text, "t.xml")));
  CHECK(session.value("/data/city") == "深圳市 罗湖区");
  (void)session.addRepeat("/data/r");
  CHECK(session.value("/data/r[1]/v") == "1 + 1");  // a literal, never an expression

  const auto problems =
      rejectionOfText(form("<city/>",
                           "      <bind nodeset=\"/data/city\" type=\"string\"/>\n"
                           "      <setvalue event=\"odk-instance-first-load\" ref=\"/data/city\""
                           " value=\"'a'\">b</setvalue>\n"
                           "      <setvalue event=\"odk-instance-first-load\" ref=\"/data/city\">"
                           "<b>x</b></setvalue>\n",
                           "    <input ref=\"/data/city\"><label>City</label></input>\n"));
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0].message, Catch::Contains("both a value attribute and text"));
  CHECK_THAT(problems[1].message, Catch::Contains("not <b>"));
}

TEST_CASE("Barcode and geo types load as text inputs whose answers keep the ODK format",
          "[forms][xforms][odk]") {
  const std::string text =
      form("<code/><spot/><route/><area/>",
           "      <bind nodeset=\"/data/code\" type=\"barcode\"/>\n"
           "      <bind nodeset=\"/data/spot\" type=\"geopoint\" required=\"true()\"/>\n"
           "      <bind nodeset=\"/data/route\" type=\"geotrace\"/>\n"
           "      <bind nodeset=\"/data/area\" type=\"geoshape\"/>\n",
           "    <input ref=\"/data/code\"><label>Code</label></input>\n"
           "    <input ref=\"/data/spot\"><label>Spot</label></input>\n"
           "    <input ref=\"/data/route\"><label>Route</label></input>\n"
           "    <input ref=\"/data/area\"><label>Area</label></input>\n");
  FormSession session(std::make_shared<const XFormDefinition>(loadXFormText(text, "geo.xml")));
  CHECK(session.control("/data/spot").type == DataType::Geopoint);
  const auto problemOf = [&](const char* path, const char* answer) {
    (void)session.setAnswer(path, answer);
    const auto problem = session.problemAt(path);
    return problem ? problem->message : std::string();
  };
  CHECK(problemOf("/data/code", "6901234567892") == "");
  CHECK(problemOf("/data/spot", "22.5431 114.0579") == "");
  CHECK(problemOf("/data/spot", "22.5431 114.0579 12.5 4.0") == "");
  CHECK_THAT(problemOf("/data/spot", "22.5431"), Catch::StartsWith("Enter a point"));
  CHECK_THAT(problemOf("/data/spot", "北纬 22 度"), Catch::StartsWith("Enter a point"));
  CHECK_THAT(problemOf("/data/spot", "114.0579 222.5"), Catch::StartsWith("Latitude is from"));
  CHECK(problemOf("/data/spot", "22.5 114.0 10 -1") == "The accuracy cannot be negative.");
  CHECK(problemOf("/data/route", "22.54 114.05; 22.55 114.06 0 5") == "");
  CHECK_THAT(problemOf("/data/route", "22.54 114.05"), Catch::Contains("at least two points"));
  CHECK(problemOf("/data/area", "22.54 114.05;22.55 114.06;22.56 114.05;22.54 114.05") == "");
  CHECK_THAT(problemOf("/data/area", "22.54 114.05;22.55 114.06;22.56 114.05;22.57 114.05"),
             Catch::Contains("repeat the first point last"));
  CHECK_THAT(problemOf("/data/area", "22.54 114.05;22.55 114.06;22.54 114.05"),
             Catch::Contains("at least four points"));
  // What was typed is kept, as for any answer of the wrong shape.
  CHECK(session.value("/data/area") == "22.54 114.05;22.55 114.06;22.54 114.05");
}

TEST_CASE("What has no meaning at a window is refused with the reason, all in one pass",
          "[forms][xforms]") {
  const std::string text = form(
      "<sig/><voice/><meta><instanceID/><entity dataset=\"trees\" create=\"1\" id=\"\">"
      "<label/></entity></meta>",
      "      <instance id=\"cases\" src=\"jr://instance/casedb\"/>\n"
      "      <odk:setgeopoint event=\"odk-instance-first-load\" ref=\"/data/sig\"/>\n"
      "      <bind nodeset=\"/data/sig\" type=\"binary\"/>\n"
      "      <bind nodeset=\"/data/voice\" type=\"binary\"/>\n",
      "    <upload ref=\"/data/sig\" mediatype=\"image/*\" appearance=\"signature\"><label>S"
      "</label></upload>\n"
      "    <upload ref=\"/data/voice\" mediatype=\"audio/*\"><label>V</label></upload>\n");
  const auto diagnostics = rejectionOfText(text);
  REQUIRE(diagnostics.size() == 5);
  CHECK_THAT(diagnostics[0].message,
             Catch::Contains("entity block") && Catch::Contains("has no meaning at a window"));
  CHECK_THAT(diagnostics[1].message, Catch::Contains("belong to a device that fetches them"));
  CHECK_THAT(diagnostics[2].message, Catch::Contains("no location sensor"));
  CHECK_THAT(diagnostics[3].message,
             Catch::Contains("appearance 'signature'") && Catch::Contains("no device app, pen"));
  CHECK_THAT(diagnostics[4].message, Catch::Contains("it records no sound or film"));
}
