// POST /api/v1/centre/cases/{uuid}/supervision on the real server (central/API.md §4.13): a
// supervisor's 督办 mark set, replaced and lifted at central, passed to the case's own station
// by its change feed, shown and filtered in the centre's list (§4.12), and who may not set it.

#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "central/central_store.hpp"
#include "central_process.hpp"
#include "central_store_for.hpp"
#include "centre_test_helpers.hpp"
#include "localdb/password_hash.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

namespace {

std::string supervisionPath(const std::string& uuid) {
  return "/api/v1/centre/cases/" + uuid + "/supervision";
}

httplib::Result postBody(StationClient& who, const std::string& uuid, const std::string& body) {
  return who.client().Post(supervisionPath(uuid).c_str(), who.headers(), body, kXmlType);
}

httplib::Result supervise(StationClient& who, const std::string& uuid, const std::string& action,
                          const std::string& text) {
  return postBody(who, uuid, "<supervision action=\"" + action + "\">" + text + "</supervision>");
}

struct Reply {
  std::string caseUuid, state, by, at, text;
};

Reply replyOf(const httplib::Result& result) {
  REQUIRE(result);
  INFO(result->body);
  REQUIRE(result->status == 200);
  const pugi::xml_document document = parseXml(result->body);
  const pugi::xml_node root = document.child("supervision");
  REQUIRE(root);
  return Reply{root.attribute("case-uuid").value(), root.attribute("state").value(),
               root.attribute("by").value(), root.attribute("at").value(), root.text().get()};
}

// The station's supervision changes, in feed order.
std::vector<Reply> supervisionChanges(StationClient& station) {
  const httplib::Result result = station.changes(0, 1000);
  REQUIRE(result);
  REQUIRE(result->status == 200);
  const pugi::xml_document document = parseXml(result->body);
  std::vector<Reply> found;
  for (const pugi::xml_node change : document.child("changes").children("change")) {
    if (std::string_view(change.attribute("kind").value()) != "supervision") continue;
    CHECK(change.attribute("seq").as_llong() > 0);
    found.push_back(Reply{change.attribute("case-uuid").value(), change.attribute("state").value(),
                          change.attribute("by").value(), change.attribute("at").value(),
                          change.text().get()});
  }
  return found;
}

pugi::xml_node rowOf(const pugi::xml_document& document, const std::string& uuid) {
  return document.child("centre-cases").find_child_by_attribute("case", "uuid", uuid.c_str());
}

std::vector<std::string> uuidsIn(const pugi::xml_document& document) {
  std::vector<std::string> uuids;
  for (const pugi::xml_node row : document.child("centre-cases").children("case"))
    uuids.emplace_back(row.attribute("uuid").value());
  return uuids;
}

std::string fileText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Two cases of station-a and one of station-b; the supervisor works at station-sup.
struct Centre {
  TempDir dir;
  CentralProcess central{dir / "central.db"};
  std::vector<std::string> uuids{uuidNumber(1), uuidNumber(2), uuidNumber(3)};

  Centre() {
    central.start();
    StationClient a(central.port(), "station-a");
    StationClient b(central.port(), "station-b", "c1002", "demo1002");
    for (const auto& [station, uuid] :
         {std::pair{&a, uuids[0]}, std::pair{&a, uuids[1]}, std::pair{&b, uuids[2]}}) {
      const httplib::Result put = station->putCase(uuid, 1, caseXml(uuid, 1, {}, "intake"));
      REQUIRE(put);
      INFO(put->body);
      REQUIRE(put->status == 201);
    }
  }
  [[nodiscard]] StationClient supervisor() const {
    return StationClient(central.port(), "station-sup", "s2001", "demo2001");
  }
  [[nodiscard]] StationClient station(const std::string& id) const {
    return StationClient(central.port(), id, "c1002", "demo1002");
  }
};

}  // namespace

