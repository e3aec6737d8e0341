// Parsing of the §4 replies and the classification the sync engine acts on.

#include <catch2/catch.hpp>

#include "client/api/protocol.hpp"

using namespace onewindow::api;

namespace {

HttpResponse reply(long status, std::string body = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.contentType = "application/xml; charset=utf-8";
  return response;
}

HttpResponse errorReply(long status, const std::string& code, const std::string& message) {
  return reply(status, "<?xml version=\"1.0\"?><error code=\"" + code + "\"><message>" + message +
                           "</message></error>");
}

const std::string kShaA(64, 'a');
const std::string kShaB = std::string(63, 'b') + "0";

}  // namespace

TEST_CASE("response headers are found whatever the case of their name", "[api][protocol]") {
  ResponseHeaders headers;
  headers.addLine("HTTP/1.1 100 Continue\r\n");
  headers.addLine("X-Old: gone\r\n");
  headers.addLine("HTTP/1.1 404 Not Found\r\n");
  headers.addLine("Upload-Offset:  1048576 \r\n");
  headers.addLine("content-length: 0\r\n");
  headers.addLine("\r\n");
  CHECK(headers.find("upload-offset") == std::optional<std::string>("1048576"));
  CHECK(headers.find("UPLOAD-OFFSET") == std::optional<std::string>("1048576"));
  CHECK(headers.find("Content-Length") == std::optional<std::string>("0"));
  CHECK_FALSE(headers.find("X-Old").has_value());  // from the interim response
  CHECK(headers.size() == 2);
}

TEST_CASE("response headers are bounded", "[api][protocol]") {
  ResponseHeaders headers;
  for (int i = 0; i < 1000; ++i) headers.addLine("X-" + std::to_string(i) + ": v\r\n");
  CHECK(headers.size() == ResponseHeaders::kMaxHeaderFields);
}

TEST_CASE("limits are read, and a missing or zero limit is malformed", "[api][protocol]") {
  const auto limits =
      parseLimits(reply(200,
                        "<limits max-request-bytes=\"1048576\" max-material-bytes=\"20971520\" "
                        "chunk-bytes=\"1048576\" max-case-bytes=\"1048576\" future=\"x\"/>"));
  REQUIRE(limits.ok());
  CHECK(limits.value().maxMaterialBytes == 20971520);
  CHECK(limits.value().chunkBytes == 1048576);
  const auto zero = parseLimits(
      reply(200,
            "<limits max-request-bytes=\"1\" max-material-bytes=\"1\" chunk-bytes=\"0\" "
            "max-case-bytes=\"1\"/>"));
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(zero.error().message, Catch::Contains("chunk-bytes"));
}

