#include "client/ctl/ctl_commands.hpp"

#include <chrono>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>

#include "client/ctl/ctl_options.hpp"
#include "client/settings/settings.hpp"
#include "onewindow/version.hpp"

namespace onewindow::ctl {
namespace {

constexpr const char* kUsage =
    "Usage: onewindow-ctl [OPTIONS] COMMAND\n"
    "\n"
    "Commands:\n"
    "  version              print the version\n"
    "  status               central reachability, last clerk and window, pending-sync count\n"
    "  fsck                 check the local store: materials, audit chain, schema, cases\n"
    "  gc [--grace-hours N] delete unreferenced material files older than N hours (168)\n"
    "  queue [--all]        cases on their way to central, with the reason when refused\n"
    "  sync --clerk ID [--window CODE] [--wait S]\n"
    "                       log in online (password: $ONEWINDOW_PASSWORD or stdin) and send\n"
    "                       the outbox; exit 0 when it is empty\n"
    "  export --out FILE    write cases and their materials to an archive for another station\n"
    "  import FILE          take in the cases of an archive written by export\n"
    "  intake --clerk ID --matter CODE --applicant NAME --id-number N [--form FILE]\n"
    "         [--scenario Q=A]... [--material KEY=STATUS[:FILE,...]]... [--for-correction]\n"
    "                       take a case in through the engine (the Intake page's rules);\n"
    "                       prints its provisional number, or every rule it breaks\n"
    "  decide --clerk ID --case NUMBER --decision KIND [--deadline D] [--commitment-signed]\n"
    "         [--grounds TEXT] [--legal-basis TEXT]\n"
    "                       record a decision (accept, accept_with_gaps, correction_notice,\n"
    "                       refuse) with the rules it carries\n"
    "  cases list|show|find --clerk ID [--window CODE] ...\n"
    "                       the window's (--scope station: the station's) cases with their\n"
    "                       due badges, filtered (--state, --matter, --from, --to, --lookup);\n"
    "                       one case's story and the actions it allows (show --case REF);\n"
    "                       a number, ID or mobile number or a notice's QR text (find --text)\n"
    "  supervisor queues|counts|figures|follow-ups|follow-up|mark|unmark|void\n"
    "         --clerk ID [--window CODE] ...\n"
    "                       the supervisor console (refused for clerks): the station's queues\n"
    "                       (--queue overdue, …), the figures (--period today|week|month --by\n"
    "                       window|clerk|matter [--csv FILE]), bad ratings' follow-ups, the\n"
    "                       督办 mark, voiding a case central refused for good\n"
    "  printers             the printers of this computer's print service and their state\n"
    "  print --clerk ID --case NUMBER [--document KIND] [--printer NAME | --pdf FILE]\n"
    "        [--copies N] [--reason TEXT]\n"
    "                       issue a case's notice or certificate and print it (by default on\n"
    "                       the printer the settings name for its kind) or save it as PDF\n"
    "  templates check DIR [--catalog FILE]\n"
    "                       check document templates, every problem located\n"
    "  help                 this text\n"
    "\n"
    "Options:\n"
    "  --central URL        central server (default: the workstation's setting)\n"
    "  --profile DIR        workstation profile holding workstation.db\n"
    "                       (default: $XDG_DATA_HOME/onewindow/profile)\n"
    "  --timeout SECONDS    how long status waits for central (default 5)\n"
    "  -h, --help           this text\n";

struct Command {
  const char* name;
  CommandFunction run;
};

// version is answered here; every other command has its own file.
constexpr Command kCommands[] = {
    {"status", runStatus},
    {"fsck", runFsck},
    {"gc", runGc},
    {"queue", runQueue},
    {"sync", runSync},
    {"export", runExport},
    {"import", runImport},
    {"intake", runIntake},
    {"decide", runDecide},
    {"cases", runCases},
    {"printers", runPrinters},
    {"print", runPrint},
    {"templates", runTemplates},
    {"supervisor", runSupervisor},
};

}  // namespace

std::filesystem::path profileDirectory(const CtlOptions& options) {
  if (options.profile) return *options.profile;
  settings::WxBaseScope wx;
  return settings::appPaths().profileDir;
}

int runCtl(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
  CtlOptions options;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= arguments.size()) {
        err << "onewindow-ctl: " << name << " needs a value\n" << kUsage;
        return std::nullopt;
      }
      return arguments[++i];
    };
    if (argument == "-h" || argument == "--help" || argument == "help") {
      out << kUsage;
      return 0;
    } else if (argument == "--version") {
      options.command = "version";
    } else if (argument == "--central") {
      options.central = value("--central");
      if (!options.central) return 2;
    } else if (argument == "--profile") {
      options.profile = value("--profile");
      if (!options.profile) return 2;
    } else if (argument == "--timeout") {
      const auto text = value("--timeout");
      if (!text) return 2;
      try {
        options.timeoutSeconds = std::stoi(*text);
      } catch (const std::exception&) {
        options.timeoutSeconds = -1;
      }
      if (options.timeoutSeconds < 1 || options.timeoutSeconds > 600) {
        err << "onewindow-ctl: --timeout takes whole seconds from 1 to 600, not '" << *text
            << "'\n";
        return 2;
      }
    } else if (!options.command.empty()) {
      options.arguments.push_back(argument);  // the command's own options and operands
    } else if (!argument.empty() && argument[0] == '-') {
      err << "onewindow-ctl: unknown option '" << argument << "'\n" << kUsage;
      return 2;
    } else {
      options.command = argument;
    }
  }
  if (options.command.empty()) {
    err << "onewindow-ctl: no command given\n" << kUsage;
    return 2;
  }
  if (options.command == "version") {
    out << "onewindow-ctl " << kVersion << " (central API " << kApiVersion << ")\n";
    return 0;
  }
  for (const Command& command : kCommands) {
    if (options.command != command.name) continue;
    try {
      return command.run(options, out, err);
    } catch (const std::exception& error) {
      err << "onewindow-ctl: " << error.what() << "\n";
      return 1;
    }
  }
  err << "onewindow-ctl: unknown command '" << options.command << "'\n" << kUsage;
  return 2;
}

}  // namespace onewindow::ctl
