#include "central/options.hpp"

#include <charconv>
#include <cmath>

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

template <class Number>
std::optional<Number> parseNumber(const std::string& text, Number low, Number high) {
  Number value{};
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

// A duration in seconds, fractions allowed ("0.5"), from 0.1 s to an hour.
std::optional<std::chrono::milliseconds> parseSeconds(const std::string& text) {
  double seconds = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, seconds);
  if (text.empty() || error != std::errc() || stop != end || !(seconds >= 0.1) || seconds > 3600) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(std::llround(seconds * 1000));
}

}  // namespace

std::string usageText() {
  return "Usage: onewindow-central [--listen ADDR] [--port N] [--db FILE|URL] [--demo-data]\n"
         "                         [--data-dir DIR] [--db-connections N]\n"
         "                         [--catalog DIR]\n"
         "                         [--implementing-code CODE] [--max-material-bytes N]\n"
         "                         [--chunk-bytes N] [--tls-cert FILE --tls-key FILE]\n"
         "                         [--idle-timeout S] [--header-timeout S]\n"
         "                         [--max-header-bytes N] [--max-connections N] [--workers N]\n"
         "                         [--trusted-proxy ADDR]... [--login-burst N]\n"
         "                         [--login-lock-seconds N]\n"
         "                         [--enable-fault-injection [--fault-seed N]]\n"
         "                         [--version] [--help]\n"
         "       onewindow-central admin --db FILE|URL COMMAND ...   (admin --help)\n"
         "\n"
         "The OneWindow reference central server (API: central/API.md).\n"
         "\n"
         "  --listen ADDR  address to listen on (default 127.0.0.1; 0.0.0.0 for all)\n"
         "  --port N       TCP port, 0 picks a free one (default 8470)\n"
         "  --db FILE      SQLite database, created when missing (default ./central.db);\n"
         "                 also sqlite:FILE\n"
         "  --db postgresql://USER@HOST:PORT/DB  a district's PostgreSQL database (created\n"
         "                 schema when empty); several central processes may share it\n"
         "  --data-dir DIR materials and catalog files (default: beside the SQLite file;\n"
         "                 required with PostgreSQL, shared by every central process)\n"
         "  --db-connections N  PostgreSQL connections of this process (default 8)\n"
         "  --demo-data    add the demo clerks c1001, c1002 and supervisor s2001 if missing\n"
         "  --catalog DIR  publish the catalog in DIR (catalog.xml + forms) at start, after\n"
         "                 checking it with the forms library; a release already out is kept\n"
         "  --implementing-code CODE  31-character implementation code that starts every\n"
         "                 official case number (default " +
         std::string(kDefaultImplementingCode) +
         ")\n"
         "  --max-material-bytes N  largest material accepted (default 20971520)\n"
         "  --chunk-bytes N  largest chunk of a resumable upload (default 1048576)\n"
         "  --tls-cert FILE, --tls-key FILE  serve HTTPS with this PEM certificate and key\n"
         "  --idle-timeout S  close a connection idle for S seconds (default 5)\n"
         "  --header-timeout S  answer 408 and close when a request's line and headers are\n"
         "                 not complete S seconds after their first byte (default 10)\n"
         "  --max-header-bytes N  answer 431 to a larger request head (default 32768)\n"
         "  --max-connections N  open connections at most; more are answered 503 with\n"
         "                 Retry-After (default 1000)\n"
         "  --workers N    threads running requests (default 8)\n"
         "  --trusted-proxy ADDR  a proxy (nginx) whose X-Real-IP or X-Forwarded-For names\n"
         "                 the client's address for the failed-login limit; repeatable\n"
         "  --login-burst N  failed logins one address may make at once; it regains one\n"
         "                 every 60/N seconds, more are answered 429 (default 10)\n"
         "  --login-lock-seconds N  how long 5 wrong passwords lock a clerk id (default\n"
         "                 900; shorter in tests)\n"
         "  --enable-fault-injection  TESTS ONLY: accept PUT/DELETE /api/v1/_test/faults\n"
         "  --fault-seed N  seed of the fault probabilities (default 1)\n"
         "  --version      print the version and exit\n"
         "  --help         print this help and exit\n"
         "\n"
         "Prints one line 'onewindow-central listening on http://ADDR:PORT' on stdout once\n"
         "it accepts connections; logs go to stderr. SIGTERM or SIGINT stop it cleanly.\n";
}

