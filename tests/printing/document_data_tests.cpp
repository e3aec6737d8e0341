#include <catch2/catch.hpp>

#include "printing/document_data.hpp"

using onewindow::printing::DocumentData;

TEST_CASE("document data: a missing field differs from an empty one", "[printing][data]") {
  DocumentData data;
  data.set("applicant.contact", "");
  REQUIRE(data.find("applicant.contact") != nullptr);
  CHECK(data.find("applicant.contact")->empty());
  CHECK(data.find("applicant.name") == nullptr);
  CHECK(data.valueOr("applicant.name", "—") == "—");
}

TEST_CASE("document data: lists keep their rows in order", "[printing][data]") {
  DocumentData data;
  data.list("materials").push_back({{"name", "身份证"}});
  data.list("materials").push_back({{"name", "户口簿"}});
  const auto* rows = data.findList("materials");
  REQUIRE(rows != nullptr);
  REQUIRE(rows->size() == 2);
  CHECK(rows->at(1).at("name") == "户口簿");
  CHECK(data.findList("decision.gaps") == nullptr);
}
