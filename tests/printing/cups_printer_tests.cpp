// The CUPS printer backend against a real, private scheduler with a cups-pdf queue
// (cups_fixture.hpp). The time bounds are the functional requirements (an unknown
// printer fails within 2 s, a stopped scheduler within 5 s), asserted loosely.
#include <cairo.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <variant>
#include <vector>

#include <cairo-pdf.h>
#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "cups_fixture.hpp"
#include "fault_proxy.hpp"
#include "pdf_tools.hpp"
#include "printing/cups_printer.hpp"
#include "temp_dir.hpp"

namespace {

using namespace onewindow;
using printing::PrintFailure;
using SteadyClock = std::chrono::steady_clock;

// On the connection printPdf opens, exchange 0 is Get-Printer-Attributes and the Print-Job
// follows (its body after cupsd's "100 Continue" counts as the next exchange for the proxy).
constexpr int kPrintJobExchange = 2;

constexpr const char* kPrintedText = "OneWindow test page 12345";

// A one-page A4 PDF with one line of ASCII text, made with cairo as the real renderer does.
// The face is named: under FC_LANG=zh-cn "sans-serif" is Noto Sans CJK, whose text mapping the
// cups-pdf queue's pdftops + Ghostscript re-distilling drops (TOOLCHAIN.md), and this test is
// about the spooler, not about fonts.
std::filesystem::path makePdf(const test::TempDir& dir,
                              const std::string& text = std::string(kPrintedText),
                              double widthPt = 595.0, double heightPt = 842.0) {
  std::filesystem::path file = dir / "page.pdf";
  cairo_surface_t* surface = cairo_pdf_surface_create(file.c_str(), widthPt, heightPt);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 18.0);
  cairo_move_to(cr, 72.0, 100.0);
  cairo_show_text(cr, text.c_str());
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surface);
  return file;
}

printing::PrintRequest requestFor(const test::CupsFixture& cups, const std::filesystem::path& pdf,
                                  const std::string& printer = test::CupsFixture::pdfQueue()) {
  printing::PrintRequest request;
  request.server = cups.server();
  request.printer = printer;
  request.pdfFile = pdf.string();
  request.title = "onewindow-test";
  request.followTimeout = std::chrono::seconds(60);
  return request;
}

const printing::PrintError& errorOf(
    const std::variant<printing::PrintedJob, printing::PrintError>& r) {
  if (const auto* job = std::get_if<printing::PrintedJob>(&r)) {
    FAIL("expected a failure, the job " << job->status.id << " was printed");
  }
  return std::get<printing::PrintError>(r);
}

const printing::PrintedJob& jobOf(const std::variant<printing::PrintedJob, printing::PrintError>& r,
                                  const test::CupsFixture& cups) {
  if (const auto* error = std::get_if<printing::PrintError>(&r)) {
    FAIL(printing::describe(*error) << "\n" << cups.errorLogTail());
  }
  return std::get<printing::PrintedJob>(r);
}

std::string pdfText(const std::filesystem::path& pdf) {
  const test::CommandResult result =
      test::runProgram(test::findProgram("pdftotext").string(), {pdf.string(), "-"});
  INFO(result.standardError);
  REQUIRE(result.exitCode == 0);
  return result.standardOutput;
}

// Every job the scheduler knows of, finished or not ("lpstat -W all -o").
std::string allJobs(const test::CupsFixture& cups) {
  return cups.admin("lpstat", {"-W", "all", "-o"});
}

double secondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

TEST_CASE("A PDF printed to the cups-pdf queue comes out with its text", "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  const auto pdf = makePdf(dir);
  auto request = requestFor(cups, pdf);
  std::vector<printing::JobState> seen;
  request.onJobState = [&](const printing::JobStatus& status) { seen.push_back(status.state); };

  const auto result = printing::printPdf(request);
  const auto& job = jobOf(result, cups);
  CHECK(job.printer == "PDF");
  CHECK(job.status.id > 0);
  CHECK(job.status.state == printing::JobState::Completed);
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.back() == printing::JobState::Completed);

  const auto pdfs = cups.waitForPdfs(1);
  INFO(cups.errorLogTail());
  REQUIRE(pdfs.size() == 1);
  CHECK(pdfText(pdfs.front()).find(kPrintedText) != std::string::npos);
}