CommandLineResult parseCommandLine(const std::vector<std::string>& arguments) {
  CommandLine result;
  if (!arguments.empty() && arguments.front() == "admin") {
    result.action = CommandAction::Admin;
    result.adminArguments.assign(arguments.begin() + 1, arguments.end());
    return CommandLineResult{result, ""};
  }
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
      if (!value) {
        return failure(
            "option --db needs a database, e.g. --db central.db or --db postgresql://host/db");
      }
      std::string problem;
      std::optional<sql::DatabaseLocation> location = sql::DatabaseLocation::parse(*value, problem);
      if (!location) return failure("option --db: " + problem);
      result.options.database = *location;
    } else if (name == "--data-dir") {
      const std::optional<std::string> value = takeValue();
      if (!value || value->empty()) {
        return failure("option --data-dir needs a directory (materials and catalog files)");
      }
      result.options.dataDirectory = *value;
    } else if (name == "--db-connections") {
      const std::optional<std::string> value = takeValue();
      const std::optional<int> count = value ? parseNumber<int>(*value, 1, 256) : std::nullopt;
      if (!count) return failure("option --db-connections needs a number from 1 to 256");
      result.options.databaseConnections = *count;
    } else if (name == "--demo-data") {
      if (!needsNoValue()) return failure("option --demo-data takes no value");
      result.options.demoData = true;
    } else if (name == "--catalog") {
      const std::optional<std::string> value = takeValue();
      if (!value || value->empty()) {
        return failure("option --catalog needs a directory holding catalog.xml");
      }
      result.options.catalogDirectory = *value;
    } else if (name == "--implementing-code") {
      const std::optional<std::string> value = takeValue();
      if (!value || !isValidImplementingCode(*value)) {
        return failure("option --implementing-code needs 31 characters of 0-9 and A-Z");
      }
      result.options.implementingCode = *value;
    } else if (name == "--max-material-bytes" || name == "--chunk-bytes" ||
               name == "--fault-seed") {
      const std::optional<std::string> value = takeValue();
      const std::optional<std::uint64_t> number =
          value ? parseNumber<std::uint64_t>(*value, name == "--fault-seed" ? 0 : 1,
                                             name == "--fault-seed" ? UINT64_MAX : (1ULL << 40))
                : std::nullopt;
      if (!number) {
        return failure("option " + name + " needs a whole number" +
                       (value ? ", not '" + *value + "'" : std::string()));
      }
      if (name == "--max-material-bytes") {
        result.options.maxMaterialBytes = static_cast<std::size_t>(*number);
      } else if (name == "--chunk-bytes") {
        result.options.chunkBytes = static_cast<std::size_t>(*number);
      } else {
        result.options.faultSeed = *number;
      }
    } else if (name == "--idle-timeout" || name == "--header-timeout") {
      const std::optional<std::string> value = takeValue();
      const std::optional<std::chrono::milliseconds> duration =
          value ? parseSeconds(*value) : std::nullopt;
      if (!duration) {
        return failure("option " + name + " needs seconds from 0.1 to 3600" +
                       (value ? ", not '" + *value + "'" : std::string()));
      }
      (name == "--idle-timeout" ? result.options.idleTimeout : result.options.headerTimeout) =
          *duration;
    } else if (name == "--max-header-bytes" || name == "--max-connections" || name == "--workers") {
      const std::optional<std::string> value = takeValue();
      const std::size_t low = name == "--max-header-bytes" ? 1024 : 1;
      const std::size_t high = name == "--max-header-bytes" ? kMebibyte
                               : name == "--workers"        ? 256
                                                            : 100000;
      const std::optional<std::size_t> number =
          value ? parseNumber<std::size_t>(*value, low, high) : std::nullopt;
      if (!number) {
        return failure("option " + name + " needs a whole number from " + std::to_string(low) +
                       " to " + std::to_string(high) +
                       (value ? ", not '" + *value + "'" : std::string()));
      }
      if (name == "--max-header-bytes") {
        result.options.maxHeaderBytes = *number;
      } else if (name == "--max-connections") {
        result.options.maxConnections = *number;
      } else {
        result.options.workerThreads = *number;
      }
    } else if (name == "--tls-cert" || name == "--tls-key") {
      const std::optional<std::string> value = takeValue();
      if (!value || value->empty()) return failure("option " + name + " needs a PEM file");
      (name == "--tls-cert" ? result.options.tlsCertificate : result.options.tlsKey) = *value;
    } else if (name == "--trusted-proxy") {
      const std::optional<std::string> value = takeValue();
      const std::optional<std::string> address = value ? normalizedIpAddress(*value) : std::nullopt;
      if (!address) {
        return failure("option --trusted-proxy needs an IP address, e.g. --trusted-proxy 10.0.0.5" +
                       (value ? ", not '" + *value + "'" : std::string()));
      }
      result.options.login.trustedProxies.push_back(*address);
    } else if (name == "--login-burst") {
      const std::optional<std::string> value = takeValue();
      const std::optional<int> burst = value ? parseNumber<int>(*value, 1, 10000) : std::nullopt;
      if (!burst) return failure("option --login-burst needs a number from 1 to 10000");
      result.options.login.addressBurst = *burst;
    } else if (name == "--login-lock-seconds") {
      const std::optional<std::string> value = takeValue();
      const std::optional<int> seconds = value ? parseNumber<int>(*value, 1, 86400) : std::nullopt;
      if (!seconds) return failure("option --login-lock-seconds needs a number from 1 to 86400");
      result.options.login.lockDuration = std::chrono::seconds(*seconds);
    } else if (name == "--enable-fault-injection") {
      if (!needsNoValue()) return failure("option --enable-fault-injection takes no value");
      result.options.enableFaultInjection = true;
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
  if (result.options.tlsCertificate.empty() != result.options.tlsKey.empty()) {
    return failure("options --tls-cert and --tls-key go together");
  }
  if (result.action == CommandAction::RunServer &&
      result.options.database.engine == sql::Engine::Postgres &&
      result.options.dataDirectory.empty()) {
    return failure(
        "a PostgreSQL database needs --data-dir DIR: the directory for materials and catalog "
        "files that every central process of the district shares");
  }
  return CommandLineResult{result, ""};
}

}  // namespace onewindow::central
