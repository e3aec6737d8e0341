// Documents through the engine (issue 11): the notice of a decision laid out from its template
// with what the engine knows of the case, numbered and archived once, previewed as pages,
// saved to a PDF file; every issue and print recorded. Printing to CUPS is in cups tests.

#include <algorithm>
#include <cmath>
#include <fstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "cups_fixture.hpp"
#include "engine_harness.hpp"
#include "localdb/sqlite.hpp"
#include "pdf_tools.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using namespace onewindow::engine;
using forms::CivilDate;
using test::EngineHarness;

namespace {

constexpr const char* kDisabilityCard = "440300070003";  // 容缺 allowed

struct DocumentFixture {
  test::TempDir dir;
  test::CentralProcess central{dir / "central.db"};
  std::shared_ptr<test::SettableClock> clock =
      std::make_shared<test::SettableClock>(test::noonInShenzhenOn({2026, 11, 27}));
  std::unique_ptr<EngineHarness> harness;

  DocumentFixture() {
    central.start();
    harness = std::make_unique<EngineHarness>(dir / "profile", central.baseUrl(), false,
                                              test::sampleCatalogFile(), clock);
    REQUIRE(harness->login("c1001", "demo1001", "W03").ok());
  }

  CaseFinalized takeIn(const std::string& code,
                       const std::map<std::string, MaterialStatus>& statuses = {}) {
    const test::SampleIntake intake = test::sampleIntake(code, clock->now());
    const auto started = harness->call<DraftStarted>(StartDraft{0, code});
    REQUIRE(std::holds_alternative<DraftStarted>(started));
    const std::string uuid = std::get<DraftStarted>(started).uuid;
    REQUIRE(std::holds_alternative<DraftSaved>(
        harness->call<DraftSaved>(SaveDraft{0, uuid, test::sampleDraft(intake, "张三丰")})));
    auto answer = harness->call<CaseFinalized>(
        FinalizeIntake{0, uuid, intake.scenarios, test::sampleMaterials(intake, {}, statuses)});
    if (const auto* failed = std::get_if<CommandFailed>(&answer))
      FAIL("finalize refused: " << failed->message);
    return std::get<CaseFinalized>(answer);
  }

  void decide(const std::string& uuid, DecisionAnswer answer) {
    const auto recorded = harness->call<DecisionRecorded>(RecordDecision{0, uuid, answer});
    if (const auto* failed = std::get_if<CommandFailed>(&recorded))
      FAIL("decision refused: " << failed->message);
  }

  DocumentReady issue(const std::string& caseRef, const std::string& kind = "", double dpi = 0) {
    auto answer = harness->call<DocumentReady>(IssueDocument{0, caseRef, kind, dpi});
    if (const auto* failed = std::get_if<CommandFailed>(&answer))
      FAIL("issue refused: " << failed->message);
    return std::get<DocumentReady>(answer);
  }

