#pragma once
// What every onewindow-ctl command gets: the global options and its own arguments.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace onewindow::ctl {

struct CtlOptions {
  std::optional<std::string> central;
  std::optional<std::string> profile;
  int timeoutSeconds = 5;
  std::string command;
  std::vector<std::string> arguments;  // everything after the command, for the command to parse
};

// The profile directory: --profile, else the workstation's ($XDG_DATA_HOME/onewindow/profile).
[[nodiscard]] std::filesystem::path profileDirectory(const CtlOptions& options);

// A command: exit code 0 done, 1 failed, 2 bad usage.
using CommandFunction = int (*)(const CtlOptions& options, std::ostream& out, std::ostream& err);

int runStatus(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runFsck(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runGc(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runQueue(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runSync(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runExport(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runImport(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runIntake(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runDecide(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runPrinters(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runPrint(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runTemplates(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runCases(const CtlOptions& options, std::ostream& out, std::ostream& err);
int runSupervisor(const CtlOptions& options, std::ostream& out, std::ostream& err);

}  // namespace onewindow::ctl
