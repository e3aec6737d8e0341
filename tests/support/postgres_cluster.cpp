#include "postgres_cluster.hpp"

#include <unistd.h>

#include <chrono>
#include <optional>
#include <regex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "central_process.hpp"
#include "loopback.hpp"
#include "server_child.hpp"

namespace onewindow::test {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kInitdbTimeout = std::chrono::seconds(60);
constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kFastShutdownGrace = std::chrono::seconds(15);
constexpr int kStartAttempts = 3;  // a free port may be taken by another test before we bind it

// Who runs initdb and postgres: the `postgres` account when we are root (both refuse root),
// else ourselves.
std::optional<SystemUser> serverUser() {
  if (::geteuid() != 0) return std::nullopt;
  std::optional<SystemUser> user = findSystemUser("postgres");
  if (!user) {
    throw std::runtime_error(
        "PostgresCluster runs as root, and PostgreSQL refuses root: it needs the 'postgres' "
        "system account, which the Debian package postgresql-15 creates");
  }
  return user;
}

void giveTo(const std::filesystem::path& path, const std::optional<SystemUser>& user) {
  if (user && ::chown(path.c_str(), user->uid, user->gid) != 0) {
    throw std::runtime_error("cannot give " + path.string() + " to " + user->name);
  }
}

}  // namespace

std::filesystem::path PostgresCluster::binDirectory() { return "/usr/lib/postgresql/15/bin"; }

PostgresCluster::PostgresCluster()
    : dataDir_(dir_ / "data"), socketDir_(dir_ / "socket"), logFile_(dir_ / "postgres.log") {
  for (const char* program : {"initdb", "postgres", "pg_isready", "psql"}) {
    if (::access((binDirectory() / program).c_str(), X_OK) != 0) {
      throw std::runtime_error((binDirectory() / program).string() +
                               " not found: the PostgreSQL tests need Debian's postgresql-15 "
                               "(./x deps installs the package postgresql)");
    }
  }
  initialise();
  for (int attempt = 1;; ++attempt) {
    port_ = freeLoopbackPort();
    startServer();
    try {
      waitUntilReady();
      return;
    } catch (const std::runtime_error&) {
      const bool portTaken = logTail().find("Address already in use") != std::string::npos;
      stop();
      if (!portTaken || attempt == kStartAttempts) throw;
    }
  }
}

