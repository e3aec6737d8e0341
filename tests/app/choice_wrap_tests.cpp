// Radio buttons and check boxes whose labels are longer than the form's column is wide
// (client/app/choice_flow.hpp): they wrap inside the column, as the column narrows and widens,
// and still answer to the mouse anywhere on their text and to the keyboard.

#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/frame.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/uiaction.h>

#include "client/app/form_field_kinds.hpp"
#include "client/app/form_view.hpp"
#include "client/app/translations.hpp"
#include "forms/xform.hpp"
#include "gui_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::pumpFor;
using test::pumpUntil;

namespace {

const std::filesystem::path kLongChoices =
    std::filesystem::path(__FILE__).parent_path() / "form_fixtures" / "long_choices.xml";

std::string utf8(const wxString& text) { return text.utf8_string(); }

class LongChoicesWindow {
 public:
  explicit LongChoicesWindow(int width) {
    test::ensureGui();
    static const bool chinese = app::setUpTranslations("zh_CN");
    REQUIRE(chinese);
    forms::SessionOptions options;
    options.clock = [] {
      return std::chrono::system_clock::time_point(std::chrono::seconds(1795744800));
    };
    options.newInstanceId = [] { return std::string("uuid:long-choices-test"); };
    session = std::make_unique<forms::FormSession>(
        std::make_shared<const forms::XFormDefinition>(forms::loadXForm(kLongChoices.string())),
        std::move(options));
    frame = new wxFrame(nullptr, wxID_ANY, "long choices", wxPoint(0, 0), wxSize(width, 560));
    view = new app::FormView(frame, *session);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(view, wxSizerFlags(1).Expand());
    frame->SetSizer(sizer);
    frame->Show();
    frame->Raise();
    settle();
  }
  ~LongChoicesWindow() {
    frame->Destroy();
    pumpFor(50ms);
  }
  LongChoicesWindow(const LongChoicesWindow&) = delete;
  LongChoicesWindow& operator=(const LongChoicesWindow&) = delete;

  void settle() const {
    view->drawAll();
    pumpFor(300ms);
  }

  void resize(int width) const {
    frame->SetSize(wxSize(width, 560));
    settle();
  }

  [[nodiscard]] app::RadioField& proof() const {
    auto* field = dynamic_cast<app::RadioField*>(view->field("/data/proof"));
    REQUIRE(field != nullptr);
    return *field;
  }
  [[nodiscard]] app::CheckBoxesField& situations() const {
    auto* field = dynamic_cast<app::CheckBoxesField*>(view->field("/data/situations"));
    REQUIRE(field != nullptr);
    return *field;
  }
  [[nodiscard]] std::string answer(const std::string& path) const {
    return session->control(path).value;
  }

  // Nothing of the form lies past the right edge of what the view shows, and the view has
  // nothing to scroll sideways.
  void checkInsideColumn() const {
    INFO("view " << view->GetClientSize().x << " wide");
    CHECK(view->GetVirtualSize().x <= view->GetClientSize().x);
    for (wxWindow* child : view->canvasWindow()->GetChildren()) {
      if (!child->IsShown()) continue;
      INFO(utf8(child->GetName()));
      CHECK(child->GetRect().GetRight() < view->GetClientSize().x);
      // A button is never narrower than its (wrapped) label asks.
      CHECK(child->GetSize().x >= child->GetBestSize().x);
    }
  }

  std::unique_ptr<forms::FormSession> session;
  wxFrame* frame = nullptr;
  app::FormView* view = nullptr;
};

bool broken(const wxWindow* window) { return window->GetLabel().Contains("\n"); }

void clickAt(const wxPoint& at) {
  wxUIActionSimulator mouse;
  mouse.MouseMove(at);
  pumpFor(50ms);
  mouse.MouseClick();
  pumpFor(150ms);
}

void press(int key, int modifiers = wxMOD_NONE) {
  wxUIActionSimulator keyboard;
  keyboard.Char(key, modifiers);
  pumpFor(120ms);
}

}  // namespace

