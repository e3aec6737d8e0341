// The intake form view driven like a clerk drives it: real key presses and mouse clicks through
// the X server (wxUIActionSimulator), over the XLSForm-shaped fixture forms of the forms
// library, in the Chinese UI.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <sstream>

#include <catch2/catch.hpp>
#include <wx/accel.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/form_section.hpp"
#include "client/app/form_view.hpp"
#include "client/app/problem_summary.hpp"
#include "client/app/translations.hpp"
#include "forms/xform.hpp"
#include "gui_fixture.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::pumpFor;
using test::pumpUntil;
using test::saveScreenshot;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "forms" / "fixtures" / "xlsform";

// A valid 18-character ID number (check character X) and the same with a wrong check digit.
constexpr const char* kValidId = "11010519491231002X";
constexpr const char* kWrongCheckDigit = "110105194912310021";

std::string utf8(const wxString& text) { return text.utf8_string(); }

// A form in a window of its own, as the intake page would hold it: the session first, the view
// on top of it, destroyed in the other order.
class FormWindow {
 public:
  explicit FormWindow(const std::string& fixture)
      : FormWindow(std::make_shared<const forms::XFormDefinition>(
            forms::loadXForm((kFixtures / fixture).string()))) {}

  // `settle`: let the window come up (and a long form finish drawing) before the test goes on.
  explicit FormWindow(std::shared_ptr<const forms::XFormDefinition> definition,
                      bool settle = true) {
    test::ensureGui();
    static const bool chinese = app::setUpTranslations("zh_CN");
    REQUIRE(chinese);
    forms::SessionOptions options;
    // 27 November 2026, 10:00 in Shenzhen: today() must not follow the wall clock.
    options.clock = [] {
      return std::chrono::system_clock::time_point(std::chrono::seconds(1795744800));
    };
    options.newInstanceId = [] { return std::string("uuid:form-view-test"); };
    session = std::make_unique<forms::FormSession>(std::move(definition), std::move(options));
    frame = new wxFrame(nullptr, wxID_ANY, "form view", wxPoint(0, 0), wxSize(1000, 940));
    view = new app::FormView(frame, *session);
    view->setOnChanged([this](const forms::ChangeSet& changes) { changeSets.push_back(changes); });
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(view, wxSizerFlags(1).Expand());
    frame->SetSizer(sizer);
    frame->Show();
    frame->Raise();
    if (settle) pumpFor(300ms);
  }

  ~FormWindow() {
    frame->Destroy();
    pumpFor(50ms);
  }

  FormWindow(const FormWindow&) = delete;
  FormWindow& operator=(const FormWindow&) = delete;

  wxTextCtrl* text(const std::string& path) const {
    auto* field = dynamic_cast<app::TextField*>(view->field(path));
    REQUIRE(field != nullptr);
    return field->text();
  }

  static wxWindow* focused() { return wxWindow::FindFocus(); }

  // Puts the focus in a field the way a clerk's click would, and waits for GTK to agree.
  void focus(const std::string& path) const {
    wxWindow* target = view->fieldFor(path);
    REQUIRE(target != nullptr);
    target->SetFocus();
    REQUIRE(pumpUntil([target] { return focused() == target; }, 2s));
  }

  static void click(wxWindow* window) {
    wxUIActionSimulator mouse;
    const wxRect rect = window->GetScreenRect();
    // Radio buttons and check boxes react on their indicator and label; the left part of the
    // window is both.
    mouse.MouseMove(rect.GetLeft() + std::min(10, rect.GetWidth() / 2),
                    rect.GetTop() + rect.GetHeight() / 2);
    pumpFor(50ms);
    mouse.MouseClick();
    pumpFor(150ms);
  }

  static void typeKeys(const std::string& ascii) {
    wxUIActionSimulator keyboard;
    keyboard.Text(ascii.c_str());
    pumpFor(100ms);
  }

  static void press(int key, int modifiers = wxMOD_NONE) {
    wxUIActionSimulator keyboard;
    keyboard.Char(key, modifiers);
    pumpFor(120ms);
  }

  std::unique_ptr<forms::FormSession> session;
  wxFrame* frame = nullptr;
  app::FormView* view = nullptr;
  std::vector<forms::ChangeSet> changeSets;
};

