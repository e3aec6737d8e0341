// The catalog pane and the guide view, driven through their widgets under Xvfb.

#include <fstream>

#include <catch2/catch.hpp>
#include <wx/choice.h>
#include <wx/html/htmlwin.h>
#include <wx/treectrl.h>

#include "intake_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::IntakeFixture;
using test::pumpFor;
using test::pumpUntil;

namespace {

std::vector<std::string> hitCodes(const app::CatalogPane& pane) {
  std::vector<std::string> codes;
  for (const forms::SearchHit& hit : pane.hits())
    codes.push_back(hit.matter != nullptr ? hit.matter->basicCode : hit.bundle->code);
  return codes;
}

void chooseTarget(app::CatalogPane& pane, int index) {
  pane.targetFilter()->SetSelection(index);
  wxCommandEvent event(wxEVT_CHOICE, pane.targetFilter()->GetId());
  event.SetInt(index);
  event.SetEventObject(pane.targetFilter());
  pane.targetFilter()->GetEventHandler()->ProcessEvent(event);
}

}  // namespace

TEST_CASE("typing jzz in the catalog finds the residence permit and Enter opens its guide",
          "[gui][intake][catalog]") {
  IntakeFixture fixture;
  fixture.open();
  // Ctrl+F from anywhere in the window puts the cursor in the search box.
  fixture.intake()->SetFocus();
  fixture.pressKey('f', wxMOD_CONTROL);
  REQUIRE(pumpUntil(
      [&] {
        return fixture.pane()->searchBox()->HasFocus() ||
               wxWindow::FindFocus() == fixture.pane()->searchBox();
      },
      3s));

  fixture.typeSearch("jzz");
  const auto& hits = fixture.pane()->hits();
  REQUIRE(hits.size() == 2);  // 居住证申领 and 居住证签注, both "jzz…"
  CHECK(hits[0].matter->name.zh == "居住证申领");
  CHECK(fixture.pane()->results()->GetItemText(0, 0).utf8_string() == "居住证申领");
  CHECK(fixture.pane()->results()->GetItemText(0, 1) == "440300007001");
  CHECK(fixture.pane()->results()->GetItemText(0, 2) ==
        app::matterBadges(*hits[0].matter, false));  // 免 only: "E-LIC"
  CHECK(fixture.pane()->results()->GetItemText(1, 2).Contains(_("NOW")));
  test::saveScreenshot("intake-catalog-search-jzz");

  // Down moves into the list, Enter opens the selected matter: its guide, Start focused.
  fixture.pressKey(WXK_DOWN);
  CHECK(wxWindow::FindFocus() == fixture.pane()->results());
  fixture.pressKey(WXK_RETURN);
  REQUIRE(pumpUntil([&] { return !fixture.intake()->guide()->choice().empty(); }, 3s));
  CHECK(fixture.intake()->guide()->choice().code() == "440300007001");
  const std::string guide = fixture.intake()->guide()->text().utf8_string();
  for (const char* expected :
       {"居住证申领", "11440304MB2D12345E5440300007001", "居民身份证", "数码相片回执",
        "房屋租赁合同", "不动产权证书", "《居住证暂行条例》第九条", "0755-12345", "派出所审核",
        "租住单位宿舍怎么办？"}) {
    CHECK_THAT(guide, Catch::Contains(expected));
  }
  // Limits, flags and scan policies in words; sample figures marked.
  CHECK_THAT(guide,
             Catch::Contains(app::limitText({10, forms::LimitUnit::WorkingDay}).utf8_string()));
  CHECK_THAT(guide, Catch::Contains(_("e-licences may replace paper").utf8_string()));
  CHECK_THAT(guide, Catch::Contains(_("sample data").utf8_string()));
  CHECK_THAT(guide, Catch::Contains(app::scanPolicyText({200, forms::ScanColour::Grey,
                                                         forms::ScanFormat::Pdf, 5242880})
                                        .utf8_string()));
  CHECK(wxWindow::FindFocus() == fixture.intake()->guide()->startButton());
  test::saveScreenshot("intake-guide-residence-permit");
}

