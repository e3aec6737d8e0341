// GET /api/v1/centre/cases on the real server (central/API.md §4.12): a supervisor's view of
// every station's cases, its filters, paging and counts, its ETag, and who may not see it.

#include <set>

#include <catch2/catch.hpp>

#include "central/central_schema.hpp"
#include "central_process.hpp"
#include "centre_test_helpers.hpp"
#include "localdb/migrations.hpp"
#include "localdb/sqlite.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

namespace {

std::string percentEncoded(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::vector<std::string> uuidsIn(const pugi::xml_document& document) {
  std::vector<std::string> uuids;
  for (const pugi::xml_node row : document.child("centre-cases").children("case"))
    uuids.emplace_back(row.attribute("uuid").value());
  return uuids;
}

std::vector<std::string> uuidsOf(StationClient& who, const std::string& query) {
  return uuidsIn(listing(centre(who, query)));
}

std::map<std::string, int> countsIn(const pugi::xml_document& document) {
  std::map<std::string, int> counts;
  for (const pugi::xml_node count : document.child("centre-cases").children("state-count"))
    counts[count.attribute("state").value()] = count.attribute("n").as_int();
  return counts;
}

std::string promisedOf(const std::string& matter) {
  return sampleIntake(matter).due.promised.iso();
}

// Five cases of two stations (all taken in at the same time, so ties are broken by the
// official number, newest first): u1-u3 from station-a, u4-u5 from station-b. None is one 秒批
// decides at once, so each keeps the state it was sent in.
struct Centre {
  TempDir dir;
  CentralProcess central{dir / "central.db"};
  std::vector<std::string> uuids;

  Centre() {
    central.start();
    StationClient a(central.port(), "station-a");
    StationClient b(central.port(), "station-b", "c1002", "demo1002");
    put(a, 1, "refused", "张三", kSampleMatter);
    put(a, 2, "awaiting_correction", "李四", kSampleMatter);
    put(a, 3, "accepted", "王五", kSeniorCard);
    put(b, 4, "intake", "张小明", kSeniorCard);
    put(b, 5, "intake", "赵六", kSampleMatter);
  }

  void put(StationClient& station, int n, const std::string& state, const std::string& applicant,
           const std::string& matter) {
    const std::string uuid = uuidNumber(n);
    const httplib::Result result =
        station.putCase(uuid, 1, sampleCaseXml({uuid, 1, {}, state, applicant, matter}));
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 201);
    uuids.push_back(uuid);
  }
  [[nodiscard]] StationClient supervisor() const {
    return StationClient(central.port(), "station-sup", "s2001", "demo2001");
  }
};

}  // namespace

TEST_CASE("a supervisor lists every station's cases with the counts by state",
          "[central][process][centre]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  const httplib::Result result = centre(supervisor);
  const pugi::xml_document document = listing(result);
  CHECK(result->get_header_value("Cache-Control") == "private, no-cache");
  CHECK_FALSE(result->get_header_value("ETag").empty());
  const pugi::xml_node root = document.child("centre-cases");
  CHECK(root.attribute("total").as_int() == 5);
  CHECK(root.attribute("offset").as_int() == 0);
  CHECK(std::string(root.attribute("as-of").value()).size() == 15);
  // Newest first: the same intake time, so the later official number first.
  const std::vector<std::string>& u = centre_.uuids;
  CHECK(uuidsIn(document) == std::vector<std::string>{u[4], u[3], u[2], u[1], u[0]});

  const pugi::xml_node first = root.find_child_by_attribute("case", "uuid", u[3].c_str());
  CHECK(std::string(first.attribute("official-no").value()).size() == 43);
  CHECK(std::string(first.attribute("provisional-no").value()) == "W03-20261127-000042");
  CHECK(std::string(first.attribute("station").value()) == "station-b");
  CHECK(std::string(first.attribute("window").value()) == "W03");
  CHECK(std::string(first.attribute("clerk").value()) == "c1001");
  CHECK(std::string(first.attribute("matter-code").value()) == kSeniorCard);
  CHECK_FALSE(std::string(first.attribute("matter-name").value()).empty());
  CHECK(std::string(first.attribute("applicant-name").value()) == "张小明");
  CHECK(std::string(first.attribute("state").value()) == "intake");
  CHECK(std::string(first.attribute("intake-at").value()) == "20261127T040000");
  CHECK(std::string(first.attribute("promised-due").value()) == promisedOf(kSeniorCard));
  CHECK(std::string(first.attribute("updated-at").value()).size() == 15);
  const pugi::xml_node sample = root.find_child_by_attribute("case", "uuid", u[0].c_str());
  CHECK(std::string(sample.attribute("legal-due").value()) ==
        sampleIntake(kSampleMatter).due.legal->iso());

  CHECK(countsIn(document) ==
        std::map<std::string, int>{
            {"accepted", 1}, {"awaiting_correction", 1}, {"intake", 2}, {"refused", 1}});
}

