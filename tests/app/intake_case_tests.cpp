// One case at a time through the Intake page: start, scenario questions, the tailored
// checklist, autosave, finalize with due dates, and each decision through the engine into the
// local store — driven through the real widgets against a real central server.

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/radiobox.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/approval_trace_view.hpp"
#include "client/app/date_field.hpp"
#include "client/app/decision_panel.hpp"
#include "client/app/material_checklist.hpp"
#include "intake_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using engine::CaseState;
using engine::DecisionKind;
using engine::MaterialStatus;
using test::IntakeFixture;
using test::pumpFor;
using test::pumpUntil;

namespace {

std::vector<std::string> checklistKeys(const app::MaterialChecklist& checklist) {
  std::vector<std::string> keys;
  for (const app::ChecklistMaterial& entry : checklist.materials())
    keys.push_back(entry.material.key);
  return keys;
}

bool offers(const app::MaterialChecklist& checklist, const std::string& key,
            MaterialStatus status) {
  const auto offered = checklist.offeredStatuses(key);
  return std::find(offered.begin(), offered.end(), status) != offered.end();
}

// Records the decision through the panel's button and waits for the engine's answer.
void recordDecision(IntakeFixture& fixture) {
  app::DecisionPanel* panel = fixture.intake()->decisions();
  IntakeFixture::click(panel->recordButton());
  REQUIRE(pumpUntil([&] { return !panel->waiting(); }, 15s));
}

}  // namespace

TEST_CASE("a residence permit goes from start through the tailored checklist to acceptance",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("440300007001");
  app::IntakePage& page = *fixture.intake();
  CHECK_FALSE(page.caseUuid().empty());
  CHECK(wxWindow::FindFocus() == page.applicantNameField());

  // The scenario question tailors the list: renting needs the lease, owning the certificate.
  app::MaterialChecklist& checklist = *page.checklist();
  REQUIRE(page.scenarios() != nullptr);
  CHECK(checklistKeys(checklist) ==
        std::vector<std::string>{"id_card", "photo_receipt", "lease"});  // first answer: rent
  REQUIRE(page.scenarios()->choose("residence_proof", "own"));
  CHECK(checklistKeys(checklist) ==
        std::vector<std::string>{"id_card", "photo_receipt", "property_cert"});
  // 免提交 only where an e-licence exists; no 容缺 for a matter without gap acceptance.
  CHECK(offers(checklist, "id_card", MaterialStatus::ELicence));
  CHECK_FALSE(offers(checklist, "photo_receipt", MaterialStatus::ELicence));
  CHECK_FALSE(offers(checklist, "property_cert", MaterialStatus::Gap));
  CHECK(checklist.status("id_card") == MaterialStatus::Missing);  // nothing received by default

  fixture.fillApplicant("王晓明", "440303198808084563");
  REQUIRE(checklist.setStatus("id_card", MaterialStatus::ELicence));
  REQUIRE(checklist.setStatus("photo_receipt", MaterialStatus::Received));
  CHECK(checklist.originalsControl("photo_receipt")->GetValue() == 1);  // filled from the catalog
  REQUIRE(checklist.setStatus("property_cert", MaterialStatus::Received));
  checklist.copiesControl("property_cert")->SetValue(2);

  // Ctrl+S saves the draft at once.
  page.applicantNameField()->SetFocus();
  fixture.pressKey('s', wxMOD_CONTROL);
  REQUIRE(pumpUntil([&] { return !page.lastSavedAt().empty(); }, 10s));
  CHECK(page.statusText().Contains(_("Draft saved at %s.").BeforeFirst('%')));
  test::saveScreenshot("intake-checklist-residence-permit");

  fixture.finalize();
  CHECK_THAT(page.provisionalNo(), Catch::StartsWith("W03-"));
  CHECK(page.finalizeMessage().Contains(wxString::FromUTF8(page.provisionalNo())));
  REQUIRE(page.dueDates());
  CHECK(page.dueDates()->promised.iso() == "2026-12-11");  // 10 working days after Fri 11-27
  CHECK(page.dueDates()->legal->iso() == "2026-12-12");    // 15 calendar days
  const auto slots = checklist.answers();
  REQUIRE(slots.size() == 3);
  CHECK(slots[0].status == MaterialStatus::ELicence);
  CHECK(slots[0].note == "居民身份证");
  CHECK(slots[2].copies == 2);

  fixture.intake()->decisions()->choose(DecisionKind::Accept);
  recordDecision(fixture);
  CHECK(page.stage() == app::CaseStage::Decided);
  CHECK(page.decidedState() == CaseState::Accepted);
  test::saveScreenshot("intake-decision-accepted");

  // The applicant rates the visit: one screen here, so the clerk presses Rate and turns it.
  REQUIRE(page.rateButton()->IsShown());
  CHECK(page.ratingDialog() == nullptr);
  IntakeFixture::click(page.rateButton());
  app::RatingDialog* rating = page.ratingDialog();
  REQUIRE(rating != nullptr);
  CHECK_FALSE(rating->onSecondScreen());
  rating->choose(3);  // 不满意 without a reason: the engine refuses it, said in the window
  rating->pressOk();
  REQUIRE(pumpUntil([&] { return !rating->shownMessage().empty(); }, 10s));
  CHECK(page.ratingDialog() == rating);
  rating->tickReason(0);
  test::saveScreenshot("intake-rating");
  rating->pressOk();
  REQUIRE(pumpUntil([&] { return page.ratingDialog() == nullptr; }, 10s));
  CHECK(page.statusText().Contains(_("The applicant's rating is recorded.")));
  CHECK_FALSE(page.rateButton()->IsEnabled());  // one rating per visit

  // The next applicant for the same matter: back to its guide, Start focused.
  IntakeFixture::click(dynamic_cast<wxButton*>(page.FindWindowByName("next-intake")));
  CHECK(page.stage() == app::CaseStage::None);
  CHECK_FALSE(page.showingCase());
  CHECK(page.guide()->choice().code() == "440300007001");
  CHECK(wxWindow::FindFocus() == page.guide()->startButton());
}

