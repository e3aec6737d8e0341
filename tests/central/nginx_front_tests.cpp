// nginx in front of the reference server, with the site configuration the project ships
// (installer/nginx/onewindow-central.conf, issue 15): TLS, request buffering, central's size
// limits, upstream keep-alive, the client's address and retries only where they are safe.
// Everything is real: Debian's nginx, onewindow-central processes on SQLite files (one per
// process: two processes must not share one SQLite file over several hosts, and a district
// shares PostgreSQL instead), OpenSSL on the client side.

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "central_process.hpp"
#include "loopback.hpp"
#include "nginx_instance.hpp"
#include "server_child.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMiB = 1024 * 1024;
constexpr std::size_t kMaxRequestBytes = kMiB;        // central's max-request-bytes
constexpr std::size_t kMaxMaterialBytes = 20 * kMiB;  // central's max-material-bytes
constexpr const char* kOctets = "application/octet-stream";

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// A server writes its log line for a request after the reply has gone out: wait until `text`
// has `expected` lines with `needle` (or the timeout), and return how many it has then.
std::size_t waitForCount(const std::function<std::string()>& text, const std::string& needle,
                         std::size_t expected, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const std::size_t count = occurrences(text(), needle);
    if (count >= expected || std::chrono::steady_clock::now() >= deadline) return count;
    std::this_thread::sleep_for(20ms);
  }
}

std::string centralLog(const CentralProcess& central) { return central.logTail(64 * kMiB); }

// An HTTPS client of nginx that trusts the fixture's CA (and nothing else).
void trustNginx(httplib::Client& client, const NginxInstance& nginx) {
  client.set_ca_cert_path(nginx.caCertificate().c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(30, 0);
  client.set_write_timeout(30, 0);
}

// One workstation talking to central through nginx over HTTPS (sync_test_helpers.hpp's
// StationClient speaks plain HTTP to central itself).
class TlsStation {
 public:
  TlsStation(const NginxInstance& nginx, std::string station)
      : client_(nginx.httpsUrl()), station_(std::move(station)) {
    trustNginx(client_, nginx);
    const httplib::Result login = postLogin(client_, loginXml("c1001", "demo1001", "W03"));
    REQUIRE(login);
    INFO(login->body);
    REQUIRE(login->status == 201);
    token_ = parseXml(login->body).child("session").child("token").text().as_string();
  }

  [[nodiscard]] httplib::Headers headers(httplib::Headers extra = {}) const {
    extra.emplace("Authorization", "Bearer " + token_);
    extra.emplace("X-OneWindow-Station", station_);
    return extra;
  }
  httplib::Result limits() { return client_.Get("/api/v1/limits", headers()); }
  httplib::Result headMaterial(const std::string& sha256) {
    return client_.Head(("/api/v1/materials/" + sha256).c_str(), headers());
  }
  httplib::Result putMaterial(const std::string& bytes) {
    return client_.Put(("/api/v1/materials/" + sha256Of(bytes)).c_str(), headers(), bytes, kOctets);
  }
  httplib::Result patchChunk(const std::string& sha256, std::size_t offset, std::size_t total,
                             const std::string& chunk) {
    return client_.Patch(("/api/v1/materials/" + sha256).c_str(),
                         headers({{"Upload-Offset", std::to_string(offset)},
                                  {"Upload-Length", std::to_string(total)}}),
                         chunk, kOctets);
  }
  httplib::Result putCase(const std::string& uuid, int version, const std::string& body) {
    return client_.Put(("/api/v1/cases/" + uuid + "?version=" + std::to_string(version)).c_str(),
                       headers(), body, kXmlType);
  }
  httplib::Result getCase(const std::string& uuid) {
    return client_.Get(("/api/v1/cases/" + uuid).c_str(), headers());
  }
  httplib::Client& client() { return client_; }

 private:
  httplib::Client client_;
  std::string station_;
  std::string token_;
};

// `n` bytes that are not all the same (materials are content addressed: each test file its own).
std::string bytesOfSize(std::size_t n, char seed) {
  std::string bytes(n, '\0');
  for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<char>((i * 31 + seed) % 251);
  return bytes;
}

// An OpenSSL client context trusting the fixture's CA.
struct TlsContext {
  explicit TlsContext(const std::filesystem::path& ca) : context(SSL_CTX_new(TLS_client_method())) {
    REQUIRE(context != nullptr);
    REQUIRE(SSL_CTX_load_verify_locations(context, ca.c_str(), nullptr) == 1);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  }
  ~TlsContext() { SSL_CTX_free(context); }
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;
  SSL_CTX* context;
};

// One TLS connection written to byte by byte: the slow or malicious client httplib cannot play.
class RawTlsConnection {
 public:
  RawTlsConnection(TlsContext& tls, int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    timeval timeout{30, 0};  // a reply that never comes fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    ssl_ = SSL_new(tls.context);
    REQUIRE(ssl_ != nullptr);
    SSL_set_fd(ssl_, fd_);
    REQUIRE(SSL_connect(ssl_) == 1);
  }
  ~RawTlsConnection() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }
  RawTlsConnection(const RawTlsConnection&) = delete;
  RawTlsConnection& operator=(const RawTlsConnection&) = delete;

  void send(const std::string& bytes) {
    if (bytes.empty()) return;
    REQUIRE(SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size())) ==
            static_cast<int>(bytes.size()));
  }

  // The reply's status line and headers (up to the empty line); empty when none came.
  std::string readReplyHead() {
    std::string text;
    std::array<char, 4096> buffer{};
    while (text.find("\r\n\r\n") == std::string::npos) {
      const int got = SSL_read(ssl_, buffer.data(), static_cast<int>(buffer.size()));
      if (got <= 0) break;
      text.append(buffer.data(), static_cast<std::size_t>(got));
    }
    return text.substr(0, text.find("\r\n\r\n"));
  }

 private:
  int fd_ = -1;
  SSL* ssl_ = nullptr;
};