// A long form in pyxform's shape: `groups` groups of ten text questions, /data/gN/qM with M
// counting through the form; group 5 is relevant only when the first answer is "show".
std::shared_ptr<const forms::XFormDefinition> longForm(int groups) {
  std::ostringstream instance;
  std::ostringstream binds;
  std::ostringstream body;
  int question = 0;
  for (int g = 1; g <= groups; ++g) {
    const std::string group = "/data/g" + std::to_string(g);
    instance << "<g" << g << ">";
    body << "<group ref=\"" << group << "\"><label>第" << g << "组</label>";
    if (g == 5) binds << "<bind nodeset=\"" << group << "\" relevant=\" /data/g1/q1 = 'show'\"/>";
    for (int i = 0; i < 10; ++i) {
      const std::string name = "q" + std::to_string(++question);
      instance << "<" << name << "/>";
      binds << "<bind nodeset=\"" << group << "/" << name << "\" type=\"string\"/>";
      body << "<input ref=\"" << group << "/" << name << "\"><label>问题" << question
           << "</label></input>";
    }
    instance << "</g" << g << ">";
    body << "</group>";
  }
  const std::string text =
      "<?xml version=\"1.0\"?><h:html xmlns=\"http://www.w3.org/2002/xforms\" "
      "xmlns:h=\"http://www.w3.org/1999/xhtml\" xmlns:jr=\"http://openrosa.org/javarosa\" "
      "xmlns:odk=\"http://www.opendatakit.org/xforms\"><h:head><h:title>long</h:title>"
      "<model odk:xforms-version=\"1.0.0\"><instance><data id=\"long\" version=\"1\">" +
      instance.str() + "</data></instance>" + binds.str() + "</model></h:head><h:body>" +
      body.str() + "</h:body></h:html>";
  return std::make_shared<const forms::XFormDefinition>(forms::loadXFormText(text, "long.xml"));
}

std::string question(int n) {
  return "/data/g" + std::to_string((n - 1) / 10 + 1) + "/q" + std::to_string(n);
}

std::vector<std::string> choiceValues(app::FormView& view, const std::string& path) {
  auto* field = dynamic_cast<app::ChoiceField*>(view.field(path));
  REQUIRE(field != nullptr);
  return field->values();
}

}  // namespace

TEST_CASE(
    "an ID number with a wrong check digit shows the form's message at its field once the "
    "clerk leaves it",
    "[gui][form-view]") {
  FormWindow window("allowance.xml");
  app::FormView& view = *window.view;
  const std::string id = "/data/id_number";

  window.focus(id);
  FormWindow::typeKeys(kWrongCheckDigit);
  pumpFor(500ms);  // past the typing pause: the session has the answer
  CHECK(window.session->value(id) == kWrongCheckDigit);
  CHECK_FALSE(window.changeSets.empty());
  // Still in the field: the clerk is not interrupted while typing.
  CHECK(view.shownProblemAt(id).empty());
  REQUIRE(window.session->problemAt(id).has_value());

  FormWindow::press(WXK_TAB);
  CHECK(FormWindow::focused() == view.fieldFor("/data/birth_date"));
  CHECK(utf8(view.shownProblemAt(id)) == "身份证号码校验失败");
  // The message sits right under the field, inside the form's column.
  auto* field = view.field(id);
  const wxRect box = window.text(id)->GetRect();
  std::vector<wxWindow*> windows;
  field->collectWindows(windows);
  wxWindow* message = nullptr;
  for (wxWindow* w : windows) {
    if (auto* label = dynamic_cast<wxStaticText*>(w);
        label != nullptr && label != field->labelWindow() && label->IsShown() &&
        label->GetLabel() == view.shownProblemAt(id)) {
      message = label;
    }
  }
  REQUIRE(message != nullptr);
  CHECK(message->GetRect().GetTop() >= box.GetBottom());
  CHECK(message->GetRect().GetTop() - box.GetBottom() < 30);
  CHECK(message->GetRect().GetLeft() == box.GetLeft());
  saveScreenshot("form-view-id-number-problem");

  // Corrected in place: the message goes as soon as the typing pauses, no need to leave again.
  FormWindow::press(WXK_TAB, wxMOD_SHIFT);
  CHECK(FormWindow::focused() == window.text(id));
  FormWindow::press('A', wxMOD_CONTROL);
  FormWindow::typeKeys(kValidId);
  REQUIRE(pumpUntil([&] { return view.shownProblemAt(id).empty(); }, 2s));
  CHECK(window.session->value(id) == kValidId);
  CHECK(FormWindow::focused() == window.text(id));
}

