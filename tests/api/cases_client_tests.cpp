// Cases, the change feed, ratings and the session headers against the real reference server.

#include <catch2/catch.hpp>

#include "api_test_support.hpp"
#include "fault_proxy.hpp"

using namespace onewindow::api;
using namespace std::chrono_literals;
using onewindow::test::awaitResult;
using onewindow::test::CentralSession;
using onewindow::test::sampleCase;

namespace {

const std::string kUuid = "5b0e0d6a-1f2e-4c3d-8a9b-0123456789ab";

Result<CaseReceipt> put(CentralClient& client, const CaseDocument& document) {
  return awaitResult<Result<CaseReceipt>>([&](auto done) {
    client.putCase(document.uuid, document.version, toXml(document), std::move(done));
  });
}

Result<CaseReceipt> get(CentralClient& client, const std::string& uuid) {
  return awaitResult<Result<CaseReceipt>>(
      [&](auto done) { client.getCase(uuid, std::move(done)); });
}

Result<ChangePage> changes(CentralClient& client, const std::string& since, int limit = 0) {
  return awaitResult<Result<ChangePage>>(
      [&](auto done) { client.changes(since, limit, std::move(done)); });
}

}  // namespace

TEST_CASE_METHOD(CentralSession, "a case is received once: 201, then 200 with the same receipt",
                 "[api][cases]") {
  const auto first = put(client, sampleCase(kUuid, 1));
  REQUIRE(first.ok());
  CHECK(first.value().created);
  CHECK(first.value().uuid == kUuid);
  CHECK(first.value().version == 1);
  CHECK(first.value().officialNo.size() == 43);
  CHECK(first.value().state == "accepted");
  CHECK(isSha256Name(first.value().bodySha256));

  const auto again = put(client, sampleCase(kUuid, 1));
  REQUIRE(again.ok());
  CHECK_FALSE(again.value().created);
  CHECK(again.value().officialNo == first.value().officialNo);
  CHECK(again.value().receivedAt == first.value().receivedAt);
  CHECK(again.value().bodySha256 == first.value().bodySha256);

  const auto fetched = get(client, kUuid);
  REQUIRE(fetched.ok());
  CHECK(fetched.value().version == 1);
  CHECK(fetched.value().bodySha256 == first.value().bodySha256);
}

TEST_CASE_METHOD(CentralSession, "conflicts, gaps and invalid cases are told apart",
                 "[api][cases]") {
  REQUIRE(put(client, sampleCase(kUuid, 1)).ok());

  auto different = sampleCase(kUuid, 1);
  different.applicant.name = "李四";
  const auto conflict = put(client, different);
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.error().httpStatus == 409);
  CHECK(conflict.error().code == "case.conflict");
  CHECK(conflict.error().recovery() == Recovery::Permanent);

  const auto gap = put(client, sampleCase(kUuid, 3));
  REQUIRE_FALSE(gap.ok());
  CHECK(gap.error().code == "case.version_gap");
  CHECK(gap.error().recovery() == Recovery::Reconcile);

  const auto next = put(client, sampleCase(kUuid, 2));
  REQUIRE(next.ok());
  CHECK(next.value().created);
  CHECK(next.value().version == 2);

  auto invalid = sampleCase("0b0e0d6a-1f2e-4c3d-8a9b-0123456789ab", 1);
  invalid.applicant.name.clear();
  const auto refused = put(client, invalid);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().httpStatus == 422);
  CHECK(refused.error().code == "case.invalid");
  CHECK(refused.error().isPermanent());
  CHECK_FALSE(refused.error().message.empty());

  // Well-formed, but a promised date the calendar does not give: a rule of the window.
  auto broken = sampleCase("0b0e0d6a-1f2e-4c3d-8a9b-0123456789ac", 1);
  broken.promisedDue = "2026-12-31";
  const auto ruleRefused = put(client, broken);
  REQUIRE_FALSE(ruleRefused.ok());
  CHECK(ruleRefused.error().httpStatus == 422);
  CHECK(ruleRefused.error().code == "case.rule_violation");
  CHECK(ruleRefused.error().isPermanent());
  CHECK_THAT(ruleRefused.error().message, Catch::Contains("case.promised_due"));
}

