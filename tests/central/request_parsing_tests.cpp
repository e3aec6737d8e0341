// Parsing without a server: the login body, the command line, wire times, error bodies.

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "central/login_request.hpp"
#include "central/options.hpp"
#include "central/wire_time.hpp"
#include "central/xml_reply.hpp"

using namespace onewindow::central;

namespace {

RequestProblem problemOf(std::string_view body) {
  auto parsed = parseLoginRequest(body);
  REQUIRE(std::holds_alternative<RequestProblem>(parsed));
  return std::get<RequestProblem>(parsed);
}

CommandLine parsedOk(const std::vector<std::string>& arguments) {
  const CommandLineResult result = parseCommandLine(arguments);
  INFO(result.error);
  REQUIRE(result.commandLine);
  return *result.commandLine;
}

std::string parseError(const std::vector<std::string>& arguments) {
  const CommandLineResult result = parseCommandLine(arguments);
  REQUIRE_FALSE(result.commandLine);
  return result.error;
}

}  // namespace

TEST_CASE("a complete login body is read, with ids trimmed", "[central][parse]") {
  auto parsed = parseLoginRequest(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<login><clerk-id> c1001\n</clerk-id><password> pw </password><window>W-03</window></login>");
  REQUIRE(std::holds_alternative<LoginRequest>(parsed));
  const LoginRequest& login = std::get<LoginRequest>(parsed);
  CHECK(login.clerkId == "c1001");
  CHECK(login.password == " pw ");
  CHECK(login.windowCode == "W-03");
}

TEST_CASE("malformed XML names the parser's complaint and byte offset", "[central][parse]") {
  const RequestProblem problem = problemOf("<login><clerk-id>c1001</login>");
  CHECK(problem.httpStatus == 400);
  CHECK(problem.code == "request.malformed_xml");
  CHECK_THAT(problem.message, Catch::Contains("byte offset"));
  CHECK(problemOf("").code == "request.malformed_xml");
}

TEST_CASE("a login without a field names the missing field", "[central][parse]") {
  const RequestProblem noWindow =
      problemOf("<login><clerk-id>c1</clerk-id><password>p</password></login>");
  CHECK(noWindow.code == "request.missing_field");
  CHECK_THAT(noWindow.message, Catch::Contains("<window>"));

  const RequestProblem emptyPassword =
      problemOf("<login><clerk-id>c1</clerk-id><password/><window>W1</window></login>");
  CHECK(emptyPassword.code == "request.missing_field");
  CHECK_THAT(emptyPassword.message, Catch::Contains("<password>"));

  const RequestProblem blankId =
      problemOf("<login><clerk-id>  </clerk-id><password>p</password><window>W1</window></login>");
  CHECK_THAT(blankId.message, Catch::Contains("<clerk-id>"));
}

TEST_CASE("another document than <login> is refused", "[central][parse]") {
  const RequestProblem problem = problemOf("<logout/>");
  CHECK(problem.code == "request.wrong_document");
  CHECK_THAT(problem.message, Catch::Contains("<logout>"));
}

TEST_CASE("window codes are 1-16 letters, digits or dashes", "[central][parse]") {
  CHECK(isValidWindowCode("W03"));
  CHECK(isValidWindowCode("home-visit-01"));
  CHECK(isValidWindowCode("ABCDEFGHIJKLMNOP"));
  CHECK_FALSE(isValidWindowCode("ABCDEFGHIJKLMNOPQ"));
  CHECK_FALSE(isValidWindowCode(""));
  CHECK_FALSE(isValidWindowCode("W 03"));
  CHECK_FALSE(isValidWindowCode("窗口3"));
  const RequestProblem problem = problemOf(
      "<login><clerk-id>c1</clerk-id><password>p</password><window>W_03</window></login>");
  CHECK(problem.code == "request.invalid_field");
  CHECK_THAT(problem.message, Catch::Contains("'W_03'"));
}

TEST_CASE("command line defaults and every option", "[central][options]") {
  const CommandLine defaults = parsedOk({});
  CHECK(defaults.action == CommandAction::RunServer);
  CHECK(defaults.options.listenAddress == "127.0.0.1");
  CHECK(defaults.options.port == 8470);
  CHECK(defaults.options.database.file == "central.db");
  CHECK_FALSE(defaults.options.demoData);

  const CommandLine all =
      parsedOk({"--listen", "0.0.0.0", "--port=0", "--db", "/tmp/x.db", "--demo-data"});
  CHECK(all.options.listenAddress == "0.0.0.0");
  CHECK(all.options.port == 0);
  CHECK(all.options.database.file == "/tmp/x.db");
  CHECK(all.options.demoData);

  CHECK(parsedOk({"--version"}).action == CommandAction::ShowVersion);
  CHECK(parsedOk({"--help"}).action == CommandAction::ShowHelp);
}

TEST_CASE("command line errors name the option", "[central][options]") {
  CHECK_THAT(parseError({"--bogus"}), Catch::Contains("'--bogus'"));
  CHECK_THAT(parseError({"--port"}), Catch::Contains("--port"));
  CHECK_THAT(parseError({"--port", "http"}), Catch::Contains("'http'"));
  CHECK_THAT(parseError({"--port", "65536"}), Catch::Contains("--port"));
  CHECK_THAT(parseError({"--port", "-1"}), Catch::Contains("--port"));
  CHECK_THAT(parseError({"--db="}), Catch::Contains("--db"));
  CHECK_THAT(parseError({"--listen"}), Catch::Contains("--listen"));
  CHECK_THAT(parseError({"--demo-data=yes"}), Catch::Contains("--demo-data"));
  CHECK_THAT(parseError({"central.db"}), Catch::Contains("'central.db'"));
}

TEST_CASE("wire times are YYYYMMDDThhmmss in UTC", "[central][time]") {
  using namespace std::chrono;
  CHECK(formatWireTime(sys_seconds{}) == "19700101T000000");
  const sys_seconds time = sys_days{year{2026} / November / 27} + hours{10} + minutes{15};
  CHECK(formatWireTime(time) == "20261127T101500");
}

TEST_CASE("error bodies escape their text and declare UTF-8", "[central][xml]") {
  const std::string body = errorBody("request.invalid_field", "a < b & \"c\" 窗口");
  CHECK(body.starts_with(R"(<?xml version="1.0" encoding="UTF-8"?>)"));
  pugi::xml_document document;
  REQUIRE(document.load_string(body.c_str()));
  CHECK(std::string(document.child("error").attribute("code").value()) == "request.invalid_field");
  CHECK(std::string(document.child("error").child("message").text().get()) == "a < b & \"c\" 窗口");
}
