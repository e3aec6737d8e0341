// District figures (issue 15), printed, never pass/fail, in one run:
//  1. the district drain: S stations (default 50), each the real workstation engine in a
//     process of its own with C queued cases (default 40) of 3 x 100 KB scanned pages, all
//     starting at once, through Debian's nginx (the shipped site file, TLS) to two
//     onewindow-central processes sharing one PostgreSQL 15 database and one data directory;
//  2. the same drain (the same outboxes, copied before the first run) against ONE
//     onewindow-central on its embedded SQLite file, without nginx;
//  3. the single-station drain next to curl with 1 and 4 connections: bench_sync itself, run
//     as a child with S x C cases, its output shown as it prints it.
// For 1 and 2: cases per second (from the moment the stations start, logins included, to the
// last station's empty outbox), request latency measured in front of central, and the peak
// memory of every process (VmHWM from /proc/PID/status while it still runs; the stations'
// from getrusage when they exit).
//
// Latency, where it is measured: in the district, nginx's access log (the shipped format):
// rt = $request_time (first request byte from the station to the last reply byte sent to it;
// includes reading the body and TLS) and urt = $upstream_response_time (central's own time,
// PostgreSQL included). central on SQLite logs no durations, so that run goes through a small
// plain-TCP relay in this program, standing where nginx stands: the time from a request's first
// byte to the last byte of its reply, like rt (HTTP/1.1 takes turns on a connection, so a
// request is the client's turn and its reply the server's). Health probes are left out of both,
// as nginx's log leaves out the successful ones. The relay is one more loopback hop that the
// SQLite run pays (a thread per connection in this process).
//
// Usage: bench_district [STATIONS] [CASES] [DIR]
//        bench_district --station PROFILE URL [CA]   (one station; the bench starts these)

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "central_process.hpp"
#include "district_station.hpp"
#include "localdb/case_repository.hpp"
#include "localdb/iso_time.hpp"
#include "localdb/material_store.hpp"
#include "localdb/workstation_store.hpp"
#include "nginx_instance.hpp"
#include "postgres_cluster.hpp"
#include "sample_store.hpp"
#include "server_child.hpp"

using namespace onewindow;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kPageBytes = 100 * 1024;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double mib(long kib) { return static_cast<double>(kib) / 1024.0; }

// A "kB" line of /proc/PID/status (VmHWM: the peak resident set) or smaps_rollup (Pss); -1 when
// it cannot be read.
long procKib(pid_t pid, const char* file, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + file);
  const std::string prefix = std::string(field) + ":";
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) return std::atol(line.c_str() + prefix.size());
  }
  return -1;
}
long peakKib(pid_t pid) { return procKib(pid, "status", "VmHWM"); }

struct Percentiles {
  std::size_t count = 0;
  double p50 = 0;
  double p99 = 0;
};

Percentiles percentiles(std::vector<double> values) {
  Percentiles result;
  result.count = values.size();
  if (values.empty()) return result;
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
  };
  result.p50 = at(0.50);
  result.p99 = at(0.99);
  return result;
}

// The outboxes: S station profiles with C finalized cases each, 3 distinct 100 KB pages per
// case, written as the engine writes a finalized case (tests/samples/sample_store.hpp).
std::vector<std::filesystem::path> fillOutboxes(const std::filesystem::path& dir, int stations,
                                                int cases) {
  std::vector<std::filesystem::path> profiles;
  std::mt19937_64 random(1);
  std::string page(kPageBytes, '\0');
  const auto now = std::chrono::system_clock::now();
  const localdb::Actor clerk{"c1001", localdb::isoUtc(now)};
  const test::SampleIntake intake = test::sampleIntake(test::kSampleMatter, now);
  for (int s = 0; s < stations; ++s) {
    char name[32];
    std::snprintf(name, sizeof name, "station-%03d", s);
    const std::filesystem::path profile = dir / name;
    std::filesystem::create_directories(profile);
    localdb::WorkstationStore store(profile / "workstation.db");
    localdb::MaterialStore materials(profile / "materials");
    localdb::CaseRepository repository(store.database());
    (void)store.stationId(clerk.at);
    for (int i = 0; i < cases; ++i) {
      char uuid[48];
      std::snprintf(uuid, sizeof uuid, "d1570000-%04x-4000-8000-%012x",
                    static_cast<unsigned>(s) & 0xffffU, static_cast<unsigned>(i));
      std::vector<std::vector<localdb::PageInput>> pages;
      for (std::size_t slot = 0; slot < intake.slots.size(); ++slot) {
        for (std::size_t k = 0; k < page.size(); k += 8) {
          const std::uint64_t value = random();
          std::memcpy(page.data() + k, &value, std::min<std::size_t>(8, page.size() - k));
        }
        const auto stored = materials.put(std::as_bytes(std::span(page.data(), page.size())));
        pages.push_back({{stored.sha256, stored.size, "image/jpeg"}});
      }
      test::storeSampleCase(repository, intake, uuid, "申请人", clerk, pages);
    }
    profiles.push_back(profile);
  }
  return profiles;
}