TEST_CASE_METHOD(CentralSession,
                 "a case whose pages are not on central lists them and after upload "
                 "it goes through",
                 "[api][cases][materials]") {
  const auto page1 = onewindow::test::makeMaterial(dir / "p1.jpg", 5000, 11);
  const auto page2 = onewindow::test::makeMaterial(dir / "p2.jpg", 6000, 12);
  const auto document = sampleCase(kUuid, 1, {{page1.sha256, 5000}, {page2.sha256, 6000}});
  const auto missing = put(client, document);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "case.missing_materials");
  CHECK(missing.error().recovery() == Recovery::UploadMaterials);
  auto listed = missing.error().missingMaterials;
  std::sort(listed.begin(), listed.end());
  auto expected = std::vector<std::string>{page1.sha256, page2.sha256};
  std::sort(expected.begin(), expected.end());
  CHECK(listed == expected);

  for (const auto& page : {page1, page2}) {
    const auto uploaded = awaitResult<Result<UploadOutcome>>([&](auto done) {
      client.uploadMaterial(page.sha256, page.file, page.bytes.size(), 1024 * 1024,
                            std::move(done));
    });
    REQUIRE(uploaded.ok());
  }
  const auto accepted = put(client, document);
  REQUIRE(accepted.ok());
  CHECK(accepted.value().created);
}

TEST_CASE_METHOD(CentralSession, "an unknown case is case.not_found", "[api][cases]") {
  const auto result = get(client, "ffffffff-1f2e-4c3d-8a9b-0123456789ab");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().httpStatus == 404);
  CHECK(result.error().code == "case.not_found");
}

TEST_CASE_METHOD(CentralSession, "a reply lost after central committed: asking finds the receipt",
                 "[api][cases][faults]") {
  onewindow::test::FaultProxy proxy(central.port());
  client.setBaseUrl(proxy.baseUrl());
  proxy.queuePlan({onewindow::test::Fault::DropReply, 0, 0, {}});
  const auto document = sampleCase(kUuid, 1);
  const auto lost = put(client, document);
  REQUIRE_FALSE(lost.ok());
  CHECK(lost.error().mayHaveReachedServer());
  CHECK(lost.error().isRetryable());

  const auto asked = get(client, kUuid);  // sent_unconfirmed → reconcile
  REQUIRE(asked.ok());
  CHECK(asked.value().version == 1);
  const auto resent = put(client, document);  // or simply resend: idempotent
  REQUIRE(resent.ok());
  CHECK_FALSE(resent.value().created);
  CHECK(resent.value().bodySha256 == asked.value().bodySha256);
}

TEST_CASE_METHOD(CentralSession, "the change feed brings the official number of a new case",
                 "[api][changes]") {
  const auto receipt = put(client, sampleCase(kUuid, 1));
  REQUIRE(receipt.ok());
  const auto page = changes(client, "", 10);  // no cursor yet: from the start
  REQUIRE(page.ok());
  REQUIRE_FALSE(page.value().changes.empty());
  const auto& change = page.value().changes.front();
  CHECK(change.caseUuid == kUuid);
  CHECK(change.kind == "official-number");
  CHECK(change.officialNo == receipt.value().officialNo);
  CHECK(change.seq > 0);
  CHECK_FALSE(change.at.empty());

  const auto rest = changes(client, page.value().next);
  REQUIRE(rest.ok());
  CHECK(rest.value().changes.empty());
  CHECK_FALSE(rest.value().next.empty());
}

TEST_CASE("another station does not see the changes of this station's cases", "[api][changes]") {
  CentralSession session("station-a");
  REQUIRE(put(session.client, sampleCase(kUuid, 1)).ok());
  session.client.setSession(session.token, "station-b");
  const auto page = changes(session.client, "0");
  REQUIRE(page.ok());
  CHECK(page.value().changes.empty());
}

TEST_CASE_METHOD(CentralSession, "a rating is stored once", "[api][ratings]") {
  REQUIRE(put(client, sampleCase(kUuid, 1)).ok());
  const Rating rating{"9a0e0d6a-1f2e-4c3d-8a9b-0123456789ab",
                      kUuid,
                      "acceptance",
                      "满意",
                      "gb",
                      2,
                      "20261127T022500"};
  const auto first =
      awaitResult<Result<Stored>>([&](auto done) { client.postRating(rating, std::move(done)); });
  REQUIRE(first.ok());
  CHECK(first.value() == Stored::Created);
  const auto again =
      awaitResult<Result<Stored>>([&](auto done) { client.postRating(rating, std::move(done)); });
  REQUIRE(again.ok());
  CHECK(again.value() == Stored::AlreadyThere);
}

TEST_CASE_METHOD(CentralSession,
                 "without a token the queue pauses for login and without a station "
                 "the request is refused",
                 "[api][cases]") {
  client.setSession("", "station-test-1");
  const auto noToken = get(client, kUuid);
  REQUIRE_FALSE(noToken.ok());
  CHECK(noToken.error().httpStatus == 401);
  CHECK(noToken.error().recovery() == Recovery::PauseForLogin);

  client.setSession(token, "");
  const auto noStation = get(client, kUuid);
  REQUIRE_FALSE(noStation.ok());
  CHECK(noStation.error().code == "request.missing_station");
  CHECK(noStation.error().isPermanent());
}
