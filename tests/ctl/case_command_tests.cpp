// onewindow-ctl intake and decide: the command line as a second front end meets the same rules
// as the Intake page, decided in the engine (issue 10).

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "cups_fixture.hpp"
#include "pdf_tools.hpp"
#include "sample_case.hpp"
#include "temp_dir.hpp"

using namespace onewindow;
using test::CommandResult;
using test::runProgram;

namespace {

struct CaseCommands {
  test::TempDir dir;
  test::CentralProcess central{dir / "central.db"};
  std::filesystem::path instance = dir / "instance.xml";

  CaseCommands() {
    ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    ::setenv("ONEWINDOW_PASSWORD", "demo1001", 1);
    central.start();
    std::ofstream(instance)
        << test::sampleIntake(test::kSampleMatter, std::chrono::system_clock::now()).instanceXml;
  }
  ~CaseCommands() { ::unsetenv("ONEWINDOW_PASSWORD"); }

  CommandResult ctl(const std::string& command, std::vector<std::string> arguments) const {
    std::vector<std::string> all{"--central",
                                 central.baseUrl(),
                                 "--profile",
                                 (dir / "profile").string(),
                                 command,
                                 "--clerk",
                                 "c1001",
                                 "--window",
                                 "W03",
                                 "--catalog",
                                 test::sampleCatalogFile().string()};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return runProgram(ONEWINDOW_CTL_BINARY, all, std::chrono::seconds(60));
  }

  CommandResult intake(const std::string& idNumber, const std::string& idCard,
                       const std::string& premises = "received") const {
    return ctl("intake",
               {"--matter", test::kSampleMatter, "--applicant", "张三", "--id-number", idNumber,
                "--form", instance.string(), "--scenario", "premises_kind=certificate",
                "--material", "application_form=received", "--material", "id_card=" + idCard,
                "--material", "premises_proof=" + premises});
  }

  // The provisional number a successful intake printed.
  static std::string numberOf(const CommandResult& taken) {
    std::smatch match;
    REQUIRE(std::regex_search(taken.standardOutput, match, std::regex("taken in: (W03-[0-9-]+)")));
    return match[1];
  }
};

}  // namespace

TEST_CASE("ctl intake is refused with every rule it breaks, located, and keeps the draft",
          "[ctl][rules]") {
  CaseCommands commands;
  const CommandResult refused = commands.intake("440305199001011234", "gap");
  INFO(refused.standardError);
  CHECK(refused.exitCode == 1);
  CHECK_THAT(refused.standardError,
             Catch::Contains("applicant.id_number at applicant.id_number") &&
                 Catch::Contains("material.gap_not_allowed at material.id_card") &&
                 Catch::Contains("the draft"));
  CHECK(refused.standardOutput.find("taken in") == std::string::npos);

  const CommandResult taken = commands.intake(test::kSampleIdNumber, "elicence");
  INFO(taken.standardError);
  REQUIRE(taken.exitCode == 0);
  CHECK_THAT(taken.standardOutput, Catch::Contains("id_card  居民身份证 (main)  elicence") &&
                                       Catch::Contains("promised"));
}

TEST_CASE("ctl decide meets the decision rules of the window", "[ctl][rules]") {
  CaseCommands commands;
  const CommandResult taken = commands.intake(test::kSampleIdNumber, "received", "missing");
  INFO(taken.standardError);
  REQUIRE(taken.exitCode == 0);
  const std::string number = CaseCommands::numberOf(taken);

  const CommandResult accept = commands.ctl("decide", {"--case", number, "--decision", "accept"});
  CHECK(accept.exitCode == 1);
  CHECK_THAT(accept.standardError,
             Catch::Contains("decision.not_supplied at material.premises_proof"));
  const CommandResult refuse = commands.ctl("decide", {"--case", number, "--decision", "refuse"});
  CHECK(refuse.exitCode == 1);
  CHECK_THAT(refuse.standardError, Catch::Contains("decision.refusal_grounds at decision.grounds"));
  const CommandResult gaps =
      commands.ctl("decide", {"--case", number, "--decision", "accept_with_gaps", "--deadline",
                              "2099-01-01", "--commitment-signed"});
  CHECK(gaps.exitCode == 1);
  CHECK_THAT(gaps.standardError, Catch::Contains("decision.no_gap"));

  const CommandResult notice =
      commands.ctl("decide", {"--case", number, "--decision", "correction_notice"});
  INFO(notice.standardError);
  CHECK(notice.exitCode == 0);
  CHECK_THAT(notice.standardOutput, Catch::Contains("is now awaiting_correction"));
}