TEST_CASE("listPrinters lists the cups-pdf queue, over TCP and over the socket",
          "[printing][cups]") {
  test::CupsFixture cups;
  cups.admin("lpadmin", {"-p", "PDF", "-D", "Counter 3 printer", "-L", "Hall A"});
  cups.admin("lpadmin", {"-d", "PDF"});
  cups.addPdfQueue("Second");

  for (const auto& server : {cups.server(), cups.socketServer()}) {
    INFO(server.describe());
    const auto listed = printing::listPrinters(server);
    if (const auto* error = std::get_if<printing::PrintError>(&listed)) {
      FAIL(printing::describe(*error));
    }
    const auto& printers = std::get<std::vector<printing::PrinterInfo>>(listed);
    REQUIRE(printers.size() == 2);
    const auto& pdf = printers[0].name == "PDF" ? printers[0] : printers[1];
    const auto& second = printers[0].name == "PDF" ? printers[1] : printers[0];
    CHECK(pdf.name == "PDF");
    CHECK(second.name == "Second");
    CHECK(pdf.info == "Counter 3 printer");
    CHECK(pdf.location == "Hall A");
    CHECK(pdf.makeAndModel.find("CUPS-PDF") != std::string::npos);
    CHECK(pdf.state == printing::PrinterState::Idle);
    CHECK(pdf.acceptingJobs);
    CHECK(pdf.isDefault);
    CHECK_FALSE(second.isDefault);
    CHECK(std::find(pdf.mediaSupported.begin(), pdf.mediaSupported.end(), "iso_a4_210x297mm") !=
          pdf.mediaSupported.end());
    CHECK_FALSE(pdf.mediaDefault.empty());
    CHECK(std::find(pdf.sidesSupported.begin(), pdf.sidesSupported.end(), "one-sided") !=
          pdf.sidesSupported.end());
  }

  const auto found = printing::findPrinter(cups.server(), "Second");
  REQUIRE(std::holds_alternative<printing::PrinterInfo>(found));
  CHECK(std::get<printing::PrinterInfo>(found).name == "Second");
}

TEST_CASE("A printer that does not exist fails within 2 s and prints nothing", "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  cups.admin("lpadmin", {"-d", "PDF"});  // a default exists and must not be used
  const auto pdf = makePdf(dir);

  const auto start = SteadyClock::now();
  const auto result = printing::printPdf(requestFor(cups, pdf, "NoSuchQueue"));
  const double seconds = secondsSince(start);
  const auto& error = errorOf(result);
  CHECK(error.failure == PrintFailure::NoSuchPrinter);
  CHECK(error.printer == "NoSuchQueue");
  CHECK_FALSE(error.jobId);
  CHECK(printing::failureCode(error.failure) == "print.no_such_printer");
  CHECK(printing::clerkMessage(error).find("\"NoSuchQueue\"") != std::string::npos);
  WARN("unknown printer failed after " << seconds << " s: " << printing::describe(error));
  CHECK(seconds < 2.0);

  CHECK(allJobs(cups).empty());
  CHECK(cups.outputPdfs().empty());
  // findPrinter says the same.
  const auto found = printing::findPrinter(cups.server(), "NoSuchQueue");
  REQUIRE(std::holds_alternative<printing::PrintError>(found));
  CHECK(std::get<printing::PrintError>(found).failure == PrintFailure::NoSuchPrinter);
}

TEST_CASE("An empty printer name is refused, never sent to the default printer",
          "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  cups.admin("lpadmin", {"-d", "PDF"});
  const auto result = printing::printPdf(requestFor(cups, makePdf(dir), ""));
  const auto& error = errorOf(result);
  CHECK(error.failure == PrintFailure::NoPrinterNamed);
  CHECK(printing::failureCode(error.failure) == "print.no_printer_named");
  CHECK(allJobs(cups).empty());
  CHECK(cups.outputPdfs().empty());
}

