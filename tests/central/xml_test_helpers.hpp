#pragma once
// Small helpers for checking the server's XML replies in tests.

#include <httplib.h>

#include <string>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

namespace onewindow::test {

inline pugi::xml_document parseXml(const std::string& body) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(body.data(), body.size());
  INFO("body: " << body);
  REQUIRE(parsed);
  return document;
}

// The code attribute of an <error> reply; empty when the body is not an error document.
inline std::string errorCodeOf(const httplib::Result& result) {
  REQUIRE(result);
  return parseXml(result->body).child("error").attribute("code").as_string();
}

inline std::string errorMessageOf(const httplib::Result& result) {
  REQUIRE(result);
  return parseXml(result->body).child("error").child("message").text().as_string();
}

inline std::string loginXml(const std::string& clerkId, const std::string& password,
                            const std::string& window) {
  return "<login><clerk-id>" + clerkId + "</clerk-id><password>" + password +
         "</password><window>" + window + "</window></login>";
}

inline constexpr const char* kXmlType = "application/xml; charset=utf-8";

inline httplib::Result postLogin(httplib::Client& client, const std::string& body) {
  return client.Post("/api/v1/sessions", body, kXmlType);
}

inline httplib::Headers bearer(const std::string& token) {
  return httplib::Headers{{"Authorization", "Bearer " + token}};
}

}  // namespace onewindow::test
