// CentralClient::centreCases (API.md §4.12): the request it sends, the reply it reads, 304 and
// malformed replies on a local test server, and a supervisor and a clerk on the real server.

#include <catch2/catch.hpp>

#include "api_test_support.hpp"
#include "local_http_server.hpp"

using namespace onewindow::api;
using onewindow::test::awaitResult;
using onewindow::test::CentralSession;
using onewindow::test::LocalHttpServer;
using onewindow::test::sampleCase;

namespace {

const std::string kGoodReply =
    R"(<?xml version="1.0" encoding="UTF-8"?><centre-cases total="7" offset="2" as-of="20261206T113223" future="x">)"
    R"(<case uuid="5b0e6a4e-1c2d-4e5f-8a9b-000000000005" official-no="11440300MB2C91234X4000131128000202612060005" provisional-no="W03-20261127-000042" station="station-b" window="W03" clerk="c1001" matter-code="000131128000" matter-name="个体工商户设立登记" applicant-name="赵六" state="intake" intake-at="20261127T040000" promised-due="2026-12-02" legal-due="2026-12-02" updated-at="20261206T113216"/>)"
    R"(<case uuid="5b0e6a4e-1c2d-4e5f-8a9b-000000000004" official-no="11440300MB2C91234X4000131128000202612060004" station="station-b" window="W03" clerk="c1002" matter-code="440300200002" matter-name="敬老优待证" applicant-name="张小明" state="in_progress" intake-at="20261127T040000" updated-at="20261206T113216"><future/></case>)"
    R"(<state-count state="intake" n="2"/><state-count state="in_progress" n="5"/></centre-cases>)";

// A local server that answers GET /api/v1/centre/cases with `status` and `body`, and keeps
// what it was asked.
struct CentreServer {
  LocalHttpServer http;
  httplib::Params seenParams;
  std::string seenIfNoneMatch;
  std::string seenStation;

  CentreServer(int status, std::string body, std::string etag = "\"9.4-abc\"") {
    http.server.Get("/api/v1/centre/cases", [this, status, body, etag](const httplib::Request& req,
                                                                       httplib::Response& res) {
      seenParams = req.params;
      seenIfNoneMatch = req.get_header_value("If-None-Match");
      seenStation = req.get_header_value("X-OneWindow-Station");
      res.status = status;
      if (!etag.empty()) res.set_header("ETag", etag);
      if (!body.empty()) res.set_content(body, "application/xml; charset=utf-8");
    });
    http.start();
  }

