// Scanning through the engine (issue 12): pages captured into a draft's material slot are kept
// one by one, processed to the material's policy, arranged by the clerk (order, turns, removal,
// undo), and at intake become the material's file — one PDF with the pages in the clerk's order.
// Real SANE (the test backend through a private configuration) and real files.

#include <algorithm>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "engine_harness.hpp"
#include "localdb/sqlite.hpp"
#include "pdf_tools.hpp"
#include "sane_backend.hpp"
#include "scan_pages.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using namespace std::chrono_literals;
using test::EngineHarness;
using test::MarkColour;

namespace {

constexpr const char* kPremises = "premises_proof";  // pdf, 300 dpi colour, 300 KB a page

struct CaptureFixture {
  test::TempDir dir;
  test::CentralProcess central{dir / "central.db"};
  std::unique_ptr<EngineHarness> harness;
  std::string uuid;

  CaptureFixture() {
    test::useSaneTestBackend();
    central.start();
    harness = std::make_unique<EngineHarness>(dir / "profile", central.baseUrl());
    REQUIRE(harness->login("c1001", "demo1001", "W03").ok());
    const auto started = harness->call<DraftStarted>(StartDraft{0, test::kSampleMatter});
    REQUIRE(std::holds_alternative<DraftStarted>(started));
    uuid = std::get<DraftStarted>(started).uuid;
  }

  // Runs a capture to its end; returns CaptureEnded (or fails the test).
  CaptureEnded capture(StartCapture command) {
    command.caseUuid = uuid;
    if (command.slotKey.empty()) command.slotKey = kPremises;
    const auto ended = harness->call<CaptureEnded>(command);
    if (const auto* failed = std::get_if<CommandFailed>(&ended))
      FAIL("capture refused: " << failed->message);
    return std::get<CaptureEnded>(ended);
  }

  CapturedPagesListed list(const std::string& slot = kPremises) {
    const auto listed = harness->call<CapturedPagesListed>(ListCapturedPages{0, uuid, slot, 64});
    REQUIRE(std::holds_alternative<CapturedPagesListed>(listed));
    return std::get<CapturedPagesListed>(listed);
  }

  // Lists until every page is processed.
  CapturedPagesListed listProcessed(const std::string& slot = kPremises) {
    CapturedPagesListed listed;
    REQUIRE(harness->until(
        [&] {
          listed = list(slot);
          return listed.summary.processed == listed.summary.pages;
        },
        30s));
    return listed;
  }

