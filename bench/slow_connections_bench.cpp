// Health-check latency while slow and idle clients hold connections (issue 15), printed, never
// pass/fail: the reference server with its default bounds and 8 workers, first alone, then
// with 200 idle connections and 50 clients trickling one header line every 200 ms. Each
// health check opens a fresh connection, as a workstation does after its connection closed.
// Usage: bench_slow_connections [CHECKS]   (default 300 checks per phase, 10 ms apart)

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "central_child.hpp"

using Clock = std::chrono::steady_clock;

namespace {

using Central = onewindow::bench::CentralChild;

// The defaults but a header timeout long enough that no trickler is cut off while measuring:
// the figure is about a server whose connections are all taken.
Central startCentral(const std::filesystem::path& dir) {
  return onewindow::bench::startCentralChild(dir / "central.db",
                                             {"--header-timeout", "600", "--idle-timeout", "600"});
}

int connectTo(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

void sendAll(int fd, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

// One GET /api/v1/health on a fresh connection; milliseconds until the whole reply is in, or
// -1 when it fails or takes over 30 s.
double healthCheck(int port) {
  const auto started = Clock::now();
  const int fd = connectTo(port);
  sendAll(fd, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  std::string reply;
  char chunk[4096];
  for (;;) {
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 30000) <= 0) break;
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    reply.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (!reply.starts_with("HTTP/1.1 200 ")) return -1;
  return std::chrono::duration<double, std::milli>(Clock::now() - started).count();
}

void measure(const char* label, int port, int checks) {
  std::vector<double> latencies;
  int failed = 0;
  for (int i = 0; i < checks; ++i) {
    const double ms = healthCheck(port);
    if (ms < 0) {
      ++failed;
    } else {
      latencies.push_back(ms);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::sort(latencies.begin(), latencies.end());
  const auto at = [&](double quantile) {
    if (latencies.empty()) return -1.0;
    return latencies[std::min(latencies.size() - 1,
                              static_cast<std::size_t>(quantile * latencies.size()))];
  };
  std::printf("%-44s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%zu checks, %d failed)\n", label,
              at(0.5), at(0.99), latencies.empty() ? -1.0 : latencies.back(), latencies.size(),
              failed);
}

}  // namespace

int main(int argc, char** argv) {
  const int checks = argc > 1 ? std::max(1, std::atoi(argv[1])) : 300;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("bench-slow-connections-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // 250 client sockets plus the checks' own.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }

  const Central central = startCentral(dir);
  std::printf("bench_slow_connections: onewindow-central on port %d, %d health checks a phase\n",
              central.port, checks);
  measure("health, no other connections:", central.port, checks);

  std::vector<int> idle;
  for (int i = 0; i < 200; ++i) idle.push_back(connectTo(central.port));
  std::vector<int> trickling;
  for (int i = 0; i < 50; ++i) {
    trickling.push_back(connectTo(central.port));
    sendAll(trickling.back(), "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  std::atomic<bool> stop{false};
  std::thread trickler([&] {
    for (int line = 0; !stop; ++line) {
      for (const int fd : trickling) {
        sendAll(fd, "X-Trickle-" + std::to_string(line) + ": still typing\r\n");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  measure("health, 200 idle + 50 trickling connections:", central.port, checks);

  // How many of the 250 the server still held at the end (all, with these long bounds).
  int open = 0;
  for (const int fd : idle) {
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 0) == 0) ++open;
  }
  for (const int fd : trickling) {
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 0) == 0) ++open;
  }
  std::printf("slow connections still open after measuring: %d of 250\n", open);

  stop = true;
  trickler.join();
  for (const int fd : idle) ::close(fd);
  for (const int fd : trickling) ::close(fd);
  onewindow::bench::stopCentralChild(central);
  std::filesystem::remove_all(dir);
  return 0;
}