  Result<CentreCasePage> ask(const CentreCaseQuery& query = {}, const std::string& etag = {}) {
    HttpTransport transport;
    CentralClient client(transport, http.baseUrl());
    client.setSession("token", "station-sup");
    return awaitResult<Result<CentreCasePage>>(
        [&](auto done) { client.centreCases(query, etag, std::move(done)); });
  }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the centre's cases are read with their rows, counts and ETag", "[api][centre]") {
  CentreServer server(200, kGoodReply);
  const auto page = server.ask();
  REQUIRE(page.ok());
  const CentreCasePage& value = page.value();
  CHECK_FALSE(value.notModified);
  CHECK(value.total == 7);
  CHECK(value.offset == 2);
  CHECK(value.asOf == "20261206T113223");
  CHECK(value.etag == "\"9.4-abc\"");
  REQUIRE(value.rows.size() == 2);
  CHECK(value.rows[0].officialNo == "11440300MB2C91234X4000131128000202612060005");
  CHECK(value.rows[0].provisionalNo == "W03-20261127-000042");
  CHECK(value.rows[0].applicantName == "赵六");
  CHECK(value.rows[0].promisedDue == "2026-12-02");
  CHECK(value.rows[0].legalDue == "2026-12-02");
  CHECK(value.rows[1].clerkId == "c1002");
  CHECK(value.rows[1].matterName == "敬老优待证");
  CHECK(value.rows[1].state == "in_progress");
  CHECK(value.rows[1].promisedDue.empty());
  CHECK(value.rows[1].provisionalNo.empty());
  REQUIRE(value.stateCounts.size() == 2);
  CHECK(value.stateCounts[1].state == "in_progress");
  CHECK(value.stateCounts[1].count == 5);
  CHECK(server.seenParams.empty());  // central's defaults
  CHECK(server.seenIfNoneMatch.empty());
  CHECK(server.seenStation == "station-sup");
}

TEST_CASE("the centre's query goes out percent-encoded, one value per parameter", "[api][centre]") {
  CentreCaseQuery query;
  query.states = {"intake", "accepted_with_gaps"};
  query.matter = "000131128000";
  query.dueFrom = "2026-12-01";
  query.dueTo = "2026-12-31";
  query.lookup = "张三&limit=1 +%";
  query.sort = CentreCaseSort::Due;
  query.offset = 400;
  query.limit = 200;
  CHECK(centreCasesPath(query) ==
        "/api/v1/centre/cases?states=intake,accepted_with_gaps&matter=000131128000"
        "&due_from=2026-12-01&due_to=2026-12-31&lookup=%E5%BC%A0%E4%B8%89%26limit%3D1%20%2B%25"
        "&sort=due&offset=400&limit=200");
  CHECK(centreCasesPath({}) == "/api/v1/centre/cases");

  CentreServer server(200, kGoodReply);
  REQUIRE(server.ask(query).ok());
  const auto value = [&](const char* name) {
    REQUIRE(server.seenParams.count(name) == 1);
    return server.seenParams.find(name)->second;
  };
  CHECK(value("lookup") == "张三&limit=1 +%");
  CHECK(value("limit") == "200");
  CHECK(value("states") == "intake,accepted_with_gaps");
}

TEST_CASE("an unchanged centre list is a 304: not modified, with the ETag", "[api][centre]") {
  CentreServer server(304, "");
  const auto page = server.ask({}, "\"9.4-abc\"");
  REQUIRE(page.ok());
  CHECK(page.value().notModified);
  CHECK(page.value().etag == "\"9.4-abc\"");
  CHECK(page.value().rows.empty());
  CHECK(server.seenIfNoneMatch == "\"9.4-abc\"");

  // A 304 whose ETag a proxy dropped still names the known tag; a tag that is not one is never
  // sent.
  CentreServer bare(304, "", "");
  CHECK(bare.ask({}, "W/\"1.1-x\"").value().etag == "W/\"1.1-x\"");
  CentreServer full(200, kGoodReply);
  REQUIRE(full.ask({}, "\"a\"\r\nX-Evil: 1").ok());
  CHECK(full.seenIfNoneMatch.empty());
}

TEST_CASE("a centre reply that breaks the contract is malformed, located", "[api][centre]") {
  const auto malformed = [](const std::string& body) {
    CentreServer server(200, body);
    const auto page = server.ask();
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().kind == ApiErrorKind::Malformed);
    CHECK(page.error().code == "client.malformed_reply");
    CHECK(page.error().isRetryable());
    return page.error().message;
  };
  CHECK_THAT(malformed(replaced(kGoodReply, R"( state="in_progress")", "")),
             Catch::Contains("<case> 2 (uuid '5b0e6a4e-1c2d-4e5f-8a9b-000000000004') has no "
                             "'state'"));
  CHECK_THAT(malformed(replaced(kGoodReply, R"(total="7")", R"(total="seven")")),
             Catch::Contains("total 'seven'"));
  CHECK_THAT(malformed(replaced(kGoodReply, R"(offset="2")", R"(offset="-2")")),
             Catch::Contains("offset '-2'"));
  CHECK_THAT(malformed(replaced(kGoodReply, R"( as-of="20261206T113223")", "")),
             Catch::Contains("<centre-cases> has no 'as-of'"));
  CHECK_THAT(malformed(replaced(kGoodReply, R"(n="5")", R"(n="5.5")")),
             Catch::Contains("state='in_progress'"));
  CHECK_THAT(malformed("<cases/>"), Catch::Contains("no <centre-cases> element"));
  CHECK_THAT(malformed("<centre-cases total="), Catch::Contains("invalid XML"));
}