TEST_CASE("Printing while the scheduler is stopped fails within 5 s", "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  const auto pdf = makePdf(dir);
  cups.stopScheduler();

  for (const auto& server : {cups.server(), cups.socketServer()}) {
    INFO(server.describe());
    auto request = requestFor(cups, pdf);
    request.server = server;
    const auto start = SteadyClock::now();
    const auto result = printing::printPdf(request);
    const double seconds = secondsSince(start);
    const auto& error = errorOf(result);
    CHECK(error.failure == PrintFailure::SchedulerUnreachable);
    CHECK(printing::failureCode(error.failure) == "print.scheduler_unreachable");
    CHECK(printing::clerkMessage(error) ==
          "The print service on this computer is not running; ask IT to start it. Nothing was "
          "printed.");
    WARN("stopped scheduler (" << server.describe() << ") failed after " << seconds
                               << " s: " << printing::describe(error));
    CHECK(seconds < 5.0);
  }
  const auto start = SteadyClock::now();
  const auto listed = printing::listPrinters(cups.server());
  REQUIRE(std::holds_alternative<printing::PrintError>(listed));
  CHECK(std::get<printing::PrintError>(listed).failure == PrintFailure::SchedulerUnreachable);
  CHECK(secondsSince(start) < 5.0);
}

TEST_CASE("A scheduler that accepts connections but never answers is given up on in time",
          "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  const auto pdf = makePdf(dir);
  REQUIRE(::kill(cups.pid(), SIGSTOP) == 0);  // the kernel still accepts connections

  auto request = requestFor(cups, pdf);
  request.checkTimeout = std::chrono::milliseconds(1500);
  const auto start = SteadyClock::now();
  const auto result = printing::printPdf(request);
  const double seconds = secondsSince(start);
  ::kill(cups.pid(), SIGCONT);
  const auto& error = errorOf(result);
  WARN("frozen scheduler failed after " << seconds << " s: " << printing::describe(error));
  CHECK(error.failure == PrintFailure::SchedulerNotResponding);
  CHECK(seconds < 5.0);
}

TEST_CASE("A disabled queue and a rejecting queue each give their own error", "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  const auto pdf = makePdf(dir);

  SECTION("disabled (cupsdisable): the queue is stopped") {
    cups.admin("cupsdisable", {"-r", "toner change", "PDF"});
    const auto result = printing::printPdf(requestFor(cups, pdf));
    const auto& error = errorOf(result);
    CHECK(error.failure == PrintFailure::PrinterStopped);
    CHECK(error.detail.find("toner change") != std::string::npos);
    CHECK(printing::failureCode(error.failure) == "print.printer_stopped");
  }
  SECTION("rejecting (cupsreject): the queue takes no jobs") {
    cups.admin("cupsreject", {"-r", "moving desks", "PDF"});
    const auto result = printing::printPdf(requestFor(cups, pdf));
    const auto& error = errorOf(result);
    CHECK(error.failure == PrintFailure::NotAcceptingJobs);
    CHECK(printing::failureCode(error.failure) == "print.not_accepting_jobs");
  }
  CHECK(allJobs(cups).empty());
  CHECK(cups.outputPdfs().empty());
}

