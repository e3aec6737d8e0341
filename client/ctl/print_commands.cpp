// onewindow-ctl printers, print and templates check: the printing of the window from the
// command line, through the same engine commands as the preview on the Intake page.

#include <iomanip>
#include <ostream>

#include "client/ctl/command_arguments.hpp"
#include "client/ctl/ctl_engine.hpp"
#include "client/ctl/ctl_options.hpp"
#include "client/engine/template_check.hpp"

namespace onewindow::ctl {
namespace {

constexpr const char* kPrintUsage =
    "onewindow-ctl print --clerk ID [--window CODE] --case NUMBER|UUID [--document KIND]\n"
    "                    [--printer NAME | --pdf FILE] [--copies N] [--reason TEXT]\n"
    "  KIND: acceptance-notice, gap-acceptance-notice, correction-notice, refusal-notice,\n"
    "        material-receipt, transfer-slip, completion-notice, or a certificate's template;\n"
    "        default: the notice of the case's latest decision. A document printed before is\n"
    "        a reprint and needs --reason.\n"
    "  Without --printer or --pdf the document goes to the printer the workstation's settings\n"
    "  name for its kind (paper, certificate stock, cards), moved by that printer's calibration.\n";
constexpr const char* kTemplatesUsage = "onewindow-ctl templates check DIR [--catalog FILE]\n";

}  // namespace

int runPrinters(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.arguments.empty()) {
    err << "onewindow-ctl: printers takes no arguments\n";
    return 2;
  }
  CtlEngine session(options);
  const auto listed = session.call<engine::PrintersListed>(engine::ListPrinters{});
  if (!listed) return err << "onewindow-ctl: no answer from the engine\n", 1;
  const auto& printers = std::get<engine::PrintersListed>(*listed);
  if (!printers.error.empty()) {
    err << "onewindow-ctl: " << printers.errorCode << ": " << printers.error << "\n";
    return 1;
  }
  if (printers.printers.empty()) out << "no printers are set up on this computer\n";
  for (const auto& printer : printers.printers) {
    out << std::left << std::setw(24) << printer.name << " " << std::setw(6)
        << (printer.ready ? "ready" : "NOT") << " " << printer.state;
    if (!printer.description.empty()) out << " — " << printer.description;
    if (!printer.location.empty()) out << " (" << printer.location << ")";
    out << "\n";
  }
  return 0;
}

int runPrint(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  Arguments parsed;
  if (!parse(options.arguments, {}, parsed, err, kPrintUsage)) return 2;
  const std::string caseRef = valueOf(parsed, "--case");
  const std::string printer = valueOf(parsed, "--printer");
  const std::string file = valueOf(parsed, "--pdf");
  if (caseRef.empty() || (!printer.empty() && !file.empty())) {
    err << "onewindow-ctl: print needs --case, and --printer or --pdf, not both\n" << kPrintUsage;
    return 2;
  }
  int copies = 0;
  if (const std::string text = valueOf(parsed, "--copies"); !text.empty()) {
    try {
      copies = std::stoi(text);
    } catch (const std::exception&) {
      copies = -1;
    }
    if (copies < 1 || copies > 20) {
      err << "onewindow-ctl: --copies takes a number from 1 to 20, not '" << text << "'\n";
      return 2;
    }
  }
  CtlEngine session(options, catalogOf(parsed));
  if (const auto failure = loginFailure(session, parsed)) {
    err << "onewindow-ctl: " << *failure << "\n";
    return 1;
  }
  const auto issued = session.call<engine::DocumentReady>(
      engine::IssueDocument{0, caseRef, valueOf(parsed, "--document"), 0});
  if (!issued) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*issued))
    return err << "onewindow-ctl: " << failed->message << "\n", 1;
  const auto& document = std::get<engine::DocumentReady>(*issued);
  // As the preview does: the printer set for the document's kind, never the system's default.
  const std::string target = printer.empty() && file.empty()
                                 ? settings::printerFor(session.settings(), document.printerClass)
                                 : printer;
  if (target.empty() && file.empty()) {
    err << "onewindow-ctl: no printer is set for " << document.printerClass
        << " documents in the workstation's settings; give --printer NAME or --pdf FILE\n";
    return 1;
  }
  engine::PrintDocument print{0,      document.documentNo,        target, file,
                              copies, valueOf(parsed, "--reason")};
  if (!target.empty()) {
    const settings::PrinterOffset offset = settings::offsetOf(session.settings(), target);
    print.offsetX = offset.x;
    print.offsetY = offset.y;
  }
  const auto printed = session.call<engine::DocumentPrinted>(print);
  if (!printed) return err << "onewindow-ctl: no answer from the engine\n", 1;
  if (const auto* failed = std::get_if<engine::CommandFailed>(&*printed)) {
    err << "onewindow-ctl: " << (failed->code.empty() ? "" : failed->code + ": ") << failed->message
        << "\n";
    return 1;
  }
  const auto& done = std::get<engine::DocumentPrinted>(*printed);
  out << document.title << " " << done.documentNo;
  if (done.printer.empty())
    out << " saved to " << done.savedTo.string() << "\n";
  else
    out << (done.reprint ? " reprinted on " : " printed on ") << done.printer << ", " << done.copies
        << (done.copies == 1 ? " copy" : " copies")
        << (done.jobId ? ", job " + std::to_string(*done.jobId) : std::string()) << "\n";
  return 0;
}

int runTemplates(const CtlOptions& options, std::ostream& out, std::ostream& err) {
  Arguments parsed;
  const auto& arguments = options.arguments;
  if (arguments.size() < 2 || arguments[0] != "check") {
    err << "onewindow-ctl: " << kTemplatesUsage;
    return 2;
  }
  if (!parse({arguments.begin() + 2, arguments.end()}, {}, parsed, err, kTemplatesUsage)) return 2;
  const engine::TemplateCheck check = engine::checkTemplates(arguments[1], catalogOf(parsed));
  for (const auto& checked : check.templates)
    out << checked.kind << ": " << checked.name << ", " << checked.pages
        << (checked.pages == 1 ? " page" : " pages") << " with the specimen data (" << checked.file
        << ")\n";
  for (const auto& problem : check.problems) err << problem << "\n";
  if (!check.problems.empty()) {
    err << check.problems.size() << (check.problems.size() == 1 ? " problem" : " problems")
        << " in " << arguments[1] << "\n";
    return 1;
  }
  out << check.templates.size() << " templates, no problems\n";
  return 0;
}

}  // namespace onewindow::ctl
