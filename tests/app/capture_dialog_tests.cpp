// Scanning a material from the intake checklist (issue 12), through the real windows: the
// material's Scan… button opens the capture window, three pages come in, the clerk turns one
// and moves another, and after intake the case's material holds them in the new order — one
// PDF, checked page by page. Pages come from files here (distinguishable by their coloured
// block); the SANE test scanner is listed beside them.

#include <catch2/catch.hpp>
#include <wx/button.h>
#include <wx/listctrl.h>

#include "client/app/capture_dialog.hpp"
#include "client/app/material_checklist.hpp"
#include "intake_fixture.hpp"
#include "localdb/sqlite.hpp"
#include "pdf_tools.hpp"
#include "sane_backend.hpp"
#include "scan_pages.hpp"

using namespace onewindow;
using namespace std::chrono_literals;
using test::IntakeFixture;
using test::MarkColour;
using test::pumpFor;
using test::pumpUntil;

namespace {

bool settled(const app::CaptureDialog& dialog, int pages) {
  return !dialog.busy() && static_cast<int>(dialog.pages().size()) == pages &&
         dialog.summary().processed == pages && dialog.summary().pages == pages;
}

}  // namespace

TEST_CASE(
    "Three pages captured into a material are turned and reordered, and the case "
    "holds them in that order",
    "[gui][intake][scan]") {
  test::useSaneTestBackend();
  IntakeFixture fixture;
  fixture.open();
  fixture.startCase("440300007002");
  app::IntakePage& page = *fixture.intake();
  fixture.fillApplicant("陈美玲", "440303198808084563");

  wxButton* scan = page.checklist()->captureControl("permit");
  REQUIRE(scan != nullptr);
  IntakeFixture::click(scan);
  REQUIRE(pumpUntil([&] { return page.capture() != nullptr; }, 5s));
  app::CaptureDialog* dialog = page.capture();
  REQUIRE(pumpUntil([&] { return dialog->devicesListed(); }, 20s));
  CHECK(dialog->selectDevice("sane:test:0"));  // the SANE test scanner is offered

  std::vector<std::filesystem::path> files;
  for (const MarkColour colour : {MarkColour::Red, MarkColour::Green, MarkColour::Blue}) {
    files.push_back(fixture.dir / "scans" / (std::string(test::markColourName(colour)) + ".png"));
    test::writeMarkedPage(files.back(), colour);
  }
  dialog->importFiles(files);
  REQUIRE(pumpUntil([&] { return settled(*dialog, 3); }, 30s));
  CHECK(dialog->pageList()->GetItemCount() == 3);
  CHECK(dialog->resultText().Contains(wxString::FromUTF8("符合采集要求")));
  pumpFor(200ms);
  test::saveScreenshot("capture-three-pages");

  // The first page (red) a quarter turn to the right, the last (blue) moved to the front.
  dialog->selectPage(0);
  dialog->turnSelected(1);
  REQUIRE(pumpUntil([&] { return settled(*dialog, 3); }, 20s));
  dialog->selectPage(2);
  dialog->moveSelected(-1);
  REQUIRE(pumpUntil([&] { return settled(*dialog, 3); }, 20s));
  dialog->moveSelected(-1);
  REQUIRE(pumpUntil([&] { return settled(*dialog, 3); }, 20s));
  // A deletion undone leaves the pages as they were.
  dialog->selectPage(1);
  dialog->deleteSelected();
  REQUIRE(pumpUntil([&] { return settled(*dialog, 2); }, 20s));
  dialog->undo();
  REQUIRE(pumpUntil([&] { return settled(*dialog, 3); }, 20s));
  pumpFor(200ms);
  test::saveScreenshot("capture-arranged");

  // The last page cropped by hand to its top half, through the crop window.
  const int fullHeight = dialog->pages()[2].output->height;
  dialog->selectPage(2);
  dialog->cropSelected();
  REQUIRE(pumpUntil([&] { return dialog->cropWindow() != nullptr; }, 10s));
  app::CropDialog* crop = dialog->cropWindow();
  const wxSize canvas = crop->FindWindow("crop-canvas")->GetSize();
  crop->select(0, 0, canvas.x, canvas.y / 2);
  pumpFor(200ms);
  test::saveScreenshot("capture-crop");
  IntakeFixture::click(dynamic_cast<wxButton*>(crop->FindWindow(wxID_OK)));
  REQUIRE(pumpUntil(
      [&] {
        return settled(*dialog, 3) && dialog->pages()[2].output &&
               dialog->pages()[2].output->height < fullHeight * 0.6;
      },
      20s));

  IntakeFixture::click(dynamic_cast<wxButton*>(dialog->FindWindow(wxID_OK)));
  REQUIRE(pumpUntil([&] { return page.capture() == nullptr; }, 5s));
  CHECK(page.checklist()->scannedPages("permit") == 3);
  CHECK(page.checklist()->status("permit") == engine::MaterialStatus::Received);

  page.checklist()->markAllReceived();
  fixture.finalize();

  localdb::Database db(fixture.workstation->paths().profileDir / "workstation.db",
                       localdb::OpenMode::ReadOnly);
  localdb::Statement file = db.prepare(
      "SELECT p.sha256 FROM material_pages p JOIN material_slots s ON s.id = p.slot_id "
      "JOIN cases c ON c.id = s.case_id WHERE c.uuid = ?1 AND s.slot_key = 'permit'");
  file.bind(1, page.caseUuid());
  REQUIRE(file.step());
  const std::string sha = file.columnText(0);
  const auto pdf = fixture.workstation->paths().profileDir / "materials" / sha.substr(0, 2) /
                   sha.substr(2, 2) / sha;
  REQUIRE(test::pdfPages(pdf) == 3);
  const auto pngs = test::rasterisePdf(pdf, 30, fixture.dir / "out" / "permit");
  REQUIRE(pngs.size() == 3);
  std::vector<MarkColour> order;
  for (const auto& png : pngs) {
    const auto mark = test::findMark(png);
    REQUIRE(mark);
    order.push_back(mark->colour);
  }
  CHECK(order == std::vector{MarkColour::Blue, MarkColour::Red, MarkColour::Green});
  const auto red = test::findMark(pngs[1]);
  CHECK_FALSE(red->portrait);  // turned
  CHECK(red->x > 0.5);
}
