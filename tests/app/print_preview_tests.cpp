// Documents of a case from the Intake page: the settings that name the station's printers and
// the station itself, the preview window (pages, zoom, page count), Save as PDF, and Print —
// refused without a printer, never blocking the main window while the spooler does not answer.
// Driven through the real widgets against a real central server and, for the prints, a real
// CUPS scheduler with a cups-pdf queue.

#include <cstdlib>

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/scrolwin.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include "client/app/decision_panel.hpp"
#include "client/app/document_preview.hpp"
#include "client/app/material_checklist.hpp"
#include "client/app/settings_dialog.hpp"
#include "client/app/verdict_text.hpp"
#include "client/settings/settings.hpp"
#include "cups_fixture.hpp"
#include "intake_fixture.hpp"
#include "pdf_tools.hpp"
#include "raw_tcp_server.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using engine::DecisionKind;
using engine::MaterialStatus;
using test::IntakeFixture;
using test::pumpFor;
using test::pumpUntil;

namespace {

settings::WorkstationSettings station() {
  settings::WorkstationSettings saved;
  saved.centreName = "福田区福保街道党群服务中心";
  saved.centreAddress = "深圳市福田区福保街道桂花路 8 号";
  saved.centrePhone = "0755-83000000";
  saved.windowPhone = "0755-83000003";
  return saved;
}

// A 居住证签注 taken in with everything received and accepted: the notice can be printed.
void acceptCase(IntakeFixture& fixture) {
  fixture.open();
  fixture.startCase("440300007002");
  app::IntakePage& page = *fixture.intake();
  fixture.fillApplicant("陈美玲", "440303198808084563");
  page.checklist()->markAllReceived();
  fixture.finalize();
  page.decisions()->choose(DecisionKind::Accept);
  IntakeFixture::click(page.decisions()->recordButton());
  REQUIRE(pumpUntil([&] { return !page.decisions()->waiting(); }, 15s));
  REQUIRE(page.stage() == app::CaseStage::Decided);
}

// Presses "Print the notice..." and waits for the preview window.
app::DocumentPreview* openNotice(IntakeFixture& fixture) {
  app::IntakePage& page = *fixture.intake();
  REQUIRE(page.printNoticeButton()->IsShown());
  REQUIRE(page.printReceiptButton()->IsShown());
  pumpFor(200ms);
  // In sight below the decision, even after central's news bar made the view shorter.
  wxWindow* workSide = page.printNoticeButton()->GetParent();
  CHECK(page.printNoticeButton()->GetPosition().y >= 0);
  CHECK(page.printNoticeButton()->GetRect().GetBottom() <= workSide->GetClientSize().y);
  test::saveScreenshot("print-intake-decided");
  IntakeFixture::click(page.printNoticeButton());
  REQUIRE(pumpUntil([&] { return page.preview() != nullptr; }, 20s));
  app::DocumentPreview* preview = page.preview();
  REQUIRE(pumpUntil([&] { return preview->pageCount() > 0; }, 10s));
  pumpFor(300ms);  // the engine renders the pages again at the width of the window
  return preview;
}

void saveConfig(const settings::WorkstationSettings& values) {
  settings::saveSettings(settings::appPaths().configFile, values);
}

}  // namespace

