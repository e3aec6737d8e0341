#pragma once
// onewindow-central's command line. Parsing never exits or prints: it returns what to do or
// what was wrong, and main() decides how to say it (exit code 2 for a usage error).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "central/login_protection.hpp"
#include "central/official_number.hpp"
#include "central/server_limits.hpp"
#include "central/sql/database_location.hpp"

namespace onewindow::central {

struct ServerOptions {
  // Where materials and catalog files go: --data-dir, or beside the SQLite file.
  [[nodiscard]] std::filesystem::path effectiveDataDirectory() const {
    return dataDirectory.empty() ? database.defaultDataDirectory() : dataDirectory;
  }

  std::string listenAddress = "127.0.0.1";
  int port = 8470;                 // 0: any free port
  sql::DatabaseLocation database;  // --db: SQLite file (default ./central.db) or PostgreSQL URL
  // Materials and catalog files; every central process of a district shares it. Default:
  // beside a SQLite file; required with PostgreSQL.
  std::filesystem::path dataDirectory;
  int databaseConnections = 8;  // PostgreSQL only: the pool of each process
  bool demoData = false;
  std::filesystem::path catalogDirectory;  // published as the current release at start
  std::string implementingCode{kDefaultImplementingCode};
  std::size_t maxMaterialBytes = ServerLimits{}.maxMaterialBytes;
  std::size_t chunkBytes = ServerLimits{}.chunkBytes;
  bool enableFaultInjection = false;
  std::uint64_t faultSeed = 1;
  std::filesystem::path tlsCertificate;  // both set, or neither
  std::filesystem::path tlsKey;
  // Failed-login protection (central/API.md §3): --login-lock-seconds, --login-burst,
  // --trusted-proxy.
  LoginProtectionSettings login;
  // Connection limits (central/API.md, "Connection limits"); see connection_gate.hpp.
  std::chrono::milliseconds idleTimeout{5000};
  std::chrono::milliseconds headerTimeout{10000};
  std::size_t maxHeaderBytes = 32 * 1024;
  std::size_t maxConnections = 1000;
  std::size_t workerThreads = 8;
};

// `onewindow-central admin ...` operates on the database, without a server.
enum class CommandAction { RunServer, ShowVersion, ShowHelp, Admin };

struct CommandLine {
  CommandAction action = CommandAction::RunServer;
  ServerOptions options;
  std::vector<std::string> adminArguments;  // for Admin: everything after "admin"
};

struct CommandLineResult {
  std::optional<CommandLine> commandLine;
  std::string error;  // names the offending option; set when commandLine is empty
};

// `arguments` excludes the program name. Accepts "--opt value" and "--opt=value".
[[nodiscard]] CommandLineResult parseCommandLine(const std::vector<std::string>& arguments);

[[nodiscard]] std::string usageText();

}  // namespace onewindow::central
