// The case desk (issue 13) through the real windows: the Cases page finds a case by what the clerk
// types or scans, the case window carries the second visit on (supplements, a correction
// notice's answer, the hand-over of a certificate printed on a real CUPS queue), and the applicant
// rates the visit. The cases are set up through the engine, as the intake tests already cover
// taking them in on screen; "today" is fixed for the window and the engine alike.

#include <fstream>

#include <catch2/catch.hpp>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>

#include "client/app/case_detail_dialog.hpp"
#include "client/app/cases_page.hpp"
#include "client/app/rating_dialog.hpp"
#include "client/app/second_visit_dialogs.hpp"
#include "client/settings/settings.hpp"
#include "cups_fixture.hpp"
#include "intake_fixture.hpp"
#include "localdb/verification_code.hpp"
#include "pdf_tools.hpp"
#include "sample_engine_case.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using engine::DeskAction;
using test::pumpFor;
using test::pumpUntil;

namespace {

constexpr const char* kDisabilityCard = "440300070003";  // 容缺 allowed, 10 working days
constexpr forms::CivilDate kToday{2026, 11, 27};

// A workstation on the sample catalog (central publishes the same), logged in at W03, with the
// Cases page shown; cases are made through its engine.
class DeskFixture : public test::WorkstationFixture {
 public:
  DeskFixture() {
    settings::WorkstationSettings values;
    values.centreName = "罗湖区东门街道党群服务中心";
    values.windowPhone = "0755-82200003";
    settings::saveSettings(settings::appPaths().configFile, values);
  }

  void usePrinter(const std::string& queue) {
    settings::WorkstationSettings values = settings::loadSettings(settings::appPaths().configFile);
    values.printer = values.certificatePrinter = values.cardPrinter = queue;
    settings::saveSettings(settings::appPaths().configFile, values);
  }

  app::CasesPage* open() {
    workstation = std::make_unique<app::Workstation>(
        app::LaunchOptions{central.baseUrl(), "zh_CN", test::sampleCatalogFile(),
                           std::make_shared<test::FixedClock>(test::noonInShenzhen(kToday))});
    frame = logIn("c1001", "demo1001", "W03");
    REQUIRE(frame != nullptr);
    frame->setClock([] { return test::noonInShenzhen(kToday); });
    frame->SetSize(wxDisplay(0u).GetClientArea());
    REQUIRE(pumpUntil([&] { return workstation->catalog() != nullptr; }, 10s));
    frame->setCatalog(workstation->catalog());
    subscription_ = workstation->engine().subscribe(
        [this](const engine::Notification& n) { received_.push_back(n); });
    frame->showPage(app::Page::Queue);
    frame->Raise();
    pumpFor(200ms);
    return frame->casesPage();
  }

  // A command to the engine and its answer, the UI running meanwhile.
  template <typename T, typename CommandT>
  T call(CommandT command) {
    command.requestId = 0x7000000000000000ULL | ++lastRequest_;
    const std::uint64_t id = command.requestId;
    const std::size_t from = received_.size();
    workstation->engine().submit(std::move(command));
    std::optional<T> answer;
    std::string failure;
    pumpUntil(
        [&] {
          for (std::size_t i = from; i < received_.size(); ++i) {
            if (const auto* ok = std::get_if<T>(&received_[i]); ok && ok->requestId == id)
              answer = *ok;
            if (const auto* failed = std::get_if<engine::CommandFailed>(&received_[i]);
                failed && failed->requestId == id)
              failure = failed->message.empty() ? "refused" : failed->message;
          }
          return answer.has_value() || !failure.empty();
        },
        20s);
    if (!answer) FAIL("the engine refused or did not answer: " << failure);
    return *answer;
  }

  // A case of `code` with the sample applicant, taken in with `statuses`, and decided.
  engine::CaseFinalized takeIn(const std::string& code,
                               const std::map<std::string, engine::MaterialStatus>& statuses,
                               engine::DecisionAnswer decision) {
    const test::SampleIntake intake = test::sampleIntake(code, test::noonInShenzhen(kToday));
    const auto started = call<engine::DraftStarted>(engine::StartDraft{0, code});
    call<engine::DraftSaved>(engine::SaveDraft{0, started.uuid, test::sampleDraft(intake, "张三")});
    const auto taken = call<engine::CaseFinalized>(engine::FinalizeIntake{
        0, started.uuid, intake.scenarios, test::sampleMaterials(intake, {}, statuses), false});
    call<engine::DecisionRecorded>(engine::RecordDecision{0, taken.uuid, decision});
    return taken;
  }