// An upstream that writes down what nginx sends it. central does not show the headers it
// receives, so this is how the test sees what any central process behind nginx gets; nginx
// itself is the real one with the shipped configuration.
class RecordingUpstream {
 public:
  struct Seen {
    httplib::Headers headers;
    std::string version;
    int remotePort = 0;
  };

  RecordingUpstream() {
    server_.set_keep_alive_max_count(1000);
    server_.set_keep_alive_timeout(30);
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      {
        const std::lock_guard lock(mutex_);
        seen_.push_back(Seen{request.headers, request.version, request.remote_port});
      }
      response.set_content("<ok/>", kXmlType);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(5ms);
  }
  ~RecordingUpstream() {
    server_.stop();
    thread_.join();
  }
  RecordingUpstream(const RecordingUpstream&) = delete;
  RecordingUpstream& operator=(const RecordingUpstream&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::vector<Seen> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
};

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Processes gone, or zombies nobody reaps (a container's first process may not reap orphans).
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
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

}  // namespace

TEST_CASE("the nginx fixture renders only the marked settings of the shipped site",
          "[central][nginx]") {
  const std::string shipped = readText(shippedNginxSite());
  REQUIRE_FALSE(shipped.empty());
  NginxSiteSettings settings;
  settings.upstreamPorts = {8001, 8002, 8003};
  settings.httpPort = 18080;
  settings.httpsPort = 18443;
  settings.tlsCertificate = "/t/server.pem";
  settings.tlsKey = "/t/server.key";
  settings.accessLog = "/t/access.log";
  settings.errorLog = "/t/error.log";
  const std::string rendered = renderNginxSite(shipped, settings);
  INFO(rendered);

  for (const int port : settings.upstreamPorts) {
    CHECK(occurrences(rendered, "server 127.0.0.1:" + std::to_string(port) +
                                    " max_fails=1 fail_timeout=10s;") == 1);
  }
  CHECK(occurrences(rendered, ":8471") == 0);
  CHECK(occurrences(rendered, ":8472") == 0);
  CHECK(occurrences(rendered, "listen 127.0.0.1:18080;") == 1);
  CHECK(occurrences(rendered, "listen 127.0.0.1:18443 ssl;") == 1);
  CHECK(occurrences(rendered, "[::]") == 0);
  CHECK(occurrences(rendered, "return 301 https://$host:18443$request_uri;") == 1);
  CHECK(occurrences(rendered, "return 308 https://$host:18443$request_uri;") == 1);
  CHECK(occurrences(rendered, "ssl_certificate /t/server.pem;") == 1);
  CHECK(occurrences(rendered, "ssl_certificate_key /t/server.key;") == 1);
  CHECK(occurrences(rendered,
                    "access_log /t/access.log onewindow_central "
                    "if=$onewindow_central_loggable;") == 1);

  // Every line without a marker is the shipped one.
  auto unmarked = [](const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("# setting: ") == std::string::npos) lines.push_back(line);
    }
    return lines;
  };
  CHECK(unmarked(rendered) == unmarked(shipped));

  // The file and the fixture cannot drift apart silently.
  CHECK_THROWS_WITH(renderNginxSite(shipped + "listen 1;  # setting: https-port\n", settings),
                    Catch::Contains("does not know: 'https-port'"));
  std::string withoutKey = shipped;
  withoutKey.replace(withoutKey.find("# setting: tls-key"), 18, "# the key");
  CHECK_THROWS_WITH(renderNginxSite(withoutKey, settings), Catch::Contains("tls-key"));
}