TEST_CASE("Enter keeps the answer and moves on, Tab and Shift+Tab walk the fields in form order",
          "[gui][form-view]") {
  FormWindow window("allowance.xml");
  app::FormView& view = *window.view;

  window.focus("/data/applicant_name");
  FormWindow::typeKeys("Zhang San");
  FormWindow::press(WXK_RETURN);
  // Committed at once (no typing pause needed) and the focus went on.
  CHECK(window.session->value("/data/applicant_name") == "Zhang San");
  CHECK(FormWindow::focused() == view.fieldFor("/data/id_number"));
  // The note's label reads the name through an <output>: refreshed live.
  CHECK(view.field("/data/summary")->labelText() == "申请人：Zhang San");
  CHECK(utf8(view.field("/data/summary")->labelWindow()->GetLabel()) == "申请人：Zhang San");

  FormWindow::typeKeys(kValidId);
  FormWindow::press(WXK_RETURN);
  CHECK(FormWindow::focused() == view.fieldFor("/data/birth_date"));
  // A date typed as eight digits, as it is printed inside the ID number.
  FormWindow::typeKeys("19491231");
  FormWindow::press(WXK_RETURN);
  CHECK(window.session->value("/data/birth_date") == "1949-12-31");
  CHECK(window.text("/data/birth_date")->GetValue() == "1949-12-31");
  CHECK(view.shownProblemAt("/data/birth_date").empty());
  CHECK(FormWindow::focused() == view.fieldFor("/data/mobile"));

  // Ctrl+S belongs to the intake page: it passes through a form field untouched.
  bool saved = false;
  window.frame->Bind(
      wxEVT_MENU, [&saved](wxCommandEvent&) { saved = true; }, wxID_SAVE);
  wxAcceleratorEntry save(wxACCEL_CTRL, 'S', wxID_SAVE);
  window.frame->SetAcceleratorTable(wxAcceleratorTable(1, &save));
  FormWindow::press('S', wxMOD_CONTROL);
  CHECK(saved);
  CHECK(FormWindow::focused() == view.fieldFor("/data/mobile"));
  CHECK(window.text("/data/mobile")->GetValue().empty());

  // Tab order is form order, both ways; an optional empty field left behind shows nothing.
  FormWindow::press(WXK_TAB);
  auto* yesNo = dynamic_cast<app::RadioField*>(view.field("/data/has_disability"));
  REQUIRE(yesNo != nullptr);
  CHECK(FormWindow::focused() == yesNo->buttons().front());
  CHECK(view.shownProblemAt("/data/mobile").empty());
  FormWindow::press(WXK_TAB, wxMOD_SHIFT);
  CHECK(FormWindow::focused() == view.fieldFor("/data/mobile"));
  FormWindow::press(WXK_TAB, wxMOD_SHIFT);
  CHECK(FormWindow::focused() == view.fieldFor("/data/birth_date"));

  // A date that is no date: the session's message, in place, after leaving.
  FormWindow::press('A', wxMOD_CONTROL);
  FormWindow::typeKeys("2026-02-30");
  FormWindow::press(WXK_TAB);
  CHECK_FALSE(view.shownProblemAt("/data/birth_date").empty());
  CHECK(FormWindow::focused() == view.fieldFor("/data/mobile"));
}

TEST_CASE("required marks, and relevance shows and hides a group live", "[gui][form-view]") {
  FormWindow window("allowance.xml");
  app::FormView& view = *window.view;

  const auto marked = [&view](const std::string& path) {
    return view.field(path)->labelWindow()->GetLabelText().EndsWith("*");
  };
  CHECK(marked("/data/applicant_name"));
  CHECK(marked("/data/id_number"));
  CHECK_FALSE(marked("/data/mobile"));
  CHECK(view.field("/data/applicant_name")->required());
  CHECK_FALSE(view.field("/data/mobile")->required());
  // Labels share one column: every field's editor starts at the same x.
  const int column = window.text("/data/applicant_name")->GetPosition().x;
  CHECK(window.text("/data/mobile")->GetPosition().x == column);
  CHECK(window.text("/data/birth_date")->GetPosition().x == column);
  // A note is text to read, nothing to answer or to Tab to.
  CHECK(dynamic_cast<app::NoteField*>(view.field("/data/summary")) != nullptr);
  CHECK(view.fieldFor("/data/summary") == nullptr);
  CHECK(view.field("/data/summary")->labelWindow()->IsShown());

  CHECK_FALSE(view.isShown("/data/disability"));
  CHECK_FALSE(view.isShown("/data/disability/level"));
  CHECK(view.fieldFor("/data/disability/level") != nullptr);
  CHECK_FALSE(view.fieldFor("/data/disability/level")->IsShown());

  auto* yesNo = dynamic_cast<app::RadioField*>(view.field("/data/has_disability"));
  REQUIRE(yesNo != nullptr);
  REQUIRE(yesNo->buttons().size() == 2);
  CHECK(utf8(yesNo->buttons()[0]->GetLabel()) == "是");
  // No answer yet: neither button is on.
  CHECK_FALSE(yesNo->buttons()[0]->GetValue());
  CHECK_FALSE(yesNo->buttons()[1]->GetValue());

  const int servicesTop = view.fieldFor("/data/services")->GetPosition().y;
  FormWindow::click(yesNo->buttons()[0]);
  REQUIRE(pumpUntil([&] { return view.isShown("/data/disability"); }, 2s));
  CHECK(window.session->value("/data/has_disability") == "yes");
  CHECK(view.fieldFor("/data/disability/level")->IsShown());
  CHECK(view.fieldFor("/data/disability/certificate")->IsShown());
  // Inside the group's box, the editors still start in the form's column.
  CHECK(view.fieldFor("/data/disability/level")->GetPosition().x == column);
  // The group pushed what follows down.
  CHECK(view.fieldFor("/data/services")->GetPosition().y > servicesTop + 50);
  saveScreenshot("form-view-relevant-group");

  FormWindow::click(yesNo->buttons()[1]);
  REQUIRE(pumpUntil([&] { return !view.isShown("/data/disability"); }, 2s));
  CHECK(window.session->value("/data/has_disability") == "no");
  CHECK_FALSE(view.fieldFor("/data/disability/level")->IsShown());
  CHECK(view.fieldFor("/data/services")->GetPosition().y == servicesTop);
}