  std::filesystem::path scannedPage(const std::string& name) {
    const auto file = dir / (name + ".jpg");
    std::ofstream(file, std::ios::binary) << "scanned page " << name;
    return file;
  }

  // Enter in the search box, as a keyboard-wedge scanner ends its code.
  app::CaseDetailDialog* find(app::CasesPage* page, const std::string& typed) {
    page->searchBox()->SetFocus();
    page->setSearchText(wxString::FromUTF8(typed));
    page->submitSearch();
    REQUIRE(pumpUntil([&] { return page->detail() != nullptr && page->detail()->IsShown(); }, 10s));
    app::CaseDetailDialog* detail = page->detail();
    pumpFor(200ms);
    return detail;
  }

  app::MainFrame* frame = nullptr;

 private:
  engine::Subscription subscription_;
  std::vector<engine::Notification> received_;
  std::uint64_t lastRequest_ = 0;
};

bool settled(app::CaseDetailDialog* detail) { return !detail->busy(); }

}  // namespace

TEST_CASE("a 容缺 case found by its provisional number gets its missing material and is accepted",
          "[gui][desk]") {
  DeskFixture fixture;
  app::CasesPage* page = fixture.open();
  const engine::CaseFinalized taken =
      fixture.takeIn(kDisabilityCard, {{"assessment_form", engine::MaterialStatus::Gap}},
                     {.kind = engine::DecisionKind::AcceptWithGaps,
                      .gapDeadline = "2026-12-04",
                      .commitmentSigned = true});
  page->refresh();
  REQUIRE(pumpUntil([&] { return page->total() == 1 && page->row(0) != nullptr; }, 10s));
  CHECK(page->cellText(0, 3) == wxString::FromUTF8("容缺受理"));
  CHECK(page->cellText(0, 6).Contains(wxString::FromUTF8("个工作日")));
  CHECK(page->cellText(0, 2).Contains("*"));
  pumpFor(200ms);
  test::saveScreenshot("desk-case-list");

  app::CaseDetailDialog* detail = fixture.find(page, taken.provisionalNo);
  CHECK(detail->detail().record.uuid == taken.uuid);
  CHECK(detail->attachButton()->IsEnabled());
  CHECK_FALSE(detail->actionButton(DeskAction::HandOver)->IsEnabled());
  CHECK(detail->headerText().Contains("2026-12-04"));
  test::saveScreenshot("desk-gap-case");

  detail->supplyFiles("assessment_form", {fixture.scannedPage("assessment")});
  REQUIRE(
      pumpUntil([&] { return detail->detail().record.state == engine::CaseState::Accepted; }, 15s));
  CHECK(detail->messageText().Contains(wxString::FromUTF8("已受理")));
  CHECK_FALSE(detail->attachButton()->IsEnabled());
  // The decision that completed the case asks for the applicant's rating.
  REQUIRE(pumpUntil([&] { return detail->ratingDialog() != nullptr; }, 5s));
  detail->ratingDialog()->choose(0);
  detail->ratingDialog()->pressOk();
  REQUIRE(pumpUntil([&] { return detail->ratingDialog() == nullptr && settled(detail); }, 10s));
  CHECK(detail->detail().ratings.size() == 1);
  pumpFor(200ms);
  test::saveScreenshot("desk-gap-supplied");
}