TEST_CASE(
    "through nginx over TLS a station logs in, reads the limits and sends materials and a "
    "case",
    "[central][nginx][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  NginxInstance nginx(NginxOptions{{central.port()}});

  // Only the fixture's CA is trusted: the certificate nginx serves is the one it was given.
  httplib::Client health(nginx.httpsUrl());
  trustNginx(health, nginx);
  const httplib::Result healthy = health.Get("/api/v1/health");
  REQUIRE(healthy);
  CHECK(healthy->status == 200);
  CHECK(healthy->get_header_value("Strict-Transport-Security") == "max-age=31536000");

  TlsStation station(nginx, "ws-nginx-1");
  const httplib::Result limits = station.limits();
  REQUIRE(limits);
  REQUIRE(limits->status == 200);
  const pugi::xml_node advertised = parseXml(limits->body).child("limits");
  // What nginx's client_max_body_size lines mirror.
  CHECK(advertised.attribute("max-request-bytes").as_ullong() == kMaxRequestBytes);
  CHECK(advertised.attribute("max-case-bytes").as_ullong() == kMaxRequestBytes);
  CHECK(advertised.attribute("max-material-bytes").as_ullong() == kMaxMaterialBytes);
  CHECK(advertised.attribute("chunk-bytes").as_ullong() == kMiB);

  // A page as the workstation sends it (one chunk or less: a whole PUT) ...
  const std::string page = bytesOfSize(300 * 1024, 1);
  const httplib::Result pagePut = station.putMaterial(page);
  REQUIRE(pagePut);
  CHECK(pagePut->status == 201);
  const httplib::Result pageHead = station.headMaterial(sha256Of(page));
  REQUIRE(pageHead);
  CHECK(pageHead->status == 200);  // HEAD reaches central as HEAD
  CHECK(pageHead->get_header_value("Content-Length") == std::to_string(page.size()));
  // ... a larger one in 1 MiB PATCH chunks ...
  const std::string scan = bytesOfSize(kMiB + kMiB / 2, 2);
  const std::string scanSha = sha256Of(scan);
  const httplib::Result firstChunk =
      station.patchChunk(scanSha, 0, scan.size(), scan.substr(0, kMiB));
  REQUIRE(firstChunk);
  CHECK(firstChunk->status == 204);
  CHECK(firstChunk->get_header_value("Upload-Offset") == std::to_string(kMiB));
  const httplib::Result lastChunk =
      station.patchChunk(scanSha, kMiB, scan.size(), scan.substr(kMiB));
  REQUIRE(lastChunk);
  CHECK(lastChunk->status == 201);
  // ... and a whole PUT over 1 MiB, which the API allows up to max-material-bytes: the
  // materials location has its own limit above the 1 MiB of every other body.
  const std::string wholeFile = bytesOfSize(3 * kMiB, 3);
  const httplib::Result wholePut = station.putMaterial(wholeFile);
  REQUIRE(wholePut);
  CHECK(wholePut->status == 201);

  const std::string uuid = uuidNumber(151);
  const std::string body = caseXml(uuid, 1, {sha256Of(page), scanSha});
  const httplib::Result submitted = station.putCase(uuid, 1, body);
  REQUIRE(submitted);
  INFO(submitted->body);
  CHECK(submitted->status == 201);
  // The same submission again (a retry after a lost reply): one case, the same receipt.
  const httplib::Result again = station.putCase(uuid, 1, body);
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(again->body == submitted->body);
  const httplib::Result stored = station.getCase(uuid);
  REQUIRE(stored);
  CHECK(stored->status == 200);
  CHECK(stored->body == submitted->body);

  // central saw the requests from nginx, on loopback.
  CHECK(waitForCount([&] { return centralLog(central); },
                     "PUT /api/v1/cases/" + uuid + " -> 201 (127.0.0.1)", 1) == 1);
  // nginx's access log has the upstream's status and time for each, and no health checks.
  const std::string casePut = "\"PUT /api/v1/cases/" + uuid + "?version=1 HTTP/1.1\" 201 ";
  REQUIRE(waitForCount([&] { return nginx.accessLogText(); }, casePut, 1) == 1);
  const std::string log = nginx.accessLogText();
  INFO(log);
  const std::string caseLine = log.substr(log.find(casePut));
  CHECK(caseLine.find(" urt=") != std::string::npos);
  CHECK(caseLine.find(" up=127.0.0.1:" + std::to_string(central.port())) != std::string::npos);
  CHECK(caseLine.find(" ups=201 ") != std::string::npos);
  CHECK(occurrences(log, "/api/v1/health") == 0);
  CHECK(occurrences(log, "Bearer") == 0);

  // Plain HTTP only redirects: the API with its method kept, pages as usual.
  httplib::Client plain("127.0.0.1", nginx.httpPort());
  const httplib::Result page301 = plain.Get("/v/W03-20261127-000042?c=ABCD");
  REQUIRE(page301);
  CHECK(page301->status == 301);
  CHECK(page301->get_header_value("Location") ==
        nginx.httpsUrl() + "/v/W03-20261127-000042?c=ABCD");
  const httplib::Result api308 = plain.Put("/api/v1/cases/" + uuid + "?version=2", body, kXmlType);
  REQUIRE(api308);
  CHECK(api308->status == 308);
  CHECK(api308->get_header_value("Location") ==
        nginx.httpsUrl() + "/api/v1/cases/" + uuid + "?version=2");
  // Paths that are not central's end at nginx.
  const httplib::Result elsewhere = health.Get("/admin/");
  REQUIRE(elsewhere);
  CHECK(elsewhere->status == 404);
  CHECK(occurrences(centralLog(central), "/admin/") == 0);
}