TEST_CASE("a 督办 mark is set, repeated, replaced and lifted, and the case's station is told",
          "[central][process][supervision]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  StationClient stationA = centre_.station("station-a");
  StationClient stationB = centre_.station("station-b");
  const std::string& u1 = centre_.uuids[0];

  const Reply marked = replyOf(supervise(supervisor, u1, "mark", "  请今天内办结\n"));
  CHECK(marked.caseUuid == u1);
  CHECK(marked.state == "marked");
  CHECK(marked.by == "s2001");
  CHECK(marked.at.size() == 15);
  CHECK(marked.text == "请今天内办结");

  // The case's own station sees it in its feed, with who and the note; no other station does.
  std::vector<Reply> feed = supervisionChanges(stationA);
  REQUIRE(feed.size() == 1);
  CHECK(feed[0].caseUuid == u1);
  CHECK(feed[0].state == "marked");
  CHECK(feed[0].by == "s2001");
  CHECK(feed[0].at == marked.at);
  CHECK(feed[0].text == "请今天内办结");
  CHECK(supervisionChanges(stationB).empty());
  CHECK(supervisionChanges(supervisor).empty());

  // The centre's list shows the mark on its row only, and supervised=true selects it.
  {
    const pugi::xml_document all = listing(centre(supervisor));
    const pugi::xml_node row = rowOf(all, u1);
    CHECK(std::string(row.attribute("supervision-note").value()) == "请今天内办结");
    CHECK(std::string(row.attribute("supervised-by").value()) == "s2001");
    CHECK(std::string(row.attribute("supervised-at").value()) == marked.at);
    const pugi::xml_node other = rowOf(all, centre_.uuids[1]);
    REQUIRE(other);
    CHECK_FALSE(other.attribute("supervision-note"));
    CHECK_FALSE(other.attribute("supervised-by"));
    CHECK_FALSE(other.attribute("supervised-at"));
    const pugi::xml_document only = listing(centre(supervisor, "?supervised=true"));
    CHECK(uuidsIn(only) == std::vector<std::string>{u1});
    CHECK(only.child("centre-cases").attribute("total").as_int() == 1);
    CHECK(uuidsIn(listing(centre(supervisor, "?supervised=true&states=refused"))).empty());
    CHECK(uuidsIn(listing(centre(supervisor, "?supervised="))).size() == 3);
  }

  // A retry after a lost reply: the same note (trimmed) answers the mark as it is, no change.
  const Reply again = replyOf(supervise(supervisor, u1, "mark", "请今天内办结 "));
  CHECK(again.state == "marked");
  CHECK(again.by == marked.by);
  CHECK(again.at == marked.at);
  CHECK(again.text == marked.text);
  CHECK(supervisionChanges(stationA).size() == 1);

  // A new note replaces the mark: a second change.
  const Reply replaced = replyOf(supervise(supervisor, u1, "mark", "申请人投诉，限期三日"));
  CHECK(replaced.state == "marked");
  CHECK(replaced.text == "申请人投诉，限期三日");
  feed = supervisionChanges(stationA);
  REQUIRE(feed.size() == 2);
  CHECK(feed[1].state == "marked");
  CHECK(feed[1].text == "申请人投诉，限期三日");
  CHECK(std::string(rowOf(listing(centre(supervisor)), u1).attribute("supervision-note").value()) ==
        "申请人投诉，限期三日");

  // Lifted with a reason: a change in state lifted, and the row is plain again.
  const Reply lifted = replyOf(supervise(supervisor, u1, "lift", "已办结"));
  CHECK(lifted.caseUuid == u1);
  CHECK(lifted.state == "lifted");
  CHECK(lifted.by == "s2001");
  CHECK(lifted.text == "已办结");
  feed = supervisionChanges(stationA);
  REQUIRE(feed.size() == 3);
  CHECK(feed[2].state == "lifted");
  CHECK(feed[2].by == "s2001");
  CHECK(feed[2].text == "已办结");
  CHECK_FALSE(rowOf(listing(centre(supervisor)), u1).attribute("supervision-note"));
  CHECK(uuidsIn(listing(centre(supervisor, "?supervised=true"))).empty());

  // Lifting again (a retry, or a case never marked) is answered lifted and changes nothing.
  const Reply liftedAgain = replyOf(supervise(supervisor, u1, "lift", "已办结"));
  CHECK(liftedAgain.state == "lifted");
  CHECK(liftedAgain.by == "s2001");
  CHECK(liftedAgain.text == "已办结");
  CHECK(replyOf(supervise(supervisor, centre_.uuids[1], "lift", "误点")).state == "lifted");
  CHECK(supervisionChanges(stationA).size() == 3);
  CHECK(supervisionChanges(stationB).empty());

  // The other kinds of change carry no `by`.
  const pugi::xml_document all = parseXml(stationA.changes(0, 1000)->body);
  for (const pugi::xml_node change : all.child("changes").children("change")) {
    const bool supervision = std::string_view(change.attribute("kind").value()) == "supervision";
    CHECK(static_cast<bool>(change.attribute("by")) == supervision);
  }

  // The server's log says who marked and lifted which case.
  const std::string log = fileText(centre_.central.logFile());
  CHECK_THAT(log, Catch::Contains("case " + u1 + " marked 督办 by supervisor s2001"));
  CHECK_THAT(log, Catch::Contains("case " + u1 + " 督办 lifted by supervisor s2001"));
}

