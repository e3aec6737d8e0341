#pragma once
// The reference central server as a child of a bench program: started on a free port with its
// database in `db`, its stderr log (one line per request) kept beside the database instead of
// flooding the figures. Exits the bench when central does not announce its port.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace onewindow::bench {

struct CentralChild {
  pid_t pid = -1;
  int port = 0;
};

// `extra` follows "--port 0 --db DB" on central's command line.
inline CentralChild startCentralChild(const std::filesystem::path& db,
                                      const std::vector<std::string>& extra) {
  std::vector<std::string> arguments{"onewindow-central", "--port", "0", "--db", db.string()};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe(fds) != 0) std::exit(1);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    const std::string log = (db.parent_path() / "central.log").string();
    const int logFd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (logFd >= 0) ::dup2(logFd, STDERR_FILENO);
    ::execv(ONEWINDOW_CENTRAL_BINARY, argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string line;
  char c = 0;
  while (::read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(fds[0]);
  std::smatch match;
  if (!std::regex_search(line, match, std::regex(":([0-9]+)$"))) {
    std::fprintf(stderr, "central did not start: %s\n", line.c_str());
    std::exit(1);
  }
  return {pid, std::stoi(match[1])};
}

inline void stopCentralChild(const CentralChild& central) {
  ::kill(central.pid, SIGTERM);
  ::waitpid(central.pid, nullptr, 0);
}

}  // namespace onewindow::bench
