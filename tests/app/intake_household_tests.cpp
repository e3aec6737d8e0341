// A minimum living allowance (最低生活保障) of the sample catalog taken in on the Intake page
// from start to acceptance, the way a clerk fills its form: the applicant's ID number checked
// at its field, the address chosen district by street by community, the household entered
// member by member (one added by mistake and removed), then the case accepted and what the
// local store kept read back from it.

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <wx/choice.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "client/app/decision_panel.hpp"
#include "client/app/material_checklist.hpp"
#include "intake_fixture.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/sqlite.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using engine::CaseState;
using engine::DecisionKind;
using test::IntakeFixture;
using test::pumpFor;
using test::pumpUntil;

namespace {

constexpr const char* kMatter = "440300050004";  // 最低生活保障

// ID numbers with valid GB 11643 check characters, and the applicant's with a wrong one.
constexpr const char* kApplicantId = "440305196804123020";  // 刘秀英, born 1968-04-12
constexpr const char* kApplicantWrongCheck = "440305196804123021";
constexpr const char* kSpouseId = "440305196609234518";   // 陈国平
constexpr const char* kSiblingId = "440305197002152035";  // 刘建华
constexpr const char* kChildId = "440305200806184029";    // 陈晓雯
constexpr const char* kChildWrongCheck = "440305200806184020";

const std::string kMembers = "/data/household/member";

std::string utf8(const wxString& text) { return text.utf8_string(); }

std::string member(int index, const std::string& field) {
  return kMembers + "[" + std::to_string(index) + "]/" + field;
}

// The intake page's form and its session, with the clerk's ways of answering.
class IntakeForm {
 public:
  explicit IntakeForm(IntakeFixture& fixture) : fixture_(fixture) {
    view_ = fixture.intake()->formView();
    REQUIRE(view_ != nullptr);
    session_ = fixture.intake()->formSession();
    REQUIRE(session_ != nullptr);
  }

  app::FormView& view() const { return *view_; }
  forms::FormSession& session() const { return *session_; }
  std::string value(const std::string& path) const { return session_->value(path); }

  // Puts the focus in a field the way a clerk's click would, and waits for GTK to agree.
  void focus(const std::string& path) const {
    wxWindow* target = view_->fieldFor(path);
    INFO(path);
    REQUIRE(target != nullptr);
    target->SetFocus();
    REQUIRE(pumpUntil([target] { return wxWindow::FindFocus() == target; }, 2s));
  }

  static void typeKeys(const std::string& ascii) {
    wxUIActionSimulator keyboard;
    keyboard.Text(ascii.c_str());
    pumpFor(100ms);
  }

  // Types over what the field holds and leaves it with Tab.
  void type(const std::string& path, const std::string& ascii) const {
    focus(path);
    fixture_.pressKey('A', wxMOD_CONTROL);
    typeKeys(ascii);
    fixture_.pressKey(WXK_TAB);
    INFO(path);
    REQUIRE(pumpUntil([&] { return value(path) == ascii; }, 2s));
  }

  // A drop-down list answered from the keyboard: Down in the closed list, once per entry.
  void pick(const std::string& path, const std::string& choice) const {
    auto* field = dynamic_cast<app::ChoiceField*>(view_->field(path));
    INFO(path << " = " << choice);
    REQUIRE(field != nullptr);
    const std::vector<std::string>& values = field->values();
    const auto at = std::find(values.begin(), values.end(), choice);
    REQUIRE(at != values.end());
    const int wanted = static_cast<int>(at - values.begin()) + 1;  // entry 0 is "no answer"
    REQUIRE(field->list()->GetSelection() <= wanted);
    focus(path);
    for (int downs = wanted - field->list()->GetSelection(); downs > 0; --downs)
      fixture_.pressKey(WXK_DOWN);
    REQUIRE(pumpUntil([&] { return value(path) == choice; }, 2s));
  }

  std::vector<std::string> choices(const std::string& path) const {
    auto* field = dynamic_cast<app::ChoiceField*>(view_->field(path));
    REQUIRE(field != nullptr);
    return field->values();
  }

  std::vector<std::string> choiceLabels(const std::string& path) const {
    auto* field = dynamic_cast<app::ChoiceField*>(view_->field(path));
    REQUIRE(field != nullptr);
    std::vector<std::string> labels;
    for (unsigned i = 1; i < field->list()->GetCount(); ++i)
      labels.push_back(utf8(field->list()->GetString(i)));
    return labels;
  }

