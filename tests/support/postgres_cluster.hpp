#pragma once
// A private PostgreSQL 15 server for tests (DESIGN.md §11, issue 15): Debian's own binaries
// (/usr/lib/postgresql/15/bin, package postgresql-15), a fresh cluster made by initdb in a
// temporary directory, listening on 127.0.0.1 on a free port and on a unix socket in that
// directory. Nothing of the system's PostgreSQL service is used or touched (a Debian install
// may have started its own cluster on 5432; this one never uses a fixed port).
//
//   PostgresCluster cluster;                                  // initdb + start, ~1-2 s
//   const std::string url = cluster.createDatabase("central");
//   // url == "postgresql://onewindow@127.0.0.1:PORT/central"  (a libpq URL)
//   cluster.psql("central", "SELECT 1");                      // "1\n"
//
// - initdb and postgres refuse to run as root. As root (here and in CI) the fixture runs them
//   as the `postgres` system account (made by the Debian package) and gives it the directory;
//   as any other user it runs them as that user.
// - The superuser is `onewindow`, with `trust` authentication over the socket and 127.0.0.1:
//   no password. Anyone on this machine may connect while the test runs; it holds test data.
// - Durability is off for speed: fsync, synchronous_commit and full_page_writes are off and
//   initdb does not sync. A crash of the machine may corrupt the cluster, which the test's
//   temporary directory never outlives anyway. Tests of crash safety need a different setup.
// - postgres is started directly (not through pg_ctl, which daemonises) with PR_SET_PDEATHSIG
//   = SIGINT (fast shutdown) from the test's main thread: a crashed test takes its server
//   with it. The destructor stops it with SIGINT (fast: disconnects clients), then SIGQUIT,
//   then SIGKILL, and removes the directory (unless ONEWINDOW_KEEP_TEMP is set).
// - The constructor throws std::runtime_error (a failed test, never a skip) when the binaries
//   are missing or the server does not come up within 30 s; the message has the log's tail.

#include <filesystem>
#include <string>

#include <sys/types.h>

#include "temp_dir.hpp"

namespace onewindow::test {

class PostgresCluster {
 public:
  PostgresCluster();
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // CREATE DATABASE `name` (1-63 characters of a-z, 0-9 and _, starting with a letter), owned
  // by user(); returns url(name). Throws std::runtime_error when psql fails (it exists).
  std::string createDatabase(const std::string& name);
  // "postgresql://onewindow@127.0.0.1:PORT/NAME"
  [[nodiscard]] std::string url(const std::string& database) const;
  // The same database over the unix socket: "postgresql:///NAME?host=DIR&port=PORT&user=...".
  [[nodiscard]] std::string socketUrl(const std::string& database) const;

  // Runs `sql` with psql (unaligned, tuples only, stops at the first error) in `database`;
  // returns its stdout. Throws std::runtime_error with psql's stderr when it fails.
  std::string psql(const std::string& database, const std::string& sql) const;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] static std::string user() { return "onewindow"; }
  [[nodiscard]] const std::filesystem::path& socketDirectory() const { return socketDir_; }
  [[nodiscard]] const std::filesystem::path& dataDirectory() const { return dataDir_; }
  [[nodiscard]] const std::filesystem::path& logFile() const { return logFile_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] bool running() const;
  [[nodiscard]] std::string logTail(std::size_t maxBytes = 4000) const;

  // Fast shutdown; running() is false afterwards. The destructor calls it.
  void stop();

  // Debian's PostgreSQL 15 programs: initdb, postgres, pg_isready, psql.
  [[nodiscard]] static std::filesystem::path binDirectory();

 private:
  void initialise();
  void startServer();
  void waitUntilReady();

  TempDir dir_;
  std::filesystem::path dataDir_;
  std::filesystem::path socketDir_;
  std::filesystem::path logFile_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace onewindow::test