TEST_CASE("a disability card is accepted with gaps when only a secondary material is missing",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("440300012001");
  app::IntakePage& page = *fixture.intake();
  app::MaterialChecklist& checklist = *page.checklist();
  // 容缺 is offered for the secondary materials only.
  CHECK(offers(checklist, "photo", MaterialStatus::Gap));
  CHECK(offers(checklist, "assessment", MaterialStatus::Gap));
  CHECK_FALSE(offers(checklist, "application", MaterialStatus::Gap));
  CHECK_FALSE(offers(checklist, "id_card", MaterialStatus::Gap));
  CHECK_FALSE(checklist.setStatus("application", MaterialStatus::Gap));

  fixture.fillApplicant("李建国", "440305195003151238");
  IntakeFixture::click(dynamic_cast<wxButton*>(page.FindWindowByName("all-received")));
  CHECK(checklist.status("application") == MaterialStatus::Received);
  REQUIRE(checklist.setStatus("photo", MaterialStatus::Gap));
  fixture.finalize();

  app::DecisionPanel& decisions = *page.decisions();
  decisions.choose(DecisionKind::AcceptWithGaps);
  CHECK(decisions.gapListText().Contains(wxString::FromUTF8("近期二寸免冠照片")));
  CHECK_FALSE(decisions.gapListText().Contains(wxString::FromUTF8("残疾评定表")));
  // The deadline defaults to the promised date, the latest it may be.
  CHECK(decisions.deadlinePicker()->value() == forms::CivilDate{2026, 12, 11});
  CHECK(decisions.deadlinePicker()->textBox()->GetValue() == "2026-12-11");
  // Without the signed commitment the engine refuses it, and the clerk is sent to the box.
  recordDecision(fixture);
  CHECK(
      decisions.message() ==
      wxString::Format(_("Not recorded: %s"), _("The applicant must sign the commitment first.")));
  CHECK(page.stage() == app::CaseStage::Finalized);
  CHECK(wxWindow::FindFocus() == decisions.commitmentBox());
  test::saveScreenshot("intake-decision-gaps-commitment-missing");

  decisions.commitmentBox()->SetValue(true);
  decisions.deadlinePicker()->setValue(forms::CivilDate{2026, 12, 4});
  recordDecision(fixture);
  CHECK(page.decidedState() == CaseState::AcceptedWithGaps);
  test::saveScreenshot("intake-decision-accepted-with-gaps");
}