TEST_CASE("the summary lists every problem and a click on one sends the clerk to its field",
          "[gui][form-view]") {
  FormWindow window("allowance.xml");
  app::FormView& view = *window.view;
  window.focus("/data/id_number");
  FormWindow::typeKeys(kWrongCheckDigit);
  window.focus("/data/mobile");
  FormWindow::typeKeys("123");
  window.focus("/data/applicant_name");

  CHECK_FALSE(view.summaryShown());
  view.showAllProblems();
  pumpFor(200ms);
  REQUIRE(view.summaryShown());
  const std::vector<forms::Problem> problems = view.problems();
  // Name, ID number, date of birth, the yes/no question, mobile, services.
  REQUIRE(problems.size() == 6);
  app::ProblemSummary& summary = *view.summary();
  REQUIRE(summary.lineCount() == problems.size());
  CHECK_THAT(utf8(summary.title()), Catch::Contains("6"));
  for (std::size_t i = 0; i < problems.size(); ++i) {
    INFO(problems[i].path);
    const std::string message = utf8(app::clerkText(problems[i].message));
    CHECK_THAT(utf8(summary.lineText(i)), Catch::Contains(message));
    CHECK_THAT(utf8(summary.lineText(i)), Catch::Contains(problems[i].label));
    // And the same problem at its field.
    CHECK(utf8(view.shownProblemAt(problems[i].path)) == message);
  }
  CHECK(utf8(summary.lineText(0)) == "申请人姓名：请填写申请人姓名");
  CHECK(utf8(view.shownProblemAt("/data/id_number")) == "身份证号码校验失败");
  CHECK(utf8(view.shownProblemAt("/data/mobile")) == "请输入11位手机号");
  // The session's own message, in the clerk's language.
  CHECK(utf8(view.shownProblemAt("/data/birth_date")) == "此项必填");
  saveScreenshot("form-view-all-problems");

  // Clicking the mobile number's line: the focus lands in the field.
  std::size_t mobileLine = problems.size();
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (problems[i].path == "/data/mobile") mobileLine = i;
  }
  REQUIRE(mobileLine < problems.size());
  FormWindow::click(summary.line(mobileLine));
  REQUIRE(pumpUntil([&] { return FormWindow::focused() == view.fieldFor("/data/mobile"); }, 2s));

  // Fixing a problem takes its line away from the summary, live.
  FormWindow::press('A', wxMOD_CONTROL);
  FormWindow::typeKeys("13800138000");
  REQUIRE(pumpUntil([&] { return summary.lineCount() == problems.size() - 1; }, 2s));
  CHECK(view.shownProblemAt("/data/mobile").empty());

  // The keyboard way: the first problem.
  CHECK(view.focusFirstProblem());
  pumpFor(100ms);
  CHECK(FormWindow::focused() == view.fieldFor("/data/applicant_name"));
}

