// External secondary instances: choice lists in CSV and XML files beside the form, written the
// way pyxform writes select_one_from_file.

#include <fstream>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "forms/external_instance.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"
#include "temp_dir.hpp"

using namespace onewindow::forms;
using onewindow::test::TempDir;

namespace {

void write(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

// select_one district (choices sheet) then select_one_from_file communities.csv with
// choice_filter district=${district}, and a calculate reading a street's postcode from an XML
// file (select_one_from_file streets.xml).
std::string householdForm() {
  return R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <h:head>
    <h:title>Household</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="household" version="2026120601">
          <district/>
          <community/>
          <street/>
          <postcode/>
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
      <instance id="communities" src="jr://file-csv/communities.csv"/>
      <instance id="streets" src="jr://file/streets.xml"/>
      <bind nodeset="/data/district" type="string" required="true()"/>
      <bind nodeset="/data/community" type="string" required="true()"/>
      <bind nodeset="/data/street" type="string"/>
      <bind calculate="instance('streets')/root/item[name= /data/street ]/postcode" nodeset="/data/postcode" type="string"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <select1 ref="/data/district">
      <label>District</label>
      <itemset nodeset="instance('district')/root/item">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
    <select1 ref="/data/community">
      <label>Community</label>
      <itemset nodeset="instance('communities')/root/item[district= /data/district ]">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
    <select1 ref="/data/street">
      <label>Street</label>
      <itemset nodeset="instance('streets')/root/item">
        <value ref="name"/>
        <label ref="label"/>
      </itemset>
    </select1>
  </h:body>
</h:html>
)xml";
}

// A spreadsheet's CSV: byte order mark, CRLF, a quoted label with a comma and a doubled quote,
// a blank line.
const char* kCommunities =
    "\xEF\xBB\xBFname,label,district\r\n"
    "tianan,天安社区,futian\r\n"
    "shatou,\"沙头社区, \"\"东\"\"\",futian\r\n"
    "\r\n"
    "keyuan,科苑社区,nanshan\r\n";

const char* kStreets = R"(<?xml version="1.0" encoding="UTF-8"?>
<root>
  <item><name>yuehai</name><label>粤海街道</label><postcode>518057</postcode></item>
  <item><name>shatou</name><label>沙头街道</label><postcode>518048</postcode></item>
</root>
)";

struct FormFiles {
  TempDir dir;
  std::filesystem::path form;
  FormFiles() : form(dir / "household.xml") {
    write(form, householdForm());
    write(dir / "communities.csv", kCommunities);
    write(dir / "streets.xml", kStreets);
  }
};

std::vector<std::string> choiceValues(const ControlView& view) {
  std::vector<std::string> values;
  for (const auto& choice : view.choices) values.push_back(choice.value);
  return values;
}

std::vector<Diagnostic> rejectionOf(const std::filesystem::path& form) {
  try {
    (void)loadXForm(form.string());
  } catch (const LoadError& error) {
    for (const auto& d : error.diagnostics()) UNSCOPED_INFO(d.toString());
    return error.diagnostics();
  }
  FAIL("the form loaded: " << form);
  return {};
}

}  // namespace

TEST_CASE("A cascade from a CSV file beside the form narrows on the answer above it",
          "[forms][xforms][external]") {
  FormFiles files;
  auto definition = std::make_shared<const XFormDefinition>(loadXForm(files.form.string()));
  CHECK(definition->mediaFiles == std::vector<std::string>{"communities.csv", "streets.xml"});
  FormSession session(definition);

  CHECK(choiceValues(session.control("/data/community")).empty());
  const auto changes = session.setAnswer("/data/district", "futian");
  REQUIRE(changes.find("/data/community") != nullptr);
  CHECK(changes.find("/data/community")->choices);
  const auto futian = session.control("/data/community");
  CHECK(choiceValues(futian) == std::vector<std::string>{"tianan", "shatou"});
  CHECK(futian.choices[1].label == "沙头社区, \"东\"");

  session.setAnswer("/data/community", "keyuan");  // of Nanshan: not a choice in Futian
  CHECK_FALSE(session.control("/data/community").problem.empty());
  session.setAnswer("/data/district", "nanshan");
  CHECK(choiceValues(session.control("/data/community")) == std::vector<std::string>{"keyuan"});
  CHECK(session.control("/data/community").problem.empty());
}

TEST_CASE("A calculate reads an XML file beside the form", "[forms][xforms][external]") {
  FormFiles files;
  auto definition = std::make_shared<const XFormDefinition>(loadXForm(files.form.string()));
  FormSession session(definition);
  CHECK(choiceValues(session.control("/data/street")) ==
        std::vector<std::string>{"yuehai", "shatou"});
  session.setAnswer("/data/street", "shatou");
  CHECK(session.value("/data/postcode") == "518048");
}

