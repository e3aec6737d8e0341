#include "central_process.hpp"

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string_view>
#include <thread>

#include <sys/prctl.h>
#include <sys/wait.h>

#include "postgres_cluster.hpp"

namespace onewindow::test {
namespace {

// The PostgreSQL run of central's API tests (ONEWINDOW_TEST_CENTRAL_POSTGRES=1, issue 15): every
// central database a test names by file is a database of one cluster this process starts on
// first use, so the same tests drive the server on both engines unchanged.
bool centralOnPostgres() {
  const char* flag = std::getenv("ONEWINDOW_TEST_CENTRAL_POSTGRES");
  return flag != nullptr && std::string_view(flag) == "1";
}

PostgresCluster& sharedCluster() {
  static PostgresCluster cluster;  // started from the test's main thread (PR_SET_PDEATHSIG)
  return cluster;
}

// The database that stands for `file`: one per file name, created on first use.
std::string postgresDatabaseFor(const std::filesystem::path& file) {
  static std::map<std::string, std::string> urls;
  const std::string key = std::filesystem::absolute(file).lexically_normal().string();
  if (const auto found = urls.find(key); found != urls.end()) return found->second;
  char name[32];
  std::snprintf(name, sizeof name, "central_%zu", urls.size() + 1);
  const std::string url = sharedCluster().createDatabase(name);
  urls.emplace(key, url);
  return url;
}

using SteadyClock = std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::seconds(15);
constexpr auto kStopTimeout = std::chrono::seconds(5);
constexpr std::string_view kListeningPrefix = "onewindow-central listening on http://";
constexpr std::string_view kListeningPrefixTls = "onewindow-central listening on https://";

std::string errnoText(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

struct Pipe {
  int readEnd = -1;
  int writeEnd = -1;
};

Pipe makePipe() {
  std::array<int, 2> fds{};
  // CLOEXEC: the pipe must not leak into other children (a leaked write end would hide EOF).
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) throw std::runtime_error(errnoText("pipe2"));
  return Pipe{fds[0], fds[1]};
}

int decodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Waits for the child until the deadline; returns its exit code, or nothing if still running.
std::optional<int> waitUntil(pid_t pid, SteadyClock::time_point deadline) {
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return decodeWaitStatus(status);
    if (done < 0 && errno != EINTR) return -1;  // not our child any more: nothing to reap
    if (SteadyClock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int killAndReap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return decodeWaitStatus(status);
}

// fork+exec of one of our binaries. In the child only async-signal-safe calls are made (the
// test process may have threads), so everything is prepared before fork().
pid_t spawnProgram(const std::string& binary, const std::vector<std::string>& arguments,
                   int stdoutFd, int stderrFd) {
  std::vector<std::string> argvStrings;
  argvStrings.emplace_back(binary);
  argvStrings.insert(argvStrings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& argument : argvStrings) argv.push_back(argument.data());
  argv.push_back(nullptr);

  const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devNull < 0) throw std::runtime_error(errnoText("open /dev/null"));
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(devNull);
    throw std::runtime_error(errnoText("fork"));
  }
  if (pid == 0) {
    // The server dies with the test: no orphaned servers after a crash or a failed assertion.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(devNull, STDIN_FILENO);
    ::dup2(stdoutFd, STDOUT_FILENO);
    ::dup2(stderrFd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    constexpr char kMessage[] = "central_process: exec of the program failed\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }
  ::close(devNull);
  return pid;
}

// Reads from `fd` until a newline, EOF or the deadline. Returns the line without the newline,
// or nothing (with `why` set).
std::optional<std::string> readLine(int fd, SteadyClock::time_point deadline, std::string& why) {
  std::string buffer;
  while (true) {
    if (const std::size_t newline = buffer.find('\n'); newline != std::string::npos) {
      return buffer.substr(0, newline);
    }
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (remaining.count() <= 0) {
      why = "no 'listening on' line within " + std::to_string(kStartTimeout.count()) + " s";
      return std::nullopt;
    }
    pollfd poller{fd, POLLIN, 0};
    const int ready = ::poll(&poller, 1, static_cast<int>(remaining.count()));
    if (ready < 0 && errno != EINTR) {
      why = errnoText("poll");
      return std::nullopt;
    }
    if (ready <= 0) continue;
    std::array<char, 512> chunk{};
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      why = "the server closed stdout (exited?) before announcing its port";
      return std::nullopt;
    }
    buffer.append(chunk.data(), static_cast<std::size_t>(got));
  }
}

std::optional<int> parseAnnouncedPort(const std::string& line) {
  std::size_t prefixLength = 0;
  if (line.starts_with(kListeningPrefix)) {
    prefixLength = kListeningPrefix.size();
  } else if (line.starts_with(kListeningPrefixTls)) {
    prefixLength = kListeningPrefixTls.size();
  } else {
    return std::nullopt;
  }
  const std::size_t colon = line.rfind(':');
  if (colon == std::string::npos || colon < prefixLength) return std::nullopt;
  try {
    return std::stoi(line.substr(colon + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

CentralProcess::CentralProcess(std::filesystem::path databaseFile, bool demoData)
    : CentralProcess(std::move(databaseFile), CentralOptions{demoData, {}, {}, {}}) {}

CentralProcess::CentralProcess(std::filesystem::path databaseFile, CentralOptions options)
    : databaseFile_(std::move(databaseFile)),
      logFile_(databaseFile_.parent_path() / "central-stderr.log"),
      options_(std::move(options)) {}

CentralProcess::~CentralProcess() { stop(); }

void CentralProcess::start(int port) {
  if (pid_ > 0) throw std::logic_error("CentralProcess::start: already running");

  const std::string database =
      options_.database.empty() ? centralDatabaseArgument(databaseFile_) : options_.database;
  std::vector<std::string> arguments{"--listen",           "127.0.0.1", "--port",
                                     std::to_string(port), "--db",      database};
  if (centralOnPostgres() && options_.database.empty()) {
    // Materials and catalog files where they would be beside the file.
    arguments.insert(arguments.end(), {"--data-dir", databaseFile_.parent_path().string()});
  }
  if (options_.demoData) arguments.emplace_back("--demo-data");
  if (!options_.tlsCertificate.empty()) {
    arguments.insert(arguments.end(), {"--tls-cert", options_.tlsCertificate.string(), "--tls-key",
                                       options_.tlsKey.string()});
  }
  arguments.insert(arguments.end(), options_.extraArguments.begin(), options_.extraArguments.end());
  const bool catalogNamed =
      std::find(options_.extraArguments.begin(), options_.extraArguments.end(), "--catalog") !=
      options_.extraArguments.end();
  if (options_.sampleCatalog && !catalogNamed) {
    arguments.insert(
        arguments.end(),
        {"--catalog",
         (std::filesystem::path(ONEWINDOW_SOURCE_DIR) / "forms" / "catalog").string()});
  }

  const int logFd = ::open(logFile_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (logFd < 0) throw std::runtime_error(errnoText(("open " + logFile_.string()).c_str()));
  // Restarts append to the same log; a marker shows where each run begins.
  const std::string marker =
      "---- fixture: starting onewindow-central (port " + std::to_string(port) + ") ----\n";
  [[maybe_unused]] const ssize_t ignored = ::write(logFd, marker.data(), marker.size());

  Pipe output;
  try {
    output = makePipe();
    pid_ = spawnProgram(ONEWINDOW_CENTRAL_BINARY, arguments, output.writeEnd, logFd);
  } catch (...) {
    ::close(logFd);
    closeFd(output.readEnd);
    closeFd(output.writeEnd);
    throw;
  }
  ::close(logFd);
  closeFd(output.writeEnd);
  stdoutFd_ = output.readEnd;

  auto fail = [this](const std::string& why) {
    lastExitCode_ = killAndReap(pid_);
    pid_ = -1;
    closeFd(stdoutFd_);
    throw std::runtime_error("onewindow-central did not start: " + why + "\n--- " +
                             logFile_.string() + " (tail) ---\n" + logTail());
  };

  const auto deadline = SteadyClock::now() + kStartTimeout;
  std::string why;
  const std::optional<std::string> line = readLine(stdoutFd_, deadline, why);
  if (!line) fail(why);
  const std::optional<int> announced = parseAnnouncedPort(*line);
  if (!announced) fail("unexpected first line on stdout: '" + *line + "'");
  port_ = *announced;

  // The port is bound before the line is printed; health proves requests are being served.
  httplib::Client client(baseUrl());
  client.enable_server_certificate_verification(false);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(2, 0);
  while (true) {
    if (const httplib::Result result = client.Get("/api/v1/health");
        result && result->status == 200) {
      return;
    }
    if (!running()) fail("the server exited while waiting for /api/v1/health");
    if (SteadyClock::now() >= deadline) fail("/api/v1/health did not answer 200 in time");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void CentralProcess::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  std::optional<int> exitCode = waitUntil(pid_, SteadyClock::now() + kStopTimeout);
  if (!exitCode) exitCode = killAndReap(pid_);
  lastExitCode_ = exitCode;
  pid_ = -1;
  closeFd(stdoutFd_);
}

void CentralProcess::crash() {
  if (pid_ <= 0) return;
  lastExitCode_ = killAndReap(pid_);
  pid_ = -1;
  closeFd(stdoutFd_);
}

void CentralProcess::restart() {
  const int samePort = port_;
  stop();
  start(samePort);
}

int CentralProcess::port() const { return port_; }

std::string CentralProcess::baseUrl() const {
  const bool tls = !options_.tlsCertificate.empty();
  return std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

bool CentralProcess::running() const {
  if (pid_ <= 0) return false;
  // WNOWAIT: look without reaping, so stop() still collects the exit code.
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return false;
  }
  return info.si_pid == 0;
}

std::string CentralProcess::logTail(std::size_t maxBytes) const {
  std::ifstream in(logFile_, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() <= maxBytes ? text : text.substr(text.size() - maxBytes);
}

std::string centralDatabaseArgument(const std::filesystem::path& file) {
  return centralOnPostgres() ? postgresDatabaseFor(file) : file.string();
}

CommandResult runCentralCommand(const std::vector<std::string>& arguments,
                                std::chrono::milliseconds timeout) {
  std::vector<std::string> mapped = arguments;
  for (std::size_t i = 0; i + 1 < mapped.size(); ++i) {
    if (mapped[i] == "--db") mapped[i + 1] = centralDatabaseArgument(mapped[i + 1]);
  }
  return runProgram(ONEWINDOW_CENTRAL_BINARY, mapped, timeout);
}

CommandResult runProgram(const std::string& binary, const std::vector<std::string>& arguments,
                         std::chrono::milliseconds timeout) {
  Pipe output = makePipe();
  Pipe errors;
  pid_t pid = -1;
  try {
    errors = makePipe();
    pid = spawnProgram(binary, arguments, output.writeEnd, errors.writeEnd);
  } catch (...) {
    closeFd(output.readEnd);
    closeFd(output.writeEnd);
    closeFd(errors.readEnd);
    closeFd(errors.writeEnd);
    throw;
  }
  closeFd(output.writeEnd);
  closeFd(errors.writeEnd);

  CommandResult result;
  const auto deadline = SteadyClock::now() + timeout;
  std::array<pollfd, 2> pollers{pollfd{output.readEnd, POLLIN, 0},
                                pollfd{errors.readEnd, POLLIN, 0}};
  std::array<std::string*, 2> sinks{&result.standardOutput, &result.standardError};
  int openStreams = 2;
  bool timedOut = false;
  while (openStreams > 0) {
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (remaining.count() <= 0) {
      timedOut = true;
      break;
    }
    const int ready = ::poll(pollers.data(), pollers.size(), static_cast<int>(remaining.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    for (std::size_t i = 0; i < pollers.size(); ++i) {
      if (pollers[i].fd < 0 || pollers[i].revents == 0) continue;
      std::array<char, 4096> chunk{};
      const ssize_t got = ::read(pollers[i].fd, chunk.data(), chunk.size());
      if (got > 0) {
        sinks[i]->append(chunk.data(), static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        pollers[i].fd = -1;  // poll() ignores negative descriptors
        --openStreams;
      }
    }
  }
  closeFd(output.readEnd);
  closeFd(errors.readEnd);

  if (timedOut) {
    killAndReap(pid);
    throw std::runtime_error(binary + " did not exit within " + std::to_string(timeout.count()) +
                             " ms; stderr:\n" + result.standardError);
  }
  const std::optional<int> exitCode = waitUntil(pid, SteadyClock::now() + kStopTimeout);
  result.exitCode = exitCode ? *exitCode : killAndReap(pid);
  return result;
}

}  // namespace onewindow::test

namespace onewindow::test {

std::string runUntilKilled(const std::string& binary, const std::vector<std::string>& arguments,
                           std::chrono::milliseconds lifetime, const std::string& startLine) {
  Pipe output = makePipe();
  const pid_t pid = spawnProgram(binary, arguments, output.writeEnd, STDERR_FILENO);
  closeFd(output.writeEnd);
  std::string text;
  bool started = startLine.empty();
  auto deadline = SteadyClock::now() + (started ? lifetime : std::chrono::milliseconds(60'000));
  std::array<char, 4096> chunk{};
  while (true) {
    if (!started && text.find(startLine + "\n") != std::string::npos) {
      started = true;
      deadline = SteadyClock::now() + lifetime;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) break;
    pollfd readable{output.readEnd, POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t got = ::read(output.readEnd, chunk.data(), chunk.size());
    if (got <= 0) break;  // it ended on its own; the caller's checks will say whether that was fine
    text.append(chunk.data(), static_cast<std::size_t>(got));
  }
  ::kill(pid, SIGKILL);
  // Lines written before the kill are still in the pipe.
  ssize_t got = 0;
  while ((got = ::read(output.readEnd, chunk.data(), chunk.size())) > 0)
    text.append(chunk.data(), static_cast<std::size_t>(got));
  closeFd(output.readEnd);
  killAndReap(pid);
  return text;
}

std::string makeReadyForPickup(const std::filesystem::path& centralDb,
                               const std::string& caseUuid) {
  const std::string db = centralDb.string();
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"admin", "--db", db, "decide", caseUuid, "granted"},
        std::vector<std::string>{"admin", "--db", db, "set-state", caseUuid, "awaiting_pickup"}}) {
    const CommandResult result = runCentralCommand(command);
    if (result.exitCode != 0) return command[3] + ": " + result.standardError;
  }
  return {};
}

}  // namespace onewindow::test
