// The real onewindow-central process on 127.0.0.1, through the CentralProcess fixture.

#include <catch2/catch.hpp>

#include "central/central_store.hpp"
#include "central_process.hpp"
#include "central_store_for.hpp"
#include "localdb/password_hash.hpp"
#include "onewindow/version.hpp"
#include "temp_dir.hpp"
#include "xml_test_helpers.hpp"

using namespace onewindow::test;

namespace {

bool isWireTime(const std::string& text) {
  if (text.size() != 15 || text[8] != 'T') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 8 && (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

// Logs in and returns the token, checking the reply on the way.
std::string loginToken(httplib::Client& client, const std::string& clerkId,
                       const std::string& password, const std::string& window = "W03") {
  const httplib::Result result = postLogin(client, loginXml(clerkId, password, window));
  REQUIRE(result);
  INFO(result->body);
  REQUIRE(result->status == 201);
  return parseXml(result->body).child("session").child("token").text().as_string();
}

}  // namespace

TEST_CASE("health answers 200 with service, version and time", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  CHECK(central.running());
  CHECK(central.port() > 0);
  CHECK(central.baseUrl() == "http://127.0.0.1:" + std::to_string(central.port()));

  httplib::Client client("127.0.0.1", central.port());
  const httplib::Result result = client.Get("/api/v1/health");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Content-Type") == kXmlType);
  const pugi::xml_document document = parseXml(result->body);
  const pugi::xml_node health = document.child("health");
  CHECK(std::string(health.attribute("status").value()) == "ok");
  CHECK(std::string(health.attribute("service").value()) == "onewindow-central");
  CHECK(std::string(health.attribute("version").value()) == onewindow::kVersion);
  CHECK(std::string(health.attribute("api").value()) == "v1");
  CHECK(isWireTime(health.attribute("time").value()));
  CHECK(health.attribute("max-request-bytes").as_ullong() == 1048576);
}

TEST_CASE("clerk and supervisor log in and get their role", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result clerk = postLogin(client, loginXml("c1001", "demo1001", "W03"));
  REQUIRE(clerk);
  INFO(clerk->body);
  CHECK(clerk->status == 201);
  CHECK(clerk->get_header_value("Cache-Control") == "no-store");
  const pugi::xml_document clerkXml = parseXml(clerk->body);
  const pugi::xml_node session = clerkXml.child("session");
  CHECK(std::string(session.child("token").text().get()).size() == 64);
  CHECK(std::string(session.child("clerk-id").text().get()) == "c1001");
  CHECK(std::string(session.child("name").text().get()) == "张敏");
  CHECK(std::string(session.child("role").text().get()) == "clerk");
  CHECK(std::string(session.child("window").text().get()) == "W03");
  CHECK(isWireTime(session.child("expires").text().get()));

  const httplib::Result supervisor = postLogin(client, loginXml("s2001", "demo2001", "W01"));
  REQUIRE(supervisor);
  CHECK(supervisor->status == 201);
  const pugi::xml_document supervisorXml = parseXml(supervisor->body);
  CHECK(std::string(supervisorXml.child("session").child("role").text().get()) == "supervisor");
  CHECK(std::string(supervisorXml.child("session").child("name").text().get()) == "李强");
}

TEST_CASE("wrong password and unknown clerk get the same 401", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result wrongPassword = postLogin(client, loginXml("c1001", "demo1002", "W03"));
  const httplib::Result unknownClerk = postLogin(client, loginXml("c9999", "demo1001", "W03"));
  REQUIRE(wrongPassword);
  REQUIRE(unknownClerk);
  CHECK(wrongPassword->status == 401);
  CHECK(unknownClerk->status == 401);
  CHECK(errorCodeOf(wrongPassword) == "auth.invalid_credentials");
  CHECK(wrongPassword->body == unknownClerk->body);
}

TEST_CASE("malformed XML is a 400 with the parser's position", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result result = postLogin(client, "<login><clerk-id>c1001</login>");
  REQUIRE(result);
  CHECK(result->status == 400);
  CHECK(errorCodeOf(result) == "request.malformed_xml");
  CHECK_THAT(errorMessageOf(result), Catch::Contains("byte offset"));
}

TEST_CASE("a missing or invalid field is a 400 naming it", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result missing =
      postLogin(client, "<login><clerk-id>c1001</clerk-id><password>demo1001</password></login>");
  REQUIRE(missing);
  CHECK(missing->status == 400);
  CHECK(errorCodeOf(missing) == "request.missing_field");
  CHECK_THAT(errorMessageOf(missing), Catch::Contains("window"));

  const httplib::Result invalid = postLogin(client, loginXml("c1001", "demo1001", "W 03"));
  REQUIRE(invalid);
  CHECK(invalid->status == 400);
  CHECK(errorCodeOf(invalid) == "request.invalid_field");
}

TEST_CASE("a session token works until the session is deleted", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());
  const std::string token = loginToken(client, "c1002", "demo1002", "W07");

  const httplib::Result current = client.Get("/api/v1/sessions/current", bearer(token));
  REQUIRE(current);
  CHECK(current->status == 200);
  const pugi::xml_document document = parseXml(current->body);
  const pugi::xml_node session = document.child("session");
  CHECK_FALSE(session.child("token"));
  CHECK(std::string(session.child("clerk-id").text().get()) == "c1002");
  CHECK(std::string(session.child("name").text().get()) == "王芳");
  CHECK(std::string(session.child("window").text().get()) == "W07");

  const httplib::Result deleted = client.Delete("/api/v1/sessions/current", bearer(token));
  REQUIRE(deleted);
  CHECK(deleted->status == 204);

  const httplib::Result after = client.Get("/api/v1/sessions/current", bearer(token));
  REQUIRE(after);
  CHECK(after->status == 401);
  CHECK(errorCodeOf(after) == "auth.invalid_token");
  CHECK(after->has_header("WWW-Authenticate"));

  const httplib::Result deletedAgain = client.Delete("/api/v1/sessions/current", bearer(token));
  REQUIRE(deletedAgain);
  CHECK(deletedAgain->status == 401);
}

TEST_CASE("a missing or made-up token is a 401", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result none = client.Get("/api/v1/sessions/current");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(errorCodeOf(none) == "auth.invalid_token");

  const httplib::Result madeUp =
      client.Get("/api/v1/sessions/current", bearer(std::string(64, '0')));
  REQUIRE(madeUp);
  CHECK(madeUp->status == 401);
  CHECK(errorCodeOf(madeUp) == "auth.invalid_token");

  const httplib::Result notHex = client.Get("/api/v1/sessions/current", bearer("'; DROP TABLE"));
  REQUIRE(notHex);
  CHECK(notHex->status == 401);
}

TEST_CASE("a deactivated clerk is refused with 403 after a correct password",
          "[central][process]") {
  TempDir dir;
  {
    onewindow::central::CentralStore store(onewindow::test::centralLocationFor(dir / "central.db"));
    REQUIRE(store.addClerkIfMissing(onewindow::central::ClerkRecord{
        "c3001", "赵六", "clerk", onewindow::localdb::hashPassword("pw3001"), false}));
  }
  CentralProcess central(dir / "central.db", /*demoData=*/false);
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result refused = postLogin(client, loginXml("c3001", "pw3001", "W01"));
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(errorCodeOf(refused) == "auth.clerk_inactive");

  const httplib::Result guessed = postLogin(client, loginXml("c3001", "guess", "W01"));
  REQUIRE(guessed);
  CHECK(guessed->status == 401);
}

TEST_CASE("an unknown path is a 404 and a wrong method a 405, both in XML", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const httplib::Result missing = client.Get("/api/v1/no-such-thing");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->get_header_value("Content-Type") == kXmlType);
  CHECK(errorCodeOf(missing) == "request.not_found");