PostgresCluster::~PostgresCluster() {
  try {
    stop();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void PostgresCluster::initialise() {
  const std::optional<SystemUser> user = serverUser();
  // The server's user owns the whole directory (initdb wants to create data/ itself, mode
  // 0700); root, the test, can still read the log and remove everything at the end.
  giveTo(dir_.path(), user);
  std::filesystem::create_directory(socketDir_);
  giveTo(socketDir_, user);

  ServerChildOptions initdb;
  initdb.argv = {(binDirectory() / "initdb").string(), "--pgdata=" + dataDir_.string(),
                 "--username=" + PostgresCluster::user(), "--auth=trust", "--encoding=UTF8",
                 // Byte-order collation: the same results on every machine, whatever locales
                 // are generated there.
                 "--no-locale",
                 // Test data only (see the header): no fsync of the new cluster.
                 "--no-sync"};
  initdb.outputFile = dir_ / "initdb.log";
  initdb.workingDirectory = dir_.path();  // root's own may be unreadable to postgres
  initdb.runAs = user;
  initdb.deathSignal = SIGTERM;
  const pid_t pid = spawnServerChild(initdb);
  std::optional<int> code = waitForChild(pid, kInitdbTimeout);
  if (!code) code = stopServerChild(pid, SIGKILL, std::chrono::seconds(1));
  if (*code != 0) {
    throw std::runtime_error("initdb failed (exit " + std::to_string(*code) + "):\n" +
                             fileTail(dir_ / "initdb.log"));
  }
}

void PostgresCluster::startServer() {
  ServerChildOptions server;
  server.argv = {(binDirectory() / "postgres").string(), "-D", dataDir_.string(), "-c",
                 "listen_addresses=127.0.0.1", "-c", "port=" + std::to_string(port_), "-c",
                 "unix_socket_directories=" + socketDir_.string(),
                 // Speed over durability, for tests only (see the header).
                 "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                 // Several central processes with their connection pools, psql, and room.
                 "-c", "max_connections=100", "-c", "shared_buffers=32MB",
                 // Everything on stderr, which goes to logFile_.
                 "-c", "logging_collector=off", "-c", "log_line_prefix=%m [%p] ", "-c",
                 "log_connections=off"};
  server.outputFile = logFile_;
  server.workingDirectory = dir_.path();
  server.runAs = serverUser();
  // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, then it stops.
  server.deathSignal = SIGINT;
  pid_ = spawnServerChild(server);
}

void PostgresCluster::waitUntilReady() {
  const auto deadline = SteadyClock::now() + kStartTimeout;
  while (true) {
    if (!running()) {
      throw std::runtime_error("postgres exited at start:\n" + logTail());
    }
    // pg_isready says 0 only once the server accepts connections (not while it starts up).
    const CommandResult ready = runProgram((binDirectory() / "pg_isready").string(),
                                           {"-q", "-h", "127.0.0.1", "-p", std::to_string(port_),
                                            "-U", user(), "-d", "postgres", "-t", "2"},
                                           std::chrono::seconds(10));
    if (ready.exitCode == 0) return;
    if (SteadyClock::now() >= deadline) {
      throw std::runtime_error("postgres did not accept connections on 127.0.0.1:" +
                               std::to_string(port_) + " within 30 s:\n" + logTail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void PostgresCluster::stop() {
  if (pid_ <= 0) return;
  // SIGINT: fast shutdown. SIGQUIT: immediate (children killed, recovery at the next start,
  // which never comes for a test cluster). stopServerChild ends with SIGKILL.
  ::kill(pid_, SIGINT);
  if (!waitForChild(pid_, kFastShutdownGrace)) {
    stopServerChild(pid_, SIGQUIT, std::chrono::seconds(5));
  }
  pid_ = -1;
}

bool PostgresCluster::running() const { return childRunning(pid_); }

std::string PostgresCluster::logTail(std::size_t maxBytes) const {
  return fileTail(logFile_, maxBytes);
}

std::string PostgresCluster::url(const std::string& database) const {
  return "postgresql://" + user() + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresCluster::socketUrl(const std::string& database) const {
  return "postgresql:///" + database + "?host=" + socketDir_.string() +
         "&port=" + std::to_string(port_) + "&user=" + user();
}

std::string PostgresCluster::createDatabase(const std::string& name) {
  // Checked here, so the name can go into SQL as it is.
  static const std::regex kName("[a-z][a-z0-9_]{0,62}");
  if (!std::regex_match(name, kName)) {
    throw std::invalid_argument("PostgresCluster::createDatabase: '" + name +
                                "' is not 1-63 characters of a-z, 0-9 and _ starting with a "
                                "letter");
  }
  psql("postgres", "CREATE DATABASE " + name + " OWNER " + user());
  return url(name);
}

std::string PostgresCluster::psql(const std::string& database, const std::string& sql) const {
  // -X: no ~/.psqlrc; -A -t: bare values, one row per line; ON_ERROR_STOP: a failing
  // statement is a non-zero exit.
  const CommandResult result =
      runProgram((binDirectory() / "psql").string(),
                 {"-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", url(database), "-c", sql},
                 std::chrono::seconds(30));
  if (result.exitCode != 0) {
    throw std::runtime_error("psql in " + database + " failed (exit " +
                             std::to_string(result.exitCode) + ") for: " + sql + "\n" +
                             result.standardError);
  }
  return result.standardOutput;
}

}  // namespace onewindow::test