TEST_CASE("typing a notice's QR text and Enter opens its case at once", "[gui][desk]") {
  DeskFixture fixture;
  app::CasesPage* page = fixture.open();
  const engine::CaseFinalized taken =
      fixture.takeIn(test::kSampleMatter, {}, {.kind = engine::DecisionKind::Accept});
  const std::string qr = "https://zwfw.example.cn/v/" + taken.provisionalNo +
                         "?c=" + localdb::caseVerificationCode(taken.uuid);
  app::CaseDetailDialog* detail = fixture.find(page, qr);
  CHECK(detail->detail().record.uuid == taken.uuid);
  CHECK(page->searchBox()->GetValue().empty());  // ready for the next notice
  CHECK(detail->answerList()->GetItemCount() > 3);
  CHECK(detail->timelineList()->GetItemCount() >= 3);
  test::saveScreenshot("desk-found-by-qr");

  // A wrong check code finds nothing.
  page->setSearchText(
      wxString::FromUTF8("https://zwfw.example.cn/v/" + taken.provisionalNo + "?c=ZZZZ"));
  page->submitSearch();
  REQUIRE(pumpUntil(
      [&] {
        return !page->messageText().empty() &&
               page->messageText().Contains(wxString::FromUTF8("没有"));
      },
      10s));
}

TEST_CASE("a correction-notice case is answered with its supplement and accepted", "[gui][desk]") {
  DeskFixture fixture;
  app::CasesPage* page = fixture.open();
  const engine::CaseFinalized taken =
      fixture.takeIn(test::kSampleMatter, {{"premises_proof", engine::MaterialStatus::Missing}},
                     {.kind = engine::DecisionKind::CorrectionNotice});
  app::CaseDetailDialog* detail = fixture.find(page, taken.provisionalNo);
  CHECK(detail->detail().record.state == engine::CaseState::AwaitingCorrection);
  REQUIRE(detail->actionButton(DeskAction::AnswerCorrection)->IsEnabled());

  // Accepting before the material is in is refused in the window, at the material.
  detail->runAction(DeskAction::AnswerCorrection);
  auto* answer = dynamic_cast<app::CorrectionAnswerDialog*>(detail->actionDialog());
  REQUIRE(answer != nullptr);
  answer->decisionBox()->SetSelection(0);
  answer->pressOk();
  REQUIRE(pumpUntil([&] { return !answer->shownMessage().empty(); }, 10s));
  CHECK(answer->shownMessage().Contains(wxString::FromUTF8("经营场所")));
  answer->Destroy();
  pumpFor(100ms);

  detail->supplyFiles("premises_proof", {fixture.scannedPage("lease")});
  REQUIRE(pumpUntil(
      [&] {
        return settled(detail) && detail->detail().slots.size() == 3 &&
               !detail->detail().slots[2].owed &&
               detail->detail().slots[2].slot.status == "received";
      },
      15s));
  detail->runAction(DeskAction::AnswerCorrection);
  answer = dynamic_cast<app::CorrectionAnswerDialog*>(detail->actionDialog());
  REQUIRE(answer != nullptr);
  answer->decisionBox()->SetSelection(0);
  test::saveScreenshot("desk-correction-answer");
  answer->pressOk();
  REQUIRE(
      pumpUntil([&] { return detail->detail().record.state == engine::CaseState::Accepted; }, 15s));
  pumpFor(200ms);
  test::saveScreenshot("desk-correction-accepted");
}