TEST_CASE("a refusal of the centre's cases keeps central's code", "[api][centre]") {
  CentreServer server(403,
                      R"(<error code="session.not_supervisor"><message>the centre's cases are )"
                      R"(for supervisors; clerk c1001 is not one</message></error>)");
  const auto page = server.ask();
  REQUIRE_FALSE(page.ok());
  CHECK(page.error().kind == ApiErrorKind::Rejected);
  CHECK(page.error().httpStatus == 403);
  CHECK(page.error().code == "session.not_supervisor");
  CHECK_THAT(page.error().message, Catch::Contains("c1001"));
  CHECK(page.error().recovery() == Recovery::Permanent);

  CentreCaseQuery tooMany;
  tooMany.limit = 501;
  const auto refused = server.ask(tooMany);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "client.invalid_argument");
}

TEST_CASE_METHOD(CentralSession, "a supervisor lists the centre's cases on the real server",
                 "[api][centre]") {
  const std::string uuid = "5b0e0d6a-1f2e-4c3d-8a9b-0123456789ab";
  const auto put = awaitResult<Result<CaseReceipt>>([&](auto done) {
    const CaseDocument document = sampleCase(uuid, 1);
    client.putCase(uuid, 1, toXml(document), std::move(done));
  });
  REQUIRE(put.ok());

  const auto asClerk = awaitResult<Result<CentreCasePage>>(
      [&](auto done) { client.centreCases({}, "", std::move(done)); });
  REQUIRE_FALSE(asClerk.ok());
  CHECK(asClerk.error().code == "session.not_supervisor");
  CHECK(asClerk.error().httpStatus == 403);

  const auto supervisor = awaitResult<Result<SessionInfo>>([&](auto done) {
    client.login({"s2001", "demo2001", "W01"}, std::move(done));
  });
  REQUIRE(supervisor.ok());
  client.setSession(supervisor.value().token, "station-sup");
  CentreCaseQuery query;
  query.lookup = "张";
  const auto listed = awaitResult<Result<CentreCasePage>>(
      [&](auto done) { client.centreCases(query, "", std::move(done)); });
  REQUIRE(listed.ok());
  CHECK(listed.value().total == 1);
  REQUIRE(listed.value().rows.size() == 1);
  CHECK(listed.value().rows[0].uuid == uuid);
  CHECK(listed.value().rows[0].officialNo == put.value().officialNo);
  CHECK(listed.value().rows[0].station == "station-test-1");
  CHECK(listed.value().rows[0].applicantName == "张三");
  CHECK_FALSE(listed.value().etag.empty());

  const auto again = awaitResult<Result<CentreCasePage>>(
      [&](auto done) { client.centreCases(query, listed.value().etag, std::move(done)); });
  REQUIRE(again.ok());
  CHECK(again.value().notModified);
  CHECK(again.value().etag == listed.value().etag);
}

