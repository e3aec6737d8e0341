// onewindow-central: the reference central server. Everything but process wiring lives in
// onewindow_central_lib, where it is tested.

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "central/admin_commands.hpp"
#include "central/catalog_releases.hpp"
#include "central/central_store.hpp"
#include "central/demo_data.hpp"
#include "central/options.hpp"
#include "central/server.hpp"
#include "central/server_log.hpp"
#include "central/termination_signals.hpp"
#include "localdb/migrations.hpp"
#include "onewindow/version.hpp"

namespace {

// Exit codes: 0 clean stop, 1 runtime failure (database, port), 2 usage error.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::string announcedUrl(const std::string& address, int port, bool tls) {
  // An IPv6 literal needs brackets in a URL.
  const bool ipv6 = address.find(':') != std::string::npos;
  return (tls ? "https://" : "http://") + (ipv6 ? "[" + address + "]" : address) + ":" +
         std::to_string(port);
}

int runServer(const onewindow::central::ServerOptions& options,
              onewindow::central::TerminationSignals& signals) {
  using namespace onewindow::central;
  if (!options.dataDirectory.empty()) std::filesystem::create_directories(options.dataDirectory);
  CentralStore store(options.database, options.databaseConnections);
  if (options.demoData) {
    const int added = insertDemoClerks(store);
    logLine("demo data: " + std::to_string(added) + " clerk(s) added");
  }
  if (!options.catalogDirectory.empty()) {
    CatalogManifest manifest;
    std::vector<std::string> notes;
    const PublishOutcome outcome = store.withDatabase([&](onewindow::central::sql::Connection& db) {
      return publishCatalog(db, options.catalogDirectory, systemNow(), &manifest, &notes);
    });
    for (const std::string& note : notes) logLine("catalog note: " + note);
    logLine("catalog release " + manifest.release + " (" + std::to_string(manifest.files.size()) +
            " files) " +
            (outcome == PublishOutcome::Published ? "published" : "already published"));
  }

  Server server(store, systemNow, options);
  if (options.enableFaultInjection) {
    logLine("WARNING: fault injection is enabled (tests only): PUT /api/v1/_test/faults");
  }
  const int port = server.bind(options.listenAddress, options.port);
  logLine("database " + store.describeDatabase() + ", " + std::to_string(store.clerkCount()) +
          " clerk(s)");
  // The one stdout line; the test fixture and scripts wait for it, so flush it now.
  std::cout << "onewindow-central listening on "
            << announcedUrl(options.listenAddress, port, server.usesTls()) << std::endl;

  signals.watch([&server](int signalNumber) {
    logLine(std::string("received ") + (signalNumber == SIGINT ? "SIGINT" : "SIGTERM") +
            ", stopping");
    server.stop();
  });
  // The watcher refers to `server`: it must be joined before `server` goes away, also when
  // run() throws.
  struct JoinWatcher {
    TerminationSignals& watched;
    ~JoinWatcher() { watched.stopWatching(); }
  } joinWatcher{signals};
  server.run();
  logLine("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace onewindow::central;
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  const CommandLineResult parsed = parseCommandLine(arguments);
  if (!parsed.commandLine) {
    std::cerr << "onewindow-central: " << parsed.error << "\n\n" << usageText();
    return kExitUsage;
  }
  switch (parsed.commandLine->action) {
    case CommandAction::ShowVersion:
      std::cout << "onewindow-central " << onewindow::kVersion << std::endl;
      return 0;
    case CommandAction::ShowHelp:
      std::cout << usageText() << std::flush;
      return 0;
    case CommandAction::Admin:
      return runAdminCommand(parsed.commandLine->adminArguments, std::cout, std::cerr, systemNow);
    case CommandAction::RunServer:
      break;
  }

  // A client that disconnects mid-reply must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    // Before any thread starts (the HTTP thread pool), so all threads inherit the mask.
    TerminationSignals signals;
    return runServer(parsed.commandLine->options, signals);
  } catch (const ListenError& error) {
    logLine(std::string("error: ") + error.what());
    return kExitFailure;
  } catch (const onewindow::localdb::SchemaError& error) {
    logLine(std::string("error: database refused: ") + error.what());
    return kExitFailure;
  } catch (const std::exception& error) {
    logLine(std::string("error: ") + error.what());
    return kExitFailure;
  }
}
