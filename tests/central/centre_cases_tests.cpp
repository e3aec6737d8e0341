// The centre-wide case list in-process (central/API.md §4.12): its parameters, its order and
// filters over hand-made bodies, its version, and schema 9's backfill of rows stored before it.

#include <cctype>

#include <catch2/catch.hpp>

#include "central/case_document.hpp"
#include "central/case_listing.hpp"
#include "central/case_records.hpp"
#include "central/central_store.hpp"
#include "central/centre_cases.hpp"
#include "localdb/migrations.hpp"
#include "temp_dir.hpp"

using namespace onewindow::central;
using Database = onewindow::central::sql::Connection;
using onewindow::test::TempDir;

namespace {

using Params = std::multimap<std::string, std::string>;

constexpr const char* kCode = "11440300MB2C91234X4000131128000";

std::chrono::sys_seconds receivedAt() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 27} + hours{6};
}

std::string uuidOf(int n) {
  const std::string digits = std::to_string(n);
  return "7c1d2e3f-4a5b-4c6d-8e7f-" + std::string(12 - digits.size(), '0') + digits;
}

// What a listed case differs in; the rest of the body is the same for all.
struct Made {
  int n = 1;
  std::string state = "accepted";
  std::string matter = "000131128000";
  std::string applicant = "张三";
  std::string intakeAt = "20261127T040000";
  std::string promisedDue = "20261202";  // empty: the body has none
};

std::string bodyOf(const Made& made, int version = 1) {
  return "<case uuid=\"" + uuidOf(made.n) + "\" version=\"" + std::to_string(version) +
         "\" provisional-no=\"W0" + std::to_string(made.n) + "-20261127-000001\" window=\"W0" +
         std::to_string(made.n) + "\" clerk-id=\"c1001\" matter-code=\"" + made.matter +
         "\" matter-name=\"事项\" state=\"" + made.state + "\" intake-at=\"" + made.intakeAt +
         "\"" + (made.promisedDue.empty() ? "" : " promised-due=\"" + made.promisedDue + "\"") +
         " legal-due=\"20261210\"><applicant name=\"" + made.applicant +
         "\" id-type=\"id_card\" id-number=\"44030519900101123X\"/></case>";
}

void submit(CentralStore& store, const Made& made, int version = 1) {
  const std::string body = bodyOf(made, version);
  const auto parsed = parseCaseDocument(body, uuidOf(made.n), version);
  REQUIRE(std::holds_alternative<CaseDocument>(parsed));
  const SubmitResult result =
      submitCase(store, std::get<CaseDocument>(parsed), body,
                 "station-" + std::to_string(made.n % 2), kCode, receivedAt());
  REQUIRE(result.outcome == SubmitOutcome::Created);
}

CentreCaseQuery queryOf(const Params& parameters) {
  auto parsed = parseCentreCaseQuery(parameters);
  const auto* problem = std::get_if<CentreQueryProblem>(&parsed);
  INFO((problem != nullptr ? problem->message : std::string()));
  REQUIRE(problem == nullptr);
  return std::get<CentreCaseQuery>(parsed);
}

std::string problemWith(const Params& parameters) {
  auto parsed = parseCentreCaseQuery(parameters);
  const auto* problem = std::get_if<CentreQueryProblem>(&parsed);
  return problem == nullptr ? std::string() : problem->parameter;
}

CentreCasePage list(CentralStore& store, const Params& parameters) {
  const CentreCaseQuery query = queryOf(parameters);
  return store.withDatabase([&](Database& db) { return readCentreCases(db, query, receivedAt()); });
}

std::vector<int> numbersOf(const CentreCasePage& page) {
  std::vector<int> numbers;
  for (const CentreCaseRow& row : page.rows) numbers.push_back(std::stoi(row.uuid.substr(24)));
  return numbers;
}

}  // namespace