TEST_CASE(
    "a cascading select offers only the streets of the chosen district and clears what no "
    "longer fits",
    "[gui][form-view]") {
  FormWindow window("household.xml");
  app::FormView& view = *window.view;
  const std::string street = "/data/street";
  const std::string community = "/data/community";

  // Fixed short lists as radio buttons, cascades as drop-down lists.
  auto* district = dynamic_cast<app::RadioField*>(view.field("/data/district"));
  REQUIRE(district != nullptr);
  REQUIRE(district->buttons().size() == 2);
  CHECK(choiceValues(view, street).empty());
  CHECK(choiceValues(view, community).empty());

  FormWindow::click(district->buttons()[0]);  // 福田区
  REQUIRE(pumpUntil([&] { return !choiceValues(view, street).empty(); }, 2s));
  CHECK(choiceValues(view, street) == std::vector<std::string>{"shatou", "xiangmihu"});
  auto* streetList = dynamic_cast<app::ChoiceField*>(view.field(street))->list();
  CHECK(utf8(streetList->GetString(1)) == "沙头街道");
  CHECK(streetList->GetString(0).empty());  // no answer yet

  // The keyboard picks the first street: Down in a closed drop-down list.
  window.focus(street);
  FormWindow::press(WXK_DOWN);
  REQUIRE(pumpUntil([&] { return window.session->value(street) == "shatou"; }, 2s));
  CHECK(choiceValues(view, community) == std::vector<std::string>{"tianan", "shatou_c"});
  window.focus(community);
  FormWindow::press(WXK_DOWN);
  FormWindow::press(WXK_DOWN);
  REQUIRE(pumpUntil([&] { return window.session->value(community) == "shatou_c"; }, 2s));
  saveScreenshot("form-view-cascade");

  // Another district: its streets only, and the street and community taken back.
  FormWindow::click(district->buttons()[1]);  // 南山区
  REQUIRE(pumpUntil([&] { return window.session->value("/data/district") == "nanshan"; }, 2s));
  CHECK(choiceValues(view, street) == std::vector<std::string>{"yuehai"});
  CHECK(window.session->value(street).empty());
  CHECK(window.session->value(community).empty());
  CHECK(choiceValues(view, community).empty());
  CHECK(streetList->GetSelection() == 0);
  CHECK(dynamic_cast<app::ChoiceField*>(view.field(community))->list()->GetSelection() == 0);
  saveScreenshot("form-view-cascade-changed");
}

TEST_CASE("family members: add and remove repeat instances, a counted repeat follows its number",
          "[gui][form-view]") {
  FormWindow window("family.xml");
  app::FormView& view = *window.view;
  const std::string members = "/data/members";

  REQUIRE(view.shownInstances(members) == 1);
  // One box for pyxform's group around the repeat, and editors in line with the form's.
  CHECK(window.text("/data/members[1]/name")->GetPosition().x ==
        window.text("/data/applicant")->GetPosition().x);
  wxButton* add = view.addButtonFor(members);
  REQUIRE(add != nullptr);
  CHECK(utf8(add->GetLabel()) == "添加家庭成员");
  REQUIRE(view.removeButtonFor(members, 1) != nullptr);
  CHECK(utf8(window.session->control("/data/summary").label) == "共 1 名成员");

  window.focus("/data/members[1]/name");
  FormWindow::typeKeys("Li Si");
  FormWindow::press(WXK_TAB);
  FormWindow::typeKeys(kValidId);
  FormWindow::press(WXK_TAB);

  FormWindow::click(add);
  REQUIRE(pumpUntil([&] { return view.shownInstances(members) == 2; }, 2s));
  CHECK(window.session->repeatCount(members) == 2);
  // The clerk goes on typing in the new member.
  CHECK(FormWindow::focused() == view.fieldFor("/data/members[2]/name"));
  FormWindow::typeKeys("Wang Wu");
  FormWindow::press(WXK_TAB);
  CHECK(window.session->value("/data/members[2]/name") == "Wang Wu");
  CHECK(utf8(view.field("/data/summary")->labelWindow()->GetLabel()) == "共 2 名成员");
  // Tab order follows the form through the redrawn repeat: name, ID number, relation, Remove.
  CHECK(FormWindow::focused() == view.fieldFor("/data/members[2]/id_number"));
  saveScreenshot("form-view-repeat");

  FormWindow::click(view.removeButtonFor(members, 1));
  REQUIRE(pumpUntil([&] { return view.shownInstances(members) == 1; }, 2s));
  CHECK(window.session->value("/data/members[1]/name") == "Wang Wu");
  CHECK(window.text("/data/members[1]/name")->GetValue() == "Wang Wu");
  CHECK(view.field("/data/members[2]/name") == nullptr);
  CHECK(utf8(view.field("/data/summary")->labelWindow()->GetLabel()) == "共 1 名成员");

  // jr:count: as many children as the number says, and no buttons to change that.
  const std::string children = "/data/children";
  CHECK(view.addButtonFor(children) == nullptr);
  window.focus("/data/child_count");
  FormWindow::typeKeys("3");
  FormWindow::press(WXK_TAB);
  REQUIRE(pumpUntil([&] { return view.shownInstances(children) == 3; }, 2s));
  CHECK(view.removeButtonFor(children, 1) == nullptr);
  CHECK(FormWindow::focused() == view.fieldFor("/data/children[1]/child_name"));
  window.focus("/data/child_count");
  FormWindow::press('A', wxMOD_CONTROL);
  FormWindow::typeKeys("1");
  REQUIRE(pumpUntil([&] { return view.shownInstances(children) == 1; }, 2s));
  saveScreenshot("form-view-repeat-counted");

  // Every change reached the page, add and remove included.
  bool sawRepeatChange = false;
  for (const auto& changes : window.changeSets) {
    for (const auto& repeat : changes.repeats)
      sawRepeatChange = sawRepeatChange || repeat == members;
  }
  CHECK(sawRepeatChange);
}

