#include "printing/cups_printer.hpp"

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <utility>

#include <cups/cups.h>
#include <cups/http.h>
#include <cups/ipp.h>
#include <cups/pwg.h>
#include <sys/socket.h>

namespace onewindow::printing {

namespace {

using Clock = std::chrono::steady_clock;

// libcups calls this while it waits on the socket, every kWaitSlice without progress; returning
// 0 abandons the exchange. This is what bounds every blocking libcups call.
constexpr double kWaitSliceSeconds = 0.25;
constexpr int kMaxCopies = 999;
constexpr int kCupsPrinterDefaultBit = 0x20000;  // CUPS_PRINTER_DEFAULT in printer-type

struct WaitLimits {
  Clock::time_point deadline;
  std::stop_token stop;
  bool honourStop = true;
  bool timedOut = false;
  bool stopped = false;
};

int keepWaiting(http_t* /*http*/, void* data) {
  auto* limits = static_cast<WaitLimits*>(data);
  if (limits->honourStop && limits->stop.stop_requested()) {
    limits->stopped = true;
    return 0;
  }
  if (Clock::now() >= limits->deadline) {
    limits->timedOut = true;
    return 0;
  }
  return 1;
}

// libcups asks for a password on the terminal by default (getpass): a GUI would block on an
// invisible prompt. The callback is per thread, like the rest of libcups' state.
const char* noPassword(const char* /*prompt*/, http_t* /*http*/, const char* /*method*/,
                       const char* /*resource*/, void* /*data*/) {
  return nullptr;
}

void refuseInteractiveAuthentication() { cupsSetPasswordCB2(noPassword, nullptr); }

// libcups writes with send(..., 0): a scheduler that goes away in the middle of a request would
// raise SIGPIPE and end the whole workstation. While we talk to CUPS the signal is blocked for
// this thread only, and one raised meanwhile is consumed; the process's disposition is left
// alone.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    wasPending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeBlock() {
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    if (!wasPending_ && sigismember(&pending, SIGPIPE) == 1) {
      const timespec now{};
      sigtimedwait(&pipe_, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t pipe_{};
  sigset_t previous_{};
  bool wasPending_ = false;
};

PrintError makeError(PrintFailure failure, std::string printer, std::string detail,
                     std::optional<int> jobId = std::nullopt) {
  return PrintError{failure, std::move(printer), std::move(detail), jobId};
}

std::string lastCupsError() {
  const char* text = cupsLastErrorString();
  std::string result = ippErrorString(cupsLastError());
  if (text != nullptr && *text != '\0' && result != text) result += std::string(": ") + text;
  return result;
}

long long millisecondsOf(std::chrono::milliseconds duration) {
  return static_cast<long long>(duration.count());
}

// A connection serves one check and the job sent right after it; each poll opens its own. A
// fresh connection is cheap, and libcups never has to reconnect by itself: its own reconnect
// waits up to 30 s, outside our deadline.
class Connection {
 public:
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (http_ != nullptr) httpClose(http_);
  }

  static std::variant<std::unique_ptr<Connection>, PrintError> open(
      const CupsServer& server, const std::string& printer, std::chrono::milliseconds timeout,
      const std::stop_token& stop) {
    if (stop.stop_requested()) {
      return makeError(PrintFailure::Cancelled, printer, "cancelled before connecting");
    }
    if (server.host.empty()) {
      return makeError(PrintFailure::SchedulerUnreachable, printer, "no print server configured");
    }
    auto connection = std::unique_ptr<Connection>(new Connection(stop));
    const int milliseconds = static_cast<int>(std::max<long long>(1, millisecondsOf(timeout)));
    connection->http_ = httpConnect2(server.host.c_str(), server.port, nullptr, AF_UNSPEC,
                                     cupsEncryption(), 1, milliseconds, nullptr);
    if (connection->http_ == nullptr) {
      // httpConnect2 records the connect error as libcups' last error (errno is gone by now).
      std::string detail = "cannot connect to " + server.describe() + ": " + lastCupsError();
      return makeError(PrintFailure::SchedulerUnreachable, printer, std::move(detail));
    }
    httpSetTimeout(connection->http_, kWaitSliceSeconds, keepWaiting, &connection->limits_);
    return connection;
  }

  [[nodiscard]] http_t* http() const { return http_; }
  void allow(std::chrono::milliseconds timeout) {
    limits_.deadline = Clock::now() + timeout;
    limits_.timedOut = false;
  }
  // Once a job may exist, its id is worth more than a prompt return: the wait is still bounded
  // by the deadline.
  void ignoreStop() { limits_.honourStop = false; }
  [[nodiscard]] bool timedOut() const { return limits_.timedOut; }
  [[nodiscard]] bool stopped() const {
    return limits_.stopped || (limits_.honourStop && limits_.stop.stop_requested());
  }

 private:
  explicit Connection(std::stop_token stop) : limits_{{}, std::move(stop)} {}

  http_t* http_ = nullptr;
  WaitLimits limits_;
};

struct IppDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using IppPtr = std::unique_ptr<ipp_t, IppDeleter>;

// A failed exchange, told apart by what happened on our side first.
PrintError exchangeFailure(const Connection& connection, const std::string& printer,
                           const std::string& what, std::chrono::milliseconds timeout,
                           std::optional<int> jobId = std::nullopt) {
  if (connection.stopped()) return makeError(PrintFailure::Cancelled, printer, what, jobId);
  if (connection.timedOut()) {
    return makeError(PrintFailure::SchedulerNotResponding, printer,
                     what + ": no answer within " + std::to_string(timeout.count()) + " ms", jobId);
  }
  const ipp_status_t status = cupsLastError();
  if (status == IPP_STATUS_ERROR_NOT_AUTHORIZED || status == IPP_STATUS_ERROR_FORBIDDEN ||
      status == IPP_STATUS_ERROR_NOT_AUTHENTICATED) {
    return makeError(PrintFailure::NotAuthorized, printer, what + ": " + lastCupsError(), jobId);
  }
  std::string detail = what + ": " + lastCupsError();
  if (const int socketError = httpError(connection.http()); socketError != 0) {
    detail += " (" + std::string(std::strerror(socketError)) + ")";
  }
  return makeError(PrintFailure::SchedulerNotResponding, printer, std::move(detail), jobId);
}

// Sends a request that carries no document. Returns the response, or nothing when the exchange
// itself failed (no answer, connection lost); IPP errors are in the response's status.
IppPtr exchange(Connection& connection, ipp_t* request, const char* resource,
                std::chrono::milliseconds timeout) {
  connection.allow(timeout);
  IppPtr response(cupsDoRequest(connection.http(), request, resource));
  if (connection.timedOut() || connection.stopped()) return nullptr;
  return response;
}

std::string stringValue(ipp_attribute_t* attribute) {
  const char* text = ippGetString(attribute, 0, nullptr);
  return text != nullptr ? std::string(text) : std::string();
}

std::vector<std::string> stringValues(ipp_attribute_t* attribute) {
  std::vector<std::string> values;
  const int count = ippGetCount(attribute);
  for (int i = 0; i < count; ++i) {
    const char* text = ippGetString(attribute, i, nullptr);
    if (text != nullptr) values.emplace_back(text);
  }
  return values;
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) {
    if (!text.empty()) text += ", ";
    text += value;
  }
  return text;
}

PrinterState printerStateOf(int value) {
  switch (value) {
    case IPP_PSTATE_IDLE:
      return PrinterState::Idle;
    case IPP_PSTATE_PROCESSING:
      return PrinterState::Processing;
    case IPP_PSTATE_STOPPED:
      return PrinterState::Stopped;
    default:
      return PrinterState::Unknown;
  }
}

JobState jobStateOf(int value) {
  switch (value) {
    case IPP_JSTATE_PENDING:
      return JobState::Pending;
    case IPP_JSTATE_HELD:
      return JobState::Held;
    case IPP_JSTATE_PROCESSING:
      return JobState::Processing;
    case IPP_JSTATE_STOPPED:
      return JobState::Stopped;
    case IPP_JSTATE_CANCELED:
      return JobState::Canceled;
    case IPP_JSTATE_ABORTED:
      return JobState::Aborted;
    case IPP_JSTATE_COMPLETED:
      return JobState::Completed;
    default:
      return JobState::Unknown;
  }
}

constexpr std::array kPrinterAttributes{
    "printer-name",  "printer-info",          "printer-location",      "printer-make-and-model",
    "printer-state", "printer-state-message", "printer-state-reasons", "printer-is-accepting-jobs",
    "printer-type",  "media-supported",       "media-default",         "sides-supported",
    "sides-default"};

void addRequestedAttributes(ipp_t* request, const char* const* names, int count) {
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", count, nullptr,
                names);
}

