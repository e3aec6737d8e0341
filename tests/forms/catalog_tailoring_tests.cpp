#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/catalog_loader.hpp"

using namespace onewindow::forms;

namespace {

const std::string kGood = std::string(ONEWINDOW_FORMS_FIXTURES) + "/catalog/good/catalog.xml";

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

std::vector<std::string> keys(const std::vector<const Material*>& materials) {
  std::vector<std::string> found;
  for (const auto* material : materials) found.push_back(material->key);
  return found;
}

}  // namespace

TEST_CASE("Scenario answers tailor the material list", "[forms][catalog][tailoring]") {
  const auto catalog = loadCatalog(kGood);
  const auto& matter = *catalog.matterOn("440300007001", day("2026-12-01"));

  // Unanswered: only the materials no answer mentions.
  CHECK(keys(tailoredMaterials(matter, {})) ==
        std::vector<std::string>{"id_card", "photo_receipt"});
  CHECK(keys(tailoredMaterials(matter, {{"residence_proof", {"lease"}}})) ==
        std::vector<std::string>{"id_card", "photo_receipt", "lease"});
  CHECK(keys(tailoredMaterials(matter, {{"residence_proof", {"own"}}})) ==
        std::vector<std::string>{"id_card", "photo_receipt", "property_cert"});
  // An answer naming two materials; a material named by two answers appears once; catalog
  // order is kept.
  CHECK(keys(tailoredMaterials(matter, {{"residence_proof", {"employer", "lease"}}})) ==
        std::vector<std::string>{"id_card", "photo_receipt", "lease", "labour_contract"});
}

TEST_CASE("Unknown questions and answers are refused, not ignored", "[forms][catalog][tailoring]") {
  const auto catalog = loadCatalog(kGood);
  const auto& matter = *catalog.matterOn("440300007001", day("2026-12-01"));
  CHECK_THROWS_WITH(tailoredMaterials(matter, {{"colour", {"red"}}}),
                    "matter 440300007001 has no scenario question 'colour'");
  CHECK_THROWS_WITH(tailoredMaterials(matter, {{"residence_proof", {"tent"}}}),
                    "scenario question 'residence_proof' of matter 440300007001 has no answer "
                    "'tent'");

  // A single-answer question takes one answer only.
  auto single = matter;
  single.scenarios[0].multiple = false;
  CHECK_THROWS_AS(tailoredMaterials(single, {{"residence_proof", {"lease", "own"}}}),
                  std::invalid_argument);
  CHECK(keys(tailoredMaterials(single, {{"residence_proof", {"own"}}})).size() == 3);
}

TEST_CASE("A bundle merges its parts' materials by key", "[forms][catalog][tailoring]") {
  const auto catalog = loadCatalog(kGood);
  const auto& bundle = *catalog.bundleOn("44030000B001", day("2026-12-01"));
  const auto merged = bundleMaterials(catalog, bundle, day("2026-12-01"));
  REQUIRE(merged.size() == 3);

  // parent_ids: main in the first part, secondary in the second: main. Counts are the
  // largest asked; paper + electronic = both; the scan satisfies both policies.
  const auto& parents = merged[0];
  CHECK(parents.material.key == "parent_ids");
  CHECK(parents.material.role == MaterialRole::Main);
  CHECK(parents.material.copies == 2);
  CHECK(parents.material.medium == MaterialMedium::Both);
  CHECK(parents.material.scan.dpi == 300);
  CHECK(parents.material.scan.colour == ScanColour::Colour);
  CHECK(parents.material.scan.maxBytes == 1048576);
  CHECK(parents.matters == std::vector<std::string>{"440300010001", "440300010002"});

  CHECK(merged[1].material.key == "marriage_cert");
  CHECK(merged[1].material.role == MaterialRole::Secondary);
  CHECK(merged[1].matters == std::vector<std::string>{"440300010001"});
  CHECK(merged[2].material.key == "birth_cert");
  CHECK(merged[2].matters == std::vector<std::string>{"440300010002"});

  // Before the parts take effect there is nothing to merge.
  CHECK_THROWS_AS(bundleMaterials(catalog, bundle, day("2025-06-01")), std::out_of_range);
}