// A plain TCP relay on 127.0.0.1 in front of one central process, timing each request from
// its first byte to the last byte of the reply (see the top of the file). A thread per
// connection; blocking writes (central reads a whole request before it answers).
class TimingRelay {
 public:
  explicit TimingRelay(int upstreamPort) : upstreamPort_(upstreamPort) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 1024) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      std::perror("relay");
      std::exit(1);
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { acceptLoop(); });
  }
  ~TimingRelay() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    acceptor_.join();
    ::close(listener_);
    for (std::thread& connection : connections_) connection.join();
  }
  TimingRelay(const TimingRelay&) = delete;
  TimingRelay& operator=(const TimingRelay&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::vector<double> milliseconds() {
    std::lock_guard lock(mutex_);
    return durations_;
  }

 private:
  void acceptLoop() {
    while (!stopping_) {
      const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) {
        if (stopping_) return;
        continue;
      }
      connections_.emplace_back([this, client] { relay(client); });
    }
  }

  static bool writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      if (sent <= 0) return false;
      data += sent;
      size -= static_cast<std::size_t>(sent);
    }
    return true;
  }

  void relay(int client) {
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(upstreamPort_));
    const int yes = 1;
    ::setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    if (::connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(server);
      ::close(client);
      return;
    }
    std::vector<char> buffer(64 * 1024);
    bool inRequest = false;
    bool answered = false;
    std::string head;  // the request's first bytes, to leave health probes out
    Clock::time_point started;
    Clock::time_point lastReplyByte;
    const auto finish = [&] {
      if (inRequest && answered && !head.starts_with("GET /api/v1/health ")) {
        std::lock_guard lock(mutex_);
        durations_.push_back(
            std::chrono::duration<double, std::milli>(lastReplyByte - started).count());
      }
      inRequest = false;
    };
    std::array<pollfd, 2> fds{pollfd{client, POLLIN, 0}, pollfd{server, POLLIN, 0}};
    while (!stopping_) {
      const int ready = ::poll(fds.data(), fds.size(), 200);
      if (ready < 0 && errno != EINTR) break;
      if (ready <= 0) continue;
      if (fds[0].revents != 0) {
        const ssize_t got = ::read(client, buffer.data(), buffer.size());
        if (got <= 0) break;
        if (!inRequest || answered) {  // the client's turn again: a new request
          finish();
          inRequest = true;
          answered = false;
          started = Clock::now();
          head.clear();
        }
        if (head.size() < 32) head.append(buffer.data(), static_cast<std::size_t>(got));
        if (!writeAll(server, buffer.data(), static_cast<std::size_t>(got))) break;
      }
      if (fds[1].revents != 0) {
        const ssize_t got = ::read(server, buffer.data(), buffer.size());
        if (got <= 0) break;
        if (!writeAll(client, buffer.data(), static_cast<std::size_t>(got))) break;
        if (inRequest) {
          answered = true;
          lastReplyByte = Clock::now();
        }
      }
    }
    finish();
    ::close(server);
    ::close(client);
  }

  int upstreamPort_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::vector<std::thread> connections_;  // only the acceptor adds; joined after it ended
  std::mutex mutex_;
  std::vector<double> durations_;
};