TEST_CASE("an upload names its material and the attached file, and tells the page",
          "[gui][form-view]") {
  FormWindow window("allowance.xml");
  app::FormView& view = *window.view;
  std::string uploadedKey;
  std::filesystem::path uploadedFile;
  view.setOnUpload([&](const std::string& key, const std::filesystem::path& file) {
    uploadedKey = key;
    uploadedFile = file;
  });
  auto* yesNo = dynamic_cast<app::RadioField*>(view.field("/data/has_disability"));
  FormWindow::click(yesNo->buttons()[0]);
  const std::string path = "/data/disability/certificate";
  REQUIRE(pumpUntil([&] { return view.isShown(path); }, 2s));
  auto* upload = dynamic_cast<app::UploadField*>(view.field(path));
  REQUIRE(upload != nullptr);
  CHECK(upload->materialKey() == "disability_cert");
  CHECK(upload->shownFileName() == _("No file attached"));
  CHECK(upload->attachButton()->GetLabel() == _("Attach file..."));

  test::TempDir dir;
  const auto file = dir / "证件照片.png";
  view.attachFile(path, file);
  CHECK(uploadedKey == "disability_cert");
  CHECK(uploadedFile == file);
  CHECK(window.session->value(path) == "证件照片.png");
  CHECK(utf8(upload->shownFileName()) == "证件照片.png");
}

TEST_CASE("a language switch redraws the form in the new language", "[gui][form-view]") {
  FormWindow window("allowance.xml");
  app::FormView& view = *window.view;
  window.focus("/data/applicant_name");
  FormWindow::typeKeys("Zhang San");
  FormWindow::press(WXK_TAB);
  window.session->setLanguage("en");
  view.rebuild();
  pumpFor(100ms);
  CHECK(view.field("/data/applicant_name")->labelText() == "Applicant name");
  CHECK(window.text("/data/applicant_name")->GetValue() == "Zhang San");
  auto* yesNo = dynamic_cast<app::RadioField*>(view.field("/data/has_disability"));
  REQUIRE(yesNo != nullptr);
  CHECK(yesNo->buttons()[0]->GetLabel() == "Yes");
  // Labels and messages follow the language too.
  window.focus("/data/id_number");
  FormWindow::press(WXK_TAB);
  // The form speaks English now; the session's own message follows the clerk's UI language.
  CHECK(utf8(view.shownProblemAt("/data/id_number")) == "此项必填");
}

TEST_CASE("a long form opens with its first screen and draws the rest while the clerk starts",
          "[gui][form-view]") {
  FormWindow window(longForm(12), false);
  app::FormView& view = *window.view;
  // Drawn so far: the first screen, not the whole form.
  CHECK_FALSE(view.fullyDrawn());
  REQUIRE(view.field(question(1)) != nullptr);
  CHECK(view.field(question(120)) == nullptr);

  // The first answer makes group 5 relevant before group 5 is drawn: it is drawn as it is now.
  window.focus(question(1));
  FormWindow::typeKeys("show");
  FormWindow::press(WXK_RETURN);
  CHECK(FormWindow::focused() == view.fieldFor(question(2)));

  REQUIRE(pumpUntil([&] { return view.fullyDrawn(); }, 20s));
  CHECK(view.isShown(question(45)));
  CHECK(view.isShown("/data/g5"));
  // Every field, in form order in the Tab order too.
  std::vector<std::string> order;
  for (wxWindow* child : view.canvasWindow()->GetChildren()) {
    if (dynamic_cast<wxTextCtrl*>(child) != nullptr) order.push_back(utf8(child->GetName()));
  }
  REQUIRE(order.size() == 120);
  for (int n = 1; n <= 120; ++n) CHECK(order[static_cast<std::size_t>(n - 1)] == question(n));

  // Tab from the last field of a group goes on into the next group.
  window.focus(question(30));
  FormWindow::press(WXK_TAB);
  CHECK(FormWindow::focused() == view.fieldFor(question(31)));
  CHECK(view.GetScreenRect().Contains(view.fieldFor(question(31))->GetScreenRect()));
  saveScreenshot("form-view-long-form");
}