TEST_CASE("the printers, their calibration and the station survive a save and a load",
          "[settings][print]") {
  test::ensureGui();
  test::TempDir dir;
  settings::WorkstationSettings saved = station();
  saved.printer = "Office_A4";
  saved.certificatePrinter = "Stock-Tray2";
  saved.cardPrinter = "Evolis";
  saved.verifyBaseUrl = "https://zwfw.example.cn/verify";
  saved.calibration["Stock-Tray2"] = {1.5, -2.25};
  saved.calibration["Evolis"] = {0, 0.5};
  saved.calibration["bad/name"] = {3, 3};  // a name that would read back as a path is dropped
  const auto file = dir / "onewindow.conf";
  settings::saveSettings(file, saved);
  const settings::WorkstationSettings loaded = settings::loadSettings(file);
  CHECK(loaded.printer == "Office_A4");
  CHECK(loaded.certificatePrinter == "Stock-Tray2");
  CHECK(loaded.cardPrinter == "Evolis");
  CHECK(loaded.centreName == saved.centreName);
  CHECK(loaded.centreAddress == saved.centreAddress);
  CHECK(loaded.centrePhone == saved.centrePhone);
  CHECK(loaded.windowPhone == saved.windowPhone);
  CHECK(loaded.verifyBaseUrl == saved.verifyBaseUrl);
  CHECK(loaded.calibration.size() == 2);
  CHECK(settings::offsetOf(loaded, "Stock-Tray2") == settings::PrinterOffset{1.5, -2.25});
  CHECK(settings::offsetOf(loaded, "Evolis") == settings::PrinterOffset{0, 0.5});
  CHECK(settings::offsetOf(loaded, "Unknown") == settings::PrinterOffset{});

  // A printer forgotten is forgotten in the file too.
  settings::WorkstationSettings fewer = loaded;
  fewer.calibration.erase("Evolis");
  settings::saveSettings(file, fewer);
  CHECK(settings::loadSettings(file).calibration.size() == 1);

  CHECK(settings::printerFor(loaded, "paper") == "Office_A4");
  CHECK(settings::printerFor(loaded, "stock") == "Stock-Tray2");
  CHECK(settings::printerFor(loaded, "card") == "Evolis");
  CHECK(settings::printerFor(loaded, "") == "Office_A4");
  const engine::StationProfile profile = settings::stationProfile(loaded);
  CHECK(profile.centreName == saved.centreName);
  CHECK(profile.windowPhone == saved.windowPhone);

  double mm = 99;
  CHECK(settings::validatePrinterOffset("-1,5", &mm).empty());
  CHECK(mm == -1.5);
  CHECK(settings::validatePrinterOffset("", &mm).empty());
  CHECK(mm == 0);
  CHECK(settings::validatePrinterOffset("20", &mm).empty());
  CHECK_FALSE(settings::validatePrinterOffset("20.5", &mm).empty());
  CHECK_FALSE(settings::validatePrinterOffset("2mm", &mm).empty());
  CHECK_FALSE(settings::validatePrinterOffset("nan", &mm).empty());
}

TEST_CASE("the settings dialog lists the spooler's printers or says why it cannot",
          "[gui][settings][print]") {
  test::WorkstationFixture fixture;
  test::CupsServerScope spooler("127.0.0.1:1");  // nothing listens there
  app::Workstation& workstation = fixture.start();
  settings::WorkstationSettings current = station();
  current.certificatePrinter = "Stock-Tray2";
  current.calibration["Stock-Tray2"] = {1.5, 0};
  app::SettingsDialog dialog(nullptr, current, &workstation.engine());
  dialog.Show();
  REQUIRE(pumpUntil([&] { return dialog.printersListed(); }, 10s));
  CHECK(dialog.printerListStatus().StartsWith(
      wxString::Format(_("The printers could not be listed: %s"), "")));
  CHECK(
      dialog.printerListStatus().Contains(app::printErrorText("print.scheduler_unreachable", "")));
  auto* x = dynamic_cast<wxTextCtrl*>(dialog.FindWindowByName("offset-x"));
  auto* y = dynamic_cast<wxTextCtrl*>(dialog.FindWindowByName("offset-y"));
  auto* printer = dynamic_cast<wxComboBox*>(dialog.FindWindowByName("printer"));
  REQUIRE(x != nullptr);
  REQUIRE(y != nullptr);
  REQUIRE(printer != nullptr);
  CHECK(x->GetValue() == "1.5");
  CHECK(dynamic_cast<wxTextCtrl*>(dialog.FindWindowByName("centre-name"))->GetValue() ==
        wxString::FromUTF8(current.centreName));
  // Fits a 1366 x 768 screen with room to spare.
  CHECK(dialog.GetSize().GetHeight() <= 700);
  CHECK(dialog.GetSize().GetWidth() <= 1300);

  y->SetValue("25");
  wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
  dialog.FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
  pumpFor(100ms);
  CHECK(dialog.IsShown());
  CHECK(wxWindow::FindFocus() == y);
  test::saveScreenshot("print-settings-dialog");

  y->SetValue("-0.5");
  printer->SetValue("Office_A4");  // free text: a printer the spooler does not list (yet)
  dialog.FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(click);
  pumpFor(100ms);
  REQUIRE(dialog.GetReturnCode() == wxID_OK);
  CHECK(dialog.settings().printer == "Office_A4");
  CHECK(settings::offsetOf(dialog.settings(), "Stock-Tray2") == settings::PrinterOffset{1.5, -0.5});
}

