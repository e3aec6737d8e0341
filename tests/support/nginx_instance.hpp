#pragma once
// nginx in front of onewindow-central for tests (DESIGN.md §6 and §11, issue 15): the site
// configuration the project ships, installer/nginx/onewindow-central.conf, rendered with the
// test's ports and paths and run by Debian's nginx (package nginx, /usr/sbin/nginx).
//
//   CentralProcess central(dir / "central.db");
//   central.start();
//   NginxInstance nginx(NginxOptions{{central.port()}});
//   httplib::SSLClient client("127.0.0.1", nginx.httpsPort());
//   client.set_ca_cert_path(nginx.caCertificate().c_str());
//   client.enable_server_certificate_verification(true);
//
// - Rendering changes only the lines of the shipped file marked "# setting: NAME" (listen
//   addresses, the redirect's port, the certificate, the logs, the upstream servers); every
//   other line runs as shipped. A marker the fixture does not know, or a known one missing
//   from the file, is an error: the file and the fixture cannot drift apart silently.
// - The shipped file belongs in nginx's http {} block; the fixture writes the main nginx.conf
//   around it, with the pid file and every temporary path (client bodies, proxy buffers) in
//   its own directory, and starts `nginx -p DIR -c DIR/nginx.conf -e DIR/error.log
//   -g 'daemon off;'` as a child of the test (PR_SET_PDEATHSIG = SIGTERM, nginx's fast
//   shutdown). Ports are free ones picked at start (retried if taken meanwhile); the
//   system's nginx service and its port 80 are never touched.
// - As root (here and in CI) nginx's master stays root (it reads the key and opens the logs)
//   and its workers run as nobody:nogroup, as a production nginx drops to www-data; the
//   directory is made traversable for them. As another user the `user` line is left out.
// - Without a certificate in the options the fixture makes a throwaway CA and a certificate
//   for 127.0.0.1 and localhost signed by it (openssl CLI); caCertificate() names the CA.
// - The constructor throws std::runtime_error (with the error log's tail) when nginx is
//   missing or does not listen within 15 s; the destructor stops it (SIGTERM, then SIGKILL of
//   the master and its workers) and reaps it.

#include <filesystem>
#include <string>
#include <vector>

#include <sys/types.h>

#include "temp_dir.hpp"

namespace onewindow::test {

struct NginxOptions {
  // The central processes, on 127.0.0.1 (the upstream's "server" lines, in this order).
  std::vector<int> upstreamPorts;
  // PEM certificate and key for HTTPS; both empty: the fixture makes them (see above).
  std::filesystem::path tlsCertificate;
  std::filesystem::path tlsKey;
  // nginx worker processes (the machines have 2 cores; Debian's nginx.conf says "auto").
  int workerProcesses = 2;
  // The site file to render; the shipped one by default.
  std::filesystem::path siteTemplate;
};

// What a rendering puts into the marked lines.
struct NginxSiteSettings {
  std::vector<int> upstreamPorts;
  int httpPort = 0;
  int httpsPort = 0;
  std::filesystem::path tlsCertificate;
  std::filesystem::path tlsKey;
  std::filesystem::path accessLog;
  std::filesystem::path errorLog;
};

// The shipped site file with its "# setting:" lines rendered; throws std::runtime_error for
// an unknown or missing marker.
[[nodiscard]] std::string renderNginxSite(const std::string& siteText,
                                          const NginxSiteSettings& settings);

// installer/nginx/onewindow-central.conf in the source tree.
[[nodiscard]] std::filesystem::path shippedNginxSite();

// ca.pem/ca.key and server.pem/server.key (for IP 127.0.0.1 and DNS localhost, signed by the
// CA) in `directory`, made with the openssl CLI. Throws std::runtime_error when openssl fails.
void makeTestCertificates(const std::filesystem::path& directory);

class NginxInstance {
 public:
  explicit NginxInstance(NginxOptions options);
  ~NginxInstance();
  NginxInstance(const NginxInstance&) = delete;
  NginxInstance& operator=(const NginxInstance&) = delete;

  [[nodiscard]] int httpsPort() const { return settings_.httpsPort; }
  [[nodiscard]] int httpPort() const { return settings_.httpPort; }
  [[nodiscard]] std::string httpsUrl() const;  // "https://127.0.0.1:PORT"
  // The CA to trust for httpsPort(): the fixture's own, or the given certificate itself.
  [[nodiscard]] const std::filesystem::path& caCertificate() const { return caCertificate_; }
  [[nodiscard]] const std::filesystem::path& directory() const { return dir_.path(); }
  // The rendered site file, for failure messages.
  [[nodiscard]] const std::filesystem::path& siteFile() const { return siteFile_; }
  [[nodiscard]] const std::filesystem::path& accessLog() const { return settings_.accessLog; }
  [[nodiscard]] std::string accessLogText() const;
  [[nodiscard]] std::string errorLogTail(std::size_t maxBytes = 4000) const;
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] bool running() const;

  // Fast shutdown; running() is false afterwards. The destructor calls it.
  void stop();

 private:
  void writeConfiguration(const std::string& siteTemplateText);
  void start();
  bool waitUntilListening();  // false: a port was taken (retry with others)

  NginxOptions options_;
  TempDir dir_;
  NginxSiteSettings settings_;
  std::filesystem::path caCertificate_;
  std::filesystem::path siteFile_;
  pid_t pid_ = -1;
};

}  // namespace onewindow::test
