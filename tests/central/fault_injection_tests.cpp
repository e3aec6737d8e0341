// The test-only fault switches of the reference server (central/API.md §5).

#include <chrono>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

namespace {

CentralOptions withFaults() { return CentralOptions{true, {"--enable-fault-injection"}, {}, {}}; }

void setFaults(int port, const std::string& faults) {
  httplib::Client client("127.0.0.1", port);
  const httplib::Result result = client.Put("/api/v1/_test/faults", faults, kXmlType);
  REQUIRE(result);
  INFO(result->body);
  REQUIRE(result->status == 204);
}

}  // namespace

TEST_CASE("fault switches do not exist unless enabled", "[central][process][faults]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  httplib::Client client("127.0.0.1", central.port());
  const httplib::Result result = client.Put("/api/v1/_test/faults", "<faults/>", kXmlType);
  REQUIRE(result);
  CHECK(result->status == 404);
}

TEST_CASE("a status fault answers 503 with Retry-After, count times",
          "[central][process][faults]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withFaults());
  central.start();
  StationClient station(central.port(), "station-a");
  setFaults(
      central.port(),
      R"(<faults><fault endpoint="cases.put" kind="status" status="503" retry-after="2" count="2"/></faults>)");
  const std::string body = caseXml(uuidNumber(1), 1);
  for (int i = 0; i < 2; ++i) {
    const httplib::Result refused = station.putCase(uuidNumber(1), 1, body);
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->get_header_value("Retry-After") == "2");
  }
  CHECK(station.getCase(uuidNumber(1))->status == 404);  // not handled
  CHECK(station.putCase(uuidNumber(1), 1, body)->status == 201);
}

TEST_CASE("a delay fault holds the reply back", "[central][process][faults]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withFaults());
  central.start();
  setFaults(central.port(),
            R"(<faults><fault endpoint="health" kind="delay" delay-ms="400" count="1"/></faults>)");
  httplib::Client client("127.0.0.1", central.port());
  const auto start = std::chrono::steady_clock::now();
  const httplib::Result result = client.Get("/api/v1/health");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(400));
}

TEST_CASE("a reset fault drops the connection before handling", "[central][process][faults]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withFaults());
  central.start();
  StationClient station(central.port(), "station-a");
  setFaults(central.port(),
            R"(<faults><fault endpoint="cases.put" kind="reset" count="1"/></faults>)");
  const std::string body = caseXml(uuidNumber(1), 1);
  const httplib::Result dropped = station.putCase(uuidNumber(1), 1, body);
  CHECK_FALSE(dropped);  // a transport error, no reply
  CHECK(station.getCase(uuidNumber(1))->status == 404);
  CHECK(station.putCase(uuidNumber(1), 1, body)->status == 201);
}

TEST_CASE("a commit-drop fault stores the case but loses the reply", "[central][process][faults]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withFaults());
  central.start();
  StationClient station(central.port(), "station-a");
  setFaults(central.port(),
            R"(<faults><fault endpoint="cases.put" kind="commit-drop" count="1"/></faults>)");
  const std::string body = caseXml(uuidNumber(1), 1);
  const httplib::Result lost = station.putCase(uuidNumber(1), 1, body);
  CHECK_FALSE(lost);

  const httplib::Result stored = station.getCase(uuidNumber(1));
  REQUIRE(stored);
  CHECK(stored->status == 200);
  CHECK(
      std::string(parseXml(stored->body).child("case-receipt").attribute("body-sha256").value()) ==
      sha256Of(body));
  const httplib::Result retry = station.putCase(uuidNumber(1), 1, body);
  REQUIRE(retry);
  CHECK(retry->status == 200);
  CHECK(retry->body == stored->body);
}

TEST_CASE("faults with probability follow the seed and DELETE clears them",
          "[central][process][faults]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", withFaults());
  central.start();
  setFaults(
      central.port(),
      R"(<faults><fault endpoint="any" kind="status" status="503" probability="0.5"/></faults>)");
  httplib::Client client("127.0.0.1", central.port());
  int refused = 0;
  for (int i = 0; i < 40; ++i) {
    const httplib::Result result = client.Get("/api/v1/health");
    REQUIRE(result);
    if (result->status == 503) ++refused;
  }
  CHECK(refused > 5);
  CHECK(refused < 35);

  REQUIRE(client.Delete("/api/v1/_test/faults")->status == 204);
  for (int i = 0; i < 10; ++i) CHECK(client.Get("/api/v1/health")->status == 200);

  const httplib::Result bad =
      client.Put("/api/v1/_test/faults", R"(<faults><fault kind="explode"/></faults>)", kXmlType);
  REQUIRE(bad);
  CHECK(bad->status == 400);
}
