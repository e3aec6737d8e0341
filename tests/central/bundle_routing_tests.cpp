// 一件事 on central (central/API.md §4.7): an accepted bundle case keeps one official number for
// the applicant and is split into one sub-case per part, each routed to its part's department
// and told to the station through the change feed — once, however often the case is sent.

#include <filesystem>
#include <regex>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSampleCatalog = fs::path(ONEWINDOW_SOURCE_DIR) / "forms" / "catalog";
constexpr const char* kNewbornBundle = "44030000B001";  // four parts, four departments

std::string bundleCase(const std::string& uuid, int version, const std::string& state) {
  return sampleCaseXml({uuid, version, {}, state, "张三", kNewbornBundle});
}

std::vector<pugi::xml_node> changesOf(const pugi::xml_document& page, const std::string& uuid,
                                      const std::string& kind) {
  std::vector<pugi::xml_node> found;
  for (const pugi::xml_node change : page.child("changes").children("change")) {
    if (uuid == change.attribute("case-uuid").as_string() &&
        kind == change.attribute("kind").as_string()) {
      found.push_back(change);
    }
  }
  return found;
}

std::string attribute(pugi::xml_node node, const char* name) {
  return node.attribute(name).as_string();
}

}  // namespace

TEST_CASE("An accepted bundle case is split into one routed sub-case per department",
          "[central][bundle]") {
  TempDir dir;
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {"--catalog", kSampleCatalog.string()}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");

  const std::string uuid = uuidNumber(1);
  const std::string body = bundleCase(uuid, 1, "accepted");
  const httplib::Result created = station.putCase(uuid, 1, body);
  REQUIRE(created);
  REQUIRE(created->status == 201);
  const std::string officialNo = attribute(receiptOf(parseXml(created->body)), "official-no");
  REQUIRE_FALSE(officialNo.empty());
  // A lost reply sent again: the same receipt, and no second split.
  const httplib::Result repeated = station.putCase(uuid, 1, body);
  REQUIRE(repeated);
  CHECK(repeated->status == 200);

  const httplib::Result feed = station.changes(0);
  REQUIRE(feed);
  const pugi::xml_document page = parseXml(feed->body);
  CHECK(changesOf(page, uuid, "official-number").size() == 1);
  const auto parts = changesOf(page, uuid, "sub-case");
  REQUIRE(parts.size() == 4);
  CHECK(attribute(parts[0], "number") == officialNo + "-01");
  CHECK(attribute(parts[3], "number") == officialNo + "-04");
  CHECK(attribute(parts[0], "official-no") == officialNo);
  CHECK(attribute(parts[0], "matter-code") == "440300200008");
  CHECK(attribute(parts[0], "department") == "助产医疗机构（区卫生健康局）");
  CHECK(std::string(parts[0].text().as_string()) == "出生医学证明首次签发");
  CHECK(attribute(parts[1], "matter-code") == "440300070005");
  CHECK(attribute(parts[1], "department") == "深圳市公安局福田分局（辖区派出所）");
  for (const pugi::xml_node part : parts) CHECK(attribute(part, "state") == "routed");

  // The back office sees the sub-cases under the case.
  const CommandResult listed =
      runCentralCommand({"admin", "--db", (dir / "central.db").string(), "cases"});
  INFO(listed.standardError);
  REQUIRE(listed.exitCode == 0);
  CHECK_THAT(listed.standardOutput,
             Catch::Contains("sub-case " + officialNo + "-02  440300070005 出生户口登记") &&
                 Catch::Contains("→ 深圳市公安局福田分局（辖区派出所）  routed"));
}

TEST_CASE("A bundle case is split when a later version accepts it, and a plain case never is",
          "[central][bundle]") {
  TempDir dir;
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {"--catalog", kSampleCatalog.string()}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");

  // A correction notice first: nothing reaches the departments yet.
  const std::string bundle = uuidNumber(1);
  REQUIRE(station.putCase(bundle, 1, bundleCase(bundle, 1, "awaiting_correction"))->status == 201);
  const std::string plain = uuidNumber(2);
  REQUIRE(station.putCase(plain, 1, caseXml(plain, 1))->status == 201);
  {
    const pugi::xml_document page = parseXml(station.changes(0)->body);
    CHECK(changesOf(page, bundle, "sub-case").empty());
    CHECK(changesOf(page, plain, "sub-case").empty());
  }
  // The corrected materials came and the case is accepted; a later version splits it no more.
  REQUIRE(station.putCase(bundle, 2, bundleCase(bundle, 2, "accepted"))->status == 201);
  REQUIRE(station.putCase(bundle, 3, bundleCase(bundle, 3, "accepted"))->status == 201);
  const pugi::xml_document page = parseXml(station.changes(0)->body);
  CHECK(changesOf(page, bundle, "sub-case").size() == 4);
  CHECK(changesOf(page, plain, "sub-case").empty());
}

TEST_CASE("Without a published catalog central cannot check a case and numbers none",
          "[central][bundle]") {
  TempDir dir;
  CentralOptions options;
  options.sampleCatalog = false;
  CentralProcess central(dir / "central.db", options);
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string uuid = uuidNumber(1);
  const httplib::Result refused = station.putCase(uuid, 1, bundleCase(uuid, 1, "accepted"));
  REQUIRE(refused);
  CHECK(refused->status == 422);
  const pugi::xml_document error = parseXml(refused->body);
  CHECK(std::string(error.child("error").attribute("code").value()) == "case.rule_violation");
  CHECK(std::string(
            error.child("error").child("problems").child("problem").attribute("rule").value()) ==
        "catalog.none");
  const pugi::xml_document page = parseXml(station.changes(0)->body);
  CHECK(changesOf(page, uuid, "official-number").empty());
}