  const httplib::Result wrongMethod = client.Post("/api/v1/health", "<x/>", kXmlType);
  REQUIRE(wrongMethod);
  CHECK(wrongMethod->status == 405);
  CHECK(errorCodeOf(wrongMethod) == "request.method_not_allowed");
  CHECK(wrongMethod->get_header_value("Allow") == "GET, HEAD");
}

TEST_CASE("an oversized body is refused with 413 and the server keeps serving",
          "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());

  const std::string huge = "<login><password>" + std::string(1 << 20, 'x') + "</password></login>";
  const httplib::Result result = postLogin(client, huge);
  REQUIRE(result);
  CHECK(result->status == 413);
  CHECK(errorCodeOf(result) == "request.payload_too_large");

  const httplib::Result health = client.Get("/api/v1/health");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("SIGTERM stops the server cleanly with exit code 0", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  central.stop();
  CHECK_FALSE(central.running());
  REQUIRE(central.lastExitCode());
  CHECK(*central.lastExitCode() == 0);
  CHECK_THAT(central.logTail(), Catch::Contains("stopped"));
}

TEST_CASE("a restart on the same port keeps clerks and sessions", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  const int port = central.port();
  std::string token;
  {
    httplib::Client client("127.0.0.1", port);
    token = loginToken(client, "c1001", "demo1001");
  }

  std::optional<CentralProcess> second;  // must outlive the sections: checked below them
  SECTION("restart() rebinds the same port at once") {
    central.restart();
    CHECK(central.port() == port);
  }
  SECTION("a server without --demo-data finds the clerks in the database") {
    central.stop();
    CHECK(central.lastExitCode() == 0);
    second.emplace(dir / "central.db", /*demoData=*/false);
    second->start(port);
    CHECK(second->port() == port);
  }

  httplib::Client client("127.0.0.1", port);
  const httplib::Result session = client.Get("/api/v1/sessions/current", bearer(token));
  REQUIRE(session);
  CHECK(session->status == 200);
  CHECK(loginToken(client, "c1001", "demo1001").size() == 64);
}