TEST_CASE("HEAD of a material: present with its size, absent with the resume offset",
          "[api][protocol]") {
  HttpResponse present = reply(200);
  present.headers.addLine("Content-Length: 20480\r\n");
  const auto held = parseMaterialStatus(present);
  REQUIRE(held.ok());
  CHECK(held.value().present);
  CHECK(held.value().size == 20480);

  HttpResponse absent = reply(404);
  absent.headers.addLine("upload-offset: 2097152\r\n");
  const auto partial = parseMaterialStatus(absent);
  REQUIRE(partial.ok());
  CHECK_FALSE(partial.value().present);
  CHECK(partial.value().uploadOffset == 2097152);

  // A 404 without Upload-Offset is a server that does not have the endpoint at all.
  const auto noEndpoint = parseMaterialStatus(reply(404));
  REQUIRE_FALSE(noEndpoint.ok());
  CHECK(noEndpoint.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(noEndpoint.error().message, Catch::Contains("Upload-Offset"));

  const auto unauthorised = parseMaterialStatus(reply(401));
  REQUIRE_FALSE(unauthorised.ok());
  CHECK(unauthorised.error().recovery() == Recovery::PauseForLogin);
}

TEST_CASE("a case receipt tells a new version (201) from a repeat (200)", "[api][protocol]") {
  const std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><case-receipt uuid=\"5b0e\" version=\"2\" "
      "official-no=\"4403\" received-at=\"20261127T021502\" state=\"accepted\" "
      "body-sha256=\"" +
      kShaA + "\"/>";
  const auto created = parseCaseReceipt(reply(201, body));
  REQUIRE(created.ok());
  CHECK(created.value().created);
  CHECK(created.value().version == 2);
  CHECK(created.value().officialNo == "4403");
  CHECK(created.value().bodySha256 == kShaA);
  const auto repeated = parseCaseReceipt(reply(200, body));
  REQUIRE(repeated.ok());
  CHECK_FALSE(repeated.value().created);

  const auto missing =
      parseCaseReceipt(reply(201, "<case-receipt uuid=\"u\" version=\"1\" state=\"x\"/>"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(missing.error().message, Catch::Contains("official-no"));
}

TEST_CASE("submission errors are classified for the sync engine", "[api][protocol]") {
  const auto conflict = parseCaseReceipt(errorReply(409, "case.conflict", "different body"));
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.error().code == "case.conflict");
  CHECK(conflict.error().recovery() == Recovery::Permanent);
  CHECK(conflict.error().isPermanent());

  const auto gap = parseCaseReceipt(errorReply(409, "case.version_gap", "latest is 1"));
  CHECK(gap.error().recovery() == Recovery::Reconcile);
  CHECK_FALSE(gap.error().isPermanent());

  const auto invalid = parseCaseReceipt(errorReply(422, "case.invalid", "no applicant"));
  CHECK(invalid.error().recovery() == Recovery::Permanent);
  CHECK(invalid.error().message == "no applicant");

  const auto missing = parseCaseReceipt(errorReply(
      422, "case.missing_materials", "these pages are missing:\n" + kShaA + "\n" + kShaB + "\n"));
  CHECK(missing.error().recovery() == Recovery::UploadMaterials);
  CHECK(missing.error().missingMaterials == std::vector<std::string>{kShaA, kShaB});

  const auto tooLarge =
      parseCaseReceipt(errorReply(413, "request.payload_too_large", "over 1048576 bytes"));
  CHECK(tooLarge.error().isPermanent());

  const auto unknown4xx = parseCaseReceipt(errorReply(418, "case.new_rule", "?"));
  CHECK(unknown4xx.error().isPermanent());  // judged by its status class

  const auto inactive = parseCaseReceipt(errorReply(403, "auth.clerk_inactive", "inactive"));
  CHECK(inactive.error().recovery() == Recovery::PauseForLogin);

  const auto expired = parseCaseReceipt(errorReply(401, "auth.invalid_token", "expired"));
  CHECK(expired.error().recovery() == Recovery::PauseForLogin);
  CHECK_FALSE(expired.error().mayHaveReachedServer());
}

TEST_CASE("429 and 503 are retried, honouring Retry-After", "[api][protocol]") {
  HttpResponse busy = errorReply(503, "server.unavailable", "maintenance");
  busy.headers.addLine("Retry-After: 7\r\n");
  const ApiError unavailable = errorFrom(busy);
  CHECK(unavailable.kind == ApiErrorKind::ServerError);
  CHECK(unavailable.isRetryable());
  CHECK(unavailable.retryAfter == std::optional<std::chrono::seconds>(7));
  CHECK(unavailable.mayHaveReachedServer());

  HttpResponse tooMany = reply(429);
  tooMany.headers.addLine("retry-after: Wed, 21 Oct 2026 07:28:00 GMT\r\n");
  const ApiError slowDown = errorFrom(tooMany);
  CHECK(slowDown.isRetryable());
  CHECK_FALSE(slowDown.retryAfter.has_value());  // only seconds are understood
}

TEST_CASE("transport failures are retried and a timeout or cut reply may have reached central",
          "[api][protocol]") {
  HttpResponse refused;
  refused.error = TransportError::CouldNotConnect;
  CHECK(errorFrom(refused).isRetryable());
  CHECK_FALSE(errorFrom(refused).mayHaveReachedServer());

  HttpResponse timeout;
  timeout.error = TransportError::Timeout;
  CHECK(errorFrom(timeout).isRetryable());
  CHECK(errorFrom(timeout).transport == TransportError::Timeout);
  CHECK(errorFrom(timeout).mayHaveReachedServer());

  HttpResponse cut;
  cut.error = TransportError::ConnectionLost;
  CHECK(errorFrom(cut).meansOffline());
  CHECK(errorFrom(cut).mayHaveReachedServer());

  HttpResponse tls;
  tls.error = TransportError::Tls;
  CHECK(errorFrom(tls).recovery() == Recovery::PauseForTrust);

  HttpResponse huge;
  huge.error = TransportError::ResponseTooLarge;
  CHECK(errorFrom(huge).kind == ApiErrorKind::Malformed);
  CHECK(errorFrom(huge).isRetryable());

  HttpResponse unreadable;
  unreadable.error = TransportError::UploadSource;
  unreadable.errorDetail = "cannot open /x: No such file or directory";
  const ApiError local = errorFrom(unreadable);
  CHECK(local.recovery() == Recovery::LocalProblem);
  CHECK_FALSE(local.meansOffline());
  CHECK_THAT(local.message, Catch::Contains("/x"));
}

TEST_CASE("a change page is read with every kind's fields", "[api][protocol]") {
  const auto page = parseChangePage(
      reply(200,
            "<changes next=\"1045\">"
            "<change seq=\"1042\" kind=\"official-number\" case-uuid=\"u1\" official-no=\"4403\" "
            "at=\"20261127T021502\"/>"
            "<change seq=\"1043\" kind=\"status\" case-uuid=\"u1\" state=\"in_progress\" "
            "at=\"20261127T030000\"/>"
            "<change seq=\"1044\" kind=\"decision\" case-uuid=\"u1\" state=\"decided\" "
            "result=\"granted\" at=\"20261128T030000\">许可</change>"
            "<change seq=\"1045\" kind=\"certificate\" case-uuid=\"u1\" number=\"No. 1\" "
            "issuer=\"罗湖监管局\" valid-until=\"2031-11-26\" at=\"20261128T040000\">"
            "<field name=\"credit_code\">9244</field><field name=\"business_name\">张三</field>"
            "</change>"
            "<change seq=\"1046\" kind=\"something-new\" case-uuid=\"u1\" at=\"20261128T050000\"/>"
            "</changes>"));
  REQUIRE(page.ok());
  CHECK(page.value().next == "1045");
  REQUIRE(page.value().changes.size() == 5);
  CHECK(page.value().changes[0].officialNo == "4403");
  CHECK(page.value().changes[1].state == "in_progress");
  CHECK(page.value().changes[2].result == "granted");
  CHECK(page.value().changes[2].text == "许可");
  CHECK(page.value().changes[3].number == "No. 1");
  CHECK(page.value().changes[3].issuer == "罗湖监管局");
  CHECK(page.value().changes[3].validUntil == "2031-11-26");
  CHECK(page.value().changes[3].fields == std::vector<std::pair<std::string, std::string>>{
                                              {"credit_code", "9244"}, {"business_name", "张三"}});
  CHECK(page.value().changes[4].kind == "something-new");

  const auto empty = parseChangePage(reply(200, "<changes next=\"0\"/>"));
  REQUIRE(empty.ok());
  CHECK(empty.value().changes.empty());

  const auto noCursor = parseChangePage(reply(200, "<changes/>"));
  REQUIRE_FALSE(noCursor.ok());
  CHECK(noCursor.error().kind == ApiErrorKind::Malformed);

  const auto badSeq = parseChangePage(
      reply(200,
            "<changes next=\"1\"><change seq=\"x\" kind=\"status\" case-uuid=\"u\" at=\"t\"/>"
            "</changes>"));
  REQUIRE_FALSE(badSeq.ok());
  CHECK_THAT(badSeq.error().message, Catch::Contains("seq"));
}

TEST_CASE("a rating body carries every attribute, escaped", "[api][protocol]") {
  const std::string body =
      ratingBody({"r-1", "c-1", "acceptance", "满意 & \"ok\"", "gb", 2, "20261127T021500"});
  CHECK_THAT(body, Catch::Contains("<rating id=\"r-1\" case-uuid=\"c-1\" stage=\"acceptance\""));
  CHECK_THAT(body, Catch::Contains("label=\"满意 &amp; &quot;ok&quot;\""));
  CHECK_THAT(body, Catch::Contains("level=\"2\""));
  CHECK(parseStored(reply(201)).value() == Stored::Created);
  CHECK(parseStored(reply(200)).value() == Stored::AlreadyThere);
}

TEST_CASE("sha256 values are picked out of a message, nothing else", "[api][protocol]") {
  const std::string text = "missing: " + kShaA + ", " + kShaB + "; not " + std::string(65, 'c') +
                           " nor " + std::string(63, 'd');
  CHECK(sha256ValuesIn(text) == std::vector<std::string>{kShaA, kShaB});
  CHECK(isSha256Name(kShaA));
  CHECK_FALSE(isSha256Name(std::string(64, 'A')));
}