TEST_CASE("the centre's cases are filtered by state, matter, promised date and lookup",
          "[central][process][centre]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  const std::vector<std::string>& u = centre_.uuids;
  using List = std::vector<std::string>;
  CHECK(uuidsOf(supervisor, "?states=intake") == List{u[4], u[3]});
  CHECK(uuidsOf(supervisor, "?states=refused,awaiting_correction") == List{u[1], u[0]});
  CHECK(uuidsOf(supervisor, "?matter=" + std::string(kSeniorCard)) == List{u[3], u[2]});
  CHECK(uuidsOf(supervisor, "?states=intake&matter=" + std::string(kSampleMatter)) == List{u[4]});
  const std::string sampleDue = promisedOf(kSampleMatter);
  REQUIRE(sampleDue < promisedOf(kSeniorCard));
  CHECK(uuidsOf(supervisor, "?due_from=" + sampleDue + "&due_to=" + sampleDue) ==
        List{u[4], u[1], u[0]});
  CHECK(uuidsOf(supervisor, "?due_from=" + promisedOf(kSeniorCard)) == List{u[3], u[2]});
  CHECK(uuidsOf(supervisor, "?lookup=" + percentEncoded("张")) == List{u[3], u[0]});

  const pugi::xml_document all = listing(centre(supervisor));
  const std::string official = all.child("centre-cases")
                                   .find_child_by_attribute("case", "uuid", u[2].c_str())
                                   .attribute("official-no")
                                   .value();
  CHECK(uuidsOf(supervisor, "?lookup=" + official) == List{u[2]});

  // The counts are the whole centre's whatever the filter; total counts the filtered rows.
  const pugi::xml_document filtered = listing(centre(supervisor, "?states=intake"));
  CHECK(filtered.child("centre-cases").attribute("total").as_int() == 2);
  CHECK(countsIn(filtered) == countsIn(all));
}

TEST_CASE("the centre's cases page with a total and sort by promised date",
          "[central][process][centre]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  const std::vector<std::string>& u = centre_.uuids;
  std::vector<std::string> seen;
  for (int offset = 0; offset < 6; offset += 2) {
    const pugi::xml_document page =
        listing(centre(supervisor, "?limit=2&offset=" + std::to_string(offset)));
    CHECK(page.child("centre-cases").attribute("total").as_int() == 5);
    CHECK(page.child("centre-cases").attribute("offset").as_int() == offset);
    const std::vector<std::string> rows = uuidsIn(page);
    CHECK(rows.size() == (offset < 4 ? 2U : 1U));
    seen.insert(seen.end(), rows.begin(), rows.end());
  }
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 5);
  CHECK(uuidsOf(supervisor, "?offset=5").empty());

  // The individual business is due first (3 working days), the senior card after 30 days.
  CHECK(uuidsOf(supervisor, "?sort=due") == std::vector<std::string>{u[4], u[1], u[0], u[3], u[2]});
  CHECK(uuidsOf(supervisor, "?sort=due&limit=1&offset=3") == std::vector<std::string>{u[3]});
}

TEST_CASE("the centre's cases answer 304 to their ETag until a case changes",
          "[central][process][centre]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  const httplib::Result first = centre(supervisor, "?states=intake");
  listing(first);
  const std::string etag = first->get_header_value("ETag");
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');

  const httplib::Result same = centre(supervisor, "?states=intake", {{"If-None-Match", etag}});
  REQUIRE(same);
  CHECK(same->status == 304);
  CHECK(same->body.empty());
  CHECK(same->get_header_value("ETag") == etag);
  // The same question asked another way is the same entity; another question is not.
  CHECK(centre(supervisor, "?states=intake,intake&limit=200", {{"If-None-Match", etag}})->status ==
        304);
  const httplib::Result other = centre(supervisor, "?states=refused", {{"If-None-Match", etag}});
  REQUIRE(other);
  CHECK(other->status == 200);
  CHECK(other->get_header_value("ETag") != etag);

  // A case put by a station changes it, even one the filter does not show.
  StationClient station(centre_.central.port(), "station-c");
  const std::string uuid = uuidNumber(6);
  REQUIRE(station.putCase(uuid, 1, caseXml(uuid, 1, {}, "refused"))->status == 201);
  const httplib::Result after = centre(supervisor, "?states=intake", {{"If-None-Match", etag}});
  listing(after);
  const std::string etagAfter = after->get_header_value("ETag");
  CHECK(etagAfter != etag);
  CHECK(centre(supervisor, "?states=intake", {{"If-None-Match", etagAfter}})->status == 304);

  // So does a state set by the back office, and the row shows central's state.
  const CommandResult set = runCentralCommand({"admin", "--db", centre_.central.databaseFile(),
                                               "set-state", centre_.uuids[3], "in_progress"});
  INFO(set.standardError);
  REQUIRE(set.exitCode == 0);
  const httplib::Result moved =
      centre(supervisor, "?states=intake", {{"If-None-Match", etagAfter}});
  CHECK(uuidsIn(listing(moved)) == std::vector<std::string>{centre_.uuids[4]});
  CHECK(countsIn(listing(centre(supervisor)))["in_progress"] == 1);
}

