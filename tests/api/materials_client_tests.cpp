// Materials against the real reference server (and a stand-in for replies central rarely
// gives), including resume after a cut connection through the fault proxy.

#include <mutex>

#include <catch2/catch.hpp>

#include "api_test_support.hpp"
#include "fault_proxy.hpp"
#include "local_http_server.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::awaitResult;
using onewindow::test::CentralSession;
using onewindow::test::Fault;
using onewindow::test::FaultPlan;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

Result<UploadOutcome> upload(CentralClient& client, const onewindow::test::TestMaterial& material,
                             std::uint64_t chunkBytes) {
  return awaitResult<Result<UploadOutcome>>([&](auto done) {
    client.uploadMaterial(material.sha256, material.file, material.bytes.size(), chunkBytes,
                          std::move(done));
  });
}

Result<MaterialStatus> status(CentralClient& client, const std::string& sha256) {
  return awaitResult<Result<MaterialStatus>>(
      [&](auto done) { client.materialStatus(sha256, std::move(done)); });
}

}  // namespace

TEST_CASE_METHOD(CentralSession, "limits are read from central", "[api][materials]") {
  const auto limits =
      awaitResult<Result<Limits>>([&](auto done) { client.limits(std::move(done)); });
  REQUIRE(limits.ok());
  CHECK(limits.value().chunkBytes == kMiB);
  CHECK(limits.value().maxMaterialBytes >= limits.value().chunkBytes);
  CHECK(limits.value().maxRequestBytes > 0);
  CHECK(limits.value().maxCaseBytes > 0);
}

TEST_CASE_METHOD(CentralSession, "a small material goes up whole, once", "[api][materials]") {
  const auto material = onewindow::test::makeMaterial(dir / "page.jpg", 20480, 1);
  const auto before = status(client, material.sha256);
  REQUIRE(before.ok());
  CHECK_FALSE(before.value().present);
  CHECK(before.value().uploadOffset == 0);

  const auto first = upload(client, material, kMiB);
  REQUIRE(first.ok());
  CHECK_FALSE(first.value().alreadyPresent);
  CHECK(first.value().bytesSent == material.bytes.size());

  const auto after = status(client, material.sha256);
  REQUIRE(after.ok());
  CHECK(after.value().present);
  CHECK(after.value().size == material.bytes.size());

  const auto again = upload(client, material, kMiB);
  REQUIRE(again.ok());
  CHECK(again.value().alreadyPresent);
  CHECK(again.value().bytesSent == 0);  // HEAD said central has it: nothing sent
}

TEST_CASE_METHOD(CentralSession, "a 5 MB material goes up in 1 MiB chunks, streamed",
                 "[api][materials]") {
  const auto material = onewindow::test::makeMaterial(dir / "big.pdf", 5 * kMiB + 123, 2);
  const auto result = upload(client, material, kMiB);
  REQUIRE(result.ok());
  CHECK(result.value().bytesSent == material.bytes.size());
  CHECK(result.value().resumedFrom == 0);
  // The file is read through curl's upload buffer, never a chunk (let alone the file) at once.
  CHECK(result.value().largestRead <= 64 * 1024);
  const auto after = status(client, material.sha256);
  REQUIRE(after.ok());
  CHECK(after.value().present);
  CHECK(after.value().size == material.bytes.size());
}

TEST_CASE_METHOD(CentralSession, "a material whose bytes do not match its name is refused for good",
                 "[api][materials]") {
  auto material = onewindow::test::makeMaterial(dir / "page.jpg", 4096, 3);
  material.sha256 = std::string(64, 'e');
  const auto result = upload(client, material, kMiB);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == "material.hash_mismatch");
  CHECK(result.error().isPermanent());
}

TEST_CASE_METHOD(CentralSession, "a material file missing on disk is a local problem",
                 "[api][materials]") {
  onewindow::test::TestMaterial material{dir / "vanished.jpg", std::string(10, 'x'),
                                         std::string(64, 'c')};
  const auto result = upload(client, material, kMiB);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().recovery() == Recovery::LocalProblem);
  CHECK_THAT(result.error().message, Catch::Contains("vanished.jpg"));
}

TEST_CASE_METHOD(CentralSession, "an upload cut on its third chunk resumes where central stopped",
                 "[api][materials][faults]") {
  const auto material = onewindow::test::makeMaterial(dir / "big.pdf", 5 * kMiB, 4);
  onewindow::test::FaultProxy proxy(central.port());
  client.setBaseUrl(proxy.baseUrl());
  // Exchanges: 0 HEAD, 1 chunk at 0, 2 chunk at 1 MiB, 3 chunk at 2 MiB. Central keeps the
  // chunk at 2 MiB, but its reply is cut after the status line. (Cut before a whole header
  // line, curl would itself resend the chunk on a fresh connection — see the next test.)
  proxy.armExchange(3, FaultPlan{Fault::Truncate, 0, 30, {}});
  const auto cut = upload(client, material, kMiB);
  INFO("connections " << proxy.connections() << " exchanges " << proxy.exchanges());
  REQUIRE_FALSE(cut.ok());
  // curl takes a reply cut inside its headers as a reply without Upload-Offset: malformed.
  CHECK((cut.error().kind == ApiErrorKind::Malformed ||
         cut.error().transport == TransportError::ConnectionLost));
  CHECK(cut.error().isRetryable());
  CHECK(cut.error().mayHaveReachedServer());
  CHECK(proxy.faultsApplied(Fault::Truncate) == 1);

  const auto partial = status(client, material.sha256);
  REQUIRE(partial.ok());
  CHECK_FALSE(partial.value().present);
  CHECK(partial.value().uploadOffset == 3 * kMiB);

  const auto resumed = upload(client, material, kMiB);
  REQUIRE(resumed.ok());
  CHECK(resumed.value().resumedFrom == 3 * kMiB);
  CHECK(resumed.value().bytesSent == 2 * kMiB);  // only what was missing
  const auto after = status(client, material.sha256);
  REQUIRE(after.ok());
  CHECK(after.value().present);
}