  std::int64_t count(const std::string& sql) {
    localdb::Database db(dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
    localdb::Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnInt(0);
  }
};

}  // namespace

TEST_CASE("the notice of an acceptance is laid out, numbered and archived once",
          "[engine][documents]") {
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const DocumentReady ready = fixture.issue(taken.provisionalNo, "", 40);
  CHECK(ready.kind == "acceptance-notice");
  CHECK(ready.title == "受理通知书");
  CHECK(ready.printerClass == "paper");  // plain A4
  CHECK(ready.documentNo == taken.provisionalNo + "-SL1");
  CHECK(ready.pageCount == 2);  // 第一联 and 第二联
  REQUIRE(ready.pages.size() == 2);
  CHECK(ready.pages[0].width == 331);  // 210 mm at 40 dpi
  CHECK(ready.pages[0].pixels.size() ==
        static_cast<std::size_t>(ready.pages[0].stride) * ready.pages[0].height);
  CHECK_FALSE(ready.printedBefore);

  const std::string text = test::pdfText(ready.pdf);
  CHECK_THAT(text, Catch::Contains("受理通知书"));
  CHECK_THAT(text, Catch::Contains(taken.provisionalNo));
  CHECK_THAT(text, Catch::Contains("张三丰"));
  CHECK_THAT(text, Catch::Contains("个体工商户设立登记"));
  CHECK_THAT(text, Catch::Contains("深圳市罗湖区东门街道党群服务中心"));
  CHECK_THAT(text, Catch::Contains("2026年11月27日"));
  CHECK_THAT(text, !Catch::Contains(test::kSampleIdNumber));  // masked

  // Asked again: the same number, nothing issued twice.
  const DocumentReady again = fixture.issue(taken.uuid, "acceptance-notice");
  CHECK(again.documentNo == ready.documentNo);
  CHECK(again.pdf == ready.pdf);
  CHECK(fixture.count("SELECT count(*) FROM issued_documents") == 1);
  CHECK(fixture.count("SELECT count(*) FROM audit_log WHERE action = 'document.issue'") == 1);
}

TEST_CASE("the notice's QR code carries the verification address of the case",
          "[engine][documents]") {
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const DocumentReady ready = fixture.issue(taken.uuid);
  const auto pages = test::rasterisePdf(ready.pdf, 200, fixture.dir / "page");
  REQUIRE_FALSE(pages.empty());
  const std::string decoded = test::decodeSymbols(pages.front());
  CHECK_THAT(decoded,
             Catch::StartsWith("https://zwfw.example.invalid/v/" + taken.provisionalNo + "?c="));
  CHECK(decoded.find("?c=") + 3 + 4 <= decoded.size());
}

TEST_CASE("once central has numbered the case, its notice shows the official number",
          "[engine][documents]") {
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const DocumentReady first = fixture.issue(taken.uuid);
  CHECK_THAT(test::pdfText(first.pdf), Catch::Contains(taken.provisionalNo));

  std::string officialNo;
  for (int round = 0; round < 30 && officialNo.empty(); ++round) {
    fixture.harness->engine().submit(SyncNow{});
    (void)fixture.harness->waitFor<CaseSyncNews>(
        [&](const CaseSyncNews& news) {
          if (news.uuid == taken.uuid && news.kind == CaseSyncNews::Kind::Confirmed)
            officialNo = news.officialNo;
          return !officialNo.empty();
        },
        std::chrono::seconds(2));
  }
  REQUIRE(officialNo.size() == 43);

  // Laid out again for the copy printed now: the same document number, the official case
  // number in the text and in the QR code's address.
  const std::filesystem::path file = fixture.dir / "after-numbering.pdf";
  PrintDocument save{0, first.documentNo};
  save.toFile = file;
  const auto saved = fixture.harness->call<DocumentPrinted>(save);
  if (const auto* failed = std::get_if<CommandFailed>(&saved)) FAIL(failed->message);
  std::string text = test::pdfText(file);
  std::erase_if(text, [](char c) { return c == '\n' || c == ' '; });  // a long number may wrap
  CHECK_THAT(text, Catch::Contains(officialNo) && Catch::Contains(first.documentNo));
  const auto pages = test::rasterisePdf(file, 200, fixture.dir / "numbered");
  REQUIRE_FALSE(pages.empty());
  CHECK_THAT(test::decodeSymbols(pages.front()), Catch::Contains("/v/" + officialNo + "?c="));
}

TEST_CASE("a correction notice lists everything to correct, a refusal its grounds and remedies",
          "[engine][documents]") {
  DocumentFixture fixture;
  SECTION("correction") {
    const CaseFinalized taken =
        fixture.takeIn(test::kSampleMatter, {{"id_card", MaterialStatus::Missing}});
    fixture.decide(taken.uuid,
                   {.kind = DecisionKind::CorrectionNotice, .grounds = "经营场所地址不完整"});
    const DocumentReady ready = fixture.issue(taken.uuid);
    CHECK(ready.kind == "correction-notice");
    const std::string text = test::pdfText(ready.pdf);
    CHECK_THAT(text, Catch::Contains("一次性告知书"));
    CHECK_THAT(text, Catch::Contains("居民身份证"));
    CHECK_THAT(text, Catch::Contains("经营场所地址不完整"));
    CHECK_THAT(text, Catch::Contains("2026年12月4日"));  // the 5th working day after intake
  }
  SECTION("refusal") {
    const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
    fixture.decide(taken.uuid,
                   {.kind = DecisionKind::Refuse, .grounds = "申请事项不属于本机关职权范围"});
    const DocumentReady ready = fixture.issue(taken.uuid);
    CHECK(ready.kind == "refusal-notice");
    const std::string text = test::pdfText(ready.pdf);
    CHECK_THAT(text, Catch::Contains("不予受理通知书"));
    CHECK_THAT(text, Catch::Contains("申请事项不属于本机关职权范围"));
    CHECK_THAT(text, Catch::Contains("行政复议"));
  }
  SECTION("容缺 with its commitment") {
    const CaseFinalized taken =
        fixture.takeIn(kDisabilityCard, {{"assessment_form", MaterialStatus::Gap}});
    fixture.decide(taken.uuid, {.kind = DecisionKind::AcceptWithGaps,
                                .gapDeadline = taken.due.promised.iso(),
                                .commitmentSigned = true});
    const DocumentReady ready = fixture.issue(taken.uuid);
    CHECK(ready.kind == "gap-acceptance-notice");
    const std::string text = test::pdfText(ready.pdf);
    CHECK_THAT(text, Catch::Contains("容缺受理通知书"));
    CHECK_THAT(text, Catch::Contains("容缺受理承诺书"));
  }
}

TEST_CASE("a document is saved to a PDF file, never sent to a default printer",
          "[engine][documents]") {
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const DocumentReady ready = fixture.issue(taken.uuid, "material-receipt");
  CHECK(ready.documentNo == taken.provisionalNo + "-JS1");
  CHECK(ready.printerClass == "paper");

  const auto nowhere = fixture.harness->call<DocumentPrinted>(PrintDocument{0, ready.documentNo});
  REQUIRE(std::holds_alternative<CommandFailed>(nowhere));
  CHECK_THAT(std::get<CommandFailed>(nowhere).message, Catch::Contains("default printer"));

  const std::filesystem::path file = fixture.dir / "receipt.pdf";
  PrintDocument save{0, ready.documentNo};
  save.toFile = file;
  const auto saved = fixture.harness->call<DocumentPrinted>(save);
  if (const auto* failed = std::get_if<CommandFailed>(&saved)) FAIL(failed->message);
  REQUIRE(std::holds_alternative<DocumentPrinted>(saved));
  CHECK(std::get<DocumentPrinted>(saved).savedTo == file);
  CHECK_THAT(test::pdfText(file), Catch::Contains("申请材料接收凭证"));
  CHECK(fixture.count("SELECT count(*) FROM prints WHERE outcome = 'saved' AND printer = ''") == 1);
  CHECK(fixture.count("SELECT count(*) FROM audit_log WHERE action = 'document.print'") == 1);
}

TEST_CASE("the preview's pages come again at another resolution", "[engine][documents]") {
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const DocumentReady ready = fixture.issue(taken.uuid, "", 30);
  const auto pages =
      fixture.harness->call<DocumentPagesRendered>(RenderDocumentPages{0, ready.documentNo, 60});
  REQUIRE(std::holds_alternative<DocumentPagesRendered>(pages));
  const auto& rendered = std::get<DocumentPagesRendered>(pages);
  REQUIRE(rendered.pages.size() == 2);
  CHECK(rendered.pages[0].width == 496);  // 210 mm at 60 dpi
  CHECK(ready.pages[0].width == 248);
}

TEST_CASE("a document of a case never taken in, or of no decision, is refused",
          "[engine][documents]") {
  DocumentFixture fixture;
  const auto none = fixture.harness->call<DocumentReady>(IssueDocument{0, "P-0000-20261127-9999"});
  REQUIRE(std::holds_alternative<CommandFailed>(none));
  CHECK(std::get<CommandFailed>(none).failure == CommandFailure::NotFound);
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  const auto undecided = fixture.harness->call<DocumentReady>(IssueDocument{0, taken.uuid});
  REQUIRE(std::holds_alternative<CommandFailed>(undecided));
  CHECK(std::get<CommandFailed>(undecided).failure == CommandFailure::WrongState);
  const auto unknown =
      fixture.harness->call<DocumentReady>(IssueDocument{0, taken.uuid, "no-such-template"});
  REQUIRE(std::holds_alternative<CommandFailed>(unknown));
  CHECK_THAT(std::get<CommandFailed>(unknown).message, Catch::Contains("no document template"));
}

// The matter's certificate (营业执照 for the sample matter) is central's to issue: the window
// prints it from central's data at pick-up, and never with a blank where central sent nothing.
TEST_CASE("a certificate is printed from central's data once issued and never with blanks",
          "[engine][documents][desk]") {
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const auto show = [&] {
    const auto shown = fixture.harness->call<CaseDetailReady>(ShowCase{0, taken.uuid});
    REQUIRE(std::holds_alternative<CaseDetailReady>(shown));
    return std::get<CaseDetailReady>(shown).detail;
  };
  CHECK(show().resultDocument == "completion-notice");
  CHECK_FALSE(show().certificate);

  const auto early =
      fixture.harness->call<DocumentReady>(IssueDocument{0, taken.uuid, "business-licence"});
  REQUIRE(std::holds_alternative<CommandFailed>(early));
  CHECK(std::get<CommandFailed>(early).failure == CommandFailure::WrongState);
  CHECK_THAT(std::get<CommandFailed>(early).message, Catch::Contains("has not issued"));
  const auto other =
      fixture.harness->call<DocumentReady>(IssueDocument{0, taken.uuid, "senior-card"});
  REQUIRE(std::holds_alternative<CommandFailed>(other));
  CHECK(std::get<CommandFailed>(other).failure == CommandFailure::Invalid);
  CHECK_THAT(std::get<CommandFailed>(other).message, Catch::Contains("'business-licence'"));

  REQUIRE(fixture.harness->until(
      [&] {
        fixture.harness->engine().submit(SyncNow{});
        return fixture.harness->engine().status().pendingSync == 0;
      },
      std::chrono::seconds(30)));
  const std::string db = (fixture.dir / "central.db").string();
  const auto issueAtCentral = [&](std::vector<std::string> fields) {
    std::vector<std::string> arguments{"admin",
                                       "--db",
                                       db,
                                       "issue-certificate",
                                       taken.uuid,
                                       "--number",
                                       "92440303MA5G8K2X1Q",
                                       "--issuer",
                                       "深圳市市场监督管理局罗湖监管局"};
    for (const std::string& field : fields) {
      arguments.push_back("--field");
      arguments.push_back(field);
    }
    const test::CommandResult result = test::runCentralCommand(arguments);
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
  };
  const auto untilFields = [&](std::size_t count) {
    return fixture.harness->until(
        [&] {
          fixture.harness->engine().submit(SyncNow{});
          const CaseDetail detail = show();
          return detail.certificate && detail.certificate->fields.size() == count;
        },
        std::chrono::seconds(30));
  };

  // Central's first data lacks the business scope the licence prints: refused, and said which.
  issueAtCentral({"credit_code=92440303MA5G8K2X1Q", "business_name=深圳市罗湖区张三丰便利店",
                  "business_form=个人经营", "business_address=深圳市罗湖区东门街道解放路1号101"});
  REQUIRE(untilFields(4));
  CHECK(show().resultDocument == "business-licence");
  const auto blank =
      fixture.harness->call<DocumentReady>(IssueDocument{0, taken.uuid, "business-licence"});
  REQUIRE(std::holds_alternative<CommandFailed>(blank));
  CHECK(std::get<CommandFailed>(blank).failure == CommandFailure::Invalid);
  CHECK_THAT(std::get<CommandFailed>(blank).message,
             Catch::Contains("certificate.business_scope") && Catch::Contains("again"));

  // Reissued whole: printed with central's values, the applicant as the holder.
  issueAtCentral({"credit_code=92440303MA5G8K2X1Q", "business_name=深圳市罗湖区张三丰便利店",
                  "business_form=个人经营", "business_address=深圳市罗湖区东门街道解放路1号101",
                  "business_scope=预包装食品、日用百货的零售"});
  REQUIRE(untilFields(5));
  const DocumentReady licence = fixture.issue(taken.uuid, "business-licence");
  CHECK(licence.kind == "business-licence");
  CHECK(licence.printerClass == "stock");
  const std::string text = test::pdfText(licence.pdf);
  CHECK_THAT(text, Catch::Contains("92440303MA5G8K2X1Q") && Catch::Contains("张三丰便利店") &&
                       Catch::Contains("预包装食品") && Catch::Contains("张三丰"));
  CHECK_FALSE(licence.printedBefore);

  // Printed, then reissued by central with a narrower scope: a new document (ZZ2) with the new
  // data, not a reprint of the old one.
  const std::filesystem::path printedFile = fixture.dir / "licence-1.pdf";
  PrintDocument save{0, licence.documentNo};
  save.toFile = printedFile;
  REQUIRE(std::holds_alternative<DocumentPrinted>(fixture.harness->call<DocumentPrinted>(save)));
  CHECK(fixture.issue(taken.uuid, "business-licence").documentNo == licence.documentNo);
  issueAtCentral({"credit_code=92440303MA5G8K2X1Q", "business_name=深圳市罗湖区张三丰便利店",
                  "business_form=个人经营", "business_address=深圳市罗湖区东门街道解放路1号101",
                  "business_scope=日用百货零售"});
  REQUIRE(fixture.harness->until(
      [&] {
        fixture.harness->engine().submit(SyncNow{});
        const CaseDetail detail = show();
        return detail.certificate && detail.certificate->fields.back().second == "日用百货零售";
      },
      std::chrono::seconds(30)));
  const DocumentReady reissued = fixture.issue(taken.uuid, "business-licence");
  CHECK(reissued.documentNo != licence.documentNo);
  CHECK_THAT(reissued.documentNo, Catch::EndsWith("-ZZ2"));
  CHECK_FALSE(reissued.printedBefore);
  CHECK_THAT(test::pdfText(reissued.pdf),
             Catch::Contains("日用百货零售") && !Catch::Contains("预包装食品"));

  const CaseDetail detail = show();
  CHECK(detail.certificate->issuer == "深圳市市场监督管理局罗湖监管局");
  std::vector<std::string> actions;
  for (const TimelineEntry& entry : detail.timeline) actions.push_back(entry.action);
  CHECK(std::count(actions.begin(), actions.end(), "case.certificate") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "case.certificate_reissued") == 2);
}

