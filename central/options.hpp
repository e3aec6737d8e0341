#pragma once
// onewindow-central's command line. Parsing never exits or prints: it returns what to do or
// what was wrong, and main() decides how to say it (exit code 2 for a usage error).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onewindow::central {

struct ServerOptions {
  std::string listenAddress = "127.0.0.1";
  int port = 8470;  // 0: any free port
  std::filesystem::path databaseFile = "central.db";
  bool demoData = false;
};

enum class CommandAction { RunServer, ShowVersion, ShowHelp };

struct CommandLine {
  CommandAction action = CommandAction::RunServer;
  ServerOptions options;
};

struct CommandLineResult {
  std::optional<CommandLine> commandLine;
  std::string error;  // names the offending option; set when commandLine is empty
};

// `arguments` excludes the program name. Accepts "--opt value" and "--opt=value".
[[nodiscard]] CommandLineResult parseCommandLine(const std::vector<std::string>& arguments);

[[nodiscard]] std::string usageText();

}  // namespace onewindow::central
