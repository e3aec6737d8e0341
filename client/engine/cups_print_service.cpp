// The engine's print service on CUPS (printing/cups_printer.hpp): the scheduler libcups is
// configured for (CUPS_SERVER, client.conf, else the local one), checked before every job.
#include <variant>

#include "client/engine/print_service.hpp"
#include "printing/cups_printer.hpp"

namespace onewindow::engine {
namespace {

PrinterDescription described(const printing::PrinterInfo& info) {
  const bool ready = info.acceptingJobs && info.state != printing::PrinterState::Stopped;
  std::string state = info.state == printing::PrinterState::Idle         ? "idle"
                      : info.state == printing::PrinterState::Processing ? "printing"
                      : info.state == printing::PrinterState::Stopped    ? "stopped"
                                                                         : "unknown";
  if (!info.acceptingJobs) state += ", not accepting jobs";
  if (!info.stateMessage.empty()) state += ": " + info.stateMessage;
  return {info.name, info.info.empty() ? info.makeAndModel : info.info, info.location, ready,
          state};
}

class CupsPrintService : public PrintService {
 public:
  PrinterList listPrinters() override {
    PrinterList list;
    auto listed = printing::listPrinters(printing::CupsServer::fromEnvironment());
    if (auto* error = std::get_if<printing::PrintError>(&listed)) {
      list.code = std::string(printing::failureCode(error->failure));
      list.message = printing::clerkMessage(*error);
      return list;
    }
    for (const auto& info : std::get<std::vector<printing::PrinterInfo>>(listed))
      list.printers.push_back(described(info));
    return list;
  }

  PrintOutcome print(const PrintJob& job) override {
    printing::PrintRequest request;
    request.printer = job.printer;
    request.pdfFile = job.pdf.string();
    request.title = job.title;
    request.copies = job.copies;
    request.media = job.media;
    request.sides = job.sides;
    request.stop = job.stop;
    auto printed = printing::printPdf(request);
    if (auto* error = std::get_if<printing::PrintError>(&printed)) {
      PrintOutcome outcome;
      if (error->jobId) outcome.jobId = *error->jobId;
      outcome.code = std::string(printing::failureCode(error->failure));
      outcome.message = printing::clerkMessage(*error) +
                        (error->detail.empty() ? std::string() : " (" + error->detail + ")");
      return outcome;
    }
    return {std::get<printing::PrintedJob>(printed).status.id, {}, {}};
  }
};

}  // namespace

std::unique_ptr<PrintService> makeCupsPrintService() {
  return std::make_unique<CupsPrintService>();
}

}  // namespace onewindow::engine
