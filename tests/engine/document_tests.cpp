// Documents through the engine (issue 11): the notice of a decision laid out from its template
// with what the engine knows of the case, numbered and archived once, previewed as pages,
// saved to a PDF file; every issue and print recorded. Printing to CUPS is in cups tests.

#include <fstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
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
