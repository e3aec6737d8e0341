#pragma once
// Asking central for the centre's cases (API.md §4.12) as a station does, for the tests of the
// list and of the 督办 marks it shows.

#include <string>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "sync_test_helpers.hpp"
#include "xml_test_helpers.hpp"

namespace onewindow::test {

inline httplib::Result centre(StationClient& who, const std::string& query = "",
                              httplib::Headers extra = {}) {
  return who.client().Get(("/api/v1/centre/cases" + query).c_str(), who.headers(std::move(extra)));
}

// The 200 reply's <centre-cases> document (the test stops on anything else).
inline pugi::xml_document listing(const httplib::Result& result) {
  REQUIRE(result);
  INFO(result->body);
  REQUIRE(result->status == 200);
  pugi::xml_document document = parseXml(result->body);
  REQUIRE(document.child("centre-cases"));
  return document;
}

}  // namespace onewindow::test
