// The PostgreSQL fixture (tests/support/postgres_cluster.hpp): a real PostgreSQL 15 from
// Debian's packages in a temporary directory, for central's district storage (issue 15).

#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include "central_process.hpp"
#include "loopback.hpp"
#include "postgres_cluster.hpp"
#include "server_child.hpp"

using namespace onewindow::test;

namespace {

// The real user id of a process, from /proc (the server must not run as root).
int uidOf(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "Uid:") {
      int uid = -1;
      status >> uid;
      return uid;
    }
  }
  return -1;
}

// Gone, or a zombie nobody reaps (a container's first process may not reap orphans).
bool processGone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;
  const std::size_t close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z';
}

bool waitUntilGone(pid_t pid, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!processGone(pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace

TEST_CASE("a private PostgreSQL cluster starts, makes independent databases and psql connects",
          "[central][postgres]") {
  PostgresCluster cluster;
  REQUIRE(cluster.running());
  CHECK(cluster.psql("postgres", "SHOW server_version").starts_with("15."));
  // Speed over durability, as the fixture says.
  CHECK(cluster.psql("postgres", "SHOW fsync") == "off\n");
  CHECK(cluster.psql("postgres", "SHOW server_encoding") == "UTF8\n");
  if (::geteuid() == 0) {
    // PostgreSQL refuses root: the fixture ran it as the postgres account.
    const std::optional<SystemUser> postgres = findSystemUser("postgres");
    REQUIRE(postgres);
    CHECK(uidOf(cluster.pid()) == static_cast<int>(postgres->uid));
  }

  const std::string alpha = cluster.createDatabase("alpha");
  const std::string beta = cluster.createDatabase("beta");
  CHECK(alpha == "postgresql://onewindow@127.0.0.1:" + std::to_string(cluster.port()) + "/alpha");
  CHECK(beta == cluster.url("beta"));
  CHECK_THROWS_AS(cluster.createDatabase("alpha"), std::runtime_error);  // exists
  CHECK_THROWS_AS(cluster.createDatabase("Bad-Name"), std::invalid_argument);

  // The URL is a libpq connection string: psql connects with it alone, over TCP.
  const CommandResult connected =
      runProgram((PostgresCluster::binDirectory() / "psql").string(),
                 {"-X", "-A", "-t", "-d", alpha, "-c", "SELECT current_database(), current_user"});
  INFO(connected.standardError);
  REQUIRE(connected.exitCode == 0);
  CHECK(connected.standardOutput == "alpha|onewindow\n");
  // And over the unix socket in the cluster's directory.
  const CommandResult bySocket =
      runProgram((PostgresCluster::binDirectory() / "psql").string(),
                 {"-X", "-A", "-t", "-d", cluster.socketUrl("beta"), "-c",
                  "SELECT current_database(), inet_server_addr() IS NULL"});
  INFO(bySocket.standardError);
  REQUIRE(bySocket.exitCode == 0);
  CHECK(bySocket.standardOutput == "beta|t\n");

  // Two databases of one cluster share nothing a central process would see.
  cluster.psql("alpha", "CREATE TABLE cases (uuid text PRIMARY KEY, applicant text)");
  cluster.psql("alpha",
               "INSERT INTO cases VALUES ('5b0e6a4e-1c2d-4e5f-8a9b-000000000001', '张三')");
  CHECK(cluster.psql("alpha", "SELECT applicant FROM cases") == "张三\n");
  CHECK_THROWS_WITH(cluster.psql("beta", "SELECT count(*) FROM cases"),
                    Catch::Contains("does not exist"));
  cluster.psql("beta", "CREATE TABLE cases (uuid text PRIMARY KEY, applicant text)");
  CHECK(cluster.psql("beta", "SELECT count(*) FROM cases") == "0\n");
  CHECK(cluster.psql("alpha", "SELECT count(*) FROM cases") == "1\n");

  // Stopping leaves no server process and frees the port.
  const pid_t server = cluster.pid();
  const std::vector<pid_t> backends = childrenOf(server);
  CHECK_FALSE(backends.empty());  // checkpointer, walwriter, ...
  cluster.stop();
  CHECK_FALSE(cluster.running());
  CHECK(processGone(server));
  for (const pid_t backend : backends) CHECK(waitUntilGone(backend, std::chrono::seconds(5)));
  CHECK_FALSE(acceptsConnections(cluster.port()));
}

TEST_CASE("a PostgreSQL cluster dies with the test process that started it",
          "[central][postgres]") {
  // A child process plays a test that crashes: it starts a cluster, says which server it
  // runs, and is killed without any destructor running.
  std::array<int, 2> channel{};
  REQUIRE(::pipe(channel.data()) == 0);
  const pid_t test = ::fork();
  REQUIRE(test >= 0);
  if (test == 0) {
    ::close(channel[0]);
    try {
      PostgresCluster cluster;
      const std::string said = std::to_string(cluster.pid()) + " " +
                               std::to_string(cluster.port()) + " " +
                               cluster.dataDirectory().parent_path().string() + "\n";
      [[maybe_unused]] const ssize_t written = ::write(channel[1], said.data(), said.size());
      ::kill(::getpid(), SIGKILL);
    } catch (...) {
    }
    ::_exit(1);
  }
  ::close(channel[1]);
  std::string said;
  std::array<char, 512> buffer{};
  ssize_t got = 0;
  while ((got = ::read(channel[0], buffer.data(), buffer.size())) > 0) {
    said.append(buffer.data(), static_cast<std::size_t>(got));
  }
  ::close(channel[0]);
  int status = 0;
  REQUIRE(::waitpid(test, &status, 0) == test);
  INFO("the crashing test said: " << said);
  REQUIRE(WIFSIGNALED(status));
  std::istringstream fields(said);
  pid_t server = 0;
  int port = 0;
  std::string directory;
  REQUIRE(fields >> server >> port >> directory);

  CHECK(waitUntilGone(server, std::chrono::seconds(20)));
  CHECK_FALSE(acceptsConnections(port));
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);  // its TempDir never ran its destructor
}