struct StationFigures {
  double loggedInSeconds = 0;  // from the start until the last station's login finished
  double drainSeconds = 0;     // from the start until the last station's outbox was empty
  int drained = 0;
  std::vector<long> peakKib;  // each station process's max RSS
};

// Starts one process per profile at once (this program with --station), waits until each has
// said DRAINED (or ended), calls `whileRunning` (the servers' memory is read while they run),
// then stops them and collects each one's peak memory.
StationFigures drainStations(const std::vector<std::filesystem::path>& profiles,
                             const std::string& url, const std::string& ca,
                             const std::function<void()>& whileRunning) {
  struct Child {
    pid_t pid = -1;
    int output = -1;
    std::string text;
    bool loggedIn = false;
    bool drained = false;
    bool ended = false;
  };
  std::vector<Child> children(profiles.size());
  const pid_t parent = ::getpid();
  const auto started = Clock::now();
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) std::exit(1);
    const std::string profile = profiles[i].string();
    const std::string log = (profiles[i] / "station.log").string();
    const pid_t pid = ::fork();
    if (pid == 0) {
      // The station dies with the bench.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(fds[1], STDOUT_FILENO);
      const int logFd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (logFd >= 0) ::dup2(logFd, STDERR_FILENO);
      ::execl("/proc/self/exe", "bench_district", "--station", profile.c_str(), url.c_str(),
              ca.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    children[i].pid = pid;
    children[i].output = fds[0];
  }
  StationFigures figures;
  const auto hangGuard = started + std::chrono::minutes(60);
  std::size_t open = children.size();
  int loggedIn = 0;
  while (open > 0 && figures.drained < static_cast<int>(children.size()) &&
         Clock::now() < hangGuard) {
    std::vector<pollfd> fds;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (children[i].ended || children[i].drained) continue;
      fds.push_back({children[i].output, POLLIN, 0});
      which.push_back(i);
    }
    if (fds.empty()) break;
    if (::poll(fds.data(), fds.size(), 1000) <= 0) continue;
    for (std::size_t k = 0; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      Child& child = children[which[k]];
      char chunk[256];
      const ssize_t got = ::read(child.output, chunk, sizeof chunk);
      if (got <= 0) {
        child.ended = true;
        --open;
        continue;
      }
      child.text.append(chunk, static_cast<std::size_t>(got));
      if (!child.loggedIn && child.text.find("LOGGED-IN\n") != std::string::npos) {
        child.loggedIn = true;
        if (++loggedIn == static_cast<int>(children.size()))
          figures.loggedInSeconds = seconds(Clock::now() - started);
      }
      if (!child.drained && child.text.find("DRAINED\n") != std::string::npos) {
        child.drained = true;
        ++figures.drained;
        figures.drainSeconds = seconds(Clock::now() - started);
      }
    }
  }
  whileRunning();
  for (Child& child : children) {
    ::kill(child.pid, SIGTERM);
    int status = 0;
    rusage usage{};
    ::wait4(child.pid, &status, 0, &usage);
    figures.peakKib.push_back(usage.ru_maxrss);
    ::close(child.output);
  }
  return figures;
}

struct ProcessPeak {
  std::string name;
  long kib = -1;
};

void printRun(const char* title, int total, const StationFigures& stations,
              const std::vector<ProcessPeak>& servers, const std::string& latency) {
  std::printf("%s\n", title);
  std::printf(
      "  drain: %d of %zu stations emptied their outbox; %d cases in %.1f s = %.1f cases/s"
      " (all logged in after %.1f s)\n",
      stations.drained, stations.peakKib.size(), total, stations.drainSeconds,
      total / stations.drainSeconds, stations.loggedInSeconds);
  std::printf("%s", latency.c_str());
  std::printf("  peak memory (VmHWM):\n");
  for (const ProcessPeak& server : servers) {
    std::printf("    %-44s %8.1f MiB\n", server.name.c_str(), mib(server.kib));
  }
  long most = 0;
  long sum = 0;
  for (const long kib : stations.peakKib) {
    most = std::max(most, kib);
    sum += kib;
  }
  std::printf(
      "    %-44s %8.1f MiB largest, %.1f MiB mean, %.1f MiB together\n",
      ("stations (" + std::to_string(stations.peakKib.size()) + " processes, max RSS)").c_str(),
      mib(most), mib(sum) / static_cast<double>(std::max<std::size_t>(1, stations.peakKib.size())),
      mib(sum));
}

