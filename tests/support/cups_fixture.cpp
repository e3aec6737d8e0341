#include "cups_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "central_process.hpp"
#include "loopback.hpp"

namespace onewindow::test {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::seconds(15);
constexpr auto kStopTimeout = std::chrono::seconds(5);
constexpr auto kPoll = std::chrono::milliseconds(20);
constexpr const char* kCupsPdfPpd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";
constexpr const char* kCupsPdfBackend = "/usr/lib/cups/backend/cups-pdf";
constexpr const char* kCupsConfigDir = "/etc/cups";
constexpr std::string_view kConfigPrefix = "cups-pdf-onewindow-test-";

void writeFile(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string readTail(const std::filesystem::path& file, std::size_t maxBytes) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= maxBytes ? all : all.substr(all.size() - maxBytes);
}

// Removes per-queue cups-pdf configurations left behind by test processes that no longer run
// (a crashed test cannot run its destructor).
void removeStaleCupsPdfConfigs() {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(kCupsConfigDir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kConfigPrefix, 0) != 0) continue;
    const std::string rest = name.substr(kConfigPrefix.size());  // "<pid>-<n>.conf"
    const pid_t owner = static_cast<pid_t>(std::atoi(rest.c_str()));
    if (owner > 0 && owner != ::getpid() && ::kill(owner, 0) != 0 && errno == ESRCH) {
      std::filesystem::remove(entry.path(), error);
    }
  }
}

}  // namespace