  // Scrolls the form so that `window` (a window of the form) is in its upper part, and, where
  // the form is wider than its side of the page, its right edge in view.
  void bringIntoView(wxWindow* window) const {
    int unitX = 1;
    int unitY = 1;
    view_->GetScrollPixelsPerUnit(&unitX, &unitY);
    unitX = std::max(1, unitX);
    unitY = std::max(1, unitY);
    // Where the window is on the whole form (the canvas scrolls inside the view).
    const wxPoint at = window->GetScreenPosition() - view_->canvasWindow()->GetScreenPosition();
    const int right = at.x + window->GetSize().x + view_->FromDIP(8);
    const int x = std::max(0, right - view_->GetClientSize().x);
    const int y = std::max(0, at.y - view_->GetClientSize().y / 4);
    view_->Scroll((x + unitX - 1) / unitX, y / unitY);
    pumpFor(100ms);
    INFO(utf8(window->GetName()));
    REQUIRE(view_->GetScreenRect().Contains(window->GetScreenRect()));
  }

  // A mouse click through the X server: on a button's middle, on a radio button's indicator.
  void click(wxWindow* window) const {
    REQUIRE(window != nullptr);
    bringIntoView(window);
    const wxRect rect = window->GetScreenRect();
    const bool indicator = dynamic_cast<wxRadioButton*>(window) != nullptr;
    const wxPoint at(indicator ? rect.GetLeft() + std::min(10, rect.GetWidth() / 2)
                               : rect.GetLeft() + rect.GetWidth() / 2,
                     rect.GetTop() + rect.GetHeight() / 2);
    REQUIRE(wxRect(wxPoint(0, 0), wxGetDisplaySize()).Contains(at));
    wxUIActionSimulator mouse;
    mouse.MouseMove(at);
    pumpFor(50ms);
    mouse.MouseClick();
    pumpFor(150ms);
  }

  void choose(const std::string& path, std::size_t button, const std::string& expected) const {
    auto* field = dynamic_cast<app::RadioField*>(view_->field(path));
    INFO(path << " = " << expected);
    REQUIRE(field != nullptr);
    REQUIRE(button < field->buttons().size());
    click(field->buttons()[button]);
    REQUIRE(pumpUntil([&] { return value(path) == expected; }, 2s));
  }

  // The message under the field, shown in its place: right below its box, in the form's column.
  void checkMessageAtField(const std::string& path, const std::string& message) const {
    INFO(path);
    CHECK(utf8(view_->shownProblemAt(path)) == message);
    app::FormField* field = view_->field(path);
    REQUIRE(field != nullptr);
    const wxRect box = field->focusTarget()->GetRect();
    std::vector<wxWindow*> windows;
    field->collectWindows(windows);
    wxStaticText* shown = nullptr;
    for (wxWindow* window : windows) {
      auto* label = dynamic_cast<wxStaticText*>(window);
      if (label != nullptr && label != field->labelWindow() && label->IsShown() &&
          utf8(label->GetLabel()) == message)
        shown = label;
    }
    REQUIRE(shown != nullptr);
    CHECK(shown->GetRect().GetTop() >= box.GetBottom());
    CHECK(shown->GetRect().GetTop() - box.GetBottom() < 30);
    CHECK(shown->GetRect().GetLeft() == box.GetLeft());
  }

  // One household member: the name set (Chinese is not typed through the simulator), the
  // rest from the keyboard.
  void fillMember(int index, const std::string& name, const std::string& idNumber,
                  const std::string& relation, const std::string& work,
                  const std::string& income) const {
    fixture_.answer(member(index, "member_name"), name);
    type(member(index, "member_id_number"), idNumber);
    pick(member(index, "relation"), relation);
    pick(member(index, "work_status"), work);
    type(member(index, "monthly_income"), income);
    CHECK(value(member(index, "member_name")) == name);
    CHECK(view_->shownProblemAt(member(index, "member_id_number")).empty());
  }

  void addMember(std::size_t expectedCount) const {
    click(view_->addButtonFor(kMembers));
    REQUIRE(pumpUntil([&] { return view_->shownInstances(kMembers) == expectedCount; }, 2s));
    CHECK(session_->repeatCount(kMembers) == expectedCount);
    // The clerk goes on in the new member's name.
    CHECK(wxWindow::FindFocus() ==
          view_->fieldFor(member(static_cast<int>(expectedCount), "member_name")));
  }

 private:
  IntakeFixture& fixture_;
  app::FormView* view_ = nullptr;
  forms::FormSession* session_ = nullptr;
};

std::string textOf(const pugi::xml_document& doc, const char* xpath) {
  return doc.select_node(xpath).node().text().as_string();
}

}  // namespace