TEST_CASE("Enter in the last drawn field of a long form goes on to the next one",
          "[gui][form-view]") {
  FormWindow window(longForm(12), false);
  app::FormView& view = *window.view;
  int last = 0;
  while (view.field(question(last + 1)) != nullptr) ++last;
  REQUIRE(last >= 20);
  REQUIRE(last < 120);
  window.focus(question(last));
  FormWindow::typeKeys("x");
  FormWindow::press(WXK_RETURN);
  CHECK(window.session->value(question(last)) == "x");
  REQUIRE(view.field(question(last + 1)) != nullptr);
  CHECK(FormWindow::focused() == view.fieldFor(question(last + 1)));
  // A problem far down the form: the form is drawn to it.
  CHECK(view.focusField(question(118)));
  CHECK(FormWindow::focused() == view.fieldFor(question(118)));
  pumpFor(100ms);
  CHECK(view.GetScreenRect().Contains(view.fieldFor(question(118))->GetScreenRect()));
  // And back up with the keyboard: the form scrolls along with the focus.
  window.focus(question(3));
  FormWindow::press(WXK_TAB, wxMOD_SHIFT);
  CHECK(FormWindow::focused() == view.fieldFor(question(2)));
  CHECK(view.GetScreenRect().Contains(view.fieldFor(question(2))->GetScreenRect()));
}

TEST_CASE("every form of the sample catalog draws, each control as a field of its kind",
          "[gui][form-view]") {
  const auto forms = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                     "forms" / "catalog" / "forms";
  std::size_t drawn = 0;
  for (const auto& entry : std::filesystem::directory_iterator(forms)) {
    if (entry.path().extension() != ".xml") continue;
    INFO(entry.path().filename().string());
    FormWindow window(
        std::make_shared<const forms::XFormDefinition>(forms::loadXForm(entry.path().string())),
        false);
    app::FormView& view = *window.view;
    view.drawAll();
    REQUIRE(view.fullyDrawn());
    const std::function<void(const std::vector<forms::ControlView>&)> check =
        [&](const std::vector<forms::ControlView>& controls) {
          for (const auto& control : controls) {
            INFO(control.path);
            check(control.children);
            for (const auto& instance : control.instances) check(instance.children);
            if (control.kind == forms::ControlKind::Group) {
              if (!control.path.empty()) CHECK(view.isShown(control.path) == control.relevant);
              continue;
            }
            if (control.kind == forms::ControlKind::Repeat) {
              CHECK(view.shownInstances(control.path) == control.instances.size());
              CHECK((view.addButtonFor(control.path) != nullptr) == control.canAddRemove);
              continue;
            }
            app::FormField* field = view.field(control.path);
            REQUIRE(field != nullptr);
            CHECK(field->kind() == control.kind);
            CHECK(field->required() == control.required);
            CHECK(view.isShown(control.path) == control.relevant);
            CHECK(field->labelText() ==
                  (control.label.empty() ? field->labelText() : control.label));
            ++drawn;
          }
        };
    check(window.session->controls());
    // Nothing shown before the clerk has been anywhere, everything after asking for it.
    CHECK_FALSE(view.summaryShown());
    view.showAllProblems();
    CHECK(view.summary()->lineCount() == view.problems().size());
    if (entry.path().stem() == "residence_permit" || entry.path().stem() == "newborn_bundle") {
      saveScreenshot("form-view-sample-" + entry.path().stem().string());
    }
  }
  CHECK(drawn > 100);
}

