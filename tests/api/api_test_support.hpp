#pragma once
// Shared helpers of the api tests: waiting for a completion, test files and their sha256, and
// a clerk session on a real central server.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <sodium/crypto_hash_sha256.h>

#include "awaited.hpp"
#include "central_process.hpp"
#include "client/api/case_document.hpp"
#include "client/api/central_client.hpp"
#include "sample_case.hpp"
#include "temp_dir.hpp"

namespace onewindow::test {

// Runs `call(done)` and waits for `done` to be called with a T.
template <typename T, typename Call>
T awaitResult(Call&& call, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  Awaited<T> done;
  call([&done](T value) { done.set(std::move(value)); });
  auto value = done.wait(timeout);
  REQUIRE(value.has_value());
  return std::move(*value);
}

inline std::string sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

inline std::string randomBytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xff);
  return bytes;
}

inline void writeFile(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

// A material on disk: its path, bytes and name.
struct TestMaterial {
  std::filesystem::path file;
  std::string bytes;
  std::string sha256;
};

inline TestMaterial makeMaterial(const std::filesystem::path& file, std::size_t size,
                                 std::uint32_t seed) {
  TestMaterial material{file, randomBytes(size, seed), {}};
  material.sha256 = sha256Hex(material.bytes);
  writeFile(file, material.bytes);
  return material;
}

// A case of the sample catalog that keeps every rule central checks (sample_case.hpp), accepted
// at the window, with the given pages on its first material.
inline api::CaseDocument sampleCase(const std::string& uuid, std::int64_t version,
                                    std::vector<api::CasePage> pages = {}) {
  const SampleIntake intake = sampleIntake();
  api::CaseDocument document;
  document.uuid = uuid;
  document.version = version;
  document.provisionalNo = "W03-20261127-000042";
  document.window = "W03";
  document.clerkId = "c1001";
  document.matterCode = intake.subject.code();
  document.matterName = intake.subject.name().zh;
  document.state = "accepted";
  document.intakeAt = "2026-11-27T04:00:00Z";
  document.acceptedAt = "2026-11-27T04:05:00Z";
  document.promisedDue = intake.due.promised.iso();
  if (intake.due.legal) document.legalDue = intake.due.legal->iso();
  document.applicant = {"张三", "id_card", kSampleIdNumber};
  for (const auto& [question, answers] : intake.scenarios)
    for (const std::string& answer : answers) document.scenario.push_back({question, answer});
  document.form = {intake.formId, intake.formVersion, intake.instanceXml};
  for (const forms::CaseSlot& slot : intake.slots) {
    document.slots.push_back(
        {slot.key, slot.name, slot.main, "received", 1, 0,
         document.slots.empty() ? std::move(pages) : std::vector<api::CasePage>{}});
  }
  document.decisions.push_back({"accept", "2026-11-27T04:05:00Z", "c1001", "", "", "", false});
  return document;
}

// The real reference server with a logged-in clerk and a station id on the client.
struct CentralSession {
  TempDir dir;
  CentralProcess central{dir / "central.db"};
  api::HttpTransport transport;
  api::CentralClient client{transport, ""};
  std::string token;

  explicit CentralSession(const std::string& stationId = "station-test-1") {
    central.start();
    client.setBaseUrl(central.baseUrl());
    const auto session = awaitResult<api::Result<api::SessionInfo>>([&](auto done) {
      client.login({"c1001", "demo1001", "W03"}, std::move(done));
    });
    REQUIRE(session.ok());
    token = session.value().token;
    client.setSession(token, stationId);
  }
};

}  // namespace onewindow::test
