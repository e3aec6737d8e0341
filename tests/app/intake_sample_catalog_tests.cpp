// The sample catalog the product ships (forms/catalog), through the intake screens: every
// matter and bundle shows its guide and starts a case with its own form and material list.

#include <catch2/catch.hpp>
#include <wx/html/htmlwin.h>

#include "client/app/material_checklist.hpp"
#include "intake_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::IntakeFixture;
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