TEST_CASE("nginx refuses a body over central's limits with central's 413 before central sees it",
          "[central][nginx][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  NginxInstance nginx(NginxOptions{{central.port()}});
  TlsStation station(nginx, "ws-nginx-2");
  httplib::Client& client = station.client();
  auto accessLog = [&] { return nginx.accessLogText(); };

  // An XML body one byte over max-request-bytes: nginx answers with central's error document.
  const httplib::Result tooLarge = client.Post("/api/v1/ratings", station.headers(),
                                               std::string(kMaxRequestBytes + 1, 'x'), kXmlType);
  REQUIRE(tooLarge);
  CHECK(tooLarge->status == 413);
  CHECK(tooLarge->get_header_value("Content-Type") == "application/xml; charset=utf-8");
  CHECK(errorCodeOf(tooLarge) == "request.payload_too_large");
  // Exactly max-request-bytes goes through, and central judges it (it is no rating).
  const httplib::Result atLimit = client.Post("/api/v1/ratings", station.headers(),
                                              std::string(kMaxRequestBytes, 'x'), kXmlType);
  REQUIRE(atLimit);
  CHECK(atLimit->status >= 400);
  CHECK(atLimit->status != 413);
  REQUIRE(waitForCount([&] { return centralLog(central); }, "POST /api/v1/ratings -> ", 1) == 1);
  // nginx decided without any central process ("up=-"); central logged only the second one.
  REQUIRE(waitForCount(accessLog, "\"POST /api/v1/ratings HTTP/1.1\" 413 ", 1) == 1);
  CHECK(occurrences(accessLog(), "\"POST /api/v1/ratings HTTP/1.1\" 413 ") == 1);
  const std::string log = accessLog();
  const std::string refusedLine = log.substr(log.find("\"POST /api/v1/ratings HTTP/1.1\" 413 "));
  CHECK(refusedLine.substr(0, refusedLine.find('\n')).find(" up=- ") != std::string::npos);
  CHECK(occurrences(centralLog(central), "POST /api/v1/ratings -> ") == 1);

  // A material one byte over max-material-bytes by a whole PUT: material.too_large, the
  // permanent refusal a workstation quarantines on, as central would have said.
  const std::string overMaterial = bytesOfSize(kMaxMaterialBytes + 1, 4);
  const httplib::Result materialTooLarge = station.putMaterial(overMaterial);
  REQUIRE(materialTooLarge);
  CHECK(materialTooLarge->status == 413);
  CHECK(errorCodeOf(materialTooLarge) == "material.too_large");
  // The same size as a PATCH chunk is over chunk-bytes as well.
  TlsContext tls(nginx.caCertificate());
  {
    // Only the head, with the length announced: nginx refuses on the head alone.
    RawTlsConnection raw(tls, nginx.httpsPort());
    raw.send("PATCH /api/v1/materials/" + sha256Of(overMaterial) +
             " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
             "Upload-Offset: 0\r\nUpload-Length: " +
             std::to_string(overMaterial.size()) +
             "\r\nContent-Length: " + std::to_string(overMaterial.size()) + "\r\n\r\n");
    const std::string head = raw.readReplyHead();
    INFO(head);
    CHECK(head.starts_with("HTTP/1.1 413 "));
  }
  // Exactly max-material-bytes is central's to take.
  const std::string atMaterialLimit = bytesOfSize(kMaxMaterialBytes, 5);
  const httplib::Result largest = station.putMaterial(atMaterialLimit);
  REQUIRE(largest);
  CHECK(largest->status == 201);

  REQUIRE(waitForCount(accessLog, "\" 413 ", 3) == 3);
  REQUIRE(waitForCount([&] { return centralLog(central); }, "PUT /api/v1/materials/", 1) == 1);
  const std::string centralText = centralLog(central);
  INFO(centralText);
  CHECK(occurrences(centralText, "PUT /api/v1/materials/" + sha256Of(overMaterial)) == 0);
  CHECK(occurrences(centralText, "PATCH /api/v1/materials/") == 0);
  CHECK(occurrences(centralText,
                    "PUT /api/v1/materials/" + sha256Of(atMaterialLimit) + " -> 201") == 1);
}