  std::int64_t count(const std::string& sql) {
    localdb::Database db(dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
    localdb::Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnInt(0);
  }

  std::vector<std::filesystem::path> markedFiles(std::initializer_list<MarkColour> colours) {
    std::vector<std::filesystem::path> files;
    for (const MarkColour colour : colours) {
      files.push_back(dir / "import" / (std::string(test::markColourName(colour)) + ".png"));
      test::writeMarkedPage(files.back(), colour);
    }
    return files;
  }
};

StartCapture fromFiles(std::vector<std::filesystem::path> files) {
  StartCapture command;
  command.device = "files";
  command.settings.source = scan::PaperSource::Files;
  command.settings.dpi = 150;
  command.files = std::move(files);
  return command;
}

StartCapture fromSane(scan::PaperSource source, scan::ColourMode mode, int dpi) {
  StartCapture command;
  command.device = "sane:test:0";
  command.settings.source = source;
  command.settings.mode = mode;
  command.settings.dpi = dpi;
  return command;
}

std::vector<std::int64_t> idsOf(const CapturedPagesListed& listed) {
  std::vector<std::int64_t> ids;
  for (const CapturedPageView& page : listed.pages) ids.push_back(page.pageId);
  return ids;
}

}  // namespace

TEST_CASE("the SANE test scanner is listed with its capabilities", "[engine][scan]") {
  CaptureFixture f;
  const auto listed = f.harness->call<ScanDevicesListed>(ListScanDevices{});
  REQUIRE(std::holds_alternative<ScanDevicesListed>(listed));
  const auto& devices = std::get<ScanDevicesListed>(listed).devices;
  const auto test0 = std::find_if(devices.begin(), devices.end(), [](const ScanDeviceEntry& e) {
    return e.device.id == "sane:test:0";
  });
  REQUIRE(test0 != devices.end());
  CHECK(std::find(test0->capabilities.sources.begin(), test0->capabilities.sources.end(),
                  scan::PaperSource::Feeder) != test0->capabilities.sources.end());
  CHECK_FALSE(test0->capabilities.modes.empty());
}

TEST_CASE("a flatbed page is kept, processed to the material's policy and listed",
          "[engine][scan]") {
  CaptureFixture f;
  const CaptureEnded ended =
      f.capture(fromSane(scan::PaperSource::Flatbed, scan::ColourMode::Colour, 75));
  CHECK_FALSE(ended.error);
  CHECK(ended.pagesCaptured == 1);
  CHECK(ended.pagesInSlot == 1);
  const CapturedPagesListed listed = f.listProcessed();
  REQUIRE(listed.pages.size() == 1);
  REQUIRE(listed.pages[0].output);
  CHECK(listed.pages[0].output->mediaType == "image/jpeg");
  CHECK(listed.pages[0].output->sizeBytes <= 307200);
  CHECK(listed.pages[0].thumbnail.valid());
  CHECK(listed.summary.maxBytes == 5242880);  // the material's policy, from the catalog
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'material.capture'") == 1);
}

TEST_CASE("a feeder batch is kept page by page and ends when the feeder is empty",
          "[engine][scan]") {
  CaptureFixture f;
  const CaptureEnded ended =
      f.capture(fromSane(scan::PaperSource::Feeder, scan::ColourMode::Grey, 50));
  CHECK_FALSE(ended.error);
  CHECK(ended.pagesCaptured == 10);
  CHECK(f.count("SELECT count(*) FROM captured_pages") == 10);
  // A second batch goes on after the first: the clerk carries on from there.
  const CaptureEnded more =
      f.capture(fromSane(scan::PaperSource::Flatbed, scan::ColourMode::Grey, 50));
  CHECK(more.pagesInSlot == 11);
  CHECK(f.count("SELECT max(position) FROM captured_pages") == 11);
}

TEST_CASE("imported pages are arranged, and at intake the material is one PDF in that order",
          "[engine][scan]") {
  CaptureFixture f;
  const auto files = f.markedFiles({MarkColour::Red, MarkColour::Green, MarkColour::Blue});
  CHECK(f.capture(fromFiles(files)).pagesCaptured == 3);
  CapturedPagesListed listed = f.listProcessed();
  const std::vector<std::int64_t> ids = idsOf(listed);
  REQUIRE(ids.size() == 3);

  // Blue first, red turned a quarter clockwise, green removed; then the removal undone.
  auto arranged = f.harness->call<CapturedPagesListed>(
      ArrangeCapturedPages{0, f.uuid, kPremises, {{ids[2]}, {ids[0], 1}}, 64});
  REQUIRE(std::holds_alternative<CapturedPagesListed>(arranged));
  CHECK(idsOf(std::get<CapturedPagesListed>(arranged)) == std::vector{ids[2], ids[0]});
  arranged = f.harness->call<CapturedPagesListed>(
      ArrangeCapturedPages{0, f.uuid, kPremises, {{ids[2]}, {ids[0], 1}, {ids[1]}}, 64});
  REQUIRE(std::holds_alternative<CapturedPagesListed>(arranged));
  listed = f.listProcessed();
  CHECK(idsOf(listed) == std::vector{ids[2], ids[0], ids[1]});
  CHECK(listed.summary.withinLimit);
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'material.arrange'") == 2);

  // Intake: the clerk's checklist says nothing of the pages; the engine brings them.
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, f.harness->now());
  REQUIRE(std::holds_alternative<DraftSaved>(
      f.harness->call<DraftSaved>(SaveDraft{0, f.uuid, test::sampleDraft(intake, "李小龙")})));
  auto materials = test::sampleMaterials(intake);
  const auto finalized =
      f.harness->call<CaseFinalized>(FinalizeIntake{0, f.uuid, intake.scenarios, materials, false});
  if (const auto* failed = std::get_if<CommandFailed>(&finalized)) FAIL(failed->message);

