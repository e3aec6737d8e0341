#pragma once
// The printer backend (printing/README.md, "Printers (CUPS)"): sends a finished PDF file to a
// named CUPS queue and follows the job to its end. Known traps on Linux (DESIGN.md §10): an
// unknown printer name silently goes to the default printer, and a print call made while the
// scheduler is down can hang for minutes. So:
//  - a printer is always named; an empty name is an error, never "the default printer";
//  - every exchange goes over our own connection (httpConnect2 with a timeout, never
//    CUPS_HTTP_DEFAULT) and every wait is bounded by a deadline and the caller's stop token;
//  - the scheduler and the queue are checked before the document is sent;
//  - every expected failure comes back as a PrintError value, never as an exception.
// All calls block the calling thread (bounded); run them off the GUI thread. libcups keeps its
// error state per thread, so calls from several threads do not interfere.

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace onewindow::printing {

// Where the CUPS scheduler listens: a host name or address and a port, or the path of a local
// domain socket ("/run/cups/cups.sock"; the port is then ignored).
struct CupsServer {
  std::string host;
  int port = 631;

  // The scheduler libcups would use (CUPS_SERVER, client.conf, else the local one).
  [[nodiscard]] static CupsServer fromEnvironment();
  [[nodiscard]] bool isDomainSocket() const { return !host.empty() && host.front() == '/'; }
  // "127.0.0.1:631" or the socket path, for logs and messages.
  [[nodiscard]] std::string describe() const;
};

enum class PrintFailure {
  NoPrinterNamed,          // the request names no printer
  SchedulerUnreachable,    // no connection to the scheduler (not running, wrong address)
  SchedulerNotResponding,  // connected, but no answer within the time allowed
  NotAuthorized,           // the scheduler refused us (authentication, policy)
  NoSuchPrinter,           // the scheduler has no queue of that name
  PrinterStopped,          // the queue exists but is stopped (disabled, or stopped on error)
  NotAcceptingJobs,        // the queue rejects new jobs
  MediaNotSupported,       // the paper size asked for is not one the printer offers
  SidesNotSupported,       // one/two-sided printing asked for is not one the printer offers
  DocumentUnreadable,      // the PDF file is missing, unreadable or not a PDF
  JobRefused,              // the scheduler refused the print job
  SchedulerLost,           // the job was sent, then the scheduler stopped answering
  JobAborted,              // the job was sent and ended in error (filter, backend, device)
  JobCanceled,             // the job was sent and then canceled by someone else
  FollowTimedOut,          // the job was sent and had not finished when we stopped following
  Cancelled,               // the caller cancelled; a job already sent was asked to cancel
};

// IPP job states (RFC 8011 §5.3.7).
enum class JobState { Pending, Held, Processing, Stopped, Canceled, Aborted, Completed, Unknown };
enum class PrinterState { Idle, Processing, Stopped, Unknown };

struct PrintError {
  PrintFailure failure = PrintFailure::JobRefused;
  std::string printer;       // the name asked for
  std::string detail;        // CUPS/IPP text (status message, state reasons), for logs
  std::optional<int> jobId;  // set once a job exists on the scheduler
};

// A stable code for the GUI's translations: "print.scheduler_unreachable", ...
[[nodiscard]] std::string_view failureCode(PrintFailure failure);
// One or two English sentences a clerk can act on, saying whether anything was printed.
[[nodiscard]] std::string clerkMessage(const PrintError& error);
// Code, printer, job and detail on one line, for the log.
[[nodiscard]] std::string describe(const PrintError& error);

[[nodiscard]] std::string_view jobStateName(JobState state);  // "completed", ...

struct PrinterInfo {
  std::string name;
  std::string info;  // the description shown to people
  std::string location;
  std::string makeAndModel;
  PrinterState state = PrinterState::Unknown;
  std::string stateMessage;
  std::vector<std::string> stateReasons;  // "none", "paused", "media-empty-error", ...
  bool acceptingJobs = false;
  bool isDefault = false;  // the scheduler's default (not a user's lpoptions choice)
  std::vector<std::string> mediaSupported;  // PWG names: "iso_a4_210x297mm", ...
  std::string mediaDefault;
  std::vector<std::string> sidesSupported;  // "one-sided", "two-sided-long-edge", ...
  std::string sidesDefault;
};

struct JobStatus {
  int id = 0;
  JobState state = JobState::Unknown;
  std::vector<std::string> stateReasons;
  std::string stateMessage;
  int copies = 1;  // as the scheduler recorded it for the job
};

struct PrintRequest {
  CupsServer server = CupsServer::fromEnvironment();
  std::string printer;  // required; never falls back to a default
  std::string pdfFile;
  std::string title;
  int copies = 1;
  std::string media;  // PWG media name; empty: the printer's default
  std::string sides;  // "one-sided", "two-sided-long-edge", "two-sided-short-edge"; empty: default
  // Bound of each exchange with the scheduler: connecting, the checks, sending the document.
  std::chrono::milliseconds checkTimeout{2000};
  // How long the job is followed after it was accepted, until completed, aborted or canceled.
  std::chrono::milliseconds followTimeout{60000};
  std::chrono::milliseconds pollInterval{200};
  // Cancellation: stops waiting within about 250 ms; a job already sent is asked to cancel.
  std::stop_token stop;
  // Called on the calling thread each time the followed job changes state.
  std::function<void(const JobStatus&)> onJobState;
};

struct PrintedJob {
  std::string printer;
  JobStatus status;  // status.state is Completed
};

// The PWG media name of a page of widthMm × heightMm in either orientation (PWG names are
// portrait): "iso_a4_210x297mm", "iso_a5_148x210mm", or a self-describing custom name such as
// "custom_54x85.6mm_54x85.6mm" for a card; the job's PDF page says landscape or portrait.
[[nodiscard]] std::string mediaForPageSize(double widthMm, double heightMm);

// The name under which the printer lists paper of media's size: media itself when listed,
// another listed name of the same size (within 1 mm), media when it lies within the printer's
// custom_min_/custom_max_ range; nothing when the printer has no such paper.
[[nodiscard]] std::optional<std::string> mediaAsPrinterNamesIt(const PrinterInfo& printer,
                                                               const std::string& media);

// All queues of the scheduler, printers and classes.
[[nodiscard]] std::variant<std::vector<PrinterInfo>, PrintError> listPrinters(
    const CupsServer& server, std::chrono::milliseconds timeout = std::chrono::seconds(2));

// One queue by its exact name (NoSuchPrinter when absent, NoPrinterNamed when empty).
[[nodiscard]] std::variant<PrinterInfo, PrintError> findPrinter(
    const CupsServer& server, const std::string& name,
    std::chrono::milliseconds timeout = std::chrono::seconds(2));

// The current state of a job (for example one whose following timed out).
[[nodiscard]] std::variant<JobStatus, PrintError> jobStatus(
    const CupsServer& server, int jobId,
    std::chrono::milliseconds timeout = std::chrono::seconds(2));

// Checks the scheduler and the queue, sends the PDF as one IPP Print-Job and follows the job
// until it completes. Blocks for at most about checkTimeout × 3 + followTimeout.
[[nodiscard]] std::variant<PrintedJob, PrintError> printPdf(const PrintRequest& request);

}  // namespace onewindow::printing