// rt= and urt= of nginx's access log (the shipped onewindow_central format). urt of a request
// nginx sent to a second process is the sum of both attempts; "-" (nginx answered itself) is
// left out of urt.
std::string nginxLatency(const std::string& log) {
  std::vector<double> rt;
  std::vector<double> urt;
  int status5xx = 0;
  int gaveUp = 0;  // 499: the station stopped waiting (its own timeout) before the reply
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t r = line.find(" rt=");
    if (r == std::string::npos) continue;
    rt.push_back(1000.0 * std::atof(line.c_str() + r + 4));
    const std::size_t u = line.find(" urt=");
    const std::size_t end = line.find(" up=");
    if (u != std::string::npos && end != std::string::npos) {
      double sum = 0;
      bool any = false;
      std::istringstream parts(line.substr(u + 5, end - u - 5));
      for (std::string part; std::getline(parts, part, ',');) {
        if (part.find_first_of("0123456789") == std::string::npos) continue;
        sum += std::atof(part.c_str());
        any = true;
      }
      if (any) urt.push_back(1000.0 * sum);
    }
    if (line.find("\" 5") != std::string::npos) ++status5xx;
    if (line.find("\" 499 ") != std::string::npos) ++gaveUp;
  }
  const Percentiles total = percentiles(rt);
  const Percentiles upstream = percentiles(urt);
  char text[512];
  std::snprintf(text, sizeof text,
                "  latency (nginx access log, %zu requests, health probes answered 200 not "
                "logged; %d answered 5xx, %d given up by the station before the reply (499)):\n"
                "    rt  (at nginx, whole request):  p50 %.1f ms, p99 %.1f ms\n"
                "    urt (in central, PostgreSQL included):  p50 %.1f ms, p99 %.1f ms\n",
                total.count, status5xx, gaveUp, total.p50, total.p99, upstream.p50, upstream.p99);
  return text;
}