TEST_CASE("ctl print saves a case's notice as PDF, and never guesses a printer", "[ctl][print]") {
  CaseCommands commands;
  const CommandResult taken = commands.intake(test::kSampleIdNumber, "received");
  INFO(taken.standardError);
  REQUIRE(taken.exitCode == 0);
  const std::string number = CaseCommands::numberOf(taken);
  REQUIRE(commands.ctl("decide", {"--case", number, "--decision", "accept"}).exitCode == 0);

  const std::filesystem::path pdf = commands.dir / "notice.pdf";
  const CommandResult saved = commands.ctl("print", {"--case", number, "--pdf", pdf.string()});
  INFO(saved.standardError);
  CHECK(saved.exitCode == 0);
  CHECK_THAT(saved.standardOutput, Catch::Contains("受理通知书 " + number + "-SL1 saved to"));
  const std::string text = test::pdfText(pdf);
  CHECK_THAT(text, Catch::Contains("受理通知书") && Catch::Contains(number) &&
                       Catch::Contains("个体工商户设立登记"));

  const CommandResult receipt =
      commands.ctl("print", {"--case", number, "--document", "material-receipt", "--pdf",
                             (commands.dir / "receipt.pdf").string()});
  CHECK(receipt.exitCode == 0);
  CHECK_THAT(test::pdfText(commands.dir / "receipt.pdf"), Catch::Contains("申请材料接收凭证"));

  // No printer in the settings for paper documents: refused, never the system's default.
  const CommandResult neither = commands.ctl("print", {"--case", number});
  CHECK(neither.exitCode == 1);
  CHECK_THAT(neither.standardError, Catch::Contains("no printer is set for paper documents"));
  const CommandResult both = commands.ctl(
      "print", {"--case", number, "--printer", "PDF", "--pdf", (commands.dir / "x.pdf").string()});
  CHECK(both.exitCode == 2);
  CHECK_THAT(both.standardError, Catch::Contains("not both"));
}

TEST_CASE("ctl print without --printer prints on the printer the settings give the document's kind",
          "[ctl][print][cups]") {
  test::CupsFixture cups;
  CaseCommands commands;
  std::filesystem::create_directories(commands.dir / "config" / "onewindow");
  std::ofstream(commands.dir / "config" / "onewindow" / "onewindow.conf")
      << "[Devices]\nPrinter=" << test::CupsFixture::pdfQueue() << "\nCardPrinter=NoSuchCard\n";
  const CommandResult taken = commands.intake(test::kSampleIdNumber, "received");
  INFO(taken.standardError);
  REQUIRE(taken.exitCode == 0);
  const std::string number = CaseCommands::numberOf(taken);
  REQUIRE(commands.ctl("decide", {"--case", number, "--decision", "accept"}).exitCode == 0);

  const CommandResult printed = [&] {
    test::CupsServerScope spooler(cups.server().describe());  // for the ctl process only
    return commands.ctl("print", {"--case", number});
  }();
  INFO(printed.standardError << cups.errorLogTail());
  CHECK(printed.exitCode == 0);
  CHECK_THAT(
      printed.standardOutput,
      Catch::Contains("printed on " + test::CupsFixture::pdfQueue()) && Catch::Contains("job "));
  CHECK(cups.waitForPdfs(1).size() == 1);
}