TEST_CASE("long radio and check box labels wrap inside a narrow form column",
          "[gui][form-view][choices]") {
  LongChoicesWindow window(560);
  app::RadioField& proof = window.proof();
  app::CheckBoxesField& situations = window.situations();
  REQUIRE(proof.buttons().size() == 3);
  REQUIRE(situations.boxes().size() == 3);
  window.checkInsideColumn();

  // The long labels are broken into lines, the short one is not; the text is all there.
  wxRadioButton* lease = proof.buttons()[0];
  CHECK(broken(lease));
  CHECK_FALSE(broken(proof.buttons()[1]));
  CHECK(broken(situations.boxes()[0]));
  CHECK(broken(situations.boxes()[2]));  // English breaks between words
  CHECK_FALSE(situations.boxes()[2]->GetLabel().Contains(" \n"));
  wxString joined = lease->GetLabel();
  joined.Replace("\n", "");
  CHECK(utf8(joined) ==
        "租住房屋（须提供经区住房租赁管理部门登记备案的房屋租赁合同或租赁凭证，合同期限须覆盖申请日"
        "）");
  CHECK(lease->GetSize().y >= proof.buttons()[1]->GetSize().y + lease->GetCharHeight());
  // One choice per line: each starts at the column's left edge, under the one before.
  CHECK(proof.buttons()[1]->GetPosition().x == lease->GetPosition().x);
  CHECK(proof.buttons()[1]->GetPosition().y >= lease->GetRect().GetBottom());
  // The hint and the next field come after all of them.
  CHECK(situations.boxes()[0]->GetPosition().y > proof.buttons()[2]->GetRect().GetBottom());
  test::saveScreenshot("form-long-choices-narrow");

  // The whole label selects, its last line too.
  const wxRect leaseRect = lease->GetScreenRect();
  clickAt(wxPoint(leaseRect.GetLeft() + leaseRect.GetWidth() * 2 / 3, leaseRect.GetBottom() - 6));
  REQUIRE(pumpUntil([&] { return window.answer("/data/proof") == "lease"; }, 2s));

  // The keyboard: the arrows move and choose, Tab goes on to the check boxes, Space ticks.
  CHECK(wxWindow::FindFocus() == lease);
  press(WXK_DOWN);
  REQUIRE(pumpUntil([&] { return window.answer("/data/proof") == "own"; }, 2s));
  lease->SetFocus();
  situations.boxes()[0]->SetFocus();
  REQUIRE(pumpUntil([&] { return wxWindow::FindFocus() == situations.boxes()[0]; }, 2s));
  press(WXK_SPACE);
  REQUIRE(pumpUntil([&] { return window.answer("/data/situations") == "carer"; }, 2s));
  press(WXK_TAB);
  CHECK(wxWindow::FindFocus() == situations.boxes()[1]);
  press(WXK_TAB);
  CHECK(wxWindow::FindFocus() == situations.boxes()[2]);
  press(WXK_SPACE);
  REQUIRE(pumpUntil([&] { return window.answer("/data/situations") == "carer veteran"; }, 2s));

  // A wider window: the labels take their single lines again, side by side where they fit.
  window.resize(1500);
  window.checkInsideColumn();
  for (wxRadioButton* button : proof.buttons()) CHECK_FALSE(broken(button));
  for (wxCheckBox* box : situations.boxes()) CHECK_FALSE(broken(box));
  CHECK(proof.buttons()[2]->GetPosition().y == lease->GetPosition().y);
  test::saveScreenshot("form-long-choices-wide");

  // And narrow again.
  window.resize(560);
  window.checkInsideColumn();
  CHECK(broken(lease));
  CHECK(window.answer("/data/proof") == "own");
  CHECK(proof.buttons()[1]->GetValue());
}