TEST_CASE("the notice of an accepted case is previewed and saved as a PDF",
          "[gui][intake][print]") {
  IntakeFixture fixture;
  saveConfig(station());
  acceptCase(fixture);
  app::DocumentPreview* preview = openNotice(fixture);
  CHECK(preview->IsShown());
  CHECK(preview->printerClass() == "paper");
  CHECK(preview->pageCount() >= 1);
  CHECK(preview->pageText() == wxString::Format(_("Page %d of %d"), 1, preview->pageCount()));
  CHECK(preview->copiesField()->GetValue() >= 1);
  CHECK_FALSE(preview->reprintReasonField()->IsShown());
  // Fit width: the pages were rendered again for the width of the window.
  CHECK(pumpUntil([&] { return preview->shownDpi() != 90; }, 5s));
  pumpFor(300ms);
  test::saveScreenshot("print-preview-notice");

  preview->setZoom(150);
  REQUIRE(pumpUntil([&] { return std::abs(preview->shownDpi() - 144) < 1; }, 10s));
  pumpFor(200ms);
  test::saveScreenshot("print-preview-zoom-150");
  preview->setZoom(0);
  REQUIRE(pumpUntil([&] { return preview->shownDpi() < 140; }, 10s));

  // Scrolled to the end, the label names the last page.
  auto* pages = dynamic_cast<wxScrolledWindow*>(preview->FindWindowByName("preview-pages"));
  REQUIRE(pages != nullptr);
  pages->Scroll(0, pages->GetVirtualSize().GetHeight());
  pumpFor(200ms);
  CHECK(preview->pageText() ==
        wxString::Format(_("Page %d of %d"), preview->pageCount(), preview->pageCount()));

  const auto pdf = fixture.dir / "notice.pdf";
  preview->saveTo(pdf);
  REQUIRE(pumpUntil([&] { return !preview->saving(); }, 10s));
  INFO(preview->statusText().utf8_string());
  REQUIRE_FALSE(preview->lastFailed());
  CHECK(preview->lastSaved() == pdf);
  REQUIRE(std::filesystem::exists(pdf));
  const std::string text = test::pdfText(pdf);
  CHECK_THAT(text, Catch::Contains("受理通知书"));
  CHECK_THAT(text, Catch::Contains("福田区福保街道党群服务中心"));  // the station from settings
  CHECK_THAT(text, Catch::Contains(preview->documentNo()));
  CHECK(preview->statusText().Contains(_("Saved as %s.").BeforeFirst('%')));

  // The material receipt too: a second preview takes the first one's place.
  IntakeFixture::click(fixture.intake()->printReceiptButton());
  REQUIRE(pumpUntil(
      [&] {
        return fixture.intake()->preview() != nullptr &&
               fixture.intake()->preview()->documentNo() != preview->documentNo();
      },
      20s));
  pumpFor(300ms);
  test::saveScreenshot("print-preview-receipt");
}

TEST_CASE("with no printer set Print is refused with the way to Settings", "[gui][intake][print]") {
  IntakeFixture fixture;
  saveConfig(station());  // no printer
  acceptCase(fixture);
  app::DocumentPreview* preview = openNotice(fixture);
  CHECK(preview->printer().empty());
  CHECK(preview->printerText() ==
        wxString::Format(_("No printer is set as %s: choose one in Settings."),
                         _("the A4 document printer")));
  IntakeFixture::click(preview->printButton());
  pumpFor(200ms);
  CHECK_FALSE(preview->printing());
  CHECK(preview->printButton()->IsEnabled());
  CHECK(preview->statusText() ==
        wxString::Format(_("Not printed: no printer is set as %s. Choose one in Settings "
                           "(Printers), then print again."),
                         _("the A4 document printer")));
  CHECK(dynamic_cast<wxButton*>(preview->FindWindowByName("preview-settings"))->IsShown());
  test::saveScreenshot("print-preview-no-printer");
}