TEST_CASE("ctl templates check reports every problem of a template directory, located",
          "[ctl][print]") {
  test::TempDir dir;
  const CommandResult good = runProgram(ONEWINDOW_CTL_BINARY,
                                        {"templates", "check", ONEWINDOW_TEMPLATES_DIR, "--catalog",
                                         test::sampleCatalogFile().string()},
                                        std::chrono::seconds(60));
  INFO(good.standardError);
  CHECK(good.exitCode == 0);
  CHECK_THAT(good.standardOutput,
             Catch::Contains("acceptance-notice: 受理通知书") && Catch::Contains("no problems"));

  std::ifstream in(std::string(ONEWINDOW_TEMPLATES_DIR) + "/refusal-notice.xml");
  std::string text{std::istreambuf_iterator<char>(in), {}};
  text.replace(text.find("{decision.grounds}"), 18, "{decision.ground}");
  std::ofstream(dir / "refusal-notice.xml") << text;
  const CommandResult bad = runProgram(
      ONEWINDOW_CTL_BINARY, {"templates", "check", dir.path().string()}, std::chrono::seconds(60));
  CHECK(bad.exitCode == 1);
  CHECK_THAT(bad.standardError, Catch::Contains("refusal-notice.xml:") &&
                                    Catch::Contains("unknown field 'decision.ground'") &&
                                    Catch::Contains("no template of kind 'acceptance-notice'"));
}