TEST_CASE("a clerk may not list the centre's cases", "[central][process][centre]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient clerk(central.port(), "station-a");
  const httplib::Result refused = centre(clerk);
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(errorCodeOf(refused) == "session.not_supervisor");
  CHECK_THAT(errorMessageOf(refused), Catch::Contains("c1001"));
  // Not even which parameter would be wrong.
  CHECK(errorCodeOf(centre(clerk, "?limit=0")) == "session.not_supervisor");

  httplib::Client anonymous("127.0.0.1", central.port());
  const httplib::Result noToken = anonymous.Get("/api/v1/centre/cases");
  REQUIRE(noToken);
  CHECK(noToken->status == 401);
  StationClient supervisor(central.port(), "station-sup", "s2001", "demo2001");
  httplib::Headers noStation = supervisor.headers();
  noStation.erase("X-OneWindow-Station");
  const httplib::Result missingStation = supervisor.client().Get("/api/v1/centre/cases", noStation);
  CHECK(errorCodeOf(missingStation) == "request.missing_station");
  const httplib::Result post =
      supervisor.client().Post("/api/v1/centre/cases", supervisor.headers(), "<x/>", kXmlType);
  REQUIRE(post);
  CHECK(post->status == 405);
}

TEST_CASE("a bad parameter of the centre's cases is a 400 that names it",
          "[central][process][centre]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient supervisor(central.port(), "station-sup", "s2001", "demo2001");
  CHECK(listing(centre(supervisor)).child("centre-cases").attribute("total").as_int() == 0);
  for (const auto& [query, parameter] : std::vector<std::pair<std::string, std::string>>{
           {"?states=accepted,pondering", "states"},
           {"?matter=a%20b", "matter"},
           {"?due_from=2026-13-01", "due_from"},
           {"?due_to=20261202", "due_to"},
           {"?due_from=2026-12-02&due_to=2026-12-01", "due_to"},
           {"?sort=name", "sort"},
           {"?offset=-1", "offset"},
           {"?limit=0", "limit"},
           {"?limit=501", "limit"},
           {"?limit=ten", "limit"},
           {"?lookup=" + std::string(201, 'x'), "lookup"},
           {"?supervised=yes", "supervised"},
           {"?supervised=false", "supervised"}}) {
    const httplib::Result result = centre(supervisor, query);
    INFO(query);
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(errorCodeOf(result) == "request.invalid_field");
    CHECK_THAT(errorMessageOf(result), Catch::Contains("'" + parameter + "'"));
  }
}

TEST_CASE("a case stored before the listing columns is listed after the upgrade",
          "[central][process][centre][sqlite-file]") {
  TempDir dir;
  const std::filesystem::path file = dir / "central.db";
  {
    using namespace onewindow;
    const auto& schema = central::centralSchema();
    localdb::Database db(file);
    localdb::migrate(db, localdb::SchemaDefinition{schema.applicationId, schema.name,
                                                   schema.migrations.first(8)});
    db.prepare(
          "INSERT INTO cases (case_uuid, station_id, latest_version, official_no, state, body, "
          "created_at, updated_at, provisional_no) VALUES (?1, 'station-old', 1, "
          "'11440300MB2C91234X4000131128000202611270001', 'accepted', ?2, 1795752000, "
          "1795752000, 'W03-20261127-000042')")
        .bind(1, uuidNumber(1))
        .bind(2, sampleCaseXml({uuidNumber(1), 1, {}, "accepted", "孙七", kSeniorCard}))
        .run();
  }
  CentralProcess central(file);
  central.start();
  StationClient supervisor(central.port(), "station-sup", "s2001", "demo2001");
  const pugi::xml_document document =
      listing(centre(supervisor, "?matter=" + std::string(kSeniorCard)));
  const pugi::xml_node row = document.child("centre-cases").child("case");
  CHECK(std::string(row.attribute("uuid").value()) == uuidNumber(1));
  CHECK(std::string(row.attribute("applicant-name").value()) == "孙七");
  CHECK(std::string(row.attribute("station").value()) == "station-old");
  CHECK(std::string(row.attribute("intake-at").value()) == "20261127T040000");
  CHECK(std::string(row.attribute("promised-due").value()) == promisedOf(kSeniorCard));
}