TEST_CASE(
    "Tab through buttons and drop-down lists left empty: each shows it is required once "
    "left",
    "[gui][form-view]") {
  FormWindow window("household.xml");
  app::FormView& view = *window.view;
  const auto required = utf8(app::clerkText("This answer is required."));
  window.focus("/data/head_name");
  FormWindow::press(WXK_TAB);  // onto the first district button
  FormWindow::press(WXK_TAB);  // the second: still in the field
  CHECK(view.shownProblemAt("/data/district").empty());
  CHECK(utf8(view.shownProblemAt("/data/head_name")) == required);
  FormWindow::press(WXK_TAB);  // into the streets
  CHECK(utf8(view.shownProblemAt("/data/district")) == required);
  FormWindow::press(WXK_TAB);  // the communities
  FormWindow::press(WXK_TAB);  // household size
  CHECK(FormWindow::focused() == view.fieldFor("/data/household_size"));
  // GTK does not tell when a drop-down list is left; passing through it counts.
  CHECK(utf8(view.shownProblemAt("/data/street")) == required);
  CHECK(utf8(view.shownProblemAt("/data/community")) == required);
  CHECK(view.shownProblemAt("/data/household_size").empty());
}

TEST_CASE("a range answers with its slider and a rank with the order the clerk gives",
          "[gui][form-view]") {
  FormWindow window(std::make_shared<const forms::XFormDefinition>(forms::loadXForm(
      (std::filesystem::path(__FILE__).parent_path() / "form_fixtures" / "scales.xml").string())));
  app::FormView& view = *window.view;

  auto* range = dynamic_cast<app::RangeField*>(view.field("/data/satisfaction"));
  REQUIRE(range != nullptr);
  CHECK(utf8(range->shownValue()->GetLabel()) == "未选择");
  window.focus("/data/satisfaction");
  FormWindow::press(WXK_RIGHT);
  CHECK(window.session->value("/data/satisfaction") == "2");
  CHECK(utf8(range->shownValue()->GetLabel()) == "2");
  FormWindow::press(WXK_LEFT);
  CHECK(window.session->value("/data/satisfaction") == "1");
  auto* weight = dynamic_cast<app::RangeField*>(view.field("/data/weight"));
  REQUIRE(weight != nullptr);
  CHECK(weight->slider()->GetMax() == 20);  // 0 to 10 in steps of 0.5
  CHECK_FALSE(weight->clearButton()->IsShown());
  // The start of the scale is a choice too, though the thumb does not move for it.
  window.focus("/data/weight");
  FormWindow::press(WXK_HOME);
  CHECK(window.session->value("/data/weight") == "0");
  FormWindow::press(WXK_RIGHT);
  CHECK(window.session->value("/data/weight") == "0.5");
  REQUIRE(weight->clearButton()->IsShown());
  FormWindow::click(weight->clearButton());
  CHECK(window.session->value("/data/weight").empty());
  CHECK(utf8(weight->shownValue()->GetLabel()) == "未选择");

  auto* district = dynamic_cast<app::RadioField*>(view.field("/data/district"));
  REQUIRE(district != nullptr);
  FormWindow::click(district->buttons().front());  // 福田区
  REQUIRE(window.session->value("/data/district") == "futian");
  auto* rank = dynamic_cast<app::RankField*>(view.field("/data/services"));
  REQUIRE(rank != nullptr);
  REQUIRE(rank->list()->GetCount() == 3);
  CHECK(utf8(rank->list()->GetString(0)) == "1. 户籍");
  CHECK(rank->acceptButton()->IsShown());
  CHECK(window.session->value("/data/services").empty());
  saveScreenshot("form-view-range-rank");

  rank->list()->SetSelection(2);  // 税务
  FormWindow::click(rank->upButton());
  CHECK(window.session->value("/data/services") == "hukou tax social");
  CHECK(utf8(rank->list()->GetString(1)) == "2. 税务");
  CHECK_FALSE(rank->acceptButton()->IsShown());
  CHECK(window.session->problemAt("/data/services") == std::nullopt);

  // Other choices after a cascade: the list follows, and the old order is no answer to them.
  FormWindow::click(district->buttons()[1]);  // 南山区
  REQUIRE(rank->list()->GetCount() == 2);
  CHECK(utf8(rank->list()->GetString(0)) == "1. 居住证");
  CHECK(rank->acceptButton()->IsShown());
  // The old order is never taken as an answer to the new choices.
  CHECK((window.session->value("/data/services").empty() ||
         window.session->problemAt("/data/services")));
  saveScreenshot("form-view-rank-after-cascade");
  FormWindow::click(rank->acceptButton());
  CHECK(window.session->value("/data/services") == "permit senior");
  CHECK(window.session->problemAt("/data/services") == std::nullopt);
  CHECK_FALSE(rank->acceptButton()->IsShown());
}