TEST_CASE("an accept with a material missing is refused by the engine and nothing is lost",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("440300007002");  // 居住证签注, an immediate case
  app::IntakePage& page = *fixture.intake();
  fixture.fillApplicant("陈美玲", "440303198808084563");
  REQUIRE(page.checklist()->setStatus("id_card", MaterialStatus::Received));
  // The residence permit itself stays missing.
  fixture.finalize();
  CHECK(page.dueDates()->promised == test::kIntakeToday);  // immediate: due today

  app::DecisionPanel& decisions = *page.decisions();
  decisions.choose(DecisionKind::Accept);
  recordDecision(fixture);
  CHECK(page.stage() == app::CaseStage::Finalized);
  // The engine's reason, in the clerk's language.
  CHECK(decisions.message() ==
        wxString::Format(_("Not recorded: %s"), wxString::Format(_("“%s” has not been supplied."),
                                                                 wxString::FromUTF8("居住证"))));
  test::saveScreenshot("intake-decision-accept-refused-by-engine");

  // The clerk switches to a correction notice: the missing permit is already listed.
  decisions.choose(DecisionKind::CorrectionNotice);
  CHECK(decisions.noticeItems()->GetLabel().Contains(wxString::FromUTF8("居住证")));
  recordDecision(fixture);
  CHECK(page.decidedState() == CaseState::AwaitingCorrection);
}

TEST_CASE("a refusal needs its grounds and states the remedies", "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("000131128000");
  app::IntakePage& page = *fixture.intake();
  // A legal-entity matter proposes the credit code as the applicant's ID.
  CHECK(page.applicantIdTypeField()->GetSelection() == 1);
  fixture.fillApplicant("深圳市福田区某某小吃店", "91440300MA5F000007");
  page.checklist()->markAllReceived();
  fixture.finalize();

  app::DecisionPanel& decisions = *page.decisions();
  decisions.choose(DecisionKind::Refuse);
  recordDecision(fixture);
  CHECK(decisions.message() ==
        wxString::Format(_("Not recorded: %s"), _("State the grounds of the refusal.")));
  CHECK(wxWindow::FindFocus() == decisions.groundsText());
  decisions.groundsText()->SetValue(
      wxString::FromUTF8("经营场所位于禁止经营区域，不属于本登记机关受理范围。"));
  decisions.legalBasisText()->SetValue(wxString::FromUTF8("《促进个体工商户发展条例》"));
  test::saveScreenshot("intake-decision-refusal");
  recordDecision(fixture);
  CHECK(page.decidedState() == CaseState::Refused);
}

