#include <catch2/catch.hpp>

#include "client/api/protocol.hpp"

using namespace onewindow::api;

namespace {

HttpResponse reply(long status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.contentType = "application/xml; charset=utf-8";
  return response;
}

}  // namespace

TEST_CASE("the login body carries the fields and escapes XML", "[api][protocol]") {
  const std::string body = loginBody({"c1001", "p<&>\"'", "W03"});
  CHECK_THAT(body, Catch::Contains("<clerk-id>c1001</clerk-id>"));
  CHECK_THAT(body, Catch::Contains("<password>p&lt;&amp;&gt;\"'</password>"));
  CHECK_THAT(body, Catch::Contains("<window>W03</window>"));
}

TEST_CASE("a session reply is read completely", "[api][protocol]") {
  const auto result = parseSession(reply(
      201,
      "<session><token>ab12</token><clerk-id>c1001</clerk-id><name>张敏</name><role>clerk</role>"
      "<window>W03</window><expires>20261127T221500</expires></session>"));
  REQUIRE(result.ok());
  CHECK(result.value().token == "ab12");
  CHECK(result.value().clerkName == "张敏");
  CHECK(result.value().role == "clerk");
  CHECK(result.value().expires == "20261127T221500");
}

TEST_CASE("a session reply missing an element is malformed and names it", "[api][protocol]") {
  const auto result =
      parseSession(reply(201, "<session><token>ab</token><clerk-id>c</clerk-id></session>"));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(result.error().message, Catch::Contains("<name>"));
}

TEST_CASE("an unknown role is malformed, never guessed", "[api][protocol]") {
  const auto result = parseSession(
      reply(201,
            "<session><token>t</token><clerk-id>c</clerk-id><name>n</name><role>root</role>"
            "<window>W</window><expires>e</expires></session>"));
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.error().message, Catch::Contains("root"));
}

TEST_CASE("broken XML is malformed with pugixml's reason and offset", "[api][protocol]") {
  const auto result = parseHealth(reply(200, "<health status=\"ok\""));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(result.error().message, Catch::Contains("byte"));
}

TEST_CASE("HTML from a captive portal is not mistaken for central", "[api][protocol]") {
  const auto result =
      parseHealth(reply(200, "<html><body>Please log in to the Wi-Fi</body></html>"));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(result.error().message, Catch::Contains("<health>"));
}

TEST_CASE("an error body gives the machine code and message", "[api][protocol]") {
  const ApiError error = errorFrom(reply(401,
                                         "<error code=\"auth.invalid_credentials\"><message>Wrong "
                                         "clerk ID or password</message></error>"));
  CHECK(error.kind == ApiErrorKind::Rejected);
  CHECK(error.httpStatus == 401);
  CHECK(error.code == "auth.invalid_credentials");
  CHECK(error.message == "Wrong clerk ID or password");
}

TEST_CASE("a locked clerk id's error gives the time it opens again and Retry-After",
          "[api][protocol]") {
  HttpResponse locked = reply(403,
                              "<error code=\"auth.clerk_locked\" locked-until=\"20261127T103000\">"
                              "<message>too many wrong passwords</message></error>");
  locked.headers.addLine("Retry-After: 840\r\n");
  const ApiError error = errorFrom(locked);
  CHECK(error.kind == ApiErrorKind::Rejected);
  CHECK_FALSE(error.meansOffline());
  CHECK(error.code == "auth.clerk_locked");
  CHECK(error.lockedUntil == "2026-11-27T10:30:00Z");
  CHECK(error.retryAfter == std::chrono::seconds(840));

  // Any other error has no lockedUntil, and a nonsense time is not passed on.
  CHECK(errorFrom(reply(401, "<error code=\"auth.invalid_credentials\"/>")).lockedUntil.empty());
  CHECK(errorFrom(reply(403, "<error code=\"auth.clerk_locked\" locked-until=\"soon\"/>"))
            .lockedUntil.empty());
}

TEST_CASE("a 5xx without a body is a server error with the status", "[api][protocol]") {
  const ApiError error = errorFrom(reply(503, ""));
  CHECK(error.kind == ApiErrorKind::ServerError);
  CHECK_THAT(error.message, Catch::Contains("503"));
}

TEST_CASE("a transport failure is unreachable, a TLS failure is not", "[api][protocol]") {
  HttpResponse refused;
  refused.error = TransportError::CouldNotConnect;
  CHECK(errorFrom(refused).meansOffline());
  HttpResponse tls;
  tls.error = TransportError::Tls;
  CHECK(errorFrom(tls).kind == ApiErrorKind::Tls);
  CHECK_FALSE(errorFrom(tls).meansOffline());
}