// Printing through the engine to a real CUPS scheduler with a cups-pdf queue, started by the
// test (tests/support/cups_fixture.hpp); the engine finds it through CUPS_SERVER, set for
// the test's scope only.
struct CupsStation : test::CupsFixture {
  test::CupsServerScope scope{server().describe()};
};
TEST_CASE("a notice printed through the engine comes out of CUPS, a reprint needs its reason",
          "[engine][documents][cups]") {
  CupsStation cups;
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  // 受理通知书 (受理回执): A4, the cups-pdf queue's paper, so what comes out is comparable.
  const DocumentReady ready = fixture.issue(taken.uuid);

  // cups-pdf re-distills through Ghostscript; this queue keeps Ghostscript's default renderer,
  // which draws the CJK text as outlines, so what came out is compared as pixels with the PDF
  // the engine recorded for this print (it shows the official number if bound meanwhile).
  cups.addPdfQueue("PDFGS");
  (void)cups.admin("lpadmin", {"-p", "PDFGS", "-o", "pdftops-renderer-default=gs"});
  const auto printed =
      fixture.harness->call<DocumentPrinted>(PrintDocument{0, ready.documentNo, "PDFGS"});
  if (const auto* failed = std::get_if<CommandFailed>(&printed)) FAIL(failed->message);
  const DocumentPrinted& done = std::get<DocumentPrinted>(printed);
  CHECK(done.printer == "PDFGS");
  CHECK(done.jobId.has_value());
  CHECK_FALSE(done.reprint);
  const auto pdfs = cups.waitForPdfs(1);
  REQUIRE(pdfs.size() == 1);
  const std::string sha = [&] {
    localdb::Database db(fixture.dir / "profile" / "workstation.db", localdb::OpenMode::ReadOnly);
    localdb::Statement query = db.prepare("SELECT pdf_sha256 FROM prints ORDER BY id DESC LIMIT 1");
    REQUIRE(query.step());
    return query.columnText(0);
  }();
  const std::filesystem::path sent =
      fixture.dir / "profile" / "materials" / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  const auto printedPages = test::rasterisePdf(pdfs[0], 50, fixture.dir / "printed");
  const auto sentPages = test::rasterisePdf(sent, 50, fixture.dir / "sent");
  REQUIRE(printedPages.size() == sentPages.size());
  for (std::size_t page = 0; page < printedPages.size(); ++page)
    CHECK(test::differingPixels(printedPages[page], sentPages[page], 64, 4) < 0.01);
  CHECK(fixture.count("SELECT count(*) FROM prints WHERE outcome = 'completed' AND job_id > 0") ==
        1);

  // Printed before: the window asks why before a second copy comes out, marked 补打.
  const auto again =
      fixture.harness->call<DocumentPrinted>(PrintDocument{0, ready.documentNo, "PDFGS"});
  REQUIRE(std::holds_alternative<CommandFailed>(again));
  CHECK_THAT(std::get<CommandFailed>(again).message, Catch::Contains("reprint needs a reason"));
  PrintDocument reprint{0, ready.documentNo, "PDFGS"};
  reprint.reprintReason = "申请人遗失凭证";
  const auto reprinted = fixture.harness->call<DocumentPrinted>(reprint);
  if (const auto* failed = std::get_if<CommandFailed>(&reprinted)) FAIL(failed->message);
  CHECK(std::get<DocumentPrinted>(reprinted).reprint);
  CHECK(cups.waitForPdfs(2).size() == 2);
  CHECK(fixture.count("SELECT count(*) FROM prints WHERE is_reprint = 1 AND reason = "
                      "'申请人遗失凭证' AND outcome = 'completed'") == 1);
  CHECK(fixture.count("SELECT count(*) FROM audit_log WHERE action = 'document.reprint'") == 1);

  // 申请材料接收凭证 is A5 landscape: the job asks for A5, so it is not scaled onto A4.
  const DocumentReady receipt = fixture.issue(taken.uuid, "material-receipt");
  const auto receiptPrinted =
      fixture.harness->call<DocumentPrinted>(PrintDocument{0, receipt.documentNo, "PDFGS"});
  if (const auto* failed = std::get_if<CommandFailed>(&receiptPrinted)) FAIL(failed->message);
  const auto all = cups.waitForPdfs(3);
  REQUIRE(all.size() == 3);
  std::vector<test::PageSize> sizes;
  for (const auto& pdf : all) sizes.push_back(test::pdfPageSize(pdf));
  const auto a5 = std::find_if(sizes.begin(), sizes.end(), [](const test::PageSize& size) {
    return std::abs(std::min(size.width, size.height) - 419.5) < 2 &&
           std::abs(std::max(size.width, size.height) - 595.3) < 2;
  });
  CHECK(a5 != sizes.end());
}