TEST_CASE("a correction notice lists every form problem and every missing material at once",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("440300013001");  // 高龄老人津贴, with an intake form
  app::IntakePage& page = *fixture.intake();
  // An ID number with a wrong check digit, the household left empty.
  fixture.answer("/data/applicant/name", "黄伯");
  fixture.answer("/data/applicant/id_number", "440305195003151230");
  CHECK(page.formProblemsText().Contains(wxString::FromUTF8("身份证号码无效")));
  fixture.fillApplicant("黄伯", "440305195003151238");  // as his ID card says
  REQUIRE(page.checklist()->setStatus("id_card", MaterialStatus::ELicence));
  // The household register stays missing.
  // The engine refuses to take the form in as it is, shows why at the first field, and offers
  // to take it in for a one-time correction notice.
  IntakeFixture::click(page.finalizeButton());
  REQUIRE(pumpUntil([&] { return page.stage() == app::CaseStage::Draft; }, 15s));
  CHECK(page.finalizeMessage().Contains(wxString::FromUTF8("身份证号码无效")));
  CHECK(page.finalizeForCorrectionButton()->IsShown());
  test::saveScreenshot("intake-finalize-refused-form-problems");
  IntakeFixture::click(page.finalizeForCorrectionButton());
  REQUIRE(pumpUntil([&] { return page.stage() == app::CaseStage::Finalized; }, 15s));

  app::DecisionPanel& decisions = *page.decisions();
  // An acceptance is refused: the form has problems.
  decisions.choose(DecisionKind::Accept);
  recordDecision(fixture);
  CHECK(page.stage() == app::CaseStage::Finalized);
  // (The message is wrapped to the panel: compared without its line breaks and spaces.)
  const auto bare = [](wxString text) {
    text.Replace("\n", "");
    text.Replace(" ", "");
    return text;
  };
  CHECK(bare(decisions.message())
            .Contains(bare(_("The intake form has problems: the case cannot be accepted; issue a "
                             "one-time correction notice."))));
  decisions.choose(DecisionKind::CorrectionNotice);
  const wxString notice = decisions.noticeItems()->GetLabel();
  CHECK(notice.Contains(wxString::FromUTF8("身份证号码无效")));
  CHECK(notice.Contains(wxString::FromUTF8("户籍")));  // the empty required answer
  // In the applicant's language, as the form's summary says it (not the session's English).
  CHECK(notice.Contains(wxString::FromUTF8("户籍：此项必填")));
  CHECK_FALSE(notice.Contains("required"));
  CHECK(notice.Contains(wxString::FromUTF8("居民户口簿")));  // the missing material
  test::saveScreenshot("intake-decision-correction-notice");
  recordDecision(fixture);
  CHECK(page.decidedState() == CaseState::AwaitingCorrection);
}

TEST_CASE("the old-age allowance shows its auto-approval trace as the answers change",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("440300013001");
  app::IntakePage& page = *fixture.intake();
  app::ApprovalTraceView& trace = *page.approvalTrace();
  CHECK_FALSE(trace.eligible());

  fixture.answer("/data/applicant/id_number", "440305195003151238");  // born 1950-03-15
  fixture.answer("/data/hukou", "shenzhen");
  CHECK(trace.eligible());
  CHECK(trace.outcomeText().Contains(wxString::FromUTF8("符合条件，自动核准")));
  CHECK(trace.traceText().Contains("76"));  // the age the condition looked at
  test::saveScreenshot("intake-auto-approval-eligible");

  fixture.answer("/data/applicant/id_number", "44030519900101123X");  // born 1990
  CHECK_FALSE(trace.eligible());
  CHECK(trace.outcomeText().Contains(wxString::FromUTF8("年满70周岁")));
  CHECK(trace.outcomeText().Contains("36"));
  test::saveScreenshot("intake-auto-approval-not-eligible");
}

TEST_CASE("a bundle takes one merged material list and is accepted as one case",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("44030000B001");
  app::IntakePage& page = *fixture.intake();
  app::MaterialChecklist& checklist = *page.checklist();
  // 夫妻双方身份证 is asked by both parts: listed once, with the larger counts.
  CHECK(checklistKeys(checklist) ==
        std::vector<std::string>{"parent_ids", "marriage_cert", "birth_cert"});
  CHECK(checklist.materials()[0].material.originals == 2);
  CHECK(checklist.materials()[0].askedBy.Contains(wxString::FromUTF8("生育登记")));
  CHECK(checklist.materials()[0].askedBy.Contains(wxString::FromUTF8("城乡居民医保参保（少儿）")));
  fixture.fillApplicant("张伟", "440303198808084563");
  checklist.markAllReceived();
  test::saveScreenshot("intake-checklist-bundle");
  fixture.finalize();
  // The slower part sets the promised date: 5 working days after Fri 11-27.
  CHECK(page.dueDates()->promised.iso() == "2026-12-04");
  page.decisions()->choose(DecisionKind::Accept);
  recordDecision(fixture);
  CHECK(page.decidedState() == CaseState::Accepted);
}