TEST_CASE("Copies, media and sides go with the job and unsupported ones are refused first",
          "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  const auto pdf = makePdf(dir);

  SECTION("copies = 2 and A4 are accepted by the job") {
    auto request = requestFor(cups, pdf);
    request.copies = 2;
    request.media = "iso_a4_210x297mm";
    request.sides = "one-sided";
    const auto result = printing::printPdf(request);
    const auto& job = jobOf(result, cups);
    CHECK(job.status.copies == 2);
    const auto status = printing::jobStatus(cups.server(), job.status.id);
    REQUIRE(std::holds_alternative<printing::JobStatus>(status));
    CHECK(std::get<printing::JobStatus>(status).copies == 2);
    CHECK(std::get<printing::JobStatus>(status).state == printing::JobState::Completed);
  }
  SECTION("an A5 landscape page goes on A5 paper, not scaled onto the default A4") {
    auto request = requestFor(cups, makePdf(dir, kPrintedText, 595.28, 419.53));
    request.media = printing::mediaForPageSize(210, 148);
    CHECK(request.media == "iso_a5_148x210mm");
    (void)jobOf(printing::printPdf(request), cups);
    const auto pdfs = cups.waitForPdfs(1);
    REQUIRE(pdfs.size() == 1);
    const test::PageSize size = test::pdfPageSize(pdfs.front());
    INFO(size.width << " x " << size.height);
    CHECK(std::min(size.width, size.height) == Approx(419.5).margin(2));
    CHECK(std::max(size.width, size.height) == Approx(595.3).margin(2));
  }
  SECTION("a card size the printer has no name for goes within its custom range") {
    auto request = requestFor(cups, makePdf(dir, kPrintedText, 242.6, 153.1));
    request.media = printing::mediaForPageSize(85.6, 54);
    CHECK_THAT(request.media, Catch::StartsWith("custom_"));
    (void)jobOf(printing::printPdf(request), cups);
    const auto pdfs = cups.waitForPdfs(1);
    REQUIRE(pdfs.size() == 1);
    const test::PageSize size = test::pdfPageSize(pdfs.front());
    INFO(size.width << " x " << size.height);
    CHECK(std::min(size.width, size.height) == Approx(153.1).margin(2));
    CHECK(std::max(size.width, size.height) == Approx(242.6).margin(2));
  }
  SECTION("a paper size the printer does not offer") {
    auto request = requestFor(cups, pdf);
    request.media = "oe_stamp_0.2x0.2in";  // below the queue's smallest custom size
    CHECK(errorOf(printing::printPdf(request)).failure == PrintFailure::MediaNotSupported);
    CHECK(allJobs(cups).empty());
  }
  SECTION("copies out of range") {
    auto request = requestFor(cups, pdf);
    request.copies = 0;
    CHECK(errorOf(printing::printPdf(request)).failure == PrintFailure::JobRefused);
    CHECK(allJobs(cups).empty());
  }
}

TEST_CASE("Paper goes by the name the printer gives its size", "[printing]") {
  printing::PrinterInfo printer;
  printer.mediaSupported = {"iso_a4_210x297mm", "om_a5-ppd_148x210mm", "na_letter_8.5x11in"};
  CHECK(printing::mediaForPageSize(297, 210) == "iso_a4_210x297mm");
  CHECK(printing::mediaAsPrinterNamesIt(printer, "iso_a4_210x297mm") == "iso_a4_210x297mm");
  CHECK(printing::mediaAsPrinterNamesIt(printer, printing::mediaForPageSize(210, 148)) ==
        "om_a5-ppd_148x210mm");
  const std::string card = printing::mediaForPageSize(85.6, 54);
  CHECK_FALSE(printing::mediaAsPrinterNamesIt(printer, card));
  CHECK_FALSE(printing::mediaAsPrinterNamesIt(printer, "no such paper"));
  printer.mediaSupported.push_back("custom_min_50x50mm");
  printer.mediaSupported.push_back("custom_max_300x400mm");
  CHECK(printing::mediaAsPrinterNamesIt(printer, card) == card);
  CHECK_FALSE(printing::mediaAsPrinterNamesIt(printer, printing::mediaForPageSize(20, 30)));
  printer.mediaSupported.push_back("oe_cr80_2.13x3.37in");  // 54.1 × 85.6 mm
  CHECK(printing::mediaAsPrinterNamesIt(printer, card) == "oe_cr80_2.13x3.37in");
}

TEST_CASE("An unreadable document and a cancelled request print nothing", "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;

  SECTION("missing file") {
    const auto result = printing::printPdf(requestFor(cups, dir / "missing.pdf"));
    CHECK(errorOf(result).failure == PrintFailure::DocumentUnreadable);
  }
  SECTION("not a PDF") {
    const auto text = dir / "note.pdf";
    std::ofstream(text) << "hello";
    const auto result = printing::printPdf(requestFor(cups, text));
    CHECK(errorOf(result).failure == PrintFailure::DocumentUnreadable);
  }
  SECTION("cancelled before sending") {
    std::stop_source stop;
    stop.request_stop();
    auto request = requestFor(cups, makePdf(dir));
    request.stop = stop.get_token();
    const auto result = printing::printPdf(request);
    const auto& error = errorOf(result);
    CHECK(error.failure == PrintFailure::Cancelled);
    CHECK_FALSE(error.jobId);
  }
  CHECK(allJobs(cups).empty());
  CHECK(cups.outputPdfs().empty());
}

