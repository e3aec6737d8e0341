#pragma once
// Starting and stopping the real servers that fixtures run (nginx, PostgreSQL), the way
// central_process.cpp runs onewindow-central: fork+exec from the test's main thread with
// PR_SET_PDEATHSIG, so a test that crashes or is killed takes its servers with it, and every
// child is reaped. Optionally as another user: PostgreSQL refuses to run as root, and the
// tests run as root here and in CI.

#include <chrono>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace onewindow::test {

// A system account to run a child as (getpwnam).
struct SystemUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
};
[[nodiscard]] std::optional<SystemUser> findSystemUser(const std::string& name);

struct ServerChildOptions {
  std::vector<std::string> argv;           // argv[0] is the program's absolute path
  std::filesystem::path outputFile;        // stdout and stderr are appended to it
  std::filesystem::path workingDirectory;  // empty: the test's own
  std::optional<SystemUser> runAs;         // switch to this user first (needs root)
  // Sent to the child when the thread that started it ends (the test died). PostgreSQL wants
  // SIGINT (fast shutdown), nginx SIGTERM (fast shutdown).
  int deathSignal = SIGTERM;
};

// fork+exec; throws std::runtime_error when fork fails. An exec that fails ends the child
// with status 127 and a line in outputFile.
[[nodiscard]] pid_t spawnServerChild(const ServerChildOptions& options);

// Waits until the child exits or `timeout` passes; its exit code (128+N for signal N), or
// nothing while it still runs. Reaps it.
[[nodiscard]] std::optional<int> waitForChild(pid_t pid, std::chrono::milliseconds timeout);

// `signal`, up to `grace` for it to exit, then SIGKILL; always reaps. Returns the exit code.
int stopServerChild(pid_t pid, int signal, std::chrono::milliseconds grace);

// Whether the child still runs (without reaping it).
[[nodiscard]] bool childRunning(pid_t pid);

// The pids of the processes whose parent is `pid` (nginx's workers), from /proc.
[[nodiscard]] std::vector<pid_t> childrenOf(pid_t pid);

// The last `maxBytes` of a text file (a server's log), empty when it cannot be read.
[[nodiscard]] std::string fileTail(const std::filesystem::path& file, std::size_t maxBytes = 4000);

}  // namespace onewindow::test