TEST_CASE("a 督办 mark changes the ETag of the centre's cases, a repeat does not",
          "[central][process][supervision]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  const httplib::Result first = centre(supervisor);
  listing(first);
  const std::string etag = first->get_header_value("ETag");
  REQUIRE(centre(supervisor, "", {{"If-None-Match", etag}})->status == 304);

  replyOf(supervise(supervisor, centre_.uuids[2], "mark", "加急"));
  const httplib::Result after = centre(supervisor, "", {{"If-None-Match", etag}});
  const pugi::xml_document document = listing(after);
  CHECK(std::string(rowOf(document, centre_.uuids[2]).attribute("supervision-note").value()) ==
        "加急");
  const std::string etagAfter = after->get_header_value("ETag");
  CHECK(etagAfter != etag);

  // The same mark again changes nothing, so the tag holds; the filtered list is another entity.
  replyOf(supervise(supervisor, centre_.uuids[2], "mark", "加急"));
  CHECK(centre(supervisor, "", {{"If-None-Match", etagAfter}})->status == 304);
  const httplib::Result filtered =
      centre(supervisor, "?supervised=true", {{"If-None-Match", etagAfter}});
  listing(filtered);
  CHECK(filtered->get_header_value("ETag") != etagAfter);

  replyOf(supervise(supervisor, centre_.uuids[2], "lift", "已处理"));
  CHECK(centre(supervisor, "", {{"If-None-Match", etagAfter}})->status == 200);
}