int runBenchSync(int cases, const std::filesystem::path& dir) {
  const std::string command = std::string("'") + ONEWINDOW_BENCH_SYNC + "' " +
                              std::to_string(cases) + " '" + dir.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char line[1024];
  while (std::fgets(line, sizeof line, pipe) != nullptr) std::printf("  %s", line);
  return ::pclose(pipe);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::string(argv[1]) == "--station") {
    return test::runDistrictStation(argv[2], argv[3], argc > 4 ? argv[4] : "", false);
  }
  const int stationCount = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  const int caseCount = argc > 2 ? std::max(1, std::atoi(argv[2])) : 40;
  const std::filesystem::path dir =
      argc > 3 ? argv[3] : std::filesystem::current_path() / "bench-district";
  const int total = stationCount * caseCount;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  std::printf("outboxes: %d stations x %d cases = %d cases, 3 x 100 KB pages each (%.0f MiB)\n",
              stationCount, caseCount, total,
              static_cast<double>(total) * 3 * kPageBytes / (1024.0 * 1024.0));
  std::fflush(stdout);
  const auto pristine = fillOutboxes(dir / "outboxes", stationCount, caseCount);
  const auto copyOutboxes = [&](const std::filesystem::path& to) {
    std::vector<std::filesystem::path> profiles;
    for (const auto& profile : pristine) {
      std::filesystem::create_directories(to);
      std::filesystem::copy(profile, to / profile.filename(),
                            std::filesystem::copy_options::recursive);
      profiles.push_back(to / profile.filename());
    }
    return profiles;
  };

  // 1. The district: PostgreSQL, two central processes, nginx.
  {
    const auto profiles = copyOutboxes(dir / "district" / "stations");
    test::PostgresCluster cluster;
    test::CentralOptions options;
    options.database = cluster.createDatabase("district");
    std::filesystem::create_directories(dir / "district" / "data");
    options.extraArguments = {"--data-dir", (dir / "district" / "data").string()};
    std::filesystem::create_directories(dir / "district" / "central-1");
    std::filesystem::create_directories(dir / "district" / "central-2");
    test::CentralProcess first(dir / "district" / "central-1" / "central.db", options);
    test::CentralProcess second(dir / "district" / "central-2" / "central.db", options);
    first.start();
    second.start();
    test::NginxInstance nginx(test::NginxOptions{{first.port(), second.port()}});
    std::vector<ProcessPeak> peaks;
    const StationFigures stations =
        drainStations(profiles, nginx.httpsUrl(), nginx.caCertificate().string(), [&] {
          peaks.push_back({"central 1 (PostgreSQL)", peakKib(first.pid())});
          peaks.push_back({"central 2 (PostgreSQL)", peakKib(second.pid())});
          peaks.push_back({"nginx master", peakKib(nginx.pid())});
          int worker = 0;
          for (const pid_t pid : test::childrenOf(nginx.pid()))
            peaks.push_back({"nginx worker " + std::to_string(++worker), peakKib(pid)});
          long sum = 0;
          long most = 0;
          long pss = 0;
          const std::vector<pid_t> backends = test::childrenOf(cluster.pid());
          for (const pid_t pid : backends) {
            const long kib = peakKib(pid);
            sum += std::max(0L, kib);
            most = std::max(most, kib);
            pss += std::max(0L, procKib(pid, "smaps_rollup", "Pss"));
          }
          peaks.push_back({"postgres postmaster", peakKib(cluster.pid())});
          peaks.push_back({"postgres children (" + std::to_string(backends.size()) +
                               ": backends, writers), largest",
                           most});
          peaks.push_back({"postgres children, sum of VmHWM (*)", sum});
          peaks.push_back({"postgres children, Pss now, together (*)", pss});
        });
    peaks.push_back({"bench process (starts the stations)", peakKib(::getpid())});
    const std::string latency = nginxLatency(nginx.accessLogText());
    printRun(("1. district: " + std::to_string(stationCount) +
              " stations -> nginx (TLS) -> 2 central processes -> PostgreSQL 15")
                 .c_str(),
             total, stations, peaks, latency);
    std::printf(
        "  (*) each postgres process's VmHWM counts the shared buffers it touched, so the sum "
        "counts them many times; Pss shares them out)\n");
    std::fflush(stdout);
  }
  std::filesystem::remove_all(dir / "district");

  // 2. One central on its embedded SQLite file, no nginx (the relay only times requests).
  {
    const auto profiles = copyOutboxes(dir / "sqlite" / "stations");
    std::filesystem::create_directories(dir / "sqlite" / "central");
    test::CentralProcess central(dir / "sqlite" / "central" / "central.db");
    central.start();
    std::vector<ProcessPeak> peaks;
    std::vector<double> milliseconds;
    StationFigures stations;
    {
      TimingRelay relay(central.port());
      stations =
          drainStations(profiles, "http://127.0.0.1:" + std::to_string(relay.port()), "", [&] {
            peaks.push_back({"central (SQLite)", peakKib(central.pid())});
          });
      central.stop();  // ends the relay's connections to it
      milliseconds = relay.milliseconds();
    }
    peaks.push_back({"bench process (starts the stations, relay)", peakKib(::getpid())});
    const Percentiles timed = percentiles(milliseconds);
    char latency[512];
    std::snprintf(latency, sizeof latency,
                  "  latency (relay in front of central, %zu requests, health probes left out):\n"
                  "    request's first byte to reply's last byte:  p50 %.1f ms, p99 %.1f ms\n",
                  timed.count, timed.p50, timed.p99);
    printRun(("2. one central on SQLite: " + std::to_string(stationCount) +
              " stations -> central (plain HTTP, no nginx)")
                 .c_str(),
             total, stations, peaks, latency);
    std::fflush(stdout);
  }
  std::filesystem::remove_all(dir / "sqlite");
  std::filesystem::remove_all(dir / "outboxes");

  // 3. One station against curl: bench_sync as it is, with S x C cases.
  std::printf("3. one station, %d cases, next to curl (bench_sync %d):\n", total, total);
  std::fflush(stdout);
  const int status = runBenchSync(total, dir / "single");
  if (status != 0) std::printf("  bench_sync ended with status %d\n", status);
  std::filesystem::remove_all(dir);
  return 0;
}