void applyPrinterAttribute(PrinterInfo& printer, ipp_attribute_t* attribute) {
  const std::string_view name = ippGetName(attribute);
  if (name == "printer-name") {
    printer.name = stringValue(attribute);
  } else if (name == "printer-info") {
    printer.info = stringValue(attribute);
  } else if (name == "printer-location") {
    printer.location = stringValue(attribute);
  } else if (name == "printer-make-and-model") {
    printer.makeAndModel = stringValue(attribute);
  } else if (name == "printer-state") {
    printer.state = printerStateOf(ippGetInteger(attribute, 0));
  } else if (name == "printer-state-message") {
    printer.stateMessage = stringValue(attribute);
  } else if (name == "printer-state-reasons") {
    printer.stateReasons = stringValues(attribute);
  } else if (name == "printer-is-accepting-jobs") {
    printer.acceptingJobs = ippGetBoolean(attribute, 0) != 0;
  } else if (name == "printer-type") {
    printer.isDefault = (ippGetInteger(attribute, 0) & kCupsPrinterDefaultBit) != 0;
  } else if (name == "media-supported") {
    printer.mediaSupported = stringValues(attribute);
  } else if (name == "media-default") {
    printer.mediaDefault = stringValue(attribute);
  } else if (name == "sides-supported") {
    printer.sidesSupported = stringValues(attribute);
  } else if (name == "sides-default") {
    printer.sidesDefault = stringValue(attribute);
  }
}

