#pragma once
// The engine's side of a print spooler: list the printers, send a finished PDF to one named
// printer and follow the job. Called on the engine's printing thread only (a spooler can take
// seconds), never on the engine thread or a UI thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "client/engine/notifications.hpp"

namespace onewindow::engine {

struct PrintJob {
  std::string printer;
  std::filesystem::path pdf;
  std::string title;
  int copies = 1;
  std::string media;     // PWG name, e.g. iso_a4_210x297mm; empty: the printer's
  std::string sides;     // IPP sides; empty: the printer's
  std::stop_token stop;  // requested when the engine shuts down
};

struct PrintOutcome {
  std::optional<std::int64_t> jobId;
  std::string code;     // empty: printed (the job completed); else print.* (why not)
  std::string message;  // English, for the log and the command line
};

struct PrinterList {
  std::vector<PrinterDescription> printers;
  std::string code, message;  // empty code: listed
};

class PrintService {
 public:
  virtual ~PrintService() = default;
  virtual PrinterList listPrinters() = 0;
  virtual PrintOutcome print(const PrintJob& job) = 0;
};

// CUPS through libcups (printing/cups_printer.hpp), at the server libcups is configured for.
std::unique_ptr<PrintService> makeCupsPrintService();

}  // namespace onewindow::engine