TEST_CASE("Cancelling while the job is followed cancels it on the scheduler", "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  // Jobs on this queue are held, so the job is still waiting when the cancel comes.
  auto request = requestFor(cups, makePdf(dir));
  std::stop_source stop;
  request.stop = stop.get_token();
  std::optional<int> jobId;
  request.onJobState = [&](const printing::JobStatus& status) {
    jobId = status.id;
    stop.request_stop();  // cancel at the first state we see
  };
  cups.admin("lpadmin", {"-p", "PDF", "-o", "job-hold-until-default=indefinite"});
  const auto result = printing::printPdf(request);
  const auto& error = errorOf(result);
  CHECK(error.failure == PrintFailure::Cancelled);
  REQUIRE(error.jobId);
  CHECK(error.jobId == jobId);
  const auto status = printing::jobStatus(cups.server(), *error.jobId);
  REQUIRE(std::holds_alternative<printing::JobStatus>(status));
  CHECK(std::get<printing::JobStatus>(status).state == printing::JobState::Canceled);
  CHECK(cups.outputPdfs().empty());
}

TEST_CASE("Every failure has its own code and a sentence for the clerk", "[printing]") {
  std::set<std::string> codes;
  for (int i = 0; i <= static_cast<int>(PrintFailure::Cancelled); ++i) {
    printing::PrintError error{static_cast<PrintFailure>(i), "Counter-3", "detail", std::nullopt};
    const std::string code(printing::failureCode(error.failure));
    CHECK(code.rfind("print.", 0) == 0);
    CHECK(code != "print.unknown");
    codes.insert(code);
    const std::string sentence = printing::clerkMessage(error);
    CHECK(sentence.size() > 20);
    CHECK(sentence.back() == '.');
  }
  CHECK(codes.size() == static_cast<std::size_t>(PrintFailure::Cancelled) + 1);
}

TEST_CASE("A connection cut in the middle of the upload is an error, not a crash",
          "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  // Big enough that the upload is still going when the proxy resets the connection, so libcups
  // writes into a reset socket (printPdf blocks SIGPIPE for the thread meanwhile).
  const auto big = dir / "big.pdf";
  {
    std::ofstream out(big, std::ios::binary);
    out << "%PDF-1.4\n";
    std::string block(64 * 1024, 'x');
    for (int i = 0; i < 64; ++i) out << block;
  }
  test::FaultProxy proxy(cups.port());
  proxy.queuePlan({test::Fault::Reset, kPrintJobExchange, 256 * 1024, {}});
  auto request = requestFor(cups, big);
  request.server = {"127.0.0.1", proxy.port()};
  const auto start = SteadyClock::now();
  const auto result = printing::printPdf(request);
  const auto& error = errorOf(result);
  WARN("cut upload failed after " << secondsSince(start) << " s: " << printing::describe(error)
                                  << " (exchanges " << proxy.exchanges() << ")");
  CHECK(proxy.faultsApplied(test::Fault::Reset) == 1);
  CHECK(error.failure == PrintFailure::SchedulerNotResponding);
  CHECK_FALSE(error.jobId);
  CHECK(secondsSince(start) < 5.0);
  CHECK(allJobs(cups).empty());
}

TEST_CASE("No answer after the whole document was sent says it may have been printed",
          "[printing][cups]") {
  test::TempDir dir;
  test::CupsFixture cups;
  test::FaultProxy proxy(cups.port());
  const auto pdf = makePdf(dir);
  // The reply dropped is the one to the request that carried the document, however libcups
  // and cupsd split the exchanges before it (under load a "100 Continue" can come earlier).
  const auto documentBytes = static_cast<std::size_t>(std::filesystem::file_size(pdf));
  proxy.queuePlan({test::Fault::DropReply, kPrintJobExchange, documentBytes, {}});
  auto request = requestFor(cups, pdf);
  request.server = {"127.0.0.1", proxy.port()};
  const auto result = printing::printPdf(request);
  const auto& error = errorOf(result);
  INFO(printing::describe(error) << " (exchanges " << proxy.exchanges() << ")");
  CHECK(proxy.faultsApplied(test::Fault::DropReply) == 1);
  CHECK(error.failure == PrintFailure::SchedulerLost);
  CHECK(printing::clerkMessage(error).find("may come out twice") != std::string::npos);
  // The scheduler did queue it: this is why the clerk is not told "nothing was printed".
  CHECK(cups.waitForPdfs(1).size() == 1);
}