  localdb::Database db(f.dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
  localdb::Statement file = db.prepare(
      "SELECT p.sha256, f.media_type FROM material_pages p JOIN material_slots s ON s.id = "
      "p.slot_id JOIN material_files f ON f.sha256 = p.sha256 WHERE s.slot_key = ?1");
  file.bind(1, kPremises);
  REQUIRE(file.step());
  CHECK(file.columnText(1) == "application/pdf");
  const std::string sha = file.columnText(0);
  CHECK_FALSE(file.step());  // one file for the material
  const auto pdf = f.dir / "profile" / "materials" / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  REQUIRE(std::filesystem::exists(pdf));
  REQUIRE(test::pdfPages(pdf) == 3);
  const auto pngs = test::rasterisePdf(pdf, 30, f.dir / "out" / "page");
  REQUIRE(pngs.size() == 3);
  const auto first = test::findMark(pngs[0]), second = test::findMark(pngs[1]),
             third = test::findMark(pngs[2]);
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(third);
  CHECK(first->colour == MarkColour::Blue);
  CHECK(second->colour == MarkColour::Red);
  CHECK(third->colour == MarkColour::Green);
  // Red was turned clockwise: landscape now, its block in the top right.
  CHECK_FALSE(second->portrait);
  CHECK(second->x > 0.5);
  CHECK(second->y < 0.5);
  CHECK(first->portrait);
  CHECK(first->x < 0.5);
}

TEST_CASE(
    "capture is refused for a material the matter does not ask for, a case taken in, "
    "or while another capture runs",
    "[engine][scan]") {
  CaptureFixture f;
  StartCapture unknown = fromFiles(f.markedFiles({MarkColour::Red}));
  unknown.caseUuid = f.uuid;
  unknown.slotKey = "birth_certificate";
  const auto refused = f.harness->call<CaptureEnded>(unknown);
  REQUIRE(std::holds_alternative<CommandFailed>(refused));
  CHECK_THAT(std::get<CommandFailed>(refused).message, Catch::Contains("not a material of"));

  // A long feeder batch runs: a second capture and taking the case in wait for it.
  StartCapture batch = fromSane(scan::PaperSource::Feeder, scan::ColourMode::Colour, 300);
  batch.requestId = 9001;
  batch.caseUuid = f.uuid;
  batch.slotKey = kPremises;
  f.harness->engine().submit(batch);
  StartCapture another = fromSane(scan::PaperSource::Flatbed, scan::ColourMode::Grey, 50);
  another.caseUuid = f.uuid;
  another.slotKey = "id_card";
  const auto second = f.harness->call<CaptureEnded>(another);
  REQUIRE(std::holds_alternative<CommandFailed>(second));
  CHECK_THAT(std::get<CommandFailed>(second).message, Catch::Contains("already running"));
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, f.harness->now());
  const auto early = f.harness->call<CaseFinalized>(
      FinalizeIntake{0, f.uuid, intake.scenarios, test::sampleMaterials(intake), false});
  REQUIRE(std::holds_alternative<CommandFailed>(early));
  CHECK_THAT(std::get<CommandFailed>(early).message, Catch::Contains("still running"));
  f.harness->engine().submit(CancelCapture{9001});
  const auto stopped = f.harness->waitFor<CaptureEnded>(
      [](const CaptureEnded& ended) { return ended.requestId == 9001; }, 60s);
  REQUIRE(stopped);
  CHECK(stopped->cancelled);
  CHECK(stopped->pagesCaptured < 10);

  // A batch that fails part way says what failed and which pages it kept.
  const auto good = f.markedFiles({MarkColour::Green});
  StartCapture twoFiles = fromFiles({good[0], f.dir / "vanished.png"});
  twoFiles.slotKey = "application_form";
  const CaptureEnded partly = f.capture(twoFiles);
  REQUIRE(partly.error);
  CHECK(*partly.error == ScanErrorKind::Io);
  CHECK(partly.pagesCaptured == 1);
  CHECK_THAT(partly.message, Catch::Contains("已保留第 1 页"));
  CHECK_THAT(partly.message, Catch::StartsWith("文件“vanished.png”无法读取"));