// The printer groups of a response, in order.
std::vector<PrinterInfo> printersIn(ipp_t* response) {
  std::vector<PrinterInfo> printers;
  std::optional<PrinterInfo> current;
  for (ipp_attribute_t* attribute = ippFirstAttribute(response); attribute != nullptr;
       attribute = ippNextAttribute(response)) {
    if (ippGetGroupTag(attribute) != IPP_TAG_PRINTER || ippGetName(attribute) == nullptr) {
      if (current && !current->name.empty()) printers.push_back(std::move(*current));
      current.reset();
      continue;
    }
    if (!current) current.emplace();
    applyPrinterAttribute(*current, attribute);
  }
  if (current && !current->name.empty()) printers.push_back(std::move(*current));
  return printers;
}

// CUPS queue names: printable, no space, '/', '\\', '?', quotes or '#', at most 127 bytes
// (cupsd's validate_name). Checked here so a name never reaches a URI unescaped.
bool isValidQueueName(const std::string& name) {
  if (name.empty() || name.size() > 127) return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= ' ' || byte == 127 || c == '/' || c == '\\' || c == '?' || c == '\'' ||
           c == '"' || c == '#';
  });
}

std::string printerUri(const std::string& name) {
  std::array<char, HTTP_MAX_URI> uri{};
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri.data(), static_cast<int>(uri.size()), "ipp", nullptr,
                   "localhost", ippPort(), "/printers/%s", name.c_str());
  return uri.data();
}

std::string jobUri(int jobId) {
  std::array<char, HTTP_MAX_URI> uri{};
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri.data(), static_cast<int>(uri.size()), "ipp", nullptr,
                   "localhost", ippPort(), "/jobs/%d", jobId);
  return uri.data();
}

std::variant<PrinterInfo, PrintError> findPrinterOn(Connection& connection, const std::string& name,
                                                    std::chrono::milliseconds timeout) {
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  const std::string uri = printerUri(name);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  addRequestedAttributes(request, kPrinterAttributes.data(),
                         static_cast<int>(kPrinterAttributes.size()));
  IppPtr response = exchange(connection, request, "/", timeout);
  if (!response) return exchangeFailure(connection, name, "Get-Printer-Attributes", timeout);
  const ipp_status_t status = ippGetStatusCode(response.get());
  if (status == IPP_STATUS_ERROR_NOT_FOUND) {
    return makeError(PrintFailure::NoSuchPrinter, name, lastCupsError());
  }
  if (status > IPP_STATUS_OK_EVENTS_COMPLETE) {
    return exchangeFailure(connection, name, "Get-Printer-Attributes", timeout);
  }
  std::vector<PrinterInfo> printers = printersIn(response.get());
  if (printers.empty()) {
    return makeError(PrintFailure::NoSuchPrinter, name, "the scheduler returned no printer");
  }
  PrinterInfo printer = std::move(printers.front());
  // cupsd answers Get-Printer-Attributes for a class under /printers/ too; a different name
  // would mean a default was substituted, which must never happen silently.
  if (printer.name != name) {
    return makeError(PrintFailure::NoSuchPrinter, name,
                     "the scheduler answered for '" + printer.name + "' instead");
  }
  return printer;
}