TEST_CASE("the draft is autosaved a few seconds after the clerk types", "[gui][intake][case]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.intake()->setAutosaveInterval(300);
  fixture.startCase("440300007001");
  app::IntakePage& page = *fixture.intake();
  pumpFor(800ms);
  CHECK(page.lastSavedAt().empty());  // nothing typed, nothing saved
  fixture.fillApplicant("周丽", "440303198808084563");
  REQUIRE(pumpUntil([&] { return !page.lastSavedAt().empty(); }, 10s));
  // Finalizing without a name is refused by the engine and shown at the field.
  page.applicantNameField()->SetValue("");
  IntakeFixture::click(page.finalizeButton());
  REQUIRE(pumpUntil([&] { return page.stage() == app::CaseStage::Draft; }, 15s));
  CHECK(page.finalizeMessage() ==
        wxString::Format(_("Not taken in:\n%s"), _("Enter the applicant's name.")));
  CHECK(wxWindow::FindFocus() == page.applicantNameField());
  CHECK_FALSE(page.finalizeForCorrectionButton()->IsShown());
}

TEST_CASE("due dates count working days across National Day and its make-up workday",
          "[gui][intake][case]") {
  IntakeFixture fixture(test::intakeCatalogFile(), forms::CivilDate{2026, 9, 28});
  fixture.open();
  fixture.startCase("440300012001");
  // 10 working days from Mon 09-28: 09-29, 09-30, (10-01..07 off), 10-08, 10-09, Sat 10-10
  // (make-up workday), 10-12 … 10-16.
  REQUIRE(fixture.intake()->dueDates());
  CHECK(fixture.intake()->dueDates()->promised.iso() == "2026-10-16");
  CHECK(fixture.intake()->dueDates()->legal->iso() == "2026-11-13");
}

TEST_CASE("the catalog folds away while a case is open and Ctrl+F or F9 brings it back",
          "[gui][intake][case]") {
  IntakeFixture fixture;
  app::MainFrame& frame = *fixture.open();
  CHECK(frame.catalogShown());
  fixture.startCase("440300013001");  // 高龄老人津贴: a form beside the checklist
  app::IntakePage& page = *fixture.intake();
  // Keyboard first: the clerk starts in the form's first question, with no message shown yet.
  CHECK(wxWindow::FindFocus() == page.formView()->fieldFor("/data/applicant/name"));
  CHECK(page.formView()->shownProblemAt("/data/applicant/name").empty());
  // The case has the whole width: the form shows whole and the checklist keeps its columns.
  REQUIRE(pumpUntil([&] { return !frame.catalogShown(); }, 5s));
  REQUIRE(pumpUntil([&] { return page.GetSize().x > frame.GetClientSize().x * 9 / 10; }, 5s));
  test::saveScreenshot("intake-case-full-width");

  // Ctrl+F: the catalog comes back with the focus in its search box; the case stays open.
  fixture.pressKey('F', wxMOD_CONTROL);
  REQUIRE(pumpUntil([&] { return frame.catalogShown(); }, 5s));
  CHECK(pumpUntil([&] { return wxWindow::FindFocus() == fixture.pane()->searchBox(); }, 5s));
  CHECK(page.showingCase());
  CHECK(page.stage() == app::CaseStage::Draft);

  // F9 folds it away again (and brings it back).
  fixture.pressKey(WXK_F9);
  CHECK(pumpUntil([&] { return !frame.catalogShown(); }, 5s));
  fixture.pressKey(WXK_F9);
  CHECK(pumpUntil([&] { return frame.catalogShown(); }, 5s));

  // Opening another matter's guide from the catalog leaves the case view: the catalog stays.
  fixture.openMatter("440300007001");
  CHECK_FALSE(page.showingCase());
  CHECK(frame.catalogShown());
}

TEST_CASE("form messages carrying part of the answer are shown in the clerk's language",
          "[gui][intake][case]") {
  IntakeFixture fixture;  // the window's language: zh_CN
  fixture.open();
  CHECK(app::clerkText("'zz' is not one of the listed choices.") ==
        wxString::FromUTF8("“zz”不是所列的选项之一。"));
  CHECK(app::clerkText("The form cannot compute its calculate: division by zero") ==
        wxString::FromUTF8("表单无法计算此项（calculate）：division by zero"));
  CHECK(app::clerkText("This answer is required.") == wxString::FromUTF8("此项必填"));
  CHECK(app::clerkText("请填写申请人姓名") ==
        wxString::FromUTF8("请填写申请人姓名"));  // the form's
}
