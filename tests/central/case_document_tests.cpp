// Parsing and checking case bodies, official numbers and fault lists without a server.

#include <catch2/catch.hpp>

#include "central/case_document.hpp"
#include "central/fault_injection.hpp"
#include "central/official_number.hpp"
#include "sync_test_helpers.hpp"

using namespace onewindow::central;
using onewindow::test::caseXml;
using onewindow::test::documentXml;
using onewindow::test::uuidNumber;
using onewindow::test::withDocuments;

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

namespace {

std::string problemOf(const std::string& body) {
  const auto parsed = parseCaseDocument(body, uuidNumber(1), 1);
  const auto* problem = std::get_if<CaseProblem>(&parsed);
  return problem == nullptr ? std::string() : problem->message;
}

}  // namespace

TEST_CASE("issued documents are read in order, their PDFs are materials after the pages",
          "[central][case][documents]") {
  const std::string page = std::string(64, 'a');
  const std::string first = std::string(64, 'c');
  const std::string reprint = std::string(64, 'd');
  const std::string body = withDocuments(
      caseXml(uuidNumber(1), 1, {page}),
      documentXml(first) +
          documentXml(reprint, "5188", "20261127T051500", "acceptance-notice", "true") +
          documentXml(page, "20480", "20261127T051600", "material-receipt"));
  const auto parsed = parseCaseDocument(body, uuidNumber(1), 1);
  REQUIRE(std::holds_alternative<CaseDocument>(parsed));
  const CaseDocument& document = std::get<CaseDocument>(parsed);
  REQUIRE(document.documents.size() == 3);
  CHECK(document.documents[0].kind == "acceptance-notice");
  CHECK(document.documents[0].number == "W03-20261127-000042-SL1");
  CHECK(document.documents[0].issuedAt == std::chrono::sys_days(std::chrono::November / 27 / 2026) +
                                              std::chrono::hours(4) + std::chrono::minutes(30));
  CHECK(document.documents[0].size == 5123);
  CHECK_FALSE(document.documents[0].reprint);
  CHECK(document.documents[1].reprint);
  CHECK(document.pageSha256s == std::vector<std::string>{page});
  CHECK(materialSha256s(document) == std::vector<std::string>{page, first, reprint});

  const auto older = parseCaseDocument(caseXml(uuidNumber(1), 1, {page}), uuidNumber(1), 1);
  REQUIRE(std::holds_alternative<CaseDocument>(older));  // a body without <documents> is valid
  CHECK(std::get<CaseDocument>(older).documents.empty());
}

TEST_CASE("a malformed <document> is a located problem", "[central][case][documents]") {
  const std::string body = caseXml(uuidNumber(1), 1);
  const std::string good = documentXml(std::string(64, 'c'));
  CHECK(problemOf(withDocuments(body, good)).empty());
  CHECK(problemOf(withDocuments(body, good + documentXml("ABC"))) ==
        "<document> 2 (number 'W03-20261127-000042-SL1') has no valid sha256 (64 lowercase hex "
        "digits)");
  CHECK(problemOf(withDocuments(body, documentXml(std::string(64, 'C')))) ==
        "<document> 1 (number 'W03-20261127-000042-SL1') has no valid sha256 (64 lowercase hex "
        "digits)");
  CHECK(problemOf(withDocuments(body, documentXml(std::string(64, 'c'), "0"))) ==
        "<document> 1 (number 'W03-20261127-000042-SL1') has no valid 'size' (a whole number of "
        "bytes > 0)");
  CHECK_THAT(problemOf(withDocuments(body, documentXml(std::string(64, 'c'), "-5"))),
             Catch::Contains("'size'"));
  CHECK_THAT(problemOf(withDocuments(body, documentXml(std::string(64, 'c'), "12kB"))),
             Catch::Contains("'size'"));
  CHECK(problemOf(withDocuments(
            body, documentXml(std::string(64, 'c'), "5123", "2026-11-27T04:30:00Z"))) ==
        "<document> 1 (number 'W03-20261127-000042-SL1') has no valid 'issued-at' (a time "
        "YYYYMMDDThhmmss, UTC)");
  CHECK(problemOf(withDocuments(
            body, documentXml(std::string(64, 'c'), "5123", "20261127T043000", " "))) ==
        "<document> 1 (number 'W03-20261127-000042-SL1') needs a non-empty 'kind'");
  CHECK_THAT(
      problemOf(withDocuments(body, documentXml(std::string(64, 'c'), "5123", "20261127T043000",
                                                "acceptance-notice", "yes"))),
      Catch::Contains("'reprint' 'yes'"));
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