TEST_CASE("centre case parameters default, normalise and name the one that is wrong",
          "[central][centre]") {
  const CentreCaseQuery none = queryOf({});
  CHECK(none.sort == CentreCaseSort::Intake);
  CHECK(none.offset == 0);
  CHECK(none.limit == kDefaultCentreCaseLimit);
  CHECK(none.states.empty());
  // Empty values are left out; the order and repetition of states does not change the query.
  CHECK(normalizedQuery(queryOf({{"states", ""}, {"lookup", " "}, {"limit", ""}})) ==
        normalizedQuery(none));
  const CentreCaseQuery states = queryOf({{"states", "refused, accepted,refused"}});
  CHECK(states.states == std::vector<std::string>{"accepted", "refused"});
  CHECK(normalizedQuery(states) == normalizedQuery(queryOf({{"states", "accepted,refused"}})));
  CHECK(centreCasesEtag("3.4", states) != centreCasesEtag("3.4", none));
  CHECK(centreCasesEtag("3.4", states) != centreCasesEtag("3.5", states));
  CHECK(centreCasesEtag("3.4", states).front() == '"');
  const CentreCaseQuery all = queryOf({{"matter", "000131128000"},
                                       {"due_from", "2026-12-01"},
                                       {"due_to", "2026-12-01"},
                                       {"lookup", "张"},
                                       {"sort", "due"},
                                       {"offset", "400"},
                                       {"limit", "500"}});
  CHECK(all.sort == CentreCaseSort::Due);
  CHECK(all.offset == 400);
  CHECK(all.limit == 500);
  CHECK(all.lookup == "张");

  CHECK(problemWith({{"states", "accepted,pondering"}}) == "states");
  CHECK(problemWith({{"states", "accepted,"}}) == "states");
  CHECK(problemWith({{"matter", "0001 3"}}) == "matter");
  CHECK(problemWith({{"due_from", "2026-02-30"}}) == "due_from");
  CHECK(problemWith({{"due_to", "20261202"}}) == "due_to");
  CHECK(problemWith({{"due_from", "2026-12-02"}, {"due_to", "2026-12-01"}}) == "due_to");
  CHECK(problemWith({{"lookup", std::string(201, 'x')}}) == "lookup");
  CHECK(problemWith({{"sort", "name"}}) == "sort");
  CHECK(problemWith({{"offset", "-1"}}) == "offset");
  CHECK(problemWith({{"offset", "1e3"}}) == "offset");
  CHECK(problemWith({{"limit", "0"}}) == "limit");
  CHECK(problemWith({{"limit", "501"}}) == "limit");
  CHECK(problemWith({{"limit", "10"}, {"limit", "20"}}) == "limit");
  CHECK(problemWith({{"supervised", "1"}}) == "supervised");
  CHECK(problemWith({{"supervised", "true"}, {"supervised", "true"}}) == "supervised");
  CHECK(problemWith({{"future", "x"}}).empty());  // unknown parameters are ignored

  // supervised=true is another question; left out or empty, the tags stay as they were.
  const CentreCaseQuery supervised = queryOf({{"supervised", " true"}});
  CHECK(supervised.supervisedOnly);
  CHECK_FALSE(none.supervisedOnly);
  CHECK_FALSE(queryOf({{"supervised", ""}}).supervisedOnly);
  CHECK(centreCasesEtag("3.4", supervised) != centreCasesEtag("3.4", none));
  CHECK(normalizedQuery(none) ==
        "sort=intake&offset=0&limit=200&states=&matter=&due_from=&due_to=&lookup=");
}

TEST_CASE("centre cases are listed newest intake first or by promised date, filtered and paged",
          "[central][centre]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  submit(store, {.n = 1, .intakeAt = "20261127T010000", .promisedDue = "20261204"});
  submit(store, {.n = 2,
                 .state = "refused",
                 .applicant = "李四",
                 .intakeAt = "20261127T030000",
                 .promisedDue = "20261202"});
  submit(store, {.n = 3,
                 .matter = "440300200002",
                 .applicant = "张小明",
                 .intakeAt = "20261127T020000",
                 .promisedDue = ""});
  submit(store, {.n = 4,
                 .state = "intake",
                 .applicant = "王五",
                 .intakeAt = "20261126T090000",
                 .promisedDue = "20261201"});

  const CentreCasePage all = list(store, {});
  CHECK(all.total == 4);
  CHECK(numbersOf(all) == std::vector<int>{2, 3, 1, 4});
  const CentreCaseRow& second = all.rows[0];
  CHECK(second.officialNo.size() == 43);
  CHECK(second.provisionalNo == "W02-20261127-000001");
  CHECK(second.station == "station-0");
  CHECK(second.window == "W02");
  CHECK(second.clerkId == "c1001");
  CHECK(second.matterName == "事项");
  CHECK(second.applicantName == "李四");
  CHECK(second.state == "refused");
  CHECK(second.promisedDue == "2026-12-02");
  CHECK(second.legalDue == "2026-12-10");
  CHECK(second.updatedAt == receivedAt());
  CHECK(all.stateCounts == std::vector<std::pair<std::string, std::int64_t>>{
                               {"accepted", 2}, {"intake", 1}, {"refused", 1}});

  // Nearest promised date first; a case without one comes last.
  CHECK(numbersOf(list(store, {{"sort", "due"}})) == std::vector<int>{4, 2, 1, 3});
  CHECK(numbersOf(list(store, {{"states", "intake,refused"}})) == std::vector<int>{2, 4});
  CHECK(numbersOf(list(store, {{"matter", "440300200002"}})) == std::vector<int>{3});
  // Inclusive on both ends, never a case without a promised date.
  CHECK(numbersOf(list(store, {{"due_from", "2026-12-02"}})) == std::vector<int>{2, 1});
  CHECK(numbersOf(list(store, {{"due_from", "2026-12-01"}, {"due_to", "2026-12-02"}})) ==
        std::vector<int>{2, 4});
  CHECK(numbersOf(list(store, {{"lookup", "张"}})) == std::vector<int>{3, 1});
  CHECK(numbersOf(list(store, {{"lookup", "w04-2026"}})) == std::vector<int>{4});
  std::string official = all.rows[3].officialNo;
  for (char& c : official) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(numbersOf(list(store, {{"lookup", official}})) == std::vector<int>{4});
  CHECK(numbersOf(list(store, {{"lookup", "%"}})).empty());  // no LIKE wildcards

  const CentreCasePage filtered = list(store, {{"states", "accepted"}, {"limit", "1"}});
  CHECK(filtered.total == 2);
  CHECK(numbersOf(filtered) == std::vector<int>{3});
  CHECK(filtered.stateCounts == all.stateCounts);  // counts ignore the filter
  const CentreCasePage next =
      list(store, {{"states", "accepted"}, {"limit", "1"}, {"offset", "1"}});
  CHECK(next.offset == 1);
  CHECK(numbersOf(next) == std::vector<int>{1});
  CHECK(list(store, {{"offset", "4"}}).rows.empty());
}

