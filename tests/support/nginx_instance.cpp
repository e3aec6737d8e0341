#include "nginx_instance.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/stat.h>

#include "central_process.hpp"
#include "loopback.hpp"
#include "server_child.hpp"

namespace onewindow::test {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kNginx = "/usr/sbin/nginx";
constexpr const char* kOpenssl = "/usr/bin/openssl";
constexpr auto kStartTimeout = std::chrono::seconds(15);
constexpr auto kStopGrace = std::chrono::seconds(5);
constexpr int kStartAttempts = 3;  // a free port may be taken by another test before nginx binds
constexpr std::string_view kMarker = "# setting: ";

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> result;
  std::string word;
  while (in >> word) result.push_back(word);
  return result;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : " ") + part;
  return text;
}

// `directive` ("access_log /var/log/x.log fmt if=$v;") with its first argument replaced.
std::string withFirstArgument(const std::string& directive, const std::string& value,
                              const std::string& setting) {
  std::vector<std::string> parts = words(directive);
  if (parts.size() < 2) {
    throw std::runtime_error("setting " + setting + ": no argument in '" + directive + "'");
  }
  const bool lastOne = parts.size() == 2;
  parts[1] = value + (lastOne ? ";" : "");
  return joined(parts);
}

}  // namespace

std::filesystem::path shippedNginxSite() {
  return std::filesystem::path(ONEWINDOW_SOURCE_DIR) / "installer" / "nginx" /
         "onewindow-central.conf";
}

std::string renderNginxSite(const std::string& siteText, const NginxSiteSettings& settings) {
  if (settings.upstreamPorts.empty()) {
    throw std::invalid_argument("renderNginxSite: at least one upstream port is needed");
  }
  const std::vector<std::string> known{"upstream-server", "http-listen",     "http-listen-ipv6",
                                       "https-redirect",  "https-listen",    "https-listen-ipv6",
                                       "server-name",     "tls-certificate", "tls-key",
                                       "access-log",      "error-log"};
  std::vector<std::string> seen;
  std::istringstream lines(siteText);
  std::ostringstream out;
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t marker = line.find(kMarker);
    if (marker == std::string::npos) {
      out << line << '\n';
      continue;
    }
    std::string setting = line.substr(marker + kMarker.size());
    setting = setting.substr(0, setting.find_first_of(" \t("));
    if (std::find(known.begin(), known.end(), setting) == known.end()) {
      throw std::runtime_error("the nginx site has a setting the fixture does not know: '" +
                               setting + "' in: " + line);
    }
    const bool first = std::find(seen.begin(), seen.end(), setting) == seen.end();
    if (first) seen.push_back(setting);
    const std::string code = line.substr(0, marker);
    const std::size_t start = code.find_first_not_of(" \t");
    if (start == std::string::npos) {
      throw std::runtime_error("setting " + setting + " marks a line without a directive");
    }
    const std::string indent = code.substr(0, start);
    std::string directive = code.substr(start);
    directive.erase(directive.find_last_not_of(" \t") + 1);

    std::vector<std::string> rendered;
    if (setting == "upstream-server") {
      // The first marked line, once per port with its options; the other examples go.
      if (first) {
        for (const int port : settings.upstreamPorts) {
          rendered.push_back(
              withFirstArgument(directive, "127.0.0.1:" + std::to_string(port), setting));
        }
      }
    } else if (setting == "http-listen") {
      rendered.push_back("listen 127.0.0.1:" + std::to_string(settings.httpPort) + ";");
    } else if (setting == "https-listen") {
      rendered.push_back("listen 127.0.0.1:" + std::to_string(settings.httpsPort) + " ssl;");
    } else if (setting == "http-listen-ipv6" || setting == "https-listen-ipv6") {
      // Tests listen on IPv4 loopback only: a machine may have IPv6 switched off.
    } else if (setting == "https-redirect") {
      const std::string from = "https://$host$request_uri";
      const std::size_t at = directive.find(from);
      if (at == std::string::npos) {
        throw std::runtime_error("setting https-redirect: no '" + from + "' in: " + line);
      }
      directive.replace(at, from.size(),
                        "https://$host:" + std::to_string(settings.httpsPort) + "$request_uri");
      rendered.push_back(directive);
    } else if (setting == "server-name") {
      rendered.push_back("server_name localhost 127.0.0.1;");
    } else if (setting == "tls-certificate") {
      rendered.push_back(withFirstArgument(directive, settings.tlsCertificate.string(), setting));
    } else if (setting == "tls-key") {
      rendered.push_back(withFirstArgument(directive, settings.tlsKey.string(), setting));
    } else if (setting == "access-log") {
      rendered.push_back(withFirstArgument(directive, settings.accessLog.string(), setting));
    } else if (setting == "error-log") {
      // "info" in tests: nginx then logs why it closed a client (timeouts, 413 bodies).
      rendered.push_back("error_log " + settings.errorLog.string() + " info;");
    }
    for (const std::string& text : rendered) {
      out << indent << text << "  " << kMarker << setting << " (rendered for a test)\n";
    }
  }
  for (const std::string& setting : known) {
    if (std::find(seen.begin(), seen.end(), setting) == seen.end()) {
      throw std::runtime_error("the nginx site has no line marked '" + std::string(kMarker) +
                               setting + "', which the test fixture renders");
    }
  }
  return out.str();
}