TEST_CASE("Forms naming the same file share one parsed copy of it", "[forms][xforms][external]") {
  FormFiles files;
  const auto first = loadXForm(files.form.string());
  const auto second = loadXForm(files.form.string());
  REQUIRE(first.secondaryInstance("communities") != nullptr);
  CHECK(first.secondaryInstance("communities") == second.secondaryInstance("communities"));
  CHECK(first.secondaryInstance("streets") == second.secondaryInstance("streets"));

  // A changed file is read again.
  std::filesystem::last_write_time(
      files.dir / "communities.csv",
      std::filesystem::last_write_time(files.dir / "communities.csv") + std::chrono::seconds(2));
  const auto third = loadXForm(files.form.string());
  CHECK(third.secondaryInstance("communities") != first.secondaryInstance("communities"));
}

TEST_CASE("A missing file is refused at the instance that names it", "[forms][xforms][external]") {
  FormFiles files;
  std::filesystem::remove(files.dir / "communities.csv");
  const auto problems = rejectionOf(files.form);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 29);
  CHECK(problems[0].column == 39);
  CHECK_THAT(problems[0].message, Catch::Contains("instance 'communities' cannot be read from") &&
                                      Catch::Contains("beside the form"));
}

TEST_CASE("A broken CSV is reported in the file, with the form's own problems",
          "[forms][xforms][external]") {
  FormFiles files;
  write(files.dir / "communities.csv",
        "name,label,1district,label\n"
        "tianan,天安社区,futian,x\n"
        "\"keyuan,科苑社区,nanshan,x\n");
  std::string text = householdForm();
  text.replace(text.find("type=\"string\" required"), 13, "type=\"long\"");
  write(files.form, text);
  const auto problems = rejectionOf(files.form);
  const std::string csv = (files.dir / "communities.csv").string();
  REQUIRE(problems.size() == 5);
  // The form first: the instance that reads the broken file, then its bind type.
  CHECK(problems[0].line == 29);
  CHECK_THAT(problems[0].message,
             Catch::Contains("cannot be read") && Catch::Contains("its problems follow"));
  CHECK_THAT(problems[1].message, Catch::Contains("bind type 'long'"));
  CHECK(problems[2].file == csv);
  CHECK(problems[2].line == 1);
  CHECK(problems[2].column == 12);
  CHECK_THAT(problems[2].message, Catch::Contains("column name '1district'"));
  CHECK(problems[3].column == 22);
  CHECK_THAT(problems[3].message, Catch::Contains("a second column named 'label'"));
  CHECK(problems[4].line == 3);
  CHECK_THAT(problems[4].message, Catch::Contains("quoted field is not closed"));
}

TEST_CASE("CSV rows are read as ODK reads them", "[forms][xforms][external]") {
  const auto names = [](const std::string& csv) {
    const auto document = parseCsvInstance(csv, "t.csv");
    std::string out;
    for (auto item : document->document_element().children()) {
      out += "[";
      for (auto cell : item.children()) out += std::string(cell.text().get()) + "|";
      out += "]";
    }
    return out;
  };
  // A short row's missing fields are empty; a long row's extra ones are dropped.
  CHECK(names("a,b,c\n1,2\n1,2,3,4\n") == "[1|2||][1|2|3|]");
  // A final row without a line break; a lone CR ends a row; a CR inside quotes stays.
  CHECK(names("a,b\r1,\"x\r\"\r\n2,y") == "[1|x\r|][2|y|]");
  // ';' separates when the first row has one and no comma.
  CHECK(names("a;b\n1;2,5\n") == "[1|2,5|]");
  // In a one-column file "" is a value, a blank line is not a row.
  CHECK(names("a\n\"\"\n\nz\n") == "[|][z|]");
}

TEST_CASE("Only files beside the form can be named as an external instance",
          "[forms][xforms][external]") {
  std::string why;
  const auto csv = parseExternalSource("jr://file-csv/lists/communities.csv", why);
  REQUIRE(csv);
  CHECK(csv->format == ExternalFormat::Csv);
  CHECK(csv->fileName == "lists/communities.csv");
  CHECK(parseExternalSource("jr://file/streets.xml", why)->format == ExternalFormat::Xml);
  for (const char* refused :
       {"jr://file-csv/../secrets.csv", "jr://file//etc/passwd.xml", "jr://instance/casedb",
        "jr://file/communities.csv", "jr://file-csv/communities.xml", "https://example.org/x.csv",
        "jr://file/"}) {
    INFO(refused);
    why.clear();
    CHECK_FALSE(parseExternalSource(refused, why));
    CHECK_FALSE(why.empty());
  }
  why.clear();
  (void)parseExternalSource("jr://instance/casedb", why);
  CHECK_THAT(why, Catch::Contains("belong to a device that fetches them"));
}

TEST_CASE("CSV cells become the fields of each item, as ODK reads them",
          "[forms][xforms][external]") {
  const auto document = parseCsvInstance("name,名称,note\na,甲,\"x\ny\"\nb,乙,\n", "t.csv");
  const auto root = document->document_element();
  CHECK(std::string(root.name()) == "root");
  const auto first = root.first_child();
  CHECK(std::string(first.name()) == "item");
  CHECK(std::string(first.child("名称").text().get()) == "甲");
  CHECK(std::string(first.child("note").text().get()) == "x\ny");
  const auto second = first.next_sibling();
  CHECK(std::string(second.child("name").text().get()) == "b");
  CHECK(second.child("note"));
  CHECK(std::string(second.child("note").text().get()).empty());
  CHECK_FALSE(second.next_sibling());
}