TEST_CASE("only a supervisor's session sets a 督办 mark, checked before the body",
          "[central][process][supervision]") {
  TempDir dir;
  {
    onewindow::central::CentralStore store(onewindow::test::centralLocationFor(dir / "central.db"));
    REQUIRE(store.addClerkIfMissing(onewindow::central::ClerkRecord{
        "s2002", "周八", "supervisor", onewindow::localdb::hashPassword("pw2002"), true}));
  }
  CentralProcess central(dir / "central.db");
  central.start();
  const std::string uuid = uuidNumber(1);

  StationClient clerk(central.port(), "station-a");
  for (const std::string& body : {std::string("<supervision action=\"mark\">x</supervision>"),
                                  std::string("not xml"), std::string()}) {
    const httplib::Result refused = postBody(clerk, uuid, body);
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(errorCodeOf(refused) == "session.not_supervisor");
    CHECK_THAT(errorMessageOf(refused), Catch::Contains("c1001"));
  }
  CHECK(errorCodeOf(postBody(clerk, "NOT-A-UUID", "")) == "session.not_supervisor");

  httplib::Client anonymous("127.0.0.1", central.port());
  const httplib::Result noToken = anonymous.Post(supervisionPath(uuid).c_str(), "x", kXmlType);
  REQUIRE(noToken);
  CHECK(noToken->status == 401);
  CHECK(errorCodeOf(noToken) == "auth.invalid_token");

  StationClient supervisor(central.port(), "station-sup", "s2001", "demo2001");
  httplib::Headers noStation = supervisor.headers();
  noStation.erase("X-OneWindow-Station");
  const httplib::Result missingStation =
      supervisor.client().Post(supervisionPath(uuid).c_str(), noStation, "x", kXmlType);
  REQUIRE(missingStation);
  CHECK(missingStation->status == 400);
  CHECK(errorCodeOf(missingStation) == "request.missing_station");

  // A supervisor deactivated after logging in (before the session was ever looked up).
  StationClient deactivated(central.port(), "station-sup", "s2002", "pw2002");
  {
    onewindow::central::CentralStore store(onewindow::test::centralLocationFor(dir / "central.db"));
    store.setClerkActive("s2002", false);
  }
  const httplib::Result inactive = postBody(deactivated, uuid, "not xml");
  REQUIRE(inactive);
  CHECK(inactive->status == 403);
  CHECK(errorCodeOf(inactive) == "auth.clerk_inactive");

  const httplib::Result get =
      supervisor.client().Get(supervisionPath(uuid).c_str(), supervisor.headers());
  REQUIRE(get);
  CHECK(get->status == 405);
  CHECK(get->get_header_value("Allow") == "POST");
}

TEST_CASE("a 督办 request for no case, a bad path or a bad body is refused with its code",
          "[central][process][supervision]") {
  Centre centre_;
  StationClient supervisor = centre_.supervisor();
  const std::string& u1 = centre_.uuids[0];

  const httplib::Result unknown = supervise(supervisor, uuidNumber(99), "mark", "加急");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(errorCodeOf(unknown) == "case.not_found");
  CHECK_THAT(errorMessageOf(unknown), Catch::Contains(uuidNumber(99)));
  const httplib::Result upper =
      supervise(supervisor, "5B0E6A4E-1C2D-4E5F-8A9B-000000000001", "mark", "加急");
  REQUIRE(upper);
  CHECK(upper->status == 400);
  CHECK(errorCodeOf(upper) == "request.invalid_field");

  std::string longest;
  for (int i = 0; i < 500; ++i) longest += "督";
  struct Bad {
    std::string body, code, named;
  };
  for (const Bad& bad : std::vector<Bad>{
           {"<supervision action=\"mark\">x", "request.malformed_xml", "byte offset"},
           {"<mark>x</mark>", "request.wrong_document", "<mark>"},
           {"<supervision>x</supervision>", "request.missing_field", "'action'"},
           {"<supervision action=\"pin\">x</supervision>", "request.invalid_field", "'action'"},
           {"<supervision action=\"mark\"></supervision>", "request.missing_field", "note"},
           {"<supervision action=\"mark\"> \n </supervision>", "request.missing_field", "note"},
           {"<supervision action=\"lift\"/>", "request.missing_field", "reason"},
           {"<supervision action=\"mark\">" + longest + "办</supervision>", "request.invalid_field",
            "note"},
           {"<supervision action=\"lift\">" + longest + "办</supervision>", "request.invalid_field",
            "reason"},
           {"<supervision action=\"mark\">a<b>c</b></supervision>", "request.invalid_field",
            "note"}}) {
    const httplib::Result result = postBody(supervisor, u1, bad.body);
    INFO(bad.body.substr(0, 80));
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(errorCodeOf(result) == bad.code);
    CHECK_THAT(errorMessageOf(result), Catch::Contains(bad.named));
  }
  CHECK_THAT(errorMessageOf(postBody(
                 supervisor, u1, "<supervision action=\"mark\">" + longest + "办</supervision>")),
             Catch::Contains("at most 500 characters, got 501"));
  StationClient stationA = centre_.station("station-a");
  CHECK(supervisionChanges(stationA).empty());

  // 500 characters (1500 bytes of UTF-8) is a note.
  CHECK(replyOf(supervise(supervisor, u1, "mark", longest)).text == longest);
}