TEST_CASE("a spooler that does not answer fails the print in seconds, the window keeps working",
          "[gui][intake][print]") {
  IntakeFixture fixture;
  settings::WorkstationSettings values = station();
  values.printer = "Office_A4";
  saveConfig(values);
  test::RawTcpServer hung(test::RawTcpServer::Behaviour::NeverAnswer);
  test::CupsServerScope spooler("127.0.0.1:" + std::to_string(hung.port()));
  acceptCase(fixture);
  app::DocumentPreview* preview = openNotice(fixture);
  CHECK(preview->printerText().Contains("Office_A4"));

  const auto start = std::chrono::steady_clock::now();
  IntakeFixture::click(preview->printButton());
  CHECK(preview->printing());
  CHECK_FALSE(preview->printButton()->IsEnabled());
  CHECK(preview->statusText() == wxString::Format(_("Sending to %s..."), "Office_A4"));
  CHECK(preview->saveButton()->IsEnabled());
  test::saveScreenshot("print-preview-sending");

  // Meanwhile the clerk works in the main window: pages switch, the catalog comes back.
  test::PumpStats stats;
  fixture.frame->showPage(app::Page::Sync);
  pumpUntil([] { return false; }, 300ms, &stats);
  fixture.frame->showPage(app::Page::Intake);
  fixture.frame->showCatalog(true);
  REQUIRE(pumpUntil([&] { return !preview->printing(); }, 5s, &stats));
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK(stats.longestStall < 500ms);
  CHECK(preview->lastFailed());
  CHECK(preview->printButton()->IsEnabled());
  INFO(preview->statusText().utf8_string());
  CHECK(preview->statusText().StartsWith(
      wxString::Format(_("Not printed on %s: %s"), "Office_A4", "")));
  CHECK(preview->statusText().Contains(_("Details:")));
  preview->Raise();
  pumpFor(200ms);
  test::saveScreenshot("print-preview-spooler-silent");
}

// A real scheduler with a cups-pdf queue, started by the test (tests/support/cups_fixture.hpp).
TEST_CASE("the notice prints on a real CUPS queue, then a reprint needs its reason",
          "[gui][intake][print][cups]") {
  IntakeFixture fixture;
  test::CupsFixture cups;
  test::CupsServerScope spooler(cups.server().describe());
  settings::WorkstationSettings values = station();
  values.printer = test::CupsFixture::pdfQueue();
  saveConfig(values);
  acceptCase(fixture);
  app::DocumentPreview* preview = openNotice(fixture);
  CHECK(preview->printerText().Contains(wxString::FromUTF8(test::CupsFixture::pdfQueue())));

  IntakeFixture::click(preview->printButton());
  CHECK(preview->statusText() ==
        wxString::Format(_("Sending to %s..."), wxString::FromUTF8(test::CupsFixture::pdfQueue())));
  REQUIRE(pumpUntil([&] { return !preview->printing(); }, 60s));
  INFO(preview->statusText().utf8_string());
  REQUIRE_FALSE(preview->lastFailed());
  REQUIRE(preview->lastJob().has_value());
  CHECK(preview->statusText() == wxString::Format(_("Printed on %s (job %lld)."),
                                                  wxString::FromUTF8(test::CupsFixture::pdfQueue()),
                                                  static_cast<long long>(*preview->lastJob())));
  CHECK(cups.waitForPdfs(1).size() == 1);
  // Printed once: the next print is a reprint and asks why.
  CHECK(preview->reprintReasonField()->IsShown());
  pumpFor(300ms);
  test::saveScreenshot("print-preview-printed");
  IntakeFixture::click(preview->printButton());
  CHECK_FALSE(preview->printing());
  CHECK(preview->statusText() ==
        _("This document was printed before: enter the reason for the reprint."));
  CHECK(wxWindow::FindFocus() == preview->reprintReasonField());
}

TEST_CASE("a scheduler stopped before Print fails in seconds while the clerk works on",
          "[gui][intake][print][cups]") {
  IntakeFixture fixture;
  test::CupsFixture cups;
  test::CupsServerScope spooler(cups.server().describe());
  settings::WorkstationSettings values = station();
  values.printer = test::CupsFixture::pdfQueue();
  saveConfig(values);
  acceptCase(fixture);
  app::DocumentPreview* preview = openNotice(fixture);
  cups.stopScheduler();

  const auto start = std::chrono::steady_clock::now();
  IntakeFixture::click(preview->printButton());
  CHECK(preview->printing());
  test::PumpStats stats;
  fixture.frame->showPage(app::Page::Sync);  // the clerk clicks elsewhere meanwhile
  pumpUntil([] { return false; }, 200ms, &stats);
  fixture.frame->showPage(app::Page::Intake);
  REQUIRE(pumpUntil([&] { return !preview->printing(); }, 5s, &stats));
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK(stats.longestStall < 500ms);
  INFO(preview->statusText().utf8_string());
  CHECK(preview->lastFailed());
  CHECK(preview->statusText().Contains(app::printErrorText("print.scheduler_unreachable", "")));
  CHECK(preview->printButton()->IsEnabled());
  preview->Raise();  // no window manager under Xvfb keeps it above the main window
  pumpFor(200ms);
  test::saveScreenshot("print-preview-scheduler-stopped");
}