std::variant<JobStatus, PrintError> jobStatusOn(Connection& connection, const std::string& printer,
                                                int jobId, std::chrono::milliseconds timeout) {
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  const std::string uri = jobUri(jobId);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  static constexpr std::array kJobAttributes{
      "job-id", "job-state", "job-state-reasons", "job-state-message", "job-printer-state-message",
      "copies"};
  addRequestedAttributes(request, kJobAttributes.data(), static_cast<int>(kJobAttributes.size()));
  IppPtr response = exchange(connection, request, "/", timeout);
  if (!response || ippGetStatusCode(response.get()) > IPP_STATUS_OK_EVENTS_COMPLETE) {
    if (response && ippGetStatusCode(response.get()) == IPP_STATUS_ERROR_NOT_FOUND) {
      return makeError(
          PrintFailure::SchedulerLost, printer,
          "job " + std::to_string(jobId) + " is unknown to the scheduler: " + lastCupsError(),
          jobId);
    }
    return exchangeFailure(connection, printer, "Get-Job-Attributes", timeout, jobId);
  }
  JobStatus status;
  status.id = jobId;
  std::string printerMessage;
  for (ipp_attribute_t* attribute = ippFirstAttribute(response.get()); attribute != nullptr;
       attribute = ippNextAttribute(response.get())) {
    if (ippGetGroupTag(attribute) != IPP_TAG_JOB || ippGetName(attribute) == nullptr) continue;
    const std::string_view name = ippGetName(attribute);
    if (name == "job-state") {
      status.state = jobStateOf(ippGetInteger(attribute, 0));
    } else if (name == "job-state-reasons") {
      status.stateReasons = stringValues(attribute);
    } else if (name == "job-state-message") {
      status.stateMessage = stringValue(attribute);
    } else if (name == "job-printer-state-message") {
      printerMessage = stringValue(attribute);
    } else if (name == "copies") {
      status.copies = ippGetInteger(attribute, 0);
    }
  }
  if (status.stateMessage.empty()) status.stateMessage = printerMessage;
  return status;
}

// Asks the scheduler to cancel a job we sent; bounded, best effort. Returns what happened.
std::string cancelJob(const CupsServer& server, const std::string& printer, int jobId,
                      std::chrono::milliseconds timeout) {
  auto opened = Connection::open(server, printer, timeout, std::stop_token());
  if (auto* error = std::get_if<PrintError>(&opened)) {
    return "could not ask to cancel job " + std::to_string(jobId) + ": " + error->detail;
  }
  Connection& connection = *std::get<std::unique_ptr<Connection>>(opened);
  ipp_t* request = ippNewRequest(IPP_OP_CANCEL_JOB);
  const std::string uri = jobUri(jobId);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  IppPtr response = exchange(connection, request, "/jobs/", timeout);
  if (!response || ippGetStatusCode(response.get()) > IPP_STATUS_OK_EVENTS_COMPLETE) {
    return "cancelling job " + std::to_string(jobId) + " failed: " + lastCupsError();
  }
  return "job " + std::to_string(jobId) + " was asked to cancel";
}

std::optional<PrintError> checkDocument(const std::string& printer, const std::string& file,
                                        std::uintmax_t& size) {
  std::error_code error;
  if (file.empty()) return makeError(PrintFailure::DocumentUnreadable, printer, "no file given");
  if (!std::filesystem::is_regular_file(file, error)) {
    return makeError(
        PrintFailure::DocumentUnreadable, printer,
        file + ": not a readable file" + (error ? " (" + error.message() + ")" : std::string()));
  }
  size = std::filesystem::file_size(file, error);
  std::ifstream in(file, std::ios::binary);
  std::array<char, 5> magic{};
  if (error || !in || !in.read(magic.data(), magic.size())) {
    return makeError(PrintFailure::DocumentUnreadable, printer, file + ": cannot be read");
  }
  if (std::string_view(magic.data(), magic.size()) != "%PDF-") {
    return makeError(PrintFailure::DocumentUnreadable, printer, file + ": not a PDF file");
  }
  return std::nullopt;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Sizes in hundredths of a millimetre, as libcups' pwg_media_t gives them.
bool sameSize(const pwg_media_t& a, const pwg_media_t& b) {
  constexpr int kSlack = 100;  // 1 mm: 54 × 85.6 mm is the same card as 53.98 × 85.6 mm
  return std::abs(a.width - b.width) <= kSlack && std::abs(a.length - b.length) <= kSlack;
}

}  // namespace

std::string mediaForPageSize(double widthMm, double heightMm) {
  const auto hundredths = [](double mm) { return static_cast<int>(std::lround(mm * 100)); };
  const int shorter = hundredths(std::min(widthMm, heightMm));
  const int longer = hundredths(std::max(widthMm, heightMm));
  const pwg_media_t* media = pwgMediaForSize(shorter, longer);
  return media ? media->pwg : std::string();
}

std::optional<std::string> mediaAsPrinterNamesIt(const PrinterInfo& printer,
                                                 const std::string& media) {
  if (contains(printer.mediaSupported, media)) return media;
  const pwg_media_t* wanted = pwgMediaForPWG(media.c_str());
  if (!wanted) return std::nullopt;
  const pwg_media_t size = *wanted;  // libcups reuses the buffer of a parsed custom name
  std::optional<pwg_media_t> customMin, customMax;
  for (const std::string& listed : printer.mediaSupported) {
    const pwg_media_t* known = pwgMediaForPWG(listed.c_str());
    if (!known) continue;
    if (listed.starts_with("custom_min_")) {
      customMin = *known;
    } else if (listed.starts_with("custom_max_")) {
      customMax = *known;
    } else if (sameSize(*known, size)) {
      return listed;
    }
  }
  if (customMin && customMax && size.width >= customMin->width &&
      size.length >= customMin->length && size.width <= customMax->width &&
      size.length <= customMax->length)
    return media;
  return std::nullopt;
}