TEST_CASE("a client trickling its request through nginx never reaches central until it is whole",
          "[central][nginx][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  NginxInstance nginx(NginxOptions{{central.port()}});
  TlsContext tls(nginx.caCertificate());
  auto log = [&] { return centralLog(central); };

  // More slow clients than central has worker threads (8): straight to central they would
  // stall every other request; through nginx they cost central nothing.
  constexpr int kSlowHeads = 12;
  constexpr int kSlowBodies = 2;
  const std::string head = "GET /api/v1/limits HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  const std::string lastHeader = "X-Trickle: one byte at a time\r\n\r\n";
  const std::string loginBody = loginXml("c1001", "not-the-password", "W03");
  const std::string bodyHead =
      "POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; "
      "charset=utf-8\r\nContent-Length: " +
      std::to_string(loginBody.size()) + "\r\n\r\n";
  std::vector<std::unique_ptr<RawTlsConnection>> heads;
  std::vector<std::unique_ptr<RawTlsConnection>> bodies;
  for (int i = 0; i < kSlowHeads; ++i) {
    heads.push_back(std::make_unique<RawTlsConnection>(tls, nginx.httpsPort()));
    heads.back()->send(head);
  }
  for (int i = 0; i < kSlowBodies; ++i) {
    bodies.push_back(std::make_unique<RawTlsConnection>(tls, nginx.httpsPort()));
    bodies.back()->send(bodyHead);
  }

  constexpr std::size_t kRounds = 15;
  REQUIRE(lastHeader.size() > kRounds);
  REQUIRE(loginBody.size() > kRounds);
  for (std::size_t round = 0; round < kRounds; ++round) {
    for (auto& connection : heads) connection->send(lastHeader.substr(round, 1));
    for (auto& connection : bodies) connection->send(loginBody.substr(round, 1));
    std::this_thread::sleep_for(100ms);
    if (round == 4 || round == kRounds - 1) {
      INFO("round " << round);
      // No connection from nginx to central, and nothing in central's log.
      CHECK(establishedConnectionsTo(central.port()).empty());
      CHECK(occurrences(log(), "/api/v1/limits") == 0);
      CHECK(occurrences(log(), "/api/v1/sessions") == 0);
    }
  }

  // Meanwhile a whole request goes through at once.
  httplib::Client prompt(nginx.httpsUrl());
  trustNginx(prompt, nginx);
  prompt.set_read_timeout(5, 0);
  const httplib::Result answered = prompt.Get("/api/v1/limits");
  REQUIRE(answered);
  CHECK(answered->status == 401);
  CHECK(waitForCount(log, "GET /api/v1/limits -> 401", 1) == 1);

  // Once whole, each slow request reaches central and is answered.
  for (auto& connection : heads) connection->send(lastHeader.substr(kRounds));
  for (auto& connection : bodies) connection->send(loginBody.substr(kRounds));
  for (auto& connection : heads) {
    const std::string reply = connection->readReplyHead();
    INFO(reply);
    CHECK(reply.starts_with("HTTP/1.1 401 "));
  }
  for (auto& connection : bodies) {
    const std::string reply = connection->readReplyHead();
    INFO(reply);
    CHECK(reply.starts_with("HTTP/1.1 401 "));
  }
  CHECK(waitForCount(log, "GET /api/v1/limits -> 401", kSlowHeads + 1) == kSlowHeads + 1);
  CHECK(waitForCount(log, "POST /api/v1/sessions -> 401", kSlowBodies) == kSlowBodies);
}

