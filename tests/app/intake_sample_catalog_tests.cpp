// The sample catalog the product ships (forms/catalog), through the intake screens: every
// matter and bundle shows its guide and starts a case with its own form and material list.

#include <fstream>

#include <catch2/catch.hpp>
#include <wx/html/htmlwin.h>
#include <wx/stattext.h>

#include "client/app/material_checklist.hpp"
#include "intake_fixture.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/sqlite.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::IntakeFixture;
using test::pumpFor;
using test::pumpUntil;

TEST_CASE("every matter and bundle of the sample catalog opens its guide and starts a case",
          "[gui][intake][sample]") {
  IntakeFixture fixture(std::filesystem::path(ONEWINDOW_SAMPLE_CATALOG) / "catalog.xml");
  fixture.open();
  REQUIRE(fixture.workstation->catalog());
  app::CatalogPane& pane = *fixture.pane();
  app::IntakePage& page = *fixture.intake();

  fixture.typeSearch("jzz");
  REQUIRE_FALSE(pane.hits().empty());
  CHECK(pane.hits()[0].matter->name.zh == "居住证申领");

  pane.searchBox()->SetValue("");  // back to everything
  const std::vector<forms::SearchHit> everything = pane.hits();
  CHECK(everything.size() >= 26);  // the domain table's 22 matters and their bundles
  int forms = 0;
  for (const forms::SearchHit& hit : everything) {
    const app::CatalogChoice choice{pane.catalog(), hit.matter, hit.bundle};
    INFO(choice.code() << " " << choice.name().zh);
    page.showChoice(choice, true);
    CHECK(page.guide()->text().Contains(wxString::FromUTF8(choice.name().zh)));
    IntakeFixture::click(page.guide()->startButton());
    REQUIRE(pumpUntil([&] { return page.stage() == app::CaseStage::Draft; }, 15s));
    CHECK(page.caseChoice().code() == choice.code());
    CHECK_FALSE(page.checklist()->materials().empty());
    const bool hasForm =
        hit.matter != nullptr ? hit.matter->form.has_value() : hit.bundle->form.has_value();
    // Each form of the sample catalog loads and is drawn by the form view.
    CHECK((page.formView() != nullptr) == hasForm);
    forms += page.formView() != nullptr ? 1 : 0;
  }
  CHECK(forms > 20);

  fixture.startCase("440300070001");  // 居住证申领, with its form
  test::saveScreenshot("intake-sample-residence-permit-case");
}

// The form's upload control is bound to a material slot: the attached file goes into the
// material store through the engine and becomes that material's page, received.
TEST_CASE("a file attached at the form's upload control becomes its material's stored page",
          "[gui][intake][sample]") {
  IntakeFixture fixture(std::filesystem::path(ONEWINDOW_SAMPLE_CATALOG) / "catalog.xml");
  fixture.open();
  fixture.startCase("440300070003");  // 残疾人证申领: uploads for its materials
  app::IntakePage& page = *fixture.intake();
  app::MaterialChecklist& checklist = *page.checklist();
  REQUIRE(page.formView() != nullptr);
  CHECK(checklist.status("id_card") == engine::MaterialStatus::Missing);

  const std::filesystem::path scan = fixture.dir / "scans" / "身份证正反面.png";
  std::filesystem::create_directories(scan.parent_path());
  std::ofstream(scan, std::ios::binary) << "front and back of the ID card";
  page.formView()->attachFile("/data/materials/id_card", scan);
  REQUIRE(pumpUntil([&] { return !checklist.attachedPages("id_card").empty(); }, 15s));
  const std::vector<engine::PageRef> pages = checklist.attachedPages("id_card");
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].mediaType == "image/png");
  CHECK(pages[0].sizeBytes == 29);
  CHECK(checklist.status("id_card") == engine::MaterialStatus::Received);
  const auto* attached =
      dynamic_cast<wxStaticText*>(checklist.FindWindowByName("attached-id_card"));
  REQUIRE(attached != nullptr);
  CHECK(attached->GetLabel() == wxString::FromUTF8("已附 1 个文件"));
  CHECK(page.statusText().Contains(wxString::FromUTF8("身份证正反面.png")));
  // The same file again is one page, not two.
  page.formView()->attachFile("/data/materials/id_card", scan);
  pumpFor(500ms);
  CHECK(checklist.attachedPages("id_card").size() == 1);
  test::saveScreenshot("intake-upload-attached");

  fixture.fillApplicant("李建国", "440305195003151238");
  // The form is left unanswered but for the upload: taken in for a correction notice.
  fixture.finalizeForCorrection();
  localdb::Database db(fixture.workstation->paths().profileDir / "workstation.db",
                       localdb::OpenMode::ReadOnly);
  localdb::CaseRepository cases(db);
  const auto record = cases.findByUuid(page.caseUuid());
  REQUIRE(record.has_value());
  bool found = false;
  for (const localdb::SlotRecord& slot : cases.slotsOf(record->id)) {
    if (slot.key != "id_card") continue;
    found = true;
    CHECK(slot.status == "received");
    CHECK(slot.pageHashes == std::vector<std::string>{pages[0].sha256});
  }
  CHECK(found);
}

TEST_CASE("the applicant typed in the form fills the case's applicant fields once",
          "[gui][intake][sample]") {
  IntakeFixture fixture(std::filesystem::path(ONEWINDOW_SAMPLE_CATALOG) / "catalog.xml");
  fixture.open();
  fixture.startCase("440300070003");
  app::IntakePage& page = *fixture.intake();
  fixture.answer("/data/applicant/name", "李建国");
  fixture.answer("/data/applicant/id_number", "440305195003151238");
  CHECK(page.applicantNameField()->GetValue() == wxString::FromUTF8("李建国"));
  CHECK(page.applicantIdField()->GetValue() == "440305195003151238");
  // A correction in the form follows; what the clerk typed in the applicant field stays.
  fixture.answer("/data/applicant/name", "李建华");
  CHECK(page.applicantNameField()->GetValue() == wxString::FromUTF8("李建华"));
  page.applicantNameField()->SetValue(wxString::FromUTF8("李建国（监护人代办）"));
  fixture.answer("/data/applicant/name", "李建");
  CHECK(page.applicantNameField()->GetValue() == wxString::FromUTF8("李建国（监护人代办）"));
}