TEST_CASE_METHOD(CentralSession,
                 "a supervisor's 督办 mark is kept by central and reaches the case's station feed",
                 "[api][centre]") {
  const std::string uuid = "5b0e0d6a-1f2e-4c3d-8a9b-0123456789ac";
  const auto put = awaitResult<Result<CaseReceipt>>(
      [&](auto done) { client.putCase(uuid, 1, toXml(sampleCase(uuid, 1)), std::move(done)); });
  REQUIRE(put.ok());
  const std::string clerkToken = token;
  const auto mark = [&](const SupervisionRequest& what) {
    return awaitResult<Result<SupervisionState>>(
        [&](auto done) { client.superviseCase(uuid, what, std::move(done)); });
  };
  const auto asClerk = mark({false, "催办"});
  REQUIRE_FALSE(asClerk.ok());
  CHECK(asClerk.error().code == "session.not_supervisor");

  const auto supervisor = awaitResult<Result<SessionInfo>>([&](auto done) {
    client.login({"s2001", "demo2001", "W01"}, std::move(done));
  });
  REQUIRE(supervisor.ok());
  client.setSession(supervisor.value().token, "station-sup");
  const auto marked = mark({false, "请今日联系申请人"});
  REQUIRE(marked.ok());
  CHECK(marked.value().marked);
  CHECK(marked.value().caseUuid == uuid);
  CHECK(marked.value().by == "s2001");
  CHECK(marked.value().text == "请今日联系申请人");
  CHECK(marked.value().at.size() == 15);
  CHECK(marked.value().seq > 0);
  const auto empty = mark({false, ""});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().httpStatus == 400);
  const auto unknown = awaitResult<Result<SupervisionState>>([&](auto done) {
    client.superviseCase("5b0e0d6a-1f2e-4c3d-8a9b-0123456789ff", {false, "催办"}, std::move(done));
  });
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "case.not_found");

  CentreCaseQuery query;
  query.supervisedOnly = true;
  const auto listed = awaitResult<Result<CentreCasePage>>(
      [&](auto done) { client.centreCases(query, "", std::move(done)); });
  REQUIRE(listed.ok());
  REQUIRE(listed.value().rows.size() == 1);
  CHECK(listed.value().rows[0].supervisionNote == "请今日联系申请人");
  CHECK(listed.value().rows[0].supervisedBy == "s2001");
  CHECK(listed.value().rows[0].supervisedAt == marked.value().at);

  const auto lifted = mark({true, "已联系"});
  REQUIRE(lifted.ok());
  CHECK_FALSE(lifted.value().marked);
  CHECK(lifted.value().text == "已联系");
  CHECK(lifted.value().seq > marked.value().seq);

  // The case's own station reads both from its feed, with who did it.
  client.setSession(clerkToken, "station-test-1");
  const auto feed =
      awaitResult<Result<ChangePage>>([&](auto done) { client.changes("0", 0, std::move(done)); });
  REQUIRE(feed.ok());
  std::vector<const Change*> supervision;
  for (const Change& change : feed.value().changes)
    if (change.kind == "supervision") supervision.push_back(&change);
  REQUIRE(supervision.size() == 2);
  CHECK(supervision[0]->state == "marked");
  CHECK(supervision[0]->by == "s2001");
  CHECK(supervision[0]->text == "请今日联系申请人");
  CHECK(supervision[1]->state == "lifted");
  CHECK(supervision[1]->text == "已联系");
}

TEST_CASE("a 督办 reply that breaks the contract is malformed, located", "[api][centre]") {
  LocalHttpServer http;
  std::string seenBody;
  http.server.Post(
      "/api/v1/centre/cases/5b0e0d6a-1f2e-4c3d-8a9b-0123456789ac/supervision",
      [&](const httplib::Request& req, httplib::Response& res) {
        seenBody = req.body;
        res.set_content(
            R"(<supervision case-uuid="5b0e0d6a-1f2e-4c3d-8a9b-0123456789ac" state="maybe" by="s2001" at="20261206T120000" seq="3">x</supervision>)",
            "application/xml");
      });
  http.start();
  HttpTransport transport;
  CentralClient client(transport, http.baseUrl());
  client.setSession("token", "station-sup");
  const auto reply = awaitResult<Result<SupervisionState>>([&](auto done) {
    client.superviseCase("5b0e0d6a-1f2e-4c3d-8a9b-0123456789ac", {true, "已办结 & 回访"},
                         std::move(done));
  });
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().kind == ApiErrorKind::Malformed);
  CHECK_THAT(reply.error().message, Catch::Contains("state 'maybe'"));
  CHECK_THAT(seenBody, Catch::Contains(R"(action="lift")") && Catch::Contains("已办结 &amp; 回访"));
  // A path no UUID could be is never asked.
  const auto bad = awaitResult<Result<SupervisionState>>([&](auto done) {
    client.superviseCase("../cases", {false, "x"}, std::move(done));
  });
  REQUIRE_FALSE(bad.ok());
  // Refused before it left: a request sent would have met central's 404 instead.
  CHECK(bad.error().code == "client.invalid_argument");
  CHECK(bad.error().httpStatus == 0);
}
