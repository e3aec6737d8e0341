// The intake screens at the size of the smallest service-window screens (1366 x 768), as a clerk
// sees them: nothing runs off the form's right edge.

#include <catch2/catch.hpp>
#include <wx/radiobut.h>
#include <wx/stattext.h>

#include "intake_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::IntakeFixture;
using test::pumpFor;
using test::pumpUntil;

namespace {

std::string utf8(const wxString& text) { return text.utf8_string(); }

// The main window at 1366 x 768 whatever the screen: the test does not depend on Xvfb's size.
void sizeFrame(IntakeFixture& fixture) {
  fixture.frame->SetSize(wxRect(0, 0, 1366, 768));
  fixture.frame->Layout();
  pumpFor(300ms);
  REQUIRE(fixture.frame->GetSize() == wxSize(1366, 768));
}

// The part of the screen where the form view shows the form (its client area).
wxRect visibleForm(const app::FormView& view) {
  return {view.ClientToScreen(wxPoint(0, 0)), view.GetClientSize()};
}

}  // namespace

TEST_CASE("the residence permit's long proof choices wrap inside the form at 1366x768",
          "[gui][intake][sample][layout]") {
  IntakeFixture fixture(std::filesystem::path(ONEWINDOW_SAMPLE_CATALOG) / "catalog.xml");
  fixture.open();
  sizeFrame(fixture);
  fixture.startCase("440300070001");  // 居住证申领
  app::FormView* view = fixture.intake()->formView();
  REQUIRE(view != nullptr);
  view->drawAll();
  pumpFor(300ms);

  const std::string path = "/data/residence/proof_type";
  auto* proof = dynamic_cast<app::RadioField*>(view->field(path));
  REQUIRE(proof != nullptr);
  CHECK(utf8(proof->labelWindow()->GetLabelText()).find("居住证明类型") != std::string::npos);
  REQUIRE(proof->buttons().size() == 4);
  REQUIRE(view->focusField(path));
  pumpFor(300ms);

  // The form never needs scrolling sideways, and every choice lies inside what is shown.
  CHECK(view->GetVirtualSize().x <= view->GetClientSize().x);
  const wxRect visible = visibleForm(*view);
  for (wxRadioButton* button : proof->buttons()) {
    INFO(utf8(button->GetLabel()));
    const wxRect shown = button->GetScreenRect();
    CHECK(shown.GetRight() <= visible.GetRight());
    CHECK(visible.Contains(shown));
    // The whole label is shown: the button is as wide as its text asks.
    CHECK(shown.GetWidth() >= button->GetBestSize().GetWidth());
  }
  // Every other question of the form also stays inside the form's width.
  for (wxWindow* child : view->canvasWindow()->GetChildren()) {
    if (!child->IsShown()) continue;
    INFO(utf8(child->GetName()) << " " << utf8(child->GetLabel()));
    CHECK(child->GetRect().GetRight() < view->GetClientSize().x);
  }
  test::saveScreenshot("intake-residence-permit-proof-choices-1366x768");

  // The choices still answer from the keyboard: the arrow keys move among them, in the
  // direction the clerk sees them, and choose.
  proof->buttons()[0]->SetFocus();
  REQUIRE(pumpUntil([&] { return wxWindow::FindFocus() == proof->buttons()[0]; }, 2s));
  fixture.pressKey(WXK_RIGHT);
  CHECK(pumpUntil([&] { return proof->answer() == "own"; }, 2s));
  fixture.pressKey(WXK_DOWN);
  CHECK(pumpUntil([&] { return proof->answer() == "labour"; }, 2s));
  fixture.pressKey(WXK_LEFT);
  CHECK(pumpUntil([&] { return proof->answer() == "insurance"; }, 2s));
  CHECK(wxWindow::FindFocus() == proof->buttons()[2]);
}