TEST_CASE("the category tree and the person or legal filter narrow the list with bundles included",
          "[gui][intake][catalog]") {
  IntakeFixture fixture;
  fixture.open();
  app::CatalogPane& pane = *fixture.pane();
  // Everything: 7 matters and 1 bundle, with counts in the tree.
  CHECK(pane.hits().size() == 8);
  wxTreeCtrl* tree = pane.categoryTree();
  CHECK(tree->GetItemText(tree->GetRootItem()) == wxString::Format(_("All categories (%d)"), 8));

  REQUIRE(pane.selectCategory("social"));  // with its sub-categories 残疾人服务 and 养老服务
  CHECK(hitCodes(pane) == std::vector<std::string>{"440300012001", "440300013001"});
  REQUIRE(pane.selectCategory("family"));
  CHECK(hitCodes(pane) == std::vector<std::string>{"440300010001", "440300010002", "44030000B001"});
  CHECK(pane.results()->GetItemText(2, 2) == app::bundleBadges());
  test::saveScreenshot("intake-catalog-family-category");

  REQUIRE(pane.selectCategory(""));
  chooseTarget(pane, 2);  // legal entities
  CHECK(hitCodes(pane) == std::vector<std::string>{"000131128000"});
  chooseTarget(pane, 1);  // persons
  const auto persons = hitCodes(pane);
  CHECK(std::find(persons.begin(), persons.end(), "000131128000") == persons.end());
  CHECK(std::find(persons.begin(), persons.end(), "440300007001") != persons.end());

  // The parts of a bundle carry its badge; the bundle itself is found by its pinyin.
  chooseTarget(pane, 0);
  fixture.typeSearch("xsecs");
  REQUIRE(pane.hits().size() == 1);
  CHECK(pane.hits()[0].bundle != nullptr);
  fixture.pressKey(WXK_RETURN);  // Enter in the search box opens the best match
  REQUIRE(pumpUntil([&] { return !fixture.intake()->guide()->choice().empty(); }, 3s));
  const std::string guide = fixture.intake()->guide()->text().utf8_string();
  for (const char* expected : {"新生儿出生一件事", "生育登记", "区卫生健康局", "区医疗保障局",
                               "出生医学证明", "夫妻双方身份证", "结婚证"})
    CHECK_THAT(guide, Catch::Contains(expected));
  test::saveScreenshot("intake-guide-bundle");
}

TEST_CASE("a broken catalog file shows its located problems in the pane and nothing crashes",
          "[gui][intake][catalog]") {
  test::TempDir dir;
  const auto broken = dir / "catalog.xml";
  std::ofstream(broken) << "<?xml version=\"1.0\"?>\n"
                           "<catalog xmlns=\"urn:onewindow:catalog:1\" release=\"x\" "
                           "published=\"2026-13-01\" publisher=\"p\">\n"
                           "  <matter/>\n"
                           "</catalog>\n";
  IntakeFixture fixture(broken);
  fixture.open();
  app::CatalogPane& pane = *fixture.pane();
  CHECK_FALSE(fixture.workstation->catalog());
  const std::string problems = pane.problemsText().utf8_string();
  CHECK_THAT(problems, Catch::Contains(broken.string() + ":2:"));
  CHECK_THAT(problems, Catch::Contains(broken.string() + ":3:"));
  CHECK(pane.stateText().Contains(wxString::FromUTF8(broken.string())));
  CHECK(pane.hits().empty());
  test::saveScreenshot("intake-catalog-broken");

  // The administrator installs a good release: it is swapped in at run time.
  fixture.workstation->useCatalog(test::intakeCatalogFile());
  REQUIRE(pumpUntil([&] { return fixture.workstation->catalog() != nullptr; }, 10s));
  fixture.frame->setCatalog(fixture.workstation->catalog());
  CHECK(pane.hits().size() == 8);
  CHECK(pane.problemsText().empty());
}