TEST_CASE("a wrong answer a correction notice listed is corrected in the form and accepted",
          "[gui][desk]") {
  DeskFixture fixture;
  app::CasesPage* page = fixture.open();
  // Taken in for correction with the ID number's check digit wrong in the form.
  const test::SampleIntake intake =
      test::sampleIntake(test::kSampleMatter, test::noonInShenzhen(kToday));
  engine::DraftContent wrong = test::sampleDraft(intake, "张三");
  wrong.instanceXml =
      test::answeredInstance(intake, "/data/applicant/id_number", "440305199001011234");
  const auto started =
      fixture.call<engine::DraftStarted>(engine::StartDraft{0, test::kSampleMatter});
  fixture.call<engine::DraftSaved>(engine::SaveDraft{0, started.uuid, wrong});
  const auto taken = fixture.call<engine::CaseFinalized>(engine::FinalizeIntake{
      0, started.uuid, intake.scenarios, test::sampleMaterials(intake), true});
  fixture.call<engine::DecisionRecorded>(
      engine::RecordDecision{0, taken.uuid, {.kind = engine::DecisionKind::CorrectionNotice}});

  app::CaseDetailDialog* detail = fixture.find(page, taken.provisionalNo);
  detail->runAction(DeskAction::AnswerCorrection);
  auto* answer = dynamic_cast<app::CorrectionAnswerDialog*>(detail->actionDialog());
  REQUIRE(answer != nullptr);
  REQUIRE(answer->correctAnswersBox() != nullptr);
  // Accepting the answers as they stand is refused: the notice listed the ID number.
  answer->decisionBox()->SetSelection(0);
  answer->pressOk();
  REQUIRE(pumpUntil([&] { return !answer->shownMessage().empty(); }, 10s));

  // The clerk opens the form in the window and corrects the check digit.
  wxCheckBox* correct = answer->correctAnswersBox();
  correct->SetValue(true);
  wxCommandEvent tick(wxEVT_CHECKBOX, correct->GetId());
  tick.SetInt(1);
  tick.SetEventObject(correct);
  correct->GetEventHandler()->ProcessEvent(tick);
  REQUIRE(pumpUntil(
      [&] { return answer->formView()->fieldFor("/data/applicant/id_number") != nullptr; }, 5s));
  auto* idField =
      dynamic_cast<wxTextCtrl*>(answer->formView()->fieldFor("/data/applicant/id_number"));
  REQUIRE(idField != nullptr);
  CHECK(idField->GetValue() == "440305199001011234");
  idField->SetValue(test::kSampleIdNumber);
  pumpFor(300ms);
  answer->Raise();
  test::saveScreenshot("desk-correction-form");
  answer->pressOk();
  REQUIRE(
      pumpUntil([&] { return detail->detail().record.state == engine::CaseState::Accepted; }, 15s));
  CHECK(detail->detail().record.revision == 2);
}