  StartCapture missing = fromFiles({f.dir / "no-such-file.png"});
  const CaptureEnded ended = f.capture(missing);
  REQUIRE(ended.error);
  CHECK(ended.pagesCaptured == 0);
  CHECK_FALSE(ended.message.empty());
}

TEST_CASE("pages left unprocessed by a crash are processed when the slot is listed again",
          "[engine][scan]") {
  CaptureFixture f;
  CHECK(f.capture(fromFiles(f.markedFiles({MarkColour::Red, MarkColour::Green}))).pagesCaptured ==
        2);
  (void)f.listProcessed();
  f.harness.reset();
  {
    localdb::Database db(f.dir / "profile" / "workstation.db", localdb::OpenMode::ReadWrite);
    db.prepare("UPDATE captured_pages SET output_sha256 = NULL").run();
  }
  f.harness = std::make_unique<EngineHarness>(f.dir / "profile", f.central.baseUrl());
  REQUIRE(f.harness->login("c1001", "demo1001", "W03").ok());
  const CapturedPagesListed listed = f.listProcessed();
  CHECK(listed.pages.size() == 2);
  CHECK(f.count("SELECT count(*) FROM captured_pages WHERE output_sha256 IS NOT NULL") == 2);
}

TEST_CASE("a manual duplex puts each back after its front, and a crop cuts the page",
          "[engine][scan]") {
  CaptureFixture f;
  // Fronts red and green, then the stack turned over: backs come blue (green's) and red
  // (red's); the files stand for them.
  CHECK(f.capture(fromFiles(f.markedFiles({MarkColour::Red, MarkColour::Green}))).pagesCaptured ==
        2);
  const auto backs = f.markedFiles({MarkColour::Blue});
  CHECK(f.capture(fromFiles({backs[0], f.dir / "import" / "red.png"})).pagesCaptured == 2);
  const std::vector<std::int64_t> ids = idsOf(f.listProcessed());
  REQUIRE(ids.size() == 4);
  ArrangeCapturedPages duplex{0, f.uuid, kPremises, {}, 64};
  duplex.interleaveDuplex = true;
  const auto interleaved = f.harness->call<CapturedPagesListed>(duplex);
  REQUIRE(std::holds_alternative<CapturedPagesListed>(interleaved));
  CHECK(idsOf(std::get<CapturedPagesListed>(interleaved)) ==
        std::vector{ids[0], ids[3], ids[1], ids[2]});

  // The page as the clerk crops it, then its left half kept.
  const auto rendered =
      f.harness->call<CapturedPageRendered>(RenderCapturedPage{0, f.uuid, kPremises, ids[0], 200});
  REQUIRE(std::holds_alternative<CapturedPageRendered>(rendered));
  const auto& view = std::get<CapturedPageRendered>(rendered);
  CHECK(std::max(view.preview.width, view.preview.height) == 200);
  REQUIRE(view.width > 400);
  const PixelCrop half{0, 0, view.width / 2, view.height};
  std::vector<PageArrangement> pages;
  for (const std::int64_t id : idsOf(f.list())) pages.push_back({id});
  pages[0].crop = half;
  REQUIRE(std::holds_alternative<CapturedPagesListed>(
      f.harness->call<CapturedPagesListed>(ArrangeCapturedPages{0, f.uuid, kPremises, pages, 64})));
  const CapturedPagesListed cropped = f.listProcessed();
  REQUIRE(cropped.pages[0].output);
  CHECK(std::abs(cropped.pages[0].output->width - view.width / 2) <= 1);

  // An odd number of pages cannot be a duplex.
  const auto odd = f.capture(fromFiles(backs));
  CHECK(odd.pagesInSlot == 5);
  const auto refused = f.harness->call<CapturedPagesListed>(duplex);
  REQUIRE(std::holds_alternative<CommandFailed>(refused));
  CHECK_THAT(std::get<CommandFailed>(refused).message, Catch::Contains("as many backs as fronts"));
}
