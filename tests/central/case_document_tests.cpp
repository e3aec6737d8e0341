// Parsing and checking case bodies, official numbers and fault lists without a server.

#include <catch2/catch.hpp>

#include "central/case_document.hpp"
#include "central/fault_injection.hpp"
#include "central/official_number.hpp"
#include "sync_test_helpers.hpp"

using namespace onewindow::central;
using onewindow::test::caseXml;
using onewindow::test::uuidNumber;

TEST_CASE("a valid case body is read with its pages, each once", "[central][case]") {
  const std::string page = std::string(64, 'a');
  const auto parsed = parseCaseDocument(caseXml(uuidNumber(1), 2, {page, page}), uuidNumber(1), 2);
  REQUIRE(std::holds_alternative<CaseDocument>(parsed));
  const CaseDocument& document = std::get<CaseDocument>(parsed);
  CHECK(document.version == 2);
  CHECK(document.state == "accepted");
  CHECK(document.pageSha256s == std::vector<std::string>{page});
}

TEST_CASE("case bodies that break a rule are problems", "[central][case]") {
  const std::string uuid = uuidNumber(1);
  const auto problem = [&](const std::string& body, int version = 1) {
    return std::holds_alternative<CaseProblem>(parseCaseDocument(body, uuid, version));
  };
  CHECK(problem("<case"));
  CHECK(problem("<other/>"));
  CHECK(problem(caseXml(uuid, 1), 2));
  CHECK(problem(caseXml(uuid, 1, {}, "draft")));
  CHECK(problem(caseXml(uuid, 1, {}, "accepted", " ")));
  CHECK(problem(caseXml(uuid, 1, {"ABC"})));
  std::string noMatter = caseXml(uuid, 1);
  noMatter.replace(noMatter.find("matter-code=\"000131128000\""), 26, "matter-code=\"\"");
  CHECK(problem(noMatter));
}

TEST_CASE("canonical UUIDs only", "[central][case]") {
  CHECK(isCanonicalUuid("5b0e6a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"));
  CHECK_FALSE(isCanonicalUuid("5B0E6A4E-1C2D-4E5F-8A9B-0C1D2E3F4A5B"));
  CHECK_FALSE(isCanonicalUuid("5b0e6a4e1c2d4e5f8a9b0c1d2e3f4a5b"));
}

TEST_CASE("implementation codes are 31 characters of 0-9 and A-Z", "[central][case]") {
  CHECK(isValidImplementingCode(kDefaultImplementingCode));
  CHECK_FALSE(isValidImplementingCode("11440300MB2C91234X400013112800"));
  CHECK_FALSE(isValidImplementingCode("11440300mb2c91234x4000131128000"));
  CHECK(receiptDay(std::chrono::sys_seconds{std::chrono::seconds{1795774500}}) == "20261127");
}

TEST_CASE("fault lists are parsed and checked", "[central][faults]") {
  const auto parsed = parseFaults(
      R"(<faults><fault endpoint="cases.put" kind="status" status="503" retry-after="2" count="3"/>)"
      R"(<fault endpoint="any" kind="delay" delay-ms="50" probability="0.25"/></faults>)");
  REQUIRE(std::holds_alternative<std::vector<Fault>>(parsed));
  const auto& faults = std::get<std::vector<Fault>>(parsed);
  REQUIRE(faults.size() == 2);
  CHECK(faults[0].kind == FaultKind::Status);
  CHECK(faults[0].retryAfter == 2);
  CHECK(faults[0].count == 3);
  CHECK(faults[1].probability == Approx(0.25));
  CHECK(std::holds_alternative<RequestProblem>(
      parseFaults(R"(<faults><fault endpoint="nowhere" kind="reset"/></faults>)")));
  CHECK(std::holds_alternative<RequestProblem>(
      parseFaults(R"(<faults><fault kind="status" status="200"/></faults>)")));

  FaultInjector injector(7);
  injector.replace({Fault{"health", FaultKind::Reset, 0, 503, -1, 2, 1.0, 0}});
  CHECK(injector.fire("health").size() == 1);
  CHECK(injector.fire("cases.put").empty());
  CHECK(injector.fire("health").size() == 1);
  CHECK(injector.fire("health").empty());  // count used up
}
