#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "client/api/case_document.hpp"

using namespace onewindow::api;

namespace {

CaseDocument sample() {
  CaseDocument document;
  document.uuid = "5b0e0d6a-1f2e-4c3d-8a9b-0123456789ab";
  document.version = 1;
  document.provisionalNo = "W03-20261127-000042";
  document.window = "W03";
  document.clerkId = "c1001";
  document.matterCode = "000131128000";
  document.matterName = "个体工商户设立登记";
  document.state = "accepted_with_gaps";
  document.intakeAt = "2026-11-27T02:15:00Z";
  document.acceptedAt = "20261127T022000";
  document.promisedDue = "2026-12-18";
  document.applicant = {"张三 <&>", "id_card", "440305199001011234"};
  document.form = {"individual-business", "3", "<data><x>a]]>b</x></data>"};
  document.slots.push_back({"id",
                            "居民身份证",
                            true,
                            "received",
                            1,
                            0,
                            {{std::string(64, 'a'), 20480}, {std::string(64, 'b'), 1}}});
  document.slots.push_back({"lease", "租赁合同", false, "missing", 0, 0, {}});
  document.decisions.push_back({"accept_with_gaps", "2026-11-27T10:20:00+08:00", "c1001", "",
                                "《行政许可法》第三十二条", "2026-12-02"});
  return document;
}

}  // namespace

TEST_CASE("ISO times become wire times in UTC", "[api][case_document]") {
  CHECK(wireTimeFromIso("2026-11-27T02:15:00Z") == std::optional<std::string>("20261127T021500"));
  CHECK(wireTimeFromIso("2026-11-27 02:15:00") == std::optional<std::string>("20261127T021500"));
  CHECK(wireTimeFromIso("2026-11-27T02:15:00.123Z") ==
        std::optional<std::string>("20261127T021500"));
  CHECK(wireTimeFromIso("2026-11-27T08:15:00+08:00") ==
        std::optional<std::string>("20261127T001500"));
  CHECK(wireTimeFromIso("2026-01-01T02:00:00+0800") ==
        std::optional<std::string>("20251231T180000"));
  CHECK(wireTimeFromIso("20261127T021500") == std::optional<std::string>("20261127T021500"));
  CHECK_FALSE(wireTimeFromIso("2026-02-30T00:00:00Z"));
  CHECK_FALSE(wireTimeFromIso("2026-11-27T24:00:00Z"));
  CHECK_FALSE(wireTimeFromIso("yesterday"));
  CHECK_FALSE(wireTimeFromIso("2026-11-27T02:15:00Q"));
  CHECK(wireDateFromIso("2026-12-18") == std::optional<std::string>("20261218"));
  CHECK(wireDateFromIso("20261218") == std::optional<std::string>("20261218"));
  CHECK_FALSE(wireDateFromIso("2026-13-01"));
}

TEST_CASE("central's wire times become the store's ISO times", "[api][case_document]") {
  CHECK(isoFromWireTime("20261127T021500") == std::optional<std::string>("2026-11-27T02:15:00Z"));
  CHECK(isoFromWireTime("2026-11-27T08:15:00+08:00") ==
        std::optional<std::string>("2026-11-27T00:15:00Z"));
  CHECK_FALSE(isoFromWireTime("20260230T000000"));
  CHECK_FALSE(isoFromWireTime(""));
  CHECK_FALSE(isoFromWireTime("soon"));
}

TEST_CASE("the case body is deterministic: the same struct, the same bytes",
          "[api][case_document]") {
  const std::string first = toXml(sample());
  CHECK(toXml(sample()) == first);
  CaseDocument changed = sample();
  changed.slots[0].pages[1].size = 2;
  CHECK(toXml(changed) != first);
}

TEST_CASE("the case body follows API.md §4.5", "[api][case_document]") {
  const std::string xml = toXml(sample());
  CHECK_THAT(xml, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><case uuid=\""));
  pugi::xml_document document;
  REQUIRE(document.load_string(xml.c_str()));
  const pugi::xml_node root = document.child("case");
  CHECK(std::string(root.attribute("version").value()) == "1");
  CHECK(std::string(root.attribute("intake-at").value()) == "20261127T021500");
  CHECK(std::string(root.attribute("accepted-at").value()) == "20261127T022000");
  CHECK(std::string(root.attribute("promised-due").value()) == "20261218");
  CHECK(std::string(root.child("applicant").attribute("name").value()) == "张三 <&>");
  std::string instance;  // "]]>" splits the CDATA in two sections
  for (const pugi::xml_node section : root.child("form").children()) instance += section.value();
  CHECK(instance == "<data><x>a]]>b</x></data>");
  const pugi::xml_node slot = root.child("materials").child("slot");
  CHECK(std::string(slot.attribute("mandatory").value()) == "true");
  CHECK(std::string(slot.child("page").attribute("size").value()) == "20480");
  const pugi::xml_node decision = root.child("decisions").child("decision");
  CHECK(std::string(decision.attribute("decided-at").value()) == "20261127T022000");
  CHECK(std::string(decision.attribute("gap-deadline").value()) == "20261202");
  CHECK_FALSE(decision.attribute("grounds"));  // empty optional attributes are left out
}

TEST_CASE("optional parts are left out, not sent empty", "[api][case_document]") {
  CaseDocument document = sample();
  document.acceptedAt.clear();
  document.promisedDue.clear();
  document.form = {};
  const std::string xml = toXml(document);
  CHECK_THAT(xml, !Catch::Contains("accepted-at"));
  CHECK_THAT(xml, !Catch::Contains("promised-due"));
  CHECK_THAT(xml, !Catch::Contains("<form"));
  CHECK_THAT(xml, Catch::Contains("<decisions>"));
}

TEST_CASE("issued documents follow the decisions, in order, the same bytes every time",
          "[api][case_document]") {
  CaseDocument document = sample();
  document.documents.push_back({"acceptance-notice", "W03-20261127-000042-SL1",
                                "2026-11-27T02:30:00Z", std::string(64, 'c'), 5123, false});
  document.documents.push_back({"acceptance-notice", "W03-20261127-000042-SL1",
                                "2026-11-27T11:15:00+08:00", std::string(64, 'd'), 5188, true});
  const std::string xml = toXml(document);
  CHECK(toXml(document) == xml);
  CHECK_THAT(xml, Catch::Contains(
                      "</decisions><documents><document kind=\"acceptance-notice\" "
                      "number=\"W03-20261127-000042-SL1\" issued-at=\"20261127T023000\" sha256=\"" +
                      std::string(64, 'c') + "\" size=\"5123\" reprint=\"false\"/>"));
  pugi::xml_document parsed;
  REQUIRE(parsed.load_string(xml.c_str()));
  const pugi::xml_node reprint =
      parsed.child("case").child("documents").child("document").next_sibling("document");
  CHECK(std::string(reprint.attribute("issued-at").value()) == "20261127T031500");
  CHECK(std::string(reprint.attribute("reprint").value()) == "true");

  CaseDocument other = document;
  other.documents[1].size = 5189;
  CHECK(toXml(other) != xml);
}

TEST_CASE("a case without issued documents has no <documents> element", "[api][case_document]") {
  const std::string xml = toXml(sample());
  CHECK_THAT(xml, !Catch::Contains("<documents"));
  CHECK_THAT(xml, Catch::EndsWith("</decisions></case>"));
}