TEST_CASE("without a catalog the pane says it comes from central", "[gui][intake][catalog]") {
  IntakeFixture fixture;
  fixture.workstation = std::make_unique<app::Workstation>(
      app::LaunchOptions{fixture.central.baseUrl(), "zh_CN", std::nullopt});
  app::MainFrame* frame = fixture.logIn("c1001", "demo1001", "W03");
  REQUIRE(frame != nullptr);
  CHECK(frame->catalog()->stateText().Contains(
      _("It is fetched from central when a clerk logs in while central is online.")));
  CHECK(frame->catalog()->hits().empty());
}

TEST_CASE("a catalog release published at central reaches the pane after an online login",
          "[gui][intake][catalog]") {
  IntakeFixture fixture;
  const test::CommandResult published =
      test::runCentralCommand({"admin", "--db", fixture.central.databaseFile().string(),
                               "publish-catalog", ONEWINDOW_INTAKE_FIXTURES});
  INFO(published.standardError);
  REQUIRE(published.exitCode == 0);
  // No --catalog: the workstation takes what the engine installs from central.
  fixture.workstation = std::make_unique<app::Workstation>(
      app::LaunchOptions{fixture.central.baseUrl(), "zh_CN", std::nullopt});
  app::MainFrame* frame = fixture.logIn("c1001", "demo1001", "W03");
  REQUIRE(frame != nullptr);
  REQUIRE(pumpUntil([&] { return fixture.workstation->catalog() != nullptr; }, 30s));
  CHECK(fixture.workstation->catalog()->release == "test.1");
  CHECK(fixture.workstation->lastCatalogLoad()->catalogFile ==
        fixture.workstation->engine().status().catalogFile);
  CHECK(frame->catalog()->hits().size() == 8);
  CHECK(frame->catalog()->problemsText().empty());
}

TEST_CASE("a double click on a result opens its guide", "[gui][intake][catalog]") {
  IntakeFixture fixture;
  fixture.open();
  fixture.typeSearch("cjr");
  app::CatalogPane& pane = *fixture.pane();
  REQUIRE(pane.hits().size() == 1);
  wxRect row;
  REQUIRE(pane.results()->GetItemRect(0, row));
  wxUIActionSimulator mouse;
  mouse.MouseMove(pane.results()->ClientToScreen(row.GetPosition() + wxPoint(20, row.height / 2)));
  mouse.MouseDblClick();
  REQUIRE(pumpUntil([&] { return !fixture.intake()->guide()->choice().empty(); }, 5s));
  CHECK(fixture.intake()->guide()->choice().code() == "440300012001");
  CHECK(fixture.frame->pages()->GetSelection() == 0);  // the Intake page
}

TEST_CASE("a window left open past midnight offers the matters of the new day",
          "[gui][intake][catalog]") {
  // New Year's Eve: every matter of the fixture catalog takes effect on 2026-01-01.
  IntakeFixture fixture(test::intakeCatalogFile(), forms::CivilDate{2025, 12, 31});
  app::MainFrame& frame = *fixture.open();
  app::CatalogPane& pane = *fixture.pane();
  fixture.typeSearch("jzz");
  CHECK(pane.hits().empty());
  chooseTarget(pane, 1);  // the clerk's filter survives the new day

  // A quarter past midnight, China Standard Time.
  const auto afterMidnight = test::noonInShenzhen(forms::CivilDate{2026, 1, 1}) - 11h - 45min;
  frame.setClock([afterMidnight] { return afterMidnight; });
  frame.followDay();
  CHECK(pane.indexDate() == forms::CivilDate{2026, 1, 1});
  CHECK(hitCodes(pane) == std::vector<std::string>{"440300007001", "440300007002"});
  CHECK(pane.targetFilter()->GetSelection() == 1);
  CHECK(pane.searchBox()->GetValue() == "jzz");

  frame.followDay();  // the same day again changes nothing
  CHECK(hitCodes(pane) == std::vector<std::string>{"440300007001", "440300007002"});
}