TEST_CASE("a pick-up by an authorised collector prints the certificate and the case is collected",
          "[gui][desk][cups]") {
  test::CupsFixture cups;
  test::CupsServerScope spooler(cups.server().describe());
  DeskFixture fixture;
  fixture.usePrinter(test::CupsFixture::pdfQueue());
  app::CasesPage* page = fixture.open();
  const engine::CaseFinalized taken =
      fixture.takeIn(test::kSampleMatter, {}, {.kind = engine::DecisionKind::Accept});
  // Central numbers the case, the back office grants it and makes the licence ready.
  REQUIRE(pumpUntil([&] { return fixture.workstation->engine().status().pendingSync == 0; }, 30s));
  REQUIRE(test::makeReadyForPickup(fixture.dir / "central.db", taken.uuid).empty());
  const std::string db = (fixture.dir / "central.db").string();
  const test::CommandResult issued = test::runCentralCommand(
      {"admin", "--db", db, "issue-certificate", taken.uuid, "--number", "92440303MA5G8K2X1Q",
       "--issuer", "深圳市市场监督管理局罗湖监管局", "--field", "credit_code=92440303MA5G8K2X1Q",
       "--field", "business_name=深圳市罗湖区张三丰便利店", "--field", "business_form=个人经营",
       "--field", "business_address=深圳市罗湖区东门街道解放路1号101", "--field",
       "business_scope=预包装食品、日用百货的零售"});
  INFO(issued.standardError);
  REQUIRE(issued.exitCode == 0);
  bool ready = false;
  for (int attempt = 0; attempt < 40 && !ready; ++attempt) {
    fixture.workstation->engine().submit(engine::SyncNow{});  // the change feed now
    pumpFor(1s);
    const engine::CaseDetail shown =
        fixture.call<engine::CaseDetailReady>(engine::ShowCase{0, taken.uuid}).detail;
    ready = shown.record.state == engine::CaseState::AwaitingPickup && shown.certificate;
  }
  REQUIRE(ready);
  app::CaseDetailDialog* detail = fixture.find(page, taken.provisionalNo);
  REQUIRE(detail->actionButton(DeskAction::HandOver)->IsEnabled());
  CHECK(detail->detail().resultDocument == "business-licence");  // the engine's choice

  detail->runAction(DeskAction::HandOver);
  app::HandoverDialog* handover = detail->handoverDialog();
  REQUIRE(handover != nullptr);
  handover->nameField()->SetValue(wxString::FromUTF8("李四"));
  handover->idNumberField()->SetValue("11010519491231002X");
  handover->idCheckedBox()->SetValue(true);
  detail->printResult();
  pumpUntil([&] { return detail->preview() != nullptr && detail->preview()->pageCount() > 0; },
            20s);
  INFO(detail->messageText().utf8_string());
  REQUIRE(detail->preview() != nullptr);
  REQUIRE(detail->preview()->pageCount() > 0);
  app::DocumentPreview* preview = detail->preview();
  CHECK(preview->printerText().Contains(wxString::FromUTF8(test::CupsFixture::pdfQueue())));
  preview->print();
  REQUIRE(pumpUntil([&] { return !preview->printing(); }, 60s));
  REQUIRE_FALSE(preview->lastFailed());
  CHECK(preview->GetTitle().Contains(wxString::FromUTF8("营业执照")));
  const std::vector<std::filesystem::path> printed = cups.waitForPdfs(1);
  REQUIRE(printed.size() == 1);
  // The licence goes to the pre-printed stock's printer, one page whose QR code verifies it
  // (cups-pdf's re-encoded text cannot be read back; the archived PDF's text is checked in
  // the engine's test).
  CHECK(preview->printerClass() == "stock");
  CHECK(test::pdfPages(printed.front()) == 1);
  const auto pages = test::rasterisePdf(printed.front(), 200, fixture.dir / "licence");
  REQUIRE_FALSE(pages.empty());
  CHECK_THAT(test::decodeSymbols(pages.front()), Catch::Contains("/v/") && Catch::Contains("?c="));
  test::saveScreenshot("desk-certificate-preview");
  REQUIRE(handover->documentList()->GetCount() >= 1);
  // Not the applicant and not marked as authorised: refused with the reason.
  handover->pressOk();
  REQUIRE(pumpUntil([&] { return !handover->shownMessage().empty(); }, 10s));
  CHECK(handover->shownMessage().Contains(wxString::FromUTF8("委托")));
  handover->authorisedBox()->SetValue(true);
  handover->Raise();
  pumpFor(200ms);
  test::saveScreenshot("desk-handover");
  handover->pressOk();
  REQUIRE(pumpUntil([&] { return detail->detail().record.state == engine::CaseState::Collected; },
                    15s));
  REQUIRE(detail->detail().events.size() == 1);
  CHECK(detail->detail().events[0].event.authorised);
  CHECK(detail->detail().events[0].event.documents.size() == 1);
  CHECK(detail->ratingDialog() != nullptr);  // the pick-up is rated too
}

TEST_CASE("a bad rating is refused without reasons, then accepted with one", "[gui][desk]") {
  DeskFixture fixture;
  app::CasesPage* page = fixture.open();
  const engine::CaseFinalized taken =
      fixture.takeIn(test::kSampleMatter, {}, {.kind = engine::DecisionKind::Accept});
  app::CaseDetailDialog* detail = fixture.find(page, taken.provisionalNo);
  REQUIRE(detail->actionButton(DeskAction::Rate)->IsEnabled());
  detail->runAction(DeskAction::Rate);
  app::RatingDialog* rating = detail->ratingDialog();
  REQUIRE(rating != nullptr);
  rating->choose(3);  // 不满意
  rating->pressOk();
  REQUIRE(pumpUntil([&] { return !rating->shownMessage().empty(); }, 10s));
  CHECK(rating->shownMessage().Contains(wxString::FromUTF8("原因")));
  rating->Raise();
  pumpFor(200ms);
  test::saveScreenshot("desk-rating-refused");
  rating->tickReason(0);
  rating->pressOk();
  REQUIRE(pumpUntil([&] { return detail->ratingDialog() == nullptr && settled(detail); }, 10s));
  REQUIRE(detail->detail().ratings.size() == 1);
  CHECK(detail->detail().ratings[0].rating.label == "不满意");
  CHECK(detail->detail().ratings[0].rating.reasons.size() == 1);
  CHECK_FALSE(detail->actionButton(DeskAction::Rate)->IsEnabled());
}
