#pragma once
// Helpers for the station-scoped endpoints of central/API.md §4: a logged-in client with a
// station id, materials and case bodies.

#include <httplib.h>

#include <span>
#include <string>

#include <catch2/catch.hpp>

#include "localdb/sha256.hpp"
#include "sample_case.hpp"
#include "xml_test_helpers.hpp"

namespace onewindow::test {

inline std::string sha256Of(const std::string& bytes) {
  return localdb::sha256Hex(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

// One workstation: its own connection, session token and station id.
class StationClient {
 public:
  StationClient(int port, std::string station, const std::string& clerkId = "c1001",
                const std::string& password = "demo1001")
      : client_("127.0.0.1", port), station_(std::move(station)) {
    client_.set_read_timeout(10, 0);
    const httplib::Result login = postLogin(client_, loginXml(clerkId, password, "W03"));
    REQUIRE(login);
    REQUIRE(login->status == 201);
    token_ = parseXml(login->body).child("session").child("token").text().as_string();
  }

  [[nodiscard]] httplib::Headers headers(httplib::Headers extra = {}) const {
    extra.emplace("Authorization", "Bearer " + token_);
    extra.emplace("X-OneWindow-Station", station_);
    return extra;
  }

  httplib::Result headMaterial(const std::string& sha256) {
    return client_.Head(("/api/v1/materials/" + sha256).c_str(), headers());
  }
  httplib::Result putMaterial(const std::string& bytes, const std::string& sha256) {
    return client_.Put(("/api/v1/materials/" + sha256).c_str(), headers(), bytes,
                       "application/octet-stream");
  }
  httplib::Result putMaterial(const std::string& bytes) {
    return putMaterial(bytes, sha256Of(bytes));
  }
  httplib::Result patchChunk(const std::string& sha256, std::size_t offset, std::size_t total,
                             const std::string& chunk) {
    return client_.Patch(("/api/v1/materials/" + sha256).c_str(),
                         headers({{"Upload-Offset", std::to_string(offset)},
                                  {"Upload-Length", std::to_string(total)}}),
                         chunk, "application/octet-stream");
  }
  httplib::Result putCase(const std::string& uuid, int version, const std::string& body) {
    return client_.Put(("/api/v1/cases/" + uuid + "?version=" + std::to_string(version)).c_str(),
                       headers(), body, kXmlType);
  }
  httplib::Result getCase(const std::string& uuid) {
    return client_.Get(("/api/v1/cases/" + uuid).c_str(), headers());
  }
  httplib::Result changes(long long since, int limit = 100) {
    return client_.Get(
        ("/api/v1/changes?since=" + std::to_string(since) + "&limit=" + std::to_string(limit))
            .c_str(),
        headers());
  }

  httplib::Client& client() { return client_; }

 private:
  httplib::Client client_;
  std::string station_;
  std::string token_;
};

// A case body as the workstation sends it (central/API.md §4.5) that keeps every rule of the
// window over the sample catalog (tests/support/sample_case.hpp).
inline std::string caseXml(const std::string& uuid, int version,
                           const std::vector<std::string>& pageSha256s = {},
                           const std::string& state = "accepted",
                           const std::string& applicant = "张三") {
  return sampleCaseXml({uuid, version, pageSha256s, state, applicant});
}

// `body` with <documents> (API.md §4.5.2) after its decisions.
inline std::string withDocuments(std::string body, const std::string& documents) {
  body.insert(body.rfind("</case>"), "<documents>" + documents + "</documents>");
  return body;
}

// One <document> of an acceptance notice (unless `kind` says otherwise) whose PDF is `sha256`.
inline std::string documentXml(const std::string& sha256, const std::string& size = "5123",
                               const std::string& issuedAt = "20261127T043000",
                               const std::string& kind = "acceptance-notice",
                               const std::string& reprint = "false") {
  return "<document kind=\"" + kind + "\" number=\"W03-20261127-000042-SL1\" issued-at=\"" +
         issuedAt + "\" sha256=\"" + sha256 + "\" size=\"" + size + "\" reprint=\"" + reprint +
         "\"/>";
}

inline std::string uuidNumber(int n) {
  std::string digits = std::to_string(n);
  return "5b0e6a4e-1c2d-4e5f-8a9b-" + std::string(12 - digits.size(), '0') + digits;
}

inline pugi::xml_node receiptOf(const pugi::xml_document& document) {
  return document.child("case-receipt");
}

}  // namespace onewindow::test
