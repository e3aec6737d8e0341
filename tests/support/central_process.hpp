#pragma once
// Runs the real onewindow-central binary (ONEWINDOW_CENTRAL_BINARY) for tests (DESIGN.md §11):
// on 127.0.0.1, by default on a free port, with its database and stderr log in a directory the
// test owns. The child is started with fork+exec and PR_SET_PDEATHSIG, so a test that crashes
// does not leave a server behind; every child is reaped, never left as a zombie.
//
// PR_SET_PDEATHSIG fires when the *thread* that started the child ends: start servers from the
// test's main thread (Catch2 runs tests there).

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace onewindow::test {

// Extra start options (all optional).
struct CentralOptions {
  bool demoData = true;
  // Passed after the fixture's own (e.g. "--enable-fault-injection", "--chunk-bytes", "8").
  std::vector<std::string> extraArguments;
  // Both set: the server speaks HTTPS (--tls-cert/--tls-key) and baseUrl() says https. The
  // fixture's own health check does not verify the certificate.
  std::filesystem::path tlsCertificate;
  std::filesystem::path tlsKey;
  // Publishes the sample catalog (forms/catalog) at start, unless extraArguments name another
  // --catalog: central checks every case with a release's rules, and refuses cases without one.
  bool sampleCatalog = true;
  // Set: the `--db` value as it is (a PostgreSQL URL several processes share) instead of the
  // database file, whose directory then holds only this process's stderr log; the test names
  // the shared --data-dir in extraArguments.
  std::string database;
};

class CentralProcess {
 public:
  // The stderr log goes to central-stderr.log beside the database.
  explicit CentralProcess(std::filesystem::path databaseFile, bool demoData = true);
  CentralProcess(std::filesystem::path databaseFile, CentralOptions options);
  ~CentralProcess();  // stops if running
  CentralProcess(const CentralProcess&) = delete;
  CentralProcess& operator=(const CentralProcess&) = delete;

  // Starts the server and returns once GET /api/v1/health answers 200. Port 0 picks a free
  // port. Throws std::runtime_error with the tail of the server's stderr when it does not come
  // up within 15 s.
  void start(int port = 0);
  // SIGTERM, up to 5 s for a clean exit, then SIGKILL; always reaps the child.
  void stop();
  // Stops, then starts again on the same port with the same database.
  void restart();
  // SIGKILL, as a crash would end it (no clean shutdown), and reaps it; start(port()) brings
  // it back on the same port.
  void crash();

  [[nodiscard]] int port() const;
  [[nodiscard]] std::string baseUrl() const;  // "http://127.0.0.1:PORT" (https with TLS)
  [[nodiscard]] bool running() const;
  [[nodiscard]] pid_t pid() const { return pid_; }  // -1 when not running

  [[nodiscard]] const std::filesystem::path& databaseFile() const { return databaseFile_; }
  [[nodiscard]] const std::filesystem::path& logFile() const { return logFile_; }
  // Exit code of the last stopped server: 0 after a clean stop, 128+N when killed by signal N.
  [[nodiscard]] std::optional<int> lastExitCode() const { return lastExitCode_; }
  // The last `maxBytes` of the stderr log, for failure messages.
  [[nodiscard]] std::string logTail(std::size_t maxBytes = 4000) const;

 private:
  std::filesystem::path databaseFile_;
  std::filesystem::path logFile_;
  CentralOptions options_;
  pid_t pid_ = -1;
  int stdoutFd_ = -1;  // kept open while the server runs, so it never writes into a closed pipe
  int port_ = 0;
  std::optional<int> lastExitCode_;
};

// What the binary did when run to completion (command-line tests).
struct CommandResult {
  int exitCode = -1;  // 128+N when killed by signal N
  std::string standardOutput;
  std::string standardError;
};

// Runs ONEWINDOW_CENTRAL_BINARY with `arguments` and waits for it to exit. Throws
// std::runtime_error (after killing it) when it runs longer than `timeout`.
// Runs any binary (onewindow-ctl, onewindow) the same way; the child inherits the
// environment, so a test sets XDG_* before calling.
[[nodiscard]] CommandResult runProgram(
    const std::string& binary, const std::vector<std::string>& arguments,
    std::chrono::milliseconds timeout = std::chrono::seconds(15));

// The back office grants a case central holds and makes its result ready for pick-up (admin
// decide, then set-state). The first command that fails, with its error; empty when both ran.
[[nodiscard]] std::string makeReadyForPickup(const std::filesystem::path& centralDb,
                                             const std::string& caseUuid);

// Runs a binary for `lifetime`, then kills it with SIGKILL (crash tests); returns what it
// wrote to stdout, including lines still in the pipe when it died. With `startLine`, the
// lifetime counts from the moment that line appears on stdout (the child is ready), so a slow,
// loaded machine still kills it at work and not always during start-up; it is killed anyway
// if the line has not come within a minute.
[[nodiscard]] std::string runUntilKilled(const std::string& binary,
                                         const std::vector<std::string>& arguments,
                                         std::chrono::milliseconds lifetime,
                                         const std::string& startLine = {});

// What `--db` says for a central database the test names by file: the file itself, or, when
// ONEWINDOW_TEST_CENTRAL_POSTGRES=1 (the PostgreSQL run of the API tests), the URL of a
// database that stands for that file in a cluster started once for the test program; the
// server then keeps materials and catalog files in the file's directory (--data-dir).
[[nodiscard]] std::string centralDatabaseArgument(const std::filesystem::path& file);

// An `admin` command's `--db FILE` goes through centralDatabaseArgument.
[[nodiscard]] CommandResult runCentralCommand(
    const std::vector<std::string>& arguments,
    std::chrono::milliseconds timeout = std::chrono::seconds(15));

}  // namespace onewindow::test
