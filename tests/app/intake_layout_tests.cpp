// The intake screens at the size of the smallest service-window screens (1366 x 768), as a clerk
// sees them: nothing runs off the form's right edge, and the 容缺 decision's deadline shows as a
// Chinese clerk reads dates.

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/radiobox.h>
#include <wx/radiobut.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "client/app/date_field.hpp"
#include "client/app/decision_panel.hpp"
#include "client/app/material_checklist.hpp"
#include "intake_fixture.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/case_snapshot.hpp"
#include "localdb/sqlite.hpp"

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

TEST_CASE("the gap acceptance deadline is typed and shown as YYYY-MM-DD at 1366x768",
          "[gui][intake][case][layout]") {
  IntakeFixture fixture;
  fixture.open();
  sizeFrame(fixture);
  fixture.startCase("440300012001");  // 残疾人证申领: the photo may be supplied later
  app::IntakePage& page = *fixture.intake();
  fixture.fillApplicant("李建国", "440305195003151238");
  page.checklist()->markAllReceived();
  REQUIRE(page.checklist()->setStatus("photo", localdb::MaterialStatus::Gap));
  fixture.finalize();

  app::DecisionPanel& decisions = *page.decisions();
  decisions.choose(localdb::DecisionKind::AcceptWithGaps);
  app::DateField& deadline = *decisions.deadlinePicker();
  // The promised date, as every date of the product is written, whatever the locale.
  CHECK(deadline.textBox()->GetValue() == "2026-12-11");
  CHECK(deadline.value() == forms::CivilDate{2026, 12, 11});

  // Later than the promised date: said at the field, in red, and not recorded.
  deadline.SetFocus();
  REQUIRE(pumpUntil([&] { return wxWindow::FindFocus() == deadline.textBox(); }, 2s));
  fixture.pressKey('A', wxMOD_CONTROL);
  fixture.pressKey(WXK_BACK);
  wxUIActionSimulator keyboard;
  keyboard.Text("20261218");
  fixture.pressKey(WXK_TAB);
  CHECK(deadline.textBox()->GetValue() == "20261218");
  CHECK(utf8(deadline.shownProblem()) == "日期不得晚于 2026-12-11");
  decisions.commitmentBox()->SetValue(true);
  IntakeFixture::click(decisions.recordButton());
  CHECK(utf8(decisions.message()) == "日期不得晚于 2026-12-11");
  CHECK(page.stage() == app::CaseStage::Finalized);
  CHECK(wxWindow::FindFocus() == deadline.textBox());
  // Every part of the deadline row is inside the work side: nothing cut off at the right.
  wxWindow* workSide = deadline.GetParent();
  while (workSide != nullptr && dynamic_cast<wxScrolledWindow*>(workSide) == nullptr)
    workSide = workSide->GetParent();
  REQUIRE(workSide != nullptr);
  const wxRect visible(workSide->ClientToScreen(wxPoint(0, 0)), workSide->GetClientSize());
  auto* problem = deadline.FindWindow("decision-deadline-problem");
  REQUIRE(problem != nullptr);
  CHECK(problem->IsShown());
  CHECK(visible.Contains(problem->GetScreenRect()));
  CHECK(visible.Contains(deadline.textBox()->GetScreenRect()));
  CHECK(decisions.commitmentBox()->GetScreenRect().GetTop() >=
        problem->GetScreenRect().GetBottom());
  test::saveScreenshot("intake-decision-gap-deadline-too-late-1366x768");

  // Picked from the calendar instead: Alt+Down, three days back, Enter.
  fixture.pressKey(WXK_DOWN, wxMOD_ALT);
  REQUIRE(deadline.calendarShown());
  CHECK(utf8(deadline.calendarTitle()) == "2026年12月");
  CHECK(deadline.calendarDay() == forms::CivilDate{2026, 12, 11});  // the nearest day in range
  fixture.pressKey(WXK_LEFT);
  fixture.pressKey(WXK_LEFT);
  fixture.pressKey(WXK_LEFT);
  test::saveScreenshot("intake-decision-gap-deadline-calendar-1366x768");
  fixture.pressKey(WXK_RETURN);
  CHECK_FALSE(deadline.calendarShown());
  CHECK(deadline.textBox()->GetValue() == "2026-12-08");
  CHECK(deadline.shownProblem().empty());
  CHECK(decisions.message().empty());

  IntakeFixture::click(decisions.recordButton());
  REQUIRE(pumpUntil([&] { return !decisions.waiting(); }, 15s));
  CHECK(page.decidedState() == localdb::CaseState::AcceptedWithGaps);
  localdb::Database db(fixture.workstation->paths().profileDir / "workstation.db",
                       localdb::OpenMode::ReadOnly);
  localdb::CaseRepository cases(db);
  const auto record = cases.findByUuid(page.caseUuid());
  REQUIRE(record.has_value());
  const auto snapshot = localdb::loadCaseSnapshot(db, record->id);
  REQUIRE(snapshot.has_value());
  REQUIRE_FALSE(snapshot->decisions.empty());
  CHECK(snapshot->decisions.back().gapDeadline == "2026-12-08");
  test::saveScreenshot("intake-decision-gap-deadline-recorded-1366x768");
}
