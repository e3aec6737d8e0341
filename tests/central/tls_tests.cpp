// The reference server over HTTPS with a throwaway CA made by the openssl CLI.

#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "temp_dir.hpp"
#include "xml_test_helpers.hpp"

using namespace onewindow::test;

namespace {

void run(const std::string& command) {
  INFO(command);
  REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
}

// ca.pem/ca.key, and server.pem/server.key for 127.0.0.1 and localhost signed by it.
void makeCertificates(const std::filesystem::path& dir) {
  const std::string d = dir.string();
  run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=OneWindow Test CA' -keyout " +
      d + "/ca.key -out " + d + "/ca.pem");
  run("openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout " + d +
      "/server.key -out " + d + "/server.csr");
  std::ofstream(dir / "san.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
  run("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
      "/ca.key -CAcreateserial -days 2 -extfile " + d + "/san.ext -out " + d + "/server.pem");
}

}  // namespace

TEST_CASE("with --tls-cert and --tls-key the server speaks HTTPS", "[central][process][tls]") {
  TempDir dir;
  makeCertificates(dir.path());
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {}, dir / "server.pem", dir / "server.key"});
  central.start();
  CHECK(central.baseUrl() == "https://127.0.0.1:" + std::to_string(central.port()));

  httplib::SSLClient trusted("127.0.0.1", central.port());
  trusted.set_ca_cert_path((dir / "ca.pem").c_str());
  trusted.enable_server_certificate_verification(true);
  const httplib::Result health = trusted.Get("/api/v1/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  const httplib::Result login =
      trusted.Post("/api/v1/sessions", loginXml("c1001", "demo1001", "W03"), kXmlType);
  REQUIRE(login);
  CHECK(login->status == 201);

  httplib::SSLClient untrusted("127.0.0.1", central.port());
  untrusted.enable_server_certificate_verification(true);
  // Only the system's CAs: none of them signed the throwaway certificate.
  const httplib::Result refused = untrusted.Get("/api/v1/health");
  CHECK_FALSE(refused);

  httplib::Client plain("127.0.0.1", central.port());
  plain.set_read_timeout(2, 0);
  CHECK_FALSE(plain.Get("/api/v1/health"));
}