TEST_CASE("nginx reuses its connections to central and passes the client's address",
          "[central][nginx][process]") {
  SECTION("central: one kept-alive connection serves request after request") {
    TempDir dir;
    CentralProcess central(dir / "central.db");
    central.start();
    NginxInstance nginx(NginxOptions{{central.port()}});
    httplib::Client client(nginx.httpsUrl());
    trustNginx(client, nginx);
    client.set_keep_alive(true);

    const httplib::Result first = client.Get("/api/v1/health");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    // Idle, but open: nginx keeps the connection to central for the next request (without
    // keep-alive it would have closed it right after the reply).
    std::this_thread::sleep_for(300ms);
    const std::vector<int> afterFirst = establishedConnectionsTo(central.port());
    CHECK(afterFirst.size() == 1);
    for (int i = 0; i < 3; ++i) {
      const httplib::Result next = client.Get("/api/v1/health");
      REQUIRE(next);
      CHECK(next->status == 200);
    }
    // central closes a connection after 5 requests; 4 went over the same one.
    CHECK(establishedConnectionsTo(central.port()) == afterFirst);
  }

  SECTION("what a central process receives from nginx") {
    RecordingUpstream upstream;
    NginxInstance nginx(NginxOptions{{upstream.port()}});
    httplib::Client client(nginx.httpsUrl());
    trustNginx(client, nginx);
    client.set_keep_alive(true);
    // A client that claims another address is not believed: nginx states the one it sees.
    const httplib::Headers spoofed{{"X-Real-IP", "203.0.113.7"},
                                   {"X-Forwarded-For", "203.0.113.8"}};
    constexpr int kRequests = 6;
    for (int i = 0; i < kRequests; ++i) {
      const httplib::Result result = client.Get("/api/v1/health", spoofed);
      REQUIRE(result);
      CHECK(result->status == 200);
    }
    const std::vector<RecordingUpstream::Seen> seen = upstream.seen();
    REQUIRE(seen.size() == kRequests);
    std::set<int> connections;
    for (const RecordingUpstream::Seen& request : seen) {
      auto only = [&](const std::string& name) {
        INFO(name);
        CHECK(request.headers.count(name) == 1);
        const auto found = request.headers.find(name);
        return found == request.headers.end() ? std::string() : found->second;
      };
      CHECK(only("X-Real-IP") == "127.0.0.1");
      CHECK(only("X-Forwarded-For") == "127.0.0.1");
      CHECK(only("X-Forwarded-Proto") == "https");
      // HTTP/1.1 without "Connection: close": the connection may be kept.
      CHECK(request.version == "HTTP/1.1");
      CHECK(request.headers.count("Connection") == 0);
      connections.insert(request.remotePort);
    }
    // Every request over one upstream connection (this upstream keeps connections for
    // 1000 requests; central's limit is 5).
    CHECK(connections.size() == 1);
  }
}

