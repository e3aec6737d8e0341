#include <catch2/catch.hpp>

#include "case_fixture.hpp"
#include "localdb/case_name_index.hpp"
#include "localdb/case_queries.hpp"

using namespace onewindow::localdb;
using onewindow::test::CaseFixture;

TEST_CASE("name tokens split Han characters and keep other words", "[localdb][names]") {
  CHECK(nameTokens("张三") == "张 三");
  CHECK(nameTokens("欧阳 娜娜") == "欧 阳 娜 娜");
  CHECK(nameTokens("Maria García") == "Maria García");
  CHECK(nameTokens("阿卜杜·热合曼") == "阿 卜 杜 热 合 曼");
  CHECK(nameMatchQuery("张三") == "\"张 三\" *");
  CHECK(nameMatchQuery("  ") == "");
  // FTS5 syntax typed by a clerk is searched as text, never run as a query.
  CHECK(nameMatchQuery("a\" OR \"b") == "\"a OR b\" *");
}

TEST_CASE_METHOD(CaseFixture,
                 "applicant names are found by full name, by prefix and not by a wrong name",
                 "[localdb][names]") {
  intake({}, "", "张三");
  intake({}, "", "张三丰");
  intake({}, "", "李四");
  intake({}, "", "Maria García");
  CaseQueries queries(store.database());
  CHECK(queries.searchApplicantName("张三").size() == 2);
  CHECK(queries.searchApplicantName("张三丰").size() == 1);
  CHECK(queries.searchApplicantName("李").size() == 1);
  CHECK(queries.searchApplicantName("王五").empty());
  CHECK(queries.searchApplicantName("garc").size() == 1);
  CHECK(queries.searchApplicantName("\" OR *").empty());
}

TEST_CASE_METHOD(CaseFixture, "queues filter by state, matter, clerk, dates and due date, sorted",
                 "[localdb][queries]") {
  const std::string a = intake({}, "2026-12-05", "甲", "2026-11-27T01:00:00Z");
  const std::string b = intake({}, "2026-12-01", "乙", "2026-11-27T02:00:00Z");
  const std::string c = intake({}, "2026-12-20", "丙", "2026-11-27T03:00:00Z");
  cases.recordDecision(b, {.kind = DecisionKind::Accept}, clerk());
  CaseQueries queries(store.database());

  CaseFilter all;
  auto rows = queries.find(all);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].uuid == c);  // newest intake first

  CaseFilter accepted;
  accepted.states = {CaseState::Accepted};
  rows = queries.find(accepted);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].uuid == b);

  CaseFilter dueSoon;
  dueSoon.dueOnOrBefore = "2026-12-05";
  dueSoon.sort = CaseSort::PromisedDueDate;
  dueSoon.descending = false;
  rows = queries.find(dueSoon);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].uuid == b);
  CHECK(rows[1].uuid == a);

  CaseFilter window;
  window.intakeFrom = "2026-11-27T01:30:00Z";
  window.intakeBefore = "2026-11-27T02:30:00Z";
  window.clerkId = "c1001";
  window.matterCode = "000131128000";
  CHECK(queries.count(window) == 1);

  CaseFilter paged;
  paged.limit = 2;
  paged.offset = 2;
  CHECK(queries.find(paged).size() == 1);
}
