#include "central/options.hpp"

#include <charconv>

namespace onewindow::central {
namespace {

CommandLineResult failure(std::string message) { return CommandLineResult{std::nullopt, message}; }

std::optional<int> parsePort(const std::string& text) {
  int port = -1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, port);
  if (error != std::errc() || stop != end || port < 0 || port > 65535) return std::nullopt;
  return port;
}

}  // namespace

std::string usageText() {
  return "Usage: onewindow-central [--listen ADDR] [--port N] [--db FILE] [--demo-data]\n"
         "                         [--version] [--help]\n"
         "\n"
         "The OneWindow reference central server (API: central/API.md).\n"
         "\n"
         "  --listen ADDR  address to listen on (default 127.0.0.1; 0.0.0.0 for all)\n"
         "  --port N       TCP port, 0 picks a free one (default 8470)\n"
         "  --db FILE      SQLite database, created when missing (default ./central.db)\n"
         "  --demo-data    add the demo clerks c1001, c1002 and supervisor s2001 if missing\n"
         "  --version      print the version and exit\n"
         "  --help         print this help and exit\n"
         "\n"
         "Prints one line 'onewindow-central listening on http://ADDR:PORT' on stdout once\n"
         "it accepts connections; logs go to stderr. SIGTERM or SIGINT stop it cleanly.\n";
}

CommandLineResult parseCommandLine(const std::vector<std::string>& arguments) {
  CommandLine result;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    std::string name = arguments[i];
    std::optional<std::string> inlineValue;
    if (const std::size_t equals = name.find('='); name.starts_with("--") && equals != name.npos) {
      inlineValue = name.substr(equals + 1);
      name.resize(equals);
    }

    // Returns the option's value (inline or the next argument), or nothing when missing.
    auto takeValue = [&]() -> std::optional<std::string> {
      if (inlineValue) return inlineValue;
      if (i + 1 >= arguments.size()) return std::nullopt;
      return arguments[++i];
    };
    auto needsNoValue = [&]() { return !inlineValue.has_value(); };

    if (name == "--listen") {
      const std::optional<std::string> value = takeValue();
      if (!value) return failure("option --listen needs an address, e.g. --listen 127.0.0.1");
      if (value->empty()) return failure("option --listen: the address is empty");
      result.options.listenAddress = *value;
    } else if (name == "--port") {
      const std::optional<std::string> value = takeValue();
      if (!value) return failure("option --port needs a number, e.g. --port 8470");
      const std::optional<int> port = parsePort(*value);
      if (!port) return failure("option --port: '" + *value + "' is not a port number (0-65535)");
      result.options.port = *port;
    } else if (name == "--db") {
      const std::optional<std::string> value = takeValue();
      if (!value) return failure("option --db needs a file name, e.g. --db central.db");
      if (value->empty()) return failure("option --db: the file name is empty");
      result.options.databaseFile = *value;
    } else if (name == "--demo-data") {
      if (!needsNoValue()) return failure("option --demo-data takes no value");
      result.options.demoData = true;
    } else if (name == "--version") {
      if (!needsNoValue()) return failure("option --version takes no value");
      result.action = CommandAction::ShowVersion;
    } else if (name == "--help" || name == "-h") {
      if (!needsNoValue()) return failure("option --help takes no value");
      result.action = CommandAction::ShowHelp;
    } else if (name.starts_with("-")) {
      return failure("unknown option '" + name + "'");
    } else {
      return failure("unexpected argument '" + name + "' (options start with --)");
    }
  }
  return CommandLineResult{result, ""};
}

}  // namespace onewindow::central
