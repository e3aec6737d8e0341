// The 督办 mark in-process (central/API.md §4.13): its request body, and schema 10 over a store
// the previous release left (the feed's rows kept with their seq, the new kind accepted).

#include <catch2/catch.hpp>

#include "central/case_records.hpp"
#include "central/central_store.hpp"
#include "central/change_feed.hpp"
#include "central/supervision.hpp"
#include "localdb/migrations.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::central;
using Database = onewindow::central::sql::Connection;
using onewindow::test::TempDir;

namespace {

SupervisionRequest requestOf(std::string_view body) {
  auto parsed = parseSupervisionRequest(body);
  if (const auto* problem = std::get_if<RequestProblem>(&parsed)) FAIL(problem->message);
  return std::get<SupervisionRequest>(parsed);
}

RequestProblem problemOf(std::string_view body) {
  auto parsed = parseSupervisionRequest(body);
  REQUIRE(std::holds_alternative<RequestProblem>(parsed));
  return std::get<RequestProblem>(parsed);
}

std::chrono::sys_seconds at(int hour) {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 27} + hours{hour};
}

}  // namespace

TEST_CASE("a 督办 request is read with its text trimmed", "[central][parse][supervision]") {
  const SupervisionRequest mark = requestOf(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<supervision action=\"mark\">\n  请今天内办结\n"
      "  第二行 </supervision>");
  CHECK(mark.action == SupervisionAction::Mark);
  CHECK(mark.text == "请今天内办结\n  第二行");
  const SupervisionRequest lift =
      requestOf("<supervision action=\" lift \"><![CDATA[a < b]]> &amp; c</supervision>");
  CHECK(lift.action == SupervisionAction::Lift);
  CHECK(lift.text == "a < b & c");
  std::string longest;
  for (int i = 0; i < 500; ++i) longest += i % 2 == 0 ? "督" : "x";
  CHECK(requestOf("<supervision action=\"mark\">" + longest + "</supervision>").text == longest);
}

TEST_CASE("a bad 督办 request names what is wrong", "[central][parse][supervision]") {
  CHECK(problemOf("").code == "request.malformed_xml");
  CHECK(problemOf("<supervision action=\"mark\">x</supervision").code == "request.malformed_xml");
  CHECK(problemOf("<rating/>").code == "request.wrong_document");
  CHECK(problemOf("<supervision action=\"\">x</supervision>").code == "request.missing_field");
  const RequestProblem action = problemOf("<supervision action=\"Mark\">x</supervision>");
  CHECK(action.code == "request.invalid_field");
  CHECK_THAT(action.message, Catch::Contains("'Mark'"));
  const RequestProblem empty = problemOf("<supervision action=\"lift\">\t</supervision>");
  CHECK(empty.httpStatus == 400);
  CHECK(empty.code == "request.missing_field");
  CHECK_THAT(empty.message, Catch::Contains("reason"));
  const RequestProblem notUtf8 = problemOf("<supervision action=\"mark\">\xC0\xAF</supervision>");
  CHECK(notUtf8.code == "request.invalid_field");
  CHECK_THAT(notUtf8.message, Catch::Contains("UTF-8"));
  const RequestProblem tooLong =
      problemOf("<supervision action=\"mark\">" + std::string(501, 'x') + "</supervision>");
  CHECK(tooLong.code == "request.invalid_field");
  CHECK_THAT(tooLong.message, Catch::Contains("note"));
}

TEST_CASE("a store of schema 9 gets the newest schema with its change feed kept",
          "[central][store][supervision]") {
  TempDir dir;
  const std::filesystem::path file = dir / "central.db";
  const std::string uuid = onewindow::test::uuidNumber(1);
  {
    // As the previous release left it: migrations 1-9, a case and three changes of its feed.
    const auto& schema = centralSchema();
    onewindow::localdb::Database db(file);
    onewindow::localdb::migrate(
        db, onewindow::localdb::SchemaDefinition{schema.applicationId, schema.name,
                                                 schema.migrations.first(9)});
    REQUIRE(db.pragmaInt("user_version") == 9);
    db.prepare(
          "INSERT INTO cases (case_uuid, station_id, latest_version, official_no, state, body, "
          "created_at, updated_at, provisional_no) VALUES (?1, 'station-old', 1, "
          "'11440300MB2C91234X4000131128000202611270001', 'decided', ?2, 1795752000, "
          "1795752000, 'W03-20261127-000042')")
        .bind(1, uuid)
        .bind(2, onewindow::test::caseXml(uuid, 1))
        .run();
    db.execute(
        "INSERT INTO changes (station_id, case_uuid, kind, official_no, at) VALUES "
        "('station-old', '" +
        uuid +
        "', 'official-number', '11440300MB2C91234X4000131128000202611270001', 1795752000);"
        "INSERT INTO changes (station_id, case_uuid, kind, state, result, note, at) VALUES "
        "('station-old', '" +
        uuid +
        "', 'decision', 'decided', 'granted', '许可', 1795752060);"
        "INSERT INTO changes (station_id, case_uuid, kind, number, at, issuer, valid_until, "
        "fields) VALUES ('station-old', '" +
        uuid + "', 'certificate', 'No. 1', 1795752120, '罗湖局', '2031-11-26', NULL);");
  }
  CentralStore store(file);
  store.withDatabase([&](Database& db) {
    auto version = db.prepare("PRAGMA user_version");
    REQUIRE(version.step());
    CHECK(version.columnInt(0) == onewindow::localdb::latestVersion(centralSchema()));
    const ChangePage before = readChanges(db, "station-old", 0, 100);
    REQUIRE(before.changes.size() == 3);
    CHECK(before.changes[1].seq == 2);
    CHECK(before.changes[1].note == "许可");
    CHECK(before.changes[1].result == "granted");
    CHECK(before.changes[2].issuer == "罗湖局");
    CHECK(before.changes[2].validUntil == "2031-11-26");
    for (const Change& change : before.changes) CHECK_FALSE(change.actor);
    CHECK_FALSE(findSupervisionMark(db, uuid));

    const SupervisionResult result = applySupervision(
        db, uuid, SupervisionRequest{SupervisionAction::Mark, "加急"}, "s2001", at(9));
    CHECK(result.outcome == SupervisionOutcome::Changed);
    CHECK(result.state.seq == 4);  // after the kept rows, never one of their numbers again
    CHECK(result.station == "station-old");
    const std::optional<SupervisionMark> mark = findSupervisionMark(db, uuid);
    REQUIRE(mark);
    CHECK(mark->note == "加急");
    CHECK(mark->markedBy == "s2001");
    CHECK(mark->markedAt == at(9));
    const std::string xml = changesXml(readChanges(db, "station-old", 3, 100));
    CHECK_THAT(xml, Catch::Contains("<change seq=\"4\" kind=\"supervision\" case-uuid=\"" + uuid +
                                    "\" state=\"marked\" by=\"s2001\" at=\"20261127T090000\">"
                                    "加急</change>"));
  });
}

TEST_CASE("a 督办 mark on a case central does not hold changes nothing",
          "[central][store][supervision]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  store.withDatabase([](Database& db) {
    const SupervisionResult result =
        applySupervision(db, onewindow::test::uuidNumber(7),
                         SupervisionRequest{SupervisionAction::Mark, "加急"}, "s2001", at(9));
    CHECK(result.outcome == SupervisionOutcome::NoCase);
    auto count = db.prepare(
        "SELECT (SELECT count(*) FROM changes) + "
        "(SELECT count(*) FROM supervision_marks)");
    REQUIRE(count.step());
    CHECK(count.columnInt(0) == 0);
  });
}