TEST_CASE("ctl cases list, find and show go through the engine's case desk", "[ctl][desk]") {
  CaseCommands commands;
  const std::string number =
      CaseCommands::numberOf(commands.intake(test::kSampleIdNumber, "received"));
  REQUIRE(commands.ctl("decide", {"--case", number, "--decision", "accept"}).exitCode == 0);
  const auto cases = [&](std::vector<std::string> arguments) {
    std::vector<std::string> all{"--central", commands.central.baseUrl(), "--profile",
                                 (commands.dir / "profile").string(), "cases"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    for (const char* login : {"--clerk", "c1001", "--window", "W03", "--catalog"})
      all.emplace_back(login);
    all.push_back(test::sampleCatalogFile().string());
    return runProgram(ONEWINDOW_CTL_BINARY, all, std::chrono::seconds(60));
  };

  const CommandResult list = cases({"list"});
  INFO(list.standardError);
  REQUIRE(list.exitCode == 0);
  CHECK_THAT(list.standardOutput, Catch::Contains(number) && Catch::Contains("accepted") &&
                                      Catch::Contains("440305********123X") &&
                                      Catch::Contains("1 of 1 case(s)"));
  CHECK_THAT(list.standardOutput, !Catch::Contains(test::kSampleIdNumber));  // masked only
  CHECK_THAT(cases({"list", "--state", "refused"}).standardOutput, Catch::Contains("0 of 0"));
  CHECK(cases({"list", "--state", "nonsense"}).exitCode == 2);

  const CommandResult found = cases({"find", "--text", test::kSampleIdNumber});
  REQUIRE(found.exitCode == 0);
  CHECK_THAT(found.standardOutput,
             Catch::Contains("case " + number) && Catch::Contains("timeline:") &&
                 Catch::Contains("case.decision") && Catch::Contains("withdraw: allowed") &&
                 Catch::Contains("hand-over: not now"));
  const CommandResult shown = cases({"show", "--case", number});
  REQUIRE(shown.exitCode == 0);
  CHECK_THAT(shown.standardOutput, Catch::Contains("premises_proof"));
  const CommandResult unknown = cases({"show", "--case", "W03-20000101-999999"});
  CHECK(unknown.exitCode == 1);
  CHECK_THAT(unknown.standardError, Catch::Contains("no case"));
  CHECK(cases({"frobnicate"}).exitCode == 2);
}

TEST_CASE("ctl supervisor is refused for a clerk and works for a supervisor", "[ctl][supervisor]") {
  CaseCommands commands;
  const std::string number =
      CaseCommands::numberOf(commands.intake(test::kSampleIdNumber, "received"));
  REQUIRE(commands.ctl("decide", {"--case", number, "--decision", "accept"}).exitCode == 0);
  const auto supervisor = [&](const std::string& clerk, std::vector<std::string> arguments) {
    std::vector<std::string> all{"--central", commands.central.baseUrl(), "--profile",
                                 (commands.dir / "profile").string(), "supervisor"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    for (const std::string& login :
         {std::string("--clerk"), clerk, std::string("--window"), std::string("W03"),
          std::string("--catalog"), test::sampleCatalogFile().string()})
      all.push_back(login);
    return runProgram(ONEWINDOW_CTL_BINARY, all, std::chrono::seconds(60));
  };

  const CommandResult refused = supervisor("c1001", {"queues"});
  CHECK(refused.exitCode == 1);
  CHECK_THAT(refused.standardError, Catch::Contains("supervisor console is for supervisors"));
  CHECK(supervisor("c1001", {"figures"}).exitCode == 1);
  CHECK(supervisor("c1001", {"follow-ups"}).exitCode == 1);
  for (const std::string verb : {"mark", "unmark", "void"}) {
    const CommandResult change = supervisor(
        "c1001", {verb, "--case", number, verb == "mark" ? "--note" : "--reason", "催办"});
    INFO(verb);
    CHECK(change.exitCode == 1);
    CHECK_THAT(change.standardError, Catch::Contains("supervisor console is for supervisors"));
  }

  ::setenv("ONEWINDOW_PASSWORD", "demo2001", 1);
  const CommandResult queues = supervisor("s2001", {"queues", "--queue", "all"});
  INFO(queues.standardError);
  REQUIRE(queues.exitCode == 0);
  CHECK_THAT(queues.standardOutput, Catch::Contains("张三") && Catch::Contains("1 of 1"));
  CHECK(supervisor("s2001", {"queues", "--queue", "nonsense"}).exitCode == 2);
  // Once central has the case, the mark is central's, for whichever station holds it.
  ::setenv("ONEWINDOW_PASSWORD", "demo1001", 1);
  const CommandResult synced = runProgram(
      ONEWINDOW_CTL_BINARY,
      {"--central", commands.central.baseUrl(), "--profile", (commands.dir / "profile").string(),
       "sync", "--clerk", "c1001", "--window", "W03"},
      std::chrono::seconds(60));
  INFO(synced.standardError);
  REQUIRE(synced.exitCode == 0);
  ::setenv("ONEWINDOW_PASSWORD", "demo2001", 1);
  const CommandResult mark =
      supervisor("s2001", {"mark", "--case", number, "--note", "今日内回复申请人"});
  INFO(mark.standardError);
  REQUIRE(mark.exitCode == 0);
  CHECK_THAT(mark.standardOutput,
             Catch::Contains("督办: 今日内回复申请人") && Catch::Contains("kept by central"));
  // By then central may have given its official number: the row is the applicant's.
  CHECK_THAT(supervisor("s2001", {"queues", "--queue", "supervised"}).standardOutput,
             Catch::Contains("张三") && Catch::Contains("督办") && Catch::Contains("1 of 1"));
  const auto csv = commands.dir / "figures.csv";
  const auto pdf = commands.dir / "figures.pdf";
  const CommandResult figures =
      supervisor("s2001", {"figures", "--period", "month", "--by", "clerk", "--csv", csv.string(),
                           "--pdf", pdf.string()});
  INFO(figures.standardError);
  REQUIRE(figures.exitCode == 0);
  std::ifstream in(csv, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.compare(0, 3, "\xEF\xBB\xBF") == 0);
  CHECK_THAT(text, Catch::Contains("工作人员,受理件数,即来即办率") &&
                       Catch::Contains("\r\nc1001,1,") && Catch::Contains("\r\n合计,1,"));
  // The PDF report: its text is the table's and the formulas'.
  const std::string reportText = test::pdfText(pdf);
  CHECK_THAT(reportText, Catch::Contains("综合窗口统计") && Catch::Contains("受理件数") &&
                             Catch::Contains("c1001") && Catch::Contains("指标口径"));
  CHECK(test::pdfPages(pdf) >= 1);

  // The clerk's case detail shows the mark.
  ::setenv("ONEWINDOW_PASSWORD", "demo1001", 1);
  const CommandResult shown =
      runProgram(ONEWINDOW_CTL_BINARY,
                 {"--central", commands.central.baseUrl(), "--profile",
                  (commands.dir / "profile").string(), "cases", "show", "--case", number, "--clerk",
                  "c1001", "--window", "W03", "--catalog", test::sampleCatalogFile().string()},
                 std::chrono::seconds(60));
  CHECK_THAT(shown.standardOutput,
             Catch::Contains("督办 by s2001") && Catch::Contains("今日内回复申请人"));
}