TEST_CASE("nginx retries a request on the other central process only where that is safe",
          "[central][nginx][process]") {
  // Two central processes on separate SQLite files: enough to see which one answered (each
  // has its own log). They answer requests without a session alike (401).
  TempDir dir;
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  CentralOptions withFaults;
  withFaults.extraArguments = {"--enable-fault-injection"};
  CentralProcess a(dir / "a" / "central.db", withFaults);
  CentralProcess b(dir / "b" / "central.db", withFaults);
  a.start();
  b.start();
  makeTestCertificates(dir.path());
  NginxOptions options{{a.port(), b.port()}, dir / "server.pem", dir / "server.key"};
  auto logOf = [](const CentralProcess& central) {
    return [&central] { return centralLog(central); };
  };

  SECTION("both up: requests go to both") {
    NginxInstance nginx(options);
    httplib::Client client(nginx.httpsUrl());
    trustNginx(client, nginx);
    client.set_ca_cert_path((dir / "ca.pem").c_str());
    for (int i = 0; i < 4; ++i) {
      const httplib::Result result = client.Get("/api/v1/limits");
      REQUIRE(result);
      CHECK(result->status == 401);
    }
    // Round robin; how evenly is nginx's business, that both serve is the point.
    const std::size_t onA = waitForCount(logOf(a), "GET /api/v1/limits -> 401", 2);
    const std::size_t onB = waitForCount(logOf(b), "GET /api/v1/limits -> 401", 4 - onA);
    CHECK(onA >= 1);
    CHECK(onB >= 1);
    CHECK(onA + onB == 4);
  }

  // From here on process a resets every connection it is sent a request on.
  httplib::Client faults("127.0.0.1", a.port());
  const httplib::Result set =
      faults.Put("/api/v1/_test/faults",
                 "<faults><fault endpoint=\"any\" kind=\"reset\"/></faults>", kXmlType);
  REQUIRE(set);
  REQUIRE(set->status == 204);

  SECTION("a POST that reached a process is not sent to another") {
    NginxInstance nginx(options);
    httplib::Client client(nginx.httpsUrl());
    trustNginx(client, nginx);
    client.set_ca_cert_path((dir / "ca.pem").c_str());
    // Round robin: one of the two goes to a first.
    std::multiset<int> statuses;
    for (int i = 0; i < 2; ++i) {
      const httplib::Result result = client.Post("/api/v1/ratings", "<rating/>", kXmlType);
      REQUIRE(result);
      statuses.insert(result->status);
      if (result->status == 503) {
        // nginx's own failure, in central's words, with a time to come back.
        CHECK(errorCodeOf(result) == "server.unavailable");
        CHECK(result->get_header_value("Retry-After") == "5");
      }
    }
    CHECK(statuses == std::multiset<int>{401, 503});
    CHECK(waitForCount(logOf(a), "fault: reset POST /api/v1/ratings", 1) == 1);
    CHECK(waitForCount(logOf(b), "POST /api/v1/ratings -> 401", 1) == 1);
    std::this_thread::sleep_for(200ms);  // a retry, if there were one, would be logged by now
    CHECK(occurrences(centralLog(b), "POST /api/v1/ratings -> ") == 1);
  }

  SECTION("a PUT of a case is sent again to the other process: it is idempotent") {
    NginxInstance nginx(options);
    httplib::Client client(nginx.httpsUrl());
    trustNginx(client, nginx);
    client.set_ca_cert_path((dir / "ca.pem").c_str());
    const std::string uuid = uuidNumber(152);
    for (int i = 0; i < 2; ++i) {
      const httplib::Result result =
          client.Put("/api/v1/cases/" + uuid + "?version=1", caseXml(uuid, 1), kXmlType);
      REQUIRE(result);
      CHECK(result->status == 401);  // from b, for both
    }
    CHECK(waitForCount(logOf(a), "fault: reset PUT /api/v1/cases/" + uuid, 1) == 1);
    CHECK(waitForCount(logOf(b), "PUT /api/v1/cases/" + uuid + " -> 401", 2) == 2);
  }

  SECTION("a process that is down: every request, POST too, goes to the other") {
    a.stop();
    NginxInstance nginx(options);
    httplib::Client client(nginx.httpsUrl());
    trustNginx(client, nginx);
    client.set_ca_cert_path((dir / "ca.pem").c_str());
    // Refused connections: nothing was sent, so even a POST may go to the other process.
    for (int i = 0; i < 3; ++i) {
      const httplib::Result result = client.Post("/api/v1/ratings", "<rating/>", kXmlType);
      REQUIRE(result);
      CHECK(result->status == 401);
    }
    CHECK(waitForCount(logOf(b), "POST /api/v1/ratings -> 401", 3) == 3);

    // Both down: the client hears central's "temporarily unable", not nginx's HTML.
    b.stop();
    const httplib::Result none = client.Get("/api/v1/limits");
    REQUIRE(none);
    CHECK(none->status == 503);
    CHECK(errorCodeOf(none) == "server.unavailable");
    CHECK(none->get_header_value("Retry-After") == "5");
  }
}

TEST_CASE("an nginx instance dies with the test process that started it", "[central][nginx]") {
  // A child process plays a test that crashes: it starts nginx, says which processes run,
  // and is killed without any destructor running.
  std::array<int, 2> channel{};
  REQUIRE(::pipe(channel.data()) == 0);
  const pid_t test = ::fork();
  REQUIRE(test >= 0);
  if (test == 0) {
    ::close(channel[0]);
    try {
      NginxInstance nginx(NginxOptions{{freeLoopbackPort()}});
      std::string said = std::to_string(nginx.httpsPort()) + " " + nginx.directory().string() +
                         " " + std::to_string(nginx.pid());
      for (const pid_t worker : childrenOf(nginx.pid())) said += " " + std::to_string(worker);
      said += "\n";
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
  int port = 0;
  std::string directory;
  REQUIRE(fields >> port >> directory);
  std::vector<pid_t> processes;
  pid_t pid = 0;
  while (fields >> pid) processes.push_back(pid);
  REQUIRE(processes.size() >= 2);  // the master and its workers
  for (const pid_t process : processes) CHECK(waitUntilGone(process, std::chrono::seconds(10)));
  CHECK_FALSE(acceptsConnections(port));
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);  // its TempDir never ran its destructor
}