std::filesystem::path findProgram(const std::string& name) {
  std::vector<std::string> directories;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream parts(path);
    std::string part;
    while (std::getline(parts, part, ':')) {
      if (!part.empty()) directories.push_back(part);
    }
  }
  directories.insert(directories.end(), {"/usr/sbin", "/sbin", "/usr/bin"});
  for (const std::string& directory : directories) {
    std::filesystem::path candidate = std::filesystem::path(directory) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

CupsFixture::CupsFixture() {
  if (findProgram("cupsd").empty()) {
    throw std::runtime_error(
        "cupsd not found: the printer tests need a real CUPS scheduler; install the Debian "
        "packages cups-daemon cups-client printer-driver-cups-pdf poppler-utils");
  }
  if (!std::filesystem::exists(kCupsPdfPpd) || !std::filesystem::exists(kCupsPdfBackend)) {
    throw std::runtime_error("cups-pdf not installed (" + std::string(kCupsPdfPpd) + ", " +
                             std::string(kCupsPdfBackend) + "): install printer-driver-cups-pdf");
  }
  if (::geteuid() != 0) {
    throw std::runtime_error(
        "the CUPS fixture must run as root: cupsd runs the cups-pdf backend as root only when "
        "it is root itself, and cups-pdf refuses to run otherwise");
  }
  root_ = dir_.path();
  // Filters run as the unprivileged lp user and must reach the spool below this directory.
  std::filesystem::permissions(
      root_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                 std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                 std::filesystem::perms::others_exec);
  outputDir_ = root_ / "out";
  socket_ = root_ / "cups.sock";
  for (const char* sub : {"out", "log", "cups-pdf-spool", "gs-tmp"}) {
    std::filesystem::create_directories(root_ / sub);
  }
  removeStaleCupsPdfConfigs();
  port_ = freeLoopbackPort();
  writeConfiguration();
  startScheduler();
  addPdfQueue(pdfQueue());
}

CupsFixture::~CupsFixture() {
  try {
    stopScheduler();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
  std::error_code ignored;
  for (const auto& config : cupsPdfConfigs_) std::filesystem::remove(config, ignored);
}

printing::CupsServer CupsFixture::server() const { return {"127.0.0.1", port_}; }

printing::CupsServer CupsFixture::socketServer() const { return {socket_.string(), 0}; }

void CupsFixture::writeConfiguration() {
  // No authentication and no access limits: this scheduler listens on loopback and on a socket
  // in a directory only root can write, for the lifetime of one test.
  writeFile(root_ / "cupsd.conf",
            "LogLevel debug\n"
            "MaxLogSize 0\n"
            "Listen 127.0.0.1:" +
                std::to_string(port_) + "\n" + "Listen " + socket_.string() +
                "\n"
                "Browsing No\n"
                "WebInterface No\n"
                "DefaultAuthType None\n"
                // A failing filter or backend ends the job (the test sees "aborted") instead
                // of stopping the queue and leaving the job pending.
                "ErrorPolicy abort-job\n"
                "JobRetryLimit 0\n"
                "PreserveJobHistory Yes\n"
                "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n");
  // TempDir is left to its default (RequestRoot/tmp), which cupsd creates with the modes its
  // filters need.
  writeFile(root_ / "cups-files.conf",
            "ServerRoot " + root_.string() + "\nRequestRoot " + (root_ / "spool").string() +
                "\nCacheDir " + (root_ / "cache").string() + "\nStateDir " +
                (root_ / "state").string() + "\nErrorLog " + (root_ / "log/error_log").string() +
                "\nAccessLog " + (root_ / "log/access_log").string() + "\nPageLog " +
                (root_ / "log/page_log").string() +
                "\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n");
}

void CupsFixture::startScheduler() {
  const std::string cupsd = findProgram("cupsd").string();
  const std::string conf = (root_ / "cupsd.conf").string();
  const std::string files = (root_ / "cups-files.conf").string();
  const std::string out = (root_ / "log/cupsd-output.log").string();
  std::vector<std::string> argvStrings{cupsd, "-f", "-c", conf, "-s", files};
  std::vector<char*> argv;
  argv.reserve(argvStrings.size() + 1);
  for (std::string& argument : argvStrings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const int outFd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (outFd < 0 || devNull < 0) throw std::runtime_error("cannot open " + out);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(outFd);
    ::close(devNull);
    throw std::runtime_error("fork: " + std::string(std::strerror(errno)));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(devNull, STDIN_FILENO);
    ::dup2(outFd, STDOUT_FILENO);
    ::dup2(outFd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(outFd);
  ::close(devNull);
  pid_ = pid;
  waitUntilListening();
}

void CupsFixture::waitUntilListening() {
  const auto deadline = SteadyClock::now() + kStartTimeout;
  while (SteadyClock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("cupsd exited at start (status " + std::to_string(status) + "):\n" +
                               readTail(root_ / "log/cupsd-output.log", 2000) + errorLogTail());
    }
    if (acceptsConnections(port_) && std::filesystem::exists(socket_)) return;
    std::this_thread::sleep_for(kPoll);
  }
  stopScheduler();
  throw std::runtime_error("cupsd did not listen on 127.0.0.1:" + std::to_string(port_) +
                           " within 15 s:\n" + errorLogTail());
}

void CupsFixture::addPdfQueue(const std::string& name) {
  const std::string key = std::to_string(::getpid()) + "-" + std::to_string(++queueCount_);
  const std::filesystem::path config =
      std::filesystem::path(kCupsConfigDir) / (std::string(kConfigPrefix) + key + ".conf");
  writeFile(config, "Out " + outputDir_.string() + "\nAnonDirName " + outputDir_.string() +
                        "\nSpool " + (root_ / "cups-pdf-spool").string() + "\nLog " +
                        (root_ / "log").string() + "\nGSTmp " + (root_ / "gs-tmp").string() +
                        "\nLogType 7\nLabel 1\n");
  cupsPdfConfigs_.push_back(config);
  admin("lpadmin", {"-p", name, "-v", "cups-pdf:/onewindow-test-" + key, "-P",
                    std::string(kCupsPdfPpd), "-o", "pdftops-renderer-default=pdftops", "-E"});
}

std::string CupsFixture::admin(const std::string& program,
                               const std::vector<std::string>& arguments) const {
  const std::filesystem::path binary = findProgram(program);
  if (binary.empty()) throw std::runtime_error(program + " not found (install cups-client)");
  std::vector<std::string> all{"-h", "127.0.0.1:" + std::to_string(port_)};
  all.insert(all.end(), arguments.begin(), arguments.end());
  const CommandResult result = runProgram(binary.string(), all, std::chrono::seconds(15));
  if (result.exitCode != 0) {
    std::string command = program;
    for (const std::string& argument : all) command += " " + argument;
    throw std::runtime_error(command + " failed (" + std::to_string(result.exitCode) +
                             "): " + result.standardError + "\n" + errorLogTail());
  }
  return result.standardOutput;
}

std::vector<std::filesystem::path> CupsFixture::outputPdfs() const {
  std::vector<std::filesystem::path> pdfs;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(outputDir_, error)) {
    if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  return pdfs;
}

std::vector<std::filesystem::path> CupsFixture::waitForPdfs(
    std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = SteadyClock::now() + timeout;
  while (true) {
    std::vector<std::filesystem::path> pdfs = outputPdfs();
    if (pdfs.size() >= count || SteadyClock::now() >= deadline) return pdfs;
    std::this_thread::sleep_for(kPoll);
  }
}

void CupsFixture::stopScheduler() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGCONT);  // a test may have frozen it
  ::kill(pid_, SIGTERM);
  const auto deadline = SteadyClock::now() + kStopTimeout;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) break;
    if (SteadyClock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(kPoll);
  }
  pid_ = -1;
}

std::string CupsFixture::errorLogTail(std::size_t maxBytes) const {
  return readTail(root_ / "log/error_log", maxBytes);
}

CupsServerScope::CupsServerScope(const std::string& address) {
  if (const char* old = std::getenv("CUPS_SERVER")) {
    old_ = old;
    hadOld_ = true;
  }
  ::setenv("CUPS_SERVER", address.c_str(), 1);
}

CupsServerScope::~CupsServerScope() {
  if (hadOld_)
    ::setenv("CUPS_SERVER", old_.c_str(), 1);
  else
    ::unsetenv("CUPS_SERVER");
}

}  // namespace onewindow::test