void makeTestCertificates(const std::filesystem::path& directory) {
  const std::string d = directory.string();
  writeFile(directory / "san.ext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
  const std::vector<std::vector<std::string>> commands{
      {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
       "/CN=OneWindow Test CA", "-keyout", d + "/ca.key", "-out", d + "/ca.pem"},
      {"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
       d + "/server.key", "-out", d + "/server.csr"},
      {"x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
       "-CAcreateserial", "-days", "2", "-extfile", d + "/san.ext", "-out", d + "/server.pem"}};
  for (const std::vector<std::string>& arguments : commands) {
    const CommandResult result = runProgram(kOpenssl, arguments, std::chrono::seconds(60));
    if (result.exitCode != 0) {
      throw std::runtime_error("openssl " + arguments[0] + " failed: " + result.standardError);
    }
  }
}

NginxInstance::NginxInstance(NginxOptions options) : options_(std::move(options)) {
  if (::access(kNginx, X_OK) != 0) {
    throw std::runtime_error(std::string(kNginx) +
                             " not found: the nginx tests need Debian's package nginx "
                             "(./x deps installs it)");
  }
  if (options_.tlsCertificate.empty() != options_.tlsKey.empty()) {
    throw std::invalid_argument("NginxOptions: tlsCertificate and tlsKey go together");
  }
  if (options_.siteTemplate.empty()) options_.siteTemplate = shippedNginxSite();
  const std::string siteTemplateText = readFile(options_.siteTemplate);

  if (::geteuid() == 0) {
    // The workers (nobody) must reach the temporary directories below this one; the key
    // stays mode 0600, read by the master (root) alone.
    std::filesystem::permissions(
        dir_.path(), std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                         std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                         std::filesystem::perms::others_exec);
  }
  if (options_.tlsCertificate.empty()) {
    std::filesystem::create_directory(dir_ / "tls");
    makeTestCertificates(dir_ / "tls");
    settings_.tlsCertificate = dir_ / "tls" / "server.pem";
    settings_.tlsKey = dir_ / "tls" / "server.key";
    caCertificate_ = dir_ / "tls" / "ca.pem";
  } else {
    settings_.tlsCertificate = std::filesystem::absolute(options_.tlsCertificate);
    settings_.tlsKey = std::filesystem::absolute(options_.tlsKey);
    caCertificate_ = settings_.tlsCertificate;
  }
  settings_.upstreamPorts = options_.upstreamPorts;
  settings_.accessLog = dir_ / "access.log";
  settings_.errorLog = dir_ / "error.log";
  siteFile_ = dir_ / "onewindow-central.conf";

  for (int attempt = 1;; ++attempt) {
    settings_.httpPort = freeLoopbackPort();
    do {
      settings_.httpsPort = freeLoopbackPort();
    } while (settings_.httpsPort == settings_.httpPort);
    writeConfiguration(siteTemplateText);
    start();
    if (waitUntilListening()) return;
    if (attempt == kStartAttempts) {
      throw std::runtime_error("nginx could not bind free ports in " +
                               std::to_string(kStartAttempts) + " attempts:\n" + errorLogTail());
    }
  }
}

NginxInstance::~NginxInstance() {
  try {
    stop();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

std::string NginxInstance::httpsUrl() const {
  return "https://127.0.0.1:" + std::to_string(settings_.httpsPort);
}

void NginxInstance::writeConfiguration(const std::string& siteTemplateText) {
  writeFile(siteFile_, renderNginxSite(siteTemplateText, settings_));
  const std::string d = dir_.path().string();
  std::string main = "# Written by tests/support/nginx_instance.cpp around the shipped site.\n";
  if (::geteuid() == 0) main += "user nobody nogroup;\n";
  main += "worker_processes " + std::to_string(options_.workerProcesses) +
          ";\n"
          "pid " +
          d +
          "/nginx.pid;\n"
          "error_log " +
          d +
          "/error.log info;\n"
          "events {\n"
          "    worker_connections 768;\n"
          "}\n"
          "http {\n"
          // What Debian's /etc/nginx/nginx.conf sets around its sites, so the site runs as it
          // would in production.
          "    sendfile on;\n"
          "    tcp_nopush on;\n"
          "    types_hash_max_size 2048;\n"
          "    include /etc/nginx/mime.types;\n"
          "    default_type application/octet-stream;\n"
          "    gzip on;\n"
          "    access_log off;\n"
          // Debian's defaults are below /var/lib/nginx: every temporary file of this instance
          // stays in the test's directory instead.
          "    client_body_temp_path " +
          d +
          "/client_body_temp;\n"
          "    proxy_temp_path " +
          d +
          "/proxy_temp;\n"
          "    fastcgi_temp_path " +
          d +
          "/fastcgi_temp;\n"
          "    uwsgi_temp_path " +
          d +
          "/uwsgi_temp;\n"
          "    scgi_temp_path " +
          d +
          "/scgi_temp;\n"
          "    include " +
          siteFile_.string() +
          ";\n"
          "}\n";
  writeFile(dir_ / "nginx.conf", main);
  std::error_code ignored;
  std::filesystem::remove(dir_ / "nginx.pid", ignored);
}

void NginxInstance::start() {
  const std::string d = dir_.path().string();
  ServerChildOptions child;
  child.argv = {kNginx,           "-p", d + "/",      "-c", d + "/nginx.conf", "-e",
                d + "/error.log", "-g", "daemon off;"};
  child.outputFile = dir_ / "nginx-output.log";
  child.workingDirectory = dir_.path();
  child.deathSignal = SIGTERM;  // nginx's fast shutdown; the master stops its workers
  pid_ = spawnServerChild(child);
}

bool NginxInstance::waitUntilListening() {
  const auto deadline = SteadyClock::now() + kStartTimeout;
  const std::filesystem::path pidFile = dir_ / "nginx.pid";
  while (true) {
    if (!running()) {
      const int code = stopServerChild(pid_, SIGKILL, std::chrono::seconds(1));
      pid_ = -1;
      const std::string log = errorLogTail() + fileTail(dir_ / "nginx-output.log");
      if (log.find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("nginx exited at start (" + std::to_string(code) + "):\n" + log +
                               "\n--- " + siteFile_.string());
    }
    // nginx writes its pid file after it has bound every listening socket (it retries a
    // taken port for a few seconds first), so a port that answers before then may be someone
    // else's.
    std::ifstream pidText(pidFile);
    pid_t written = 0;
    if (pidText >> written && written == pid_ && acceptsConnections(settings_.httpsPort) &&
        acceptsConnections(settings_.httpPort)) {
      return true;
    }
    if (SteadyClock::now() >= deadline) {
      stop();
      throw std::runtime_error(
          "nginx did not listen on 127.0.0.1:" + std::to_string(settings_.httpsPort) +
          " within 15 s:\n" + errorLogTail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void NginxInstance::stop() {
  if (pid_ <= 0) return;
  // Looked up before the master goes: once it is gone its workers are no longer its children.
  const std::vector<pid_t> workers = childrenOf(pid_);
  ::kill(pid_, SIGTERM);
  if (!waitForChild(pid_, kStopGrace)) {
    for (const pid_t worker : workers) ::kill(worker, SIGKILL);
    stopServerChild(pid_, SIGKILL, std::chrono::seconds(1));
  }
  pid_ = -1;
}

bool NginxInstance::running() const { return childRunning(pid_); }

std::string NginxInstance::accessLogText() const {
  std::ifstream in(settings_.accessLog, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string NginxInstance::errorLogTail(std::size_t maxBytes) const {
  return fileTail(settings_.errorLog, maxBytes);
}

}  // namespace onewindow::test