TEST_CASE("the centre's version changes with every stored version and every state change",
          "[central][centre]") {
  TempDir dir;
  CentralStore store(dir / "central.db");
  const auto version = [&] { return store.withDatabase(centreCasesVersion); };
  const std::string empty = version();
  submit(store, {.n = 1});
  const std::string one = version();
  CHECK(one != empty);
  submit(store, {.n = 1, .state = "refused"}, 2);  // a new version without a feed entry
  const std::string two = version();
  CHECK(two != one);
  CHECK(list(store, {}).rows.at(0).state == "refused");
  store.withDatabase([&](Database& db) {
    const std::optional<CaseSummary> summary = findCase(db, uuidOf(1));
    REQUIRE(summary);
    onewindow::central::sql::Transaction transaction(db);
    decideCase(db, *summary, "granted", std::nullopt, receivedAt());
    transaction.commit();
  });
  CHECK(version() != two);
  CHECK(list(store, {}).rows.at(0).state == "decided");
  CHECK(list(store, {}).version == version());
}

TEST_CASE("rows stored before schema 9 get their listing columns once, at the next open",
          "[central][centre][store]") {
  TempDir dir;
  const std::filesystem::path file = dir / "central.db";
  {
    // A store as the previous release left it: migrations 1-8, a case row without the columns.
    const auto& schema = centralSchema();
    const onewindow::localdb::SchemaDefinition old{schema.applicationId, schema.name,
                                                   schema.migrations.first(8)};
    onewindow::localdb::Database db(file);
    onewindow::localdb::migrate(db, old);
    for (const auto& [uuid, body] :
         {std::pair{uuidOf(1), bodyOf({.n = 1, .applicant = "欧阳娜娜"})},
          std::pair{uuidOf(2), std::string("<not-a-case/>")}}) {
      db.prepare(
            "INSERT INTO cases (case_uuid, station_id, latest_version, official_no, state, body, "
            "created_at, updated_at, provisional_no) VALUES (?1, 'station-old', 1, ?2, "
            "'accepted', ?3, 1795752000, 1795752000, 'W01-20261127-000001')")
          .bind(1, uuid)
          .bind(2, std::string(kCode) + "20261127000" + uuid.substr(35))
          .bind(3, body)
          .run();
    }
  }
  {
    CentralStore store(file);
    store.withDatabase([](Database& db) {
      auto version = db.prepare("PRAGMA user_version");
      REQUIRE(version.step());
      CHECK(version.columnInt(0) == onewindow::localdb::latestVersion(centralSchema()));
      auto row = db.prepare(
          "SELECT window_code, clerk_id, matter_code, matter_name, applicant_name, intake_at, "
          "promised_due_date, legal_due_date FROM cases WHERE case_uuid = ?1");
      row.bind(1, uuidOf(1));
      REQUIRE(row.step());
      CHECK(row.columnText(0) == "W01");
      CHECK(row.columnText(1) == "c1001");
      CHECK(row.columnText(2) == "000131128000");
      CHECK(row.columnText(3) == "事项");
      CHECK(row.columnText(4) == "欧阳娜娜");
      CHECK(row.columnInt(5) == 1795752000);  // 2026-11-27 04:00:00 UTC
      CHECK(row.columnText(6) == "2026-12-02");
      CHECK(row.columnText(7) == "2026-12-10");
      // The unreadable body is left for a later start; nothing else is left to fill.
      CHECK(backfillCaseListings(db) == 0);
    });
    const CentreCasePage page = list(store, {{"lookup", "欧阳"}});
    REQUIRE(page.rows.size() == 1);
    CHECK(page.rows[0].station == "station-old");
    CHECK(page.rows[0].intakeAt == std::chrono::sys_seconds{std::chrono::seconds{1795752000}});
  }
  CentralStore again(file);  // idempotent: a second open changes nothing
  CHECK(again.withDatabase([](Database& db) {
    auto count = db.prepare("SELECT count(*) FROM cases WHERE intake_at IS NULL");
    (void)count.step();
    return count.columnInt(0);
  }) == 1);
}