TEST_CASE("a printer that does not exist or a stopped scheduler fails clearly and quickly",
          "[engine][documents][cups]") {
  CupsStation cups;
  DocumentFixture fixture;
  const CaseFinalized taken = fixture.takeIn(test::kSampleMatter);
  fixture.decide(taken.uuid, {.kind = DecisionKind::Accept});
  const DocumentReady ready = fixture.issue(taken.uuid);
  const auto timed = [&](const std::string& printer) {
    const auto start = std::chrono::steady_clock::now();
    auto answer =
        fixture.harness->call<DocumentPrinted>(PrintDocument{0, ready.documentNo, printer});
    return std::pair{std::move(answer), std::chrono::steady_clock::now() - start};
  };

  const auto [nowhere, nowhereTook] = timed("NoSuchPrinter");
  REQUIRE(std::holds_alternative<CommandFailed>(nowhere));
  CHECK(std::get<CommandFailed>(nowhere).failure == CommandFailure::PrintFailed);
  CHECK(std::get<CommandFailed>(nowhere).code == "print.no_such_printer");
  CHECK(nowhereTook < std::chrono::seconds(2));
  CHECK(cups.outputPdfs().empty());

  cups.stopScheduler();
  const auto [down, downTook] = timed(test::CupsFixture::pdfQueue());
  REQUIRE(std::holds_alternative<CommandFailed>(down));
  CHECK(std::get<CommandFailed>(down).code == "print.scheduler_unreachable");
  CHECK_THAT(std::get<CommandFailed>(down).message, Catch::Contains("Nothing was printed"));
  CHECK(downTook < std::chrono::seconds(5));
  // Both recorded as failed prints: the audit says what was tried.
  CHECK(fixture.count("SELECT count(*) FROM prints WHERE outcome = 'failed'") == 2);
}