TEST_CASE(
    "a minimum living allowance is taken in with its address cascade and household members "
    "and accepted",
    "[gui][intake][sample]") {
  IntakeFixture fixture(std::filesystem::path(ONEWINDOW_SAMPLE_CATALOG) / "catalog.xml");
  fixture.open();
  // The whole window on the screen: the mouse clicks land where they aim, the screenshot shows
  // all of it (a 1280×800 counter screen).
  fixture.frame->SetSize(wxRect(wxPoint(0, 0), wxGetDisplaySize()));
  REQUIRE(pumpUntil([&] { return fixture.frame->GetSize() == wxGetDisplaySize(); }, 5s));

  fixture.startCase(kMatter);
  app::IntakePage& page = *fixture.intake();
  REQUIRE(page.caseChoice().name().zh == "最低生活保障");
  fixture.fillApplicant("刘秀英", kApplicantId);
  IntakeForm form(fixture);
  app::FormView& view = form.view();
  REQUIRE(pumpUntil([&] { return view.fullyDrawn(); }, 10s));

  // The applicant: a wrong check character is shown at the ID number once the clerk leaves it.
  const std::string idNumber = "/data/applicant/id_number";
  fixture.answer("/data/applicant/name", "刘秀英");
  form.focus(idNumber);
  IntakeForm::typeKeys(kApplicantWrongCheck);
  fixture.pressKey(WXK_TAB);
  // Tab goes on to the next question of the form, not out of it.
  CHECK(wxWindow::FindFocus() == view.fieldFor("/data/applicant/mobile"));
  CHECK(form.value(idNumber) == kApplicantWrongCheck);
  form.checkMessageAtField(idNumber, "公民身份号码无效：请核对18位号码、出生日期和校验码");
  CHECK(view.shownProblemAt("/data/applicant/name").empty());
  CHECK_FALSE(view.summaryShown());  // at the field, not in a list at the top
  CHECK(page.formProblemsText().Contains(wxString::FromUTF8("公民身份号码无效")));
  // Corrected in place: the message goes as the typing pauses.
  form.focus(idNumber);
  fixture.pressKey('A', wxMOD_CONTROL);
  IntakeForm::typeKeys(kApplicantId);
  REQUIRE(pumpUntil([&] { return view.shownProblemAt(idNumber).empty(); }, 2s));
  CHECK(form.value(idNumber) == kApplicantId);
  CHECK(form.value("/data/applicant/age") == "58");  // on 2026-11-27
  form.type("/data/applicant/mobile", "13823456789");
  form.choose("/data/applicant/hukou", 0, "shenzhen");

  // The address: each list offers only what lies in the answer above it.
  const std::string district = "/data/address/district";
  const std::string street = "/data/address/street";
  const std::string community = "/data/address/community";
  CHECK(form.choices(street).empty());
  CHECK(form.choices(community).empty());
  form.pick(district, "futian");
  CHECK(form.choices(street) == std::vector<std::string>{"huafu", "lianhua"});
  form.pick(district, "nanshan");  // two more entries down the list
  CHECK(form.choices(street) == std::vector<std::string>{"yuehai", "shekou"});
  CHECK(form.choiceLabels(street) == std::vector<std::string>{"粤海街道", "蛇口街道"});
  CHECK(form.choices(community).empty());
  form.pick(street, "shekou");
  CHECK(form.choices(community) == std::vector<std::string>{"wanxia", "yuyi"});
  form.pick(community, "yuyi");
  CHECK(form.value(district) == "nanshan");
  CHECK(form.value(street) == "shekou");
  fixture.answer("/data/address/detail", "蛇口工业八路12号3栋502");

  // The household: the applicant is its first member; the rest are added with the button.
  REQUIRE(view.shownInstances(kMembers) == 1);
  wxButton* add = view.addButtonFor(kMembers);
  REQUIRE(add != nullptr);
  CHECK(utf8(add->GetLabel()) == "添加家庭成员");
  form.fillMember(1, "刘秀英", kApplicantId, "self", "retired", "1500");
  CHECK(form.value(member(1, "member_age")) == "58");
  form.addMember(2);
  form.fillMember(2, "陈国平", kSpouseId, "spouse", "employed", "1800");
  form.addMember(3);
  form.fillMember(3, "刘建华", kSiblingId, "sibling", "employed", "2600");
  form.addMember(4);
  // A member's ID number is checked at its own field too.
  fixture.answer(member(4, "member_name"), "陈晓雯");
  form.type(member(4, "member_id_number"), kChildWrongCheck);
  form.checkMessageAtField(member(4, "member_id_number"), "公民身份号码无效");
  form.fillMember(4, "陈晓雯", kChildId, "child", "student", "0");
  CHECK(form.value("/data/household/member_count") == "4");

  // The brother does not live with them: his member goes, the daughter moves up in his place.
  form.click(view.removeButtonFor(kMembers, 3));
  REQUIRE(pumpUntil([&] { return view.shownInstances(kMembers) == 3; }, 2s));
  CHECK(form.session().repeatCount(kMembers) == 3);
  CHECK(view.field(member(4, "member_name")) == nullptr);
  CHECK(view.removeButtonFor(kMembers, 4) == nullptr);
  CHECK(form.value(member(3, "member_name")) == "陈晓雯");
  CHECK(form.value(member(3, "member_id_number")) == kChildId);
  CHECK(form.value(member(3, "relation")) == "child");
  auto* shownName = dynamic_cast<app::TextField*>(view.field(member(3, "member_name")));
  REQUIRE(shownName != nullptr);
  CHECK(utf8(shownName->text()->GetValue()) == "陈晓雯");
  auto* shownRelation = dynamic_cast<app::ChoiceField*>(view.field(member(3, "relation")));
  REQUIRE(shownRelation != nullptr);
  CHECK(utf8(shownRelation->list()->GetStringSelection()) == "子女");
  CHECK(form.value("/data/household/member_count") == "3");
  CHECK(form.value("/data/household/per_capita_income") == "1100");  // (1500 + 1800 + 0) / 3

  // The household's situation (a check list: Space ticks the line), the consent.
  const std::string situation = "/data/situation";
  auto* situations = dynamic_cast<app::CheckListField*>(view.field(situation));
  REQUIRE(situations != nullptr);
  form.focus(situation);
  fixture.pressKey(WXK_SPACE);  // the first line: 有在职成员
  REQUIRE(pumpUntil([&] { return form.value(situation) == "employed"; }, 2s));
  form.choose("/data/consent", 0, "yes");

  {
    INFO(utf8(page.formProblemsText()));
    CHECK(view.problems().empty());
    CHECK(page.formProblemsText().empty());
  }
  // The same situation on the page's question tailors the materials; all of them are here.
  REQUIRE(page.scenarios() != nullptr);
  REQUIRE(page.scenarios()->choose("household_situation", "employed"));
  IntakeFixture::click(dynamic_cast<wxButton*>(page.FindWindowByName("all-received")));
  app::MaterialChecklist& checklist = *page.checklist();
  CHECK(checklist.status("income_proof") == engine::MaterialStatus::Received);
  for (const app::ChecklistMaterial& entry : checklist.materials()) {
    INFO(entry.material.key);
    CHECK(checklist.status(entry.material.key) == engine::MaterialStatus::Received);
  }
  // The household at the top of the form, its labels in view.
  form.bringIntoView(view.fieldFor(member(1, "member_name")));
  view.Scroll(0, -1);
  pumpFor(100ms);
  test::saveScreenshot("intake-minimum-allowance-household");

  fixture.finalize();
  CHECK_THAT(page.provisionalNo(), Catch::StartsWith("W03-"));
  page.decisions()->choose(DecisionKind::Accept);
  IntakeFixture::click(page.decisions()->recordButton());
  REQUIRE(pumpUntil([&] { return !page.decisions()->waiting(); }, 15s));
  INFO(utf8(page.decisions()->message()));
  REQUIRE(page.decidedState() == CaseState::Accepted);

  // What the local store kept: the case accepted, and its form as taken in.
  localdb::Database db(fixture.workstation->paths().profileDir / "workstation.db",
                       localdb::OpenMode::ReadOnly);
  localdb::CaseRepository cases(db);
  const auto record = cases.findByUuid(page.caseUuid());
  REQUIRE(record.has_value());
  CHECK(record->state == CaseState::Accepted);
  CHECK(record->matterCode == kMatter);
  CHECK(record->provisionalNo == page.provisionalNo());
  CHECK(record->applicantName == "刘秀英");
  CHECK(record->applicantIdNumber == kApplicantId);
  const std::vector<std::string> revisions = cases.revisionsOf(record->id);
  REQUIRE(revisions.size() == 1);
  pugi::xml_document instance;
  REQUIRE(instance.load_string(revisions[0].c_str()));
  std::vector<std::string> names;
  std::vector<std::string> idNumbers;
  for (const pugi::xpath_node& node : instance.select_nodes("/data/household/member")) {
    if (node.node().attribute("jr:template")) continue;
    names.emplace_back(node.node().child("member_name").text().as_string());
    idNumbers.emplace_back(node.node().child("member_id_number").text().as_string());
  }
  CHECK(names == std::vector<std::string>{"刘秀英", "陈国平", "陈晓雯"});
  CHECK(idNumbers == std::vector<std::string>{kApplicantId, kSpouseId, kChildId});
  CHECK(textOf(instance, "/data/address/district") == "nanshan");
  CHECK(textOf(instance, "/data/address/street") == "shekou");
  CHECK(textOf(instance, "/data/address/community") == "yuyi");
  CHECK(textOf(instance, "/data/applicant/id_number") == kApplicantId);
}
