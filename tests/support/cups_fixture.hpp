#pragma once
// A private CUPS scheduler for tests (DESIGN.md §11): `cupsd -f` with its own cupsd.conf and
// cups-files.conf in a temporary directory, listening on 127.0.0.1 on a free port and on a
// domain socket in that directory, with its own spool, cache, state and log directories, and a
// cups-pdf queue whose PDFs land in outputDir().
//
// - cupsd and the cups-pdf backend need root (cups-pdf refuses to run otherwise; the backend is
//   mode 0700 and CUPS runs such backends as root). The fixture runs cupsd as the test's own
//   user, root here and in CI, with ServerBin = /usr/lib/cups: nothing is copied.
// - cups-pdf reads its settings only from /etc/cups (compiled in): cups-pdf.conf for the URI
//   "cups-pdf:/", or cups-pdf-NAME.conf for "cups-pdf:/NAME". Each queue therefore gets its own
//   /etc/cups/cups-pdf-onewindow-test-<pid>-<n>.conf (Out, Spool, Log in the temp directory);
//   the shared cups-pdf.conf is never touched. The files are removed by the destructor, and
//   leftovers of test processes that no longer run are removed on the next start.
// - The queue's pdftops renderer is poppler's pdftops, so the text of a cairo PDF survives the
//   trip through Ghostscript and `pdftotext` can read it back (the default renderer turns it
//   into outlines).
// - The constructor throws std::runtime_error (a failed test, never a skip) when cupsd, the
//   cups-pdf PPD or root are missing, or when the scheduler does not come up within 15 s; the
//   message carries the scheduler's log tail.
// - cupsd is started with PR_SET_PDEATHSIG from the test's main thread, so it dies with a
//   crashed test; the destructor stops it (SIGTERM, then SIGKILL) and reaps it.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

#include "printing/cups_printer.hpp"
#include "temp_dir.hpp"

namespace onewindow::test {

class CupsFixture {
 public:
  // Starts cupsd and creates the cups-pdf queue named "PDF".
  CupsFixture();
  ~CupsFixture();
  CupsFixture(const CupsFixture&) = delete;
  CupsFixture& operator=(const CupsFixture&) = delete;

  [[nodiscard]] printing::CupsServer server() const;        // 127.0.0.1:port
  [[nodiscard]] printing::CupsServer socketServer() const;  // the domain socket
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] static std::string pdfQueue() { return "PDF"; }
  // Where the queues' PDFs land (one file per job, mode 0600, owned by the job's user).
  [[nodiscard]] const std::filesystem::path& outputDir() const { return outputDir_; }
  [[nodiscard]] std::vector<std::filesystem::path> outputPdfs() const;
  // Waits (polling) until outputDir() holds at least `count` PDFs; returns them.
  [[nodiscard]] std::vector<std::filesystem::path> waitForPdfs(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

  // Adds another cups-pdf queue writing into outputDir().
  void addPdfQueue(const std::string& name);
  // Runs an administration command (lpadmin, cupsdisable, cupsenable, cupsreject, cupsaccept,
  // lpstat) against this scheduler: "-h 127.0.0.1:PORT" is put first. Throws when it fails.
  std::string admin(const std::string& program, const std::vector<std::string>& arguments) const;

  // Stops the scheduler (SIGTERM, up to 5 s, then SIGKILL); running() is false afterwards.
  void stopScheduler();
  [[nodiscard]] bool running() const { return pid_ > 0; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] std::string errorLogTail(std::size_t maxBytes = 4000) const;

 private:
  void writeConfiguration();
  void startScheduler();
  void waitUntilListening();

  TempDir dir_;
  std::filesystem::path root_;
  std::filesystem::path outputDir_;
  std::filesystem::path socket_;
  std::vector<std::filesystem::path> cupsPdfConfigs_;
  int port_ = 0;
  pid_t pid_ = -1;
  int queueCount_ = 0;
};

// The absolute path of a program found on PATH or in /usr/sbin and /sbin (where Debian puts
// cupsd and lpadmin); empty when absent.
[[nodiscard]] std::filesystem::path findProgram(const std::string& name);

// CUPS_SERVER for one scope: the scheduler libcups (the engine's print thread, a child process
// such as onewindow-ctl) asks for every request. The previous value comes back however the
// scope ends.
class CupsServerScope {
 public:
  explicit CupsServerScope(const std::string& address);
  ~CupsServerScope();
  CupsServerScope(const CupsServerScope&) = delete;
  CupsServerScope& operator=(const CupsServerScope&) = delete;

 private:
  std::string old_;
  bool hadOld_ = false;
};

}  // namespace onewindow::test