namespace {

std::optional<PrintError> checkReady(const PrinterInfo& printer, const PrintRequest& request) {
  const std::string reasons = joined(printer.stateReasons);
  std::string detail = printer.stateMessage;
  if (!reasons.empty()) detail += (detail.empty() ? "" : "; ") + std::string("reasons: ") + reasons;
  if (!printer.acceptingJobs) {
    return makeError(PrintFailure::NotAcceptingJobs, request.printer, detail);
  }
  if (printer.state == PrinterState::Stopped) {
    return makeError(PrintFailure::PrinterStopped, request.printer, detail);
  }
  if (!request.media.empty() && !printer.mediaSupported.empty() &&
      !mediaAsPrinterNamesIt(printer, request.media)) {
    return makeError(PrintFailure::MediaNotSupported, request.printer,
                     request.media + " is not among: " + joined(printer.mediaSupported));
  }
  if (!request.sides.empty() && request.sides != "one-sided" &&
      !contains(printer.sidesSupported, request.sides)) {
    return makeError(PrintFailure::SidesNotSupported, request.printer,
                     request.sides + " is not among: " + joined(printer.sidesSupported));
  }
  return std::nullopt;
}

PrintError refusedJob(const std::string& printer, ipp_status_t status) {
  switch (status) {
    case IPP_STATUS_ERROR_NOT_FOUND:
      return makeError(PrintFailure::NoSuchPrinter, printer, lastCupsError());
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      return makeError(PrintFailure::NotAcceptingJobs, printer, lastCupsError());
    case IPP_STATUS_ERROR_NOT_AUTHORIZED:
    case IPP_STATUS_ERROR_FORBIDDEN:
    case IPP_STATUS_ERROR_NOT_AUTHENTICATED:
      return makeError(PrintFailure::NotAuthorized, printer, lastCupsError());
    default:
      return makeError(PrintFailure::JobRefused, printer, lastCupsError());
  }
}

// Sends the document as one Print-Job; returns the job id.
std::variant<int, PrintError> sendJob(Connection& connection, const PrintRequest& request,
                                      std::uintmax_t size) {
  const std::string& printer = request.printer;
  ipp_t* job = ippNewRequest(IPP_OP_PRINT_JOB);
  const std::string uri = printerUri(printer);
  const std::string title = request.title.empty()
                                ? std::filesystem::path(request.pdfFile).filename().string()
                                : request.title;
  ippAddString(job, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(job, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddString(job, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
  ippAddString(job, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               CUPS_FORMAT_PDF);
  ippAddInteger(job, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", request.copies);
  if (!request.media.empty()) {
    ippAddString(job, IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, request.media.c_str());
  }
  if (!request.sides.empty()) {
    ippAddString(job, IPP_TAG_JOB, IPP_TAG_KEYWORD, "sides", nullptr, request.sides.c_str());
  }

  const std::string resource = "/printers/" + printer;
  connection.allow(request.checkTimeout);
  // The length is of the whole body, IPP request and document (as cupsDoIORequest passes it);
  // the document's size alone makes cupsd cut the document short.
  http_status_t sent = cupsSendRequest(connection.http(), job, resource.c_str(),
                                       ippLength(job) + static_cast<std::size_t>(size));
  ippDelete(job);  // cupsSendRequest does not take the request
  std::ifstream in(request.pdfFile, std::ios::binary);
  std::array<char, 64 * 1024> buffer{};
  std::uintmax_t written = 0;
  while (sent == HTTP_STATUS_CONTINUE && in && written < size) {
    in.read(buffer.data(), buffer.size());
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    // Each chunk must go out within checkTimeout: a large file over a slow link still goes, a
    // scheduler that stopped reading does not hold us.
    connection.allow(request.checkTimeout);
    sent = cupsWriteRequestData(connection.http(), buffer.data(), static_cast<std::size_t>(got));
    if (sent == HTTP_STATUS_CONTINUE) written += static_cast<std::uintmax_t>(got);
  }
  const bool wholeDocumentSent = sent == HTTP_STATUS_CONTINUE && written == size;
  // cupsd drops a request whose body did not arrive whole: nothing was queued. (A status other
  // than CONTINUE and ERROR is the scheduler answering early, a refusal read below.)
  if (!wholeDocumentSent && (connection.stopped() || connection.timedOut() ||
                             sent == HTTP_STATUS_ERROR || sent == HTTP_STATUS_CONTINUE)) {
    PrintError error = exchangeFailure(connection, printer, "Print-Job", request.checkTimeout);
    error.detail +=
        " (sent " + std::to_string(written) + " of " + std::to_string(size) + " document bytes)";
    return error;
  }
  connection.allow(request.checkTimeout);
  if (wholeDocumentSent) connection.ignoreStop();
  IppPtr response(cupsGetResponse(connection.http(), resource.c_str()));
  if (!response) {
    // With the whole document sent, the scheduler may have queued the job although its answer
    // never came: say so, so that nobody prints it again blindly.
    if (wholeDocumentSent) {
      const std::string why =
          connection.timedOut()
              ? "no answer within " + std::to_string(request.checkTimeout.count()) + " ms"
              : lastCupsError();
      return makeError(PrintFailure::SchedulerLost, printer,
                       "no answer to Print-Job after the whole document was sent: " + why);
    }
    if (connection.stopped() || connection.timedOut()) {
      return exchangeFailure(connection, printer, "Print-Job", request.checkTimeout);
    }
    return refusedJob(printer, cupsLastError());
  }
  const ipp_status_t status = ippGetStatusCode(response.get());
  if (status > IPP_STATUS_OK_EVENTS_COMPLETE) return refusedJob(printer, status);
  ipp_attribute_t* jobId = ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER);
  if (jobId == nullptr) {
    return makeError(PrintFailure::JobRefused, printer, "the scheduler returned no job id");
  }
  return ippGetInteger(jobId, 0);
}

// Waits up to `duration`; false when the stop token fired first.
bool pause(std::chrono::milliseconds duration, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  // Nothing notifies `wake`: it returns at the end of `duration`, or early on a stop request.
  static_cast<void>(wake.wait_for(lock, stop, duration, [] { return false; }));
  return !stop.stop_requested();
}

std::variant<PrintedJob, PrintError> followJob(const PrintRequest& request, int jobId) {
  const std::string& printer = request.printer;
  const auto deadline = Clock::now() + request.followTimeout;
  JobState lastState = JobState::Unknown;
  bool reported = false;
  auto cancelled = [&](const std::string& why) {
    return makeError(PrintFailure::Cancelled, printer,
                     why + "; " + cancelJob(request.server, printer, jobId, request.checkTimeout),
                     jobId);
  };
  while (true) {
    if (request.stop.stop_requested()) return cancelled("cancelled while following the job");
    auto opened = Connection::open(request.server, printer, request.checkTimeout, request.stop);
    if (auto* error = std::get_if<PrintError>(&opened)) {
      if (error->failure == PrintFailure::Cancelled) return cancelled(error->detail);
      return makeError(PrintFailure::SchedulerLost, printer, error->detail, jobId);
    }
    auto polled = jobStatusOn(*std::get<std::unique_ptr<Connection>>(opened), printer, jobId,
                              request.checkTimeout);
    if (auto* error = std::get_if<PrintError>(&polled)) {
      if (error->failure == PrintFailure::Cancelled) return cancelled(error->detail);
      if (error->failure != PrintFailure::NotAuthorized)
        error->failure = PrintFailure::SchedulerLost;
      return *error;
    }
    const JobStatus& status = std::get<JobStatus>(polled);
    if (!reported || status.state != lastState) {
      reported = true;
      lastState = status.state;
      if (request.onJobState) request.onJobState(status);
    }
    const std::string detail =
        status.stateMessage.empty()
            ? joined(status.stateReasons)
            : status.stateMessage + "; reasons: " + joined(status.stateReasons);
    switch (status.state) {
      case JobState::Completed:
        return PrintedJob{printer, status};
      case JobState::Aborted:
        return makeError(PrintFailure::JobAborted, printer, detail, jobId);
      case JobState::Canceled:
        return makeError(PrintFailure::JobCanceled, printer, detail, jobId);
      default:
        break;
    }
    if (Clock::now() >= deadline) {
      return makeError(PrintFailure::FollowTimedOut, printer,
                       "job " + std::to_string(jobId) + " still " +
                           std::string(jobStateName(status.state)) + " after " +
                           std::to_string(request.followTimeout.count()) + " ms; " + detail,
                       jobId);
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!pause(std::min(request.pollInterval, left), request.stop)) {
      return cancelled("cancelled while following the job");
    }
  }
}

}  // namespace

CupsServer CupsServer::fromEnvironment() { return CupsServer{cupsServer(), ippPort()}; }

std::string CupsServer::describe() const {
  return isDomainSocket() ? host : host + ":" + std::to_string(port);
}

std::string_view failureCode(PrintFailure failure) {
  switch (failure) {
    case PrintFailure::NoPrinterNamed:
      return "print.no_printer_named";
    case PrintFailure::SchedulerUnreachable:
      return "print.scheduler_unreachable";
    case PrintFailure::SchedulerNotResponding:
      return "print.scheduler_not_responding";
    case PrintFailure::NotAuthorized:
      return "print.not_authorized";
    case PrintFailure::NoSuchPrinter:
      return "print.no_such_printer";
    case PrintFailure::PrinterStopped:
      return "print.printer_stopped";
    case PrintFailure::NotAcceptingJobs:
      return "print.not_accepting_jobs";
    case PrintFailure::MediaNotSupported:
      return "print.media_not_supported";
    case PrintFailure::SidesNotSupported:
      return "print.sides_not_supported";
    case PrintFailure::DocumentUnreadable:
      return "print.document_unreadable";
    case PrintFailure::JobRefused:
      return "print.job_refused";
    case PrintFailure::SchedulerLost:
      return "print.scheduler_lost";
    case PrintFailure::JobAborted:
      return "print.job_aborted";
    case PrintFailure::JobCanceled:
      return "print.job_canceled";
    case PrintFailure::FollowTimedOut:
      return "print.follow_timed_out";
    case PrintFailure::Cancelled:
      return "print.cancelled";
  }
  return "print.unknown";
}

std::string clerkMessage(const PrintError& error) {
  const std::string printer = "\"" + error.printer + "\"";
  switch (error.failure) {
    case PrintFailure::NoPrinterNamed:
      return "No printer is chosen for this document; choose a printer in the settings. "
             "Nothing was printed.";
    case PrintFailure::SchedulerUnreachable:
      return "The print service on this computer is not running; ask IT to start it. "
             "Nothing was printed.";
    case PrintFailure::SchedulerNotResponding:
      return "The print service on this computer is not answering; ask IT to restart it. "
             "Nothing was printed.";
    case PrintFailure::NotAuthorized:
      return "The print service refused this computer's request; ask IT to check its "
             "permissions. Nothing was printed.";
    case PrintFailure::NoSuchPrinter:
      return "The printer " + printer +
             " is not set up on this computer; choose another printer or ask IT. "
             "Nothing was printed.";
    case PrintFailure::PrinterStopped:
      return "The printer " + printer +
             " is stopped (paused or in error); check the printer or ask IT to resume it. "
             "Nothing was printed.";
    case PrintFailure::NotAcceptingJobs:
      return "The printer " + printer +
             " is not taking documents at the moment; ask IT to let it accept jobs. "
             "Nothing was printed.";
    case PrintFailure::MediaNotSupported:
      return "The printer " + printer +
             " does not offer the paper size this document needs; choose another printer. "
             "Nothing was printed.";
    case PrintFailure::SidesNotSupported:
      return "The printer " + printer +
             " cannot print on both sides as this document needs; choose another printer. "
             "Nothing was printed.";
    case PrintFailure::DocumentUnreadable:
      return "The document to print could not be read; create it again. Nothing was printed.";
    case PrintFailure::JobRefused:
      return "The printer " + printer +
             " refused the document; ask IT (the details are in the log). Nothing was printed.";
    case PrintFailure::SchedulerLost:
      return "The document was sent to " + printer +
             ", then the print service stopped answering; check the printer before printing "
             "again, or it may come out twice.";
    case PrintFailure::JobAborted:
      return "The printer " + printer +
             " could not print the document (printer or driver error); check the printer and "
             "print again.";
    case PrintFailure::JobCanceled:
      return "The print job on " + printer +
             " was cancelled on the printer or by IT; print again if it is still needed.";
    case PrintFailure::FollowTimedOut:
      return "The printer " + printer +
             " has not finished the document yet; check the printer before printing again, "
             "or it may come out twice.";
    case PrintFailure::Cancelled:
      return error.jobId ? "Printing was cancelled; part of the document may have been printed."
                         : "Printing was cancelled. Nothing was printed.";
  }
  return "Printing failed; ask IT (the details are in the log).";
}

std::string describe(const PrintError& error) {
  std::string text(failureCode(error.failure));
  text += " printer='" + error.printer + "'";
  if (error.jobId) text += " job=" + std::to_string(*error.jobId);
  if (!error.detail.empty()) text += ": " + error.detail;
  return text;
}

std::string_view jobStateName(JobState state) {
  switch (state) {
    case JobState::Pending:
      return "pending";
    case JobState::Held:
      return "held";
    case JobState::Processing:
      return "processing";
    case JobState::Stopped:
      return "stopped";
    case JobState::Canceled:
      return "canceled";
    case JobState::Aborted:
      return "aborted";
    case JobState::Completed:
      return "completed";
    case JobState::Unknown:
      break;
  }
  return "unknown";
}

std::variant<std::vector<PrinterInfo>, PrintError> listPrinters(const CupsServer& server,
                                                                std::chrono::milliseconds timeout) {
  refuseInteractiveAuthentication();
  const SigpipeBlock sigpipeBlock;
  const auto start = Clock::now();
  auto opened = Connection::open(server, {}, timeout, std::stop_token());
  if (auto* error = std::get_if<PrintError>(&opened)) return std::move(*error);
  Connection& connection = *std::get<std::unique_ptr<Connection>>(opened);
  ipp_t* request = ippNewRequest(IPP_OP_CUPS_GET_PRINTERS);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  addRequestedAttributes(request, kPrinterAttributes.data(),
                         static_cast<int>(kPrinterAttributes.size()));
  const auto left = std::max(
      std::chrono::milliseconds(1),
      timeout - std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start));
  IppPtr response = exchange(connection, request, "/", left);
  if (!response) return exchangeFailure(connection, {}, "CUPS-Get-Printers", timeout);
  const ipp_status_t status = ippGetStatusCode(response.get());
  // cupsd answers "not found" when it has no printers at all.
  if (status == IPP_STATUS_ERROR_NOT_FOUND) return std::vector<PrinterInfo>{};
  if (status > IPP_STATUS_OK_EVENTS_COMPLETE) {
    return exchangeFailure(connection, {}, "CUPS-Get-Printers", timeout);
  }
  return printersIn(response.get());
}

std::variant<PrinterInfo, PrintError> findPrinter(const CupsServer& server, const std::string& name,
                                                  std::chrono::milliseconds timeout) {
  refuseInteractiveAuthentication();
  const SigpipeBlock sigpipeBlock;
  if (name.empty()) {
    return makeError(PrintFailure::NoPrinterNamed, name, "the request names no printer");
  }
  if (!isValidQueueName(name)) {
    return makeError(PrintFailure::NoSuchPrinter, name, "not a valid CUPS queue name");
  }
  auto opened = Connection::open(server, name, timeout, std::stop_token());
  if (auto* error = std::get_if<PrintError>(&opened)) return std::move(*error);
  return findPrinterOn(*std::get<std::unique_ptr<Connection>>(opened), name, timeout);
}

std::variant<JobStatus, PrintError> jobStatus(const CupsServer& server, int jobId,
                                              std::chrono::milliseconds timeout) {
  refuseInteractiveAuthentication();
  const SigpipeBlock sigpipeBlock;
  auto opened = Connection::open(server, {}, timeout, std::stop_token());
  if (auto* error = std::get_if<PrintError>(&opened)) return std::move(*error);
  return jobStatusOn(*std::get<std::unique_ptr<Connection>>(opened), {}, jobId, timeout);
}

std::variant<PrintedJob, PrintError> printPdf(const PrintRequest& request) {
  refuseInteractiveAuthentication();
  const SigpipeBlock sigpipeBlock;
  const std::string& printer = request.printer;
  if (printer.empty()) {
    return makeError(PrintFailure::NoPrinterNamed, printer,
                     "the request names no printer; the default printer is never used");
  }
  if (!isValidQueueName(printer)) {
    return makeError(PrintFailure::NoSuchPrinter, printer, "not a valid CUPS queue name");
  }
  if (request.copies < 1 || request.copies > kMaxCopies) {
    return makeError(PrintFailure::JobRefused, printer,
                     "copies must be 1.." + std::to_string(kMaxCopies) + ", not " +
                         std::to_string(request.copies));
  }
  std::uintmax_t size = 0;
  if (auto problem = checkDocument(printer, request.pdfFile, size)) return std::move(*problem);

  auto opened = Connection::open(request.server, printer, request.checkTimeout, request.stop);
  if (auto* error = std::get_if<PrintError>(&opened)) return std::move(*error);
  Connection& connection = *std::get<std::unique_ptr<Connection>>(opened);

  auto found = findPrinterOn(connection, printer, request.checkTimeout);
  if (auto* error = std::get_if<PrintError>(&found)) return std::move(*error);
  const PrinterInfo& queue = std::get<PrinterInfo>(found);
  if (auto problem = checkReady(queue, request)) return std::move(*problem);

  // The paper goes by the name this printer gives its size (its PPD may call A5 by another).
  PrintRequest named = request;
  if (!request.media.empty() && !queue.mediaSupported.empty())
    named.media = *mediaAsPrinterNamesIt(queue, request.media);
  auto sent = sendJob(connection, named, size);
  if (auto* error = std::get_if<PrintError>(&sent)) return std::move(*error);
  return followJob(request, std::get<int>(sent));
}

}  // namespace onewindow::printing
