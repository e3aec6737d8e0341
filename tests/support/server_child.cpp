#include "server_child.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/prctl.h>
#include <sys/wait.h>

namespace onewindow::test {
namespace {

using SteadyClock = std::chrono::steady_clock;

int decodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// async-signal-safe: used between fork and exec.
void writeMessage(const char* text) {
  [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
}

}  // namespace

std::optional<SystemUser> findSystemUser(const std::string& name) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 ||
      found == nullptr) {
    return std::nullopt;
  }
  return SystemUser{name, found->pw_uid, found->pw_gid};
}

pid_t spawnServerChild(const ServerChildOptions& options) {
  if (options.argv.empty()) throw std::invalid_argument("spawnServerChild: no program");
  // Everything the child needs is prepared before fork(): the test process may have threads,
  // so the child makes only async-signal-safe calls.
  std::vector<std::string> argvStrings = options.argv;
  std::vector<char*> argv;
  for (std::string& argument : argvStrings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const std::string workingDirectory = options.workingDirectory.string();

  const int outputFd =
      ::open(options.outputFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (outputFd < 0) {
    throw std::runtime_error("open " + options.outputFile.string() + ": " + std::strerror(errno));
  }
  const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string why = std::strerror(errno);
    ::close(outputFd);
    if (devNull >= 0) ::close(devNull);
    throw std::runtime_error("fork: " + why);
  }
  if (pid == 0) {
    ::dup2(devNull, STDIN_FILENO);
    ::dup2(outputFd, STDOUT_FILENO);
    ::dup2(outputFd, STDERR_FILENO);
    if (options.runAs) {
      // Group first: after setuid the child may no longer change it.
      if (::setgroups(0, nullptr) != 0 || ::setgid(options.runAs->gid) != 0 ||
          ::setuid(options.runAs->uid) != 0) {
        writeMessage("server_child: cannot switch to the server's user\n");
        ::_exit(126);
      }
    }
    // After the switch of user: the kernel clears the parent-death signal when the
    // credentials change.
    ::prctl(PR_SET_PDEATHSIG, options.deathSignal);
    if (::getppid() != parent) ::_exit(127);  // the test died before prctl took effect
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (const int signal : {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGPIPE, SIGCHLD}) {
      ::signal(signal, SIG_DFL);
    }
    if (!workingDirectory.empty() && ::chdir(workingDirectory.c_str()) != 0) {
      writeMessage("server_child: cannot change to the working directory\n");
      ::_exit(126);
    }
    ::execv(argv[0], argv.data());
    writeMessage("server_child: exec of the program failed\n");
    ::_exit(127);
  }
  ::close(outputFd);
  if (devNull >= 0) ::close(devNull);
  return pid;
}

std::optional<int> waitForChild(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return decodeWaitStatus(status);
    if (done < 0 && errno != EINTR) return -1;  // not our child (any more)
    if (SteadyClock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int stopServerChild(pid_t pid, int signal, std::chrono::milliseconds grace) {
  if (pid <= 0) return -1;
  ::kill(pid, signal);
  if (const std::optional<int> code = waitForChild(pid, grace)) return *code;
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return decodeWaitStatus(status);
}

bool childRunning(pid_t pid) {
  if (pid <= 0) return false;
  siginfo_t info{};
  // WNOWAIT: look without reaping, so the exit code stays for the one who stops it.
  if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return false;
  }
  return info.si_pid == 0;
}

std::vector<pid_t> childrenOf(pid_t pid) {
  std::vector<pid_t> children;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    std::getline(stat, text);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the
    // last ')'.
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 1));
    std::string state;
    pid_t parent = 0;
    rest >> state >> parent;
    if (parent == pid) children.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return children;
}

std::string fileTail(const std::filesystem::path& file, std::size_t maxBytes) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() <= maxBytes ? all : all.substr(all.size() - maxBytes);
}

}  // namespace onewindow::test