TEST_CASE_METHOD(CentralSession, "an upload reset in the middle of a chunk body resumes",
                 "[api][materials][faults]") {
  const auto material = onewindow::test::makeMaterial(dir / "big.pdf", 3 * kMiB + 10, 5);
  onewindow::test::FaultProxy proxy(central.port());
  client.setBaseUrl(proxy.baseUrl());
  // Exchange 2 is the chunk at 1 MiB: reset after 300 KB of it went through.
  proxy.armExchange(2, FaultPlan{Fault::Reset, 0, 300 * 1024, {}});
  const auto first = upload(client, material, kMiB);
  CHECK(proxy.faultsApplied(Fault::Reset) == 1);
  if (!first.ok()) {
    CHECK(first.error().isRetryable());
    const auto resumed = upload(client, material, kMiB);
    REQUIRE(resumed.ok());
    CHECK(resumed.value().resumedFrom == kMiB);  // the cut chunk was not kept
    CHECK(resumed.value().bytesSent == material.bytes.size() - kMiB);
  }
  // (curl may also resend the cut chunk itself on a fresh connection: then one call is enough.)
  const auto after = status(client, material.sha256);
  REQUIRE(after.ok());
  CHECK(after.value().present);
}

TEST_CASE("an offset mismatch is followed to central's offset", "[api][materials]") {
  // Central's HEAD and PATCH disagree only in a race (another upload of the same file); a
  // stand-in makes that happen on purpose.
  onewindow::test::TempDir dir;
  const auto material = onewindow::test::makeMaterial(dir / "m.bin", 3000, 6);
  onewindow::test::LocalHttpServer http;
  std::mutex mutex;
  std::string kept = material.bytes.substr(0, 1000);  // an earlier upload's first chunk
  std::vector<std::string> offsets;
  http.server.Get(".*", [](const httplib::Request&, httplib::Response& response) {
    response.status = 404;
    response.set_header("Upload-Offset", "0");  // stale
  });
  http.server.Patch(".*", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex);
    const std::string offset = request.get_header_value("Upload-Offset");
    offsets.push_back(offset);
    if (std::stoul(offset) != kept.size()) {
      response.status = 409;
      response.set_header("Upload-Offset", std::to_string(kept.size()));
      response.set_content("<error code=\"material.offset_mismatch\"><message>at " +
                               std::to_string(kept.size()) + "</message></error>",
                           "application/xml");
      return;
    }
    kept += request.body;
    response.status = kept.size() == 3000 ? 201 : 204;
    response.set_header("Upload-Offset", std::to_string(kept.size()));
  });
  http.start();
  HttpTransport transport;
  CentralClient client(transport, http.baseUrl());
  client.setSession("token", "station-1");
  const auto result = upload(client, material, 1000);
  REQUIRE(result.ok());
  CHECK(result.value().bytesSent == 3000);  // the refused first chunk went out too
  std::lock_guard lock(mutex);
  CHECK(kept == material.bytes);
  CHECK(offsets == std::vector<std::string>{"0", "1000", "2000"});
}

TEST_CASE("a server that keeps moving the offset ends the upload instead of looping",
          "[api][materials]") {
  onewindow::test::TempDir dir;
  const auto material = onewindow::test::makeMaterial(dir / "m.bin", 3000, 7);
  onewindow::test::LocalHttpServer http;
  std::atomic<int> patches{0};
  http.server.Get(".*", [](const httplib::Request&, httplib::Response& response) {
    response.status = 404;
    response.set_header("Upload-Offset", "0");
  });
  http.server.Patch(".*", [&](const httplib::Request&, httplib::Response& response) {
    ++patches;
    response.status = 409;
    response.set_header("Upload-Offset", std::to_string(patches % 2 == 0 ? 0 : 1000));
    response.set_content("<error code=\"material.offset_mismatch\"><message>m</message></error>",
                         "application/xml");
  });
  http.start();
  HttpTransport transport;
  CentralClient client(transport, http.baseUrl());
  const auto result = upload(client, material, 1000);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK(patches <= 5);
}

TEST_CASE("a material name that is not a sha256 is refused before sending", "[api][materials]") {
  HttpTransport transport;
  CentralClient client(transport, "http://127.0.0.1:9");
  const auto result = awaitResult<Result<MaterialStatus>>(
      [&](auto done) { client.materialStatus("../etc/passwd", std::move(done)); });
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == "client.invalid_argument");
}
