// 秒批 decided on central (central/API.md §4.5): a new case of an auto-approval matter whose
// form instance passes a rule of the current catalog release is decided at once, with the
// rule's trace as the decision's note; a case no rule approves waits for the back office.

#include <filesystem>
#include <memory>
#include <regex>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "forms/catalog_loader.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSampleCatalog = fs::path(ONEWINDOW_SOURCE_DIR) / "forms" / "catalog";
constexpr const char* kOldAgeAllowance = "440300050003";

// The instance the window sends: the sample form filled in as a clerk would, with these answers.
std::string oldAgeInstance(const std::string& idNumber, const std::string& hukou) {
  using namespace onewindow::forms;
  const auto definition = std::make_shared<const XFormDefinition>(
      loadXForm((kSampleCatalog / "forms" / "old_age_allowance.xml").string()));
  return filledInstance(definition, sampleIntakeTime(),
                        {{"/data/applicant/name", "王秀英"},
                         {"/data/applicant/id_number", idNumber},
                         {"/data/applicant/hukou", hukou}});
}

// A case of the old-age allowance with this form instance.
std::string allowanceCase(const std::string& uuid, const std::string& instance) {
  return sampleCaseXml({uuid, 1, {}, "accepted", "王秀英", kOldAgeAllowance, instance});
}

std::vector<pugi::xml_node> changesOf(const pugi::xml_document& page, const std::string& uuid) {
  std::vector<pugi::xml_node> found;
  for (const pugi::xml_node change : page.child("changes").children("change")) {
    if (uuid == change.attribute("case-uuid").as_string()) found.push_back(change);
  }
  return found;
}

}  // namespace

TEST_CASE("Central approves a 秒批 case whose form passes a rule and leaves the others",
          "[central][auto-approval]") {
  TempDir dir;
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {"--catalog", kSampleCatalog.string()}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");

  const std::string eligible = uuidNumber(1);
  const httplib::Result approved = station.putCase(
      eligible, 1, allowanceCase(eligible, oldAgeInstance("440304194005051213", "shenzhen")));
  REQUIRE(approved);
  REQUIRE(approved->status == 201);
  const std::string young = uuidNumber(2);
  const httplib::Result waiting = station.putCase(
      young, 1, allowanceCase(young, oldAgeInstance("440304198506152010", "shenzhen")));
  REQUIRE(waiting);
  REQUIRE(waiting->status == 201);

  const httplib::Result feed = station.changes(0);
  REQUIRE(feed);
  const pugi::xml_document page = parseXml(feed->body);
  const auto decided = changesOf(page, eligible);
  REQUIRE(decided.size() == 3);  // official number, in progress, decision
  CHECK(decided[2].attribute("kind").as_string() == std::string("decision"));
  CHECK(decided[2].attribute("result").as_string() == std::string("granted"));
  const std::string note = decided[2].text().as_string();
  CHECK_THAT(note, Catch::Contains("秒批 old_age_allowance_auto") &&
                       Catch::Contains("年满70周岁 ✓ 86") && Catch::Contains("深圳户籍 ✓"));

  const auto others = changesOf(page, young);
  REQUIRE(others.size() == 1);
  CHECK(others[0].attribute("kind").as_string() == std::string("official-number"));
}
