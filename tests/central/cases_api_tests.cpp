// Cases, the change feed, ratings and the admin commands on the real server
// (central/API.md §4.5-4.8, §5).

#include <cctype>

#include <catch2/catch.hpp>

#include "central/verification_page.hpp"
#include "central_process.hpp"
#include "localdb/sqlite.hpp"
#include "localdb/verification_code.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

namespace {

pugi::xml_document requireReceipt(const httplib::Result& result, int status) {
  REQUIRE(result);
  INFO(result->body);
  REQUIRE(result->status == status);
  return parseXml(result->body);
}

std::string officialNoOf(const httplib::Result& result) {
  return parseXml(result->body).child("case-receipt").attribute("official-no").as_string();
}

}  // namespace

TEST_CASE("a case is stored once per (uuid, version) with a 43-character official number",
          "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string page = "id card scan";
  REQUIRE(station.putMaterial(page)->status == 201);
  const std::string uuid = uuidNumber(1);
  const std::string body = caseXml(uuid, 1, {sha256Of(page)});

  const httplib::Result first = station.putCase(uuid, 1, body);
  const pugi::xml_document firstXml = requireReceipt(first, 201);
  const pugi::xml_node receipt = receiptOf(firstXml);
  const std::string officialNo = receipt.attribute("official-no").as_string();
  CHECK(officialNo.size() == 43);
  CHECK(officialNo.starts_with("11440300MB2C91234X4000131128000"));
  CHECK(officialNo.ends_with("0001"));
  CHECK(std::string(receipt.attribute("body-sha256").value()) == sha256Of(body));
  CHECK(std::string(receipt.attribute("state").value()) == "accepted");
  CHECK(receipt.attribute("version").as_int() == 1);

  const httplib::Result repeated = station.putCase(uuid, 1, body);
  requireReceipt(repeated, 200);
  CHECK(repeated->body == first->body);

  const httplib::Result conflict =
      station.putCase(uuid, 1, caseXml(uuid, 1, {}, "accepted", "李四"));
  REQUIRE(conflict);
  CHECK(conflict->status == 409);
  CHECK(errorCodeOf(conflict) == "case.conflict");

  const httplib::Result gap = station.putCase(uuid, 3, caseXml(uuid, 3));
  REQUIRE(gap);
  CHECK(gap->status == 409);
  CHECK(errorCodeOf(gap) == "case.version_gap");
  const httplib::Result gapNew = station.putCase(uuidNumber(9), 2, caseXml(uuidNumber(9), 2));
  REQUIRE(gapNew);
  CHECK(errorCodeOf(gapNew) == "case.version_gap");

  const httplib::Result second = station.putCase(uuid, 2, caseXml(uuid, 2, {}, "refused"));
  requireReceipt(second, 201);
  CHECK(officialNoOf(second) == officialNo);  // never changes

  const httplib::Result got = station.getCase(uuid);
  requireReceipt(got, 200);
  CHECK(got->body == second->body);

  const httplib::Result other = station.putCase(uuidNumber(2), 1, caseXml(uuidNumber(2), 1));
  requireReceipt(other, 201);
  const std::string otherNo = officialNoOf(other);
  CHECK(otherNo.substr(0, 39) == officialNo.substr(0, 39));
  CHECK(otherNo.ends_with("0002"));

  const httplib::Result unknown = station.getCase(uuidNumber(77));
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(errorCodeOf(unknown) == "case.not_found");
}

TEST_CASE("a case whose pages are not on central lists the missing sha256 values",
          "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  REQUIRE(station.putMaterial("present")->status == 201);
  const std::string uuid = uuidNumber(1);
  const std::string missingA = sha256Of("missing a");
  const std::string missingB = sha256Of("missing b");

  const httplib::Result result =
      station.putCase(uuid, 1, caseXml(uuid, 1, {missingA, sha256Of("present"), missingB}));
  REQUIRE(result);
  CHECK(result->status == 422);
  CHECK(errorCodeOf(result) == "case.missing_materials");
  CHECK(errorMessageOf(result) == missingA + "\n" + missingB);
  CHECK(station.getCase(uuid)->status == 404);
}

TEST_CASE("a case naming issued documents whose PDFs central holds is stored with them",
          "[central][process][documents][sqlite-file]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string page = "id card scan";
  const std::string notice = "%PDF-1.5 the acceptance notice";
  const std::string reprint = "%PDF-1.5 the acceptance notice, with the official number";
  REQUIRE(station.putMaterial(page)->status == 201);
  REQUIRE(station.putMaterial(notice)->status == 201);
  const std::string uuid = uuidNumber(1);
  const std::string first =
      withDocuments(caseXml(uuid, 1, {sha256Of(page)}),
                    documentXml(sha256Of(notice), std::to_string(notice.size())));
  const httplib::Result stored = station.putCase(uuid, 1, first);
  requireReceipt(stored, 201);
  CHECK(station.putCase(uuid, 1, first)->status == 200);  // the same body: a repeat

  // A reprint that differs is a new version naming both PDFs.
  REQUIRE(station.putMaterial(reprint)->status == 201);
  const std::string second =
      withDocuments(caseXml(uuid, 2, {sha256Of(page)}),
                    documentXml(sha256Of(notice), std::to_string(notice.size())) +
                        documentXml(sha256Of(reprint), std::to_string(reprint.size()),
                                    "20261127T051500", "acceptance-notice", "true"));
  requireReceipt(station.putCase(uuid, 2, second), 201);
  const httplib::Result got = station.getCase(uuid);
  const pugi::xml_document receipt = requireReceipt(got, 200);  // still only the receipt
  CHECK(receiptOf(receipt).attribute("version").as_int() == 2);
  CHECK_FALSE(receiptOf(receipt).first_child());

  onewindow::localdb::Database db(dir / "central.db", onewindow::localdb::OpenMode::ReadOnly);
  auto rows = db.prepare(
      "SELECT version, position, kind, number, issued_at, sha256, size, reprint "
      "FROM case_documents WHERE case_uuid = ?1 ORDER BY version, position");
  rows.bind(1, uuid);
  struct Row {
    std::int64_t version, position;
    std::string kind, number;
    std::int64_t issuedAt;
    std::string sha256;
    std::int64_t size, reprint;
  };
  std::vector<Row> found;
  while (rows.step()) {
    found.push_back({rows.columnInt(0), rows.columnInt(1), rows.columnText(2), rows.columnText(3),
                     rows.columnInt(4), rows.columnText(5), rows.columnInt(6), rows.columnInt(7)});
  }
  REQUIRE(found.size() == 3);
  CHECK(found[0].version == 1);
  CHECK(found[0].kind == "acceptance-notice");
  CHECK(found[0].number == "W03-20261127-000042-SL1");
  CHECK(found[0].issuedAt == 1795753800);  // 2026-11-27 04:30:00 UTC
  CHECK(found[0].sha256 == sha256Of(notice));
  CHECK(found[0].size == static_cast<std::int64_t>(notice.size()));
  CHECK(found[0].reprint == 0);
  CHECK(found[1].version == 2);
  CHECK(found[1].sha256 == sha256Of(notice));
  CHECK(found[2].version == 2);
  CHECK(found[2].position == 2);
  CHECK(found[2].sha256 == sha256Of(reprint));
  CHECK(found[2].reprint == 1);
}

TEST_CASE("a case naming a document PDF central lacks is refused like missing pages",
          "[central][process][documents]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string page = "id card scan";
  const std::string notice = "%PDF-1.5 the acceptance notice";
  REQUIRE(station.putMaterial(page)->status == 201);
  const std::string uuid = uuidNumber(1);
  const std::string body =
      withDocuments(caseXml(uuid, 1, {sha256Of(page), sha256Of("missing page")}),
                    documentXml(sha256Of(notice), std::to_string(notice.size())));

  const httplib::Result refused = station.putCase(uuid, 1, body);
  REQUIRE(refused);
  CHECK(refused->status == 422);
  CHECK(errorCodeOf(refused) == "case.missing_materials");
  CHECK(errorMessageOf(refused) == sha256Of("missing page") + "\n" + sha256Of(notice));
  CHECK(station.getCase(uuid)->status == 404);

  // Only the PDF missing now: it alone is named; uploaded, the same body goes through.
  REQUIRE(station.putMaterial("missing page")->status == 201);
  const httplib::Result stillRefused = station.putCase(uuid, 1, body);
  REQUIRE(stillRefused);
  CHECK(errorCodeOf(stillRefused) == "case.missing_materials");
  CHECK(errorMessageOf(stillRefused) == sha256Of(notice));
  REQUIRE(station.putMaterial(notice)->status == 201);
  requireReceipt(station.putCase(uuid, 1, body), 201);
}

TEST_CASE("a malformed <document> is refused with 422 case.invalid naming it",
          "[central][process][documents]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string uuid = uuidNumber(1);
  const httplib::Result result = station.putCase(
      uuid, 1, withDocuments(caseXml(uuid, 1), documentXml(std::string(64, 'c'), "0")));
  REQUIRE(result);
  CHECK(result->status == 422);
  CHECK(errorCodeOf(result) == "case.invalid");
  CHECK(errorMessageOf(result) ==
        "<document> 1 (number 'W03-20261127-000042-SL1') has no valid 'size' (a whole number of "
        "bytes > 0)");
  CHECK(station.getCase(uuid)->status == 404);
}

TEST_CASE("invalid cases are refused with 422 case.invalid", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string uuid = uuidNumber(1);
  const auto codeFor = [&](const std::string& path, const std::string& body) {
    const httplib::Result result =
        station.client().Put(path.c_str(), station.headers(), body, kXmlType);
    REQUIRE(result);
    CHECK(result->status == 422);
    return errorCodeOf(result);
  };
  const std::string path = "/api/v1/cases/" + uuid + "?version=1";
  CHECK(codeFor(path, "<case") == "case.invalid");
  CHECK(codeFor(path, caseXml(uuid, 1, {}, "accepted", "")) == "case.invalid");
  CHECK(codeFor(path, caseXml(uuid, 1, {}, "pondering")) == "case.invalid");
  CHECK(codeFor(path, caseXml(uuidNumber(2), 1)) == "case.invalid");
  CHECK(codeFor("/api/v1/cases/" + uuid + "?version=0", caseXml(uuid, 0)) == "case.invalid");
  CHECK(codeFor("/api/v1/cases/NOT-A-UUID?version=1", caseXml("NOT-A-UUID", 1)) == "case.invalid");
}

TEST_CASE("the change feed pages with its cursor and shows each station its own cases",
          "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient stationA(central.port(), "station-a");
  StationClient stationB(central.port(), "station-b", "c1002", "demo1002");
  for (int i = 1; i <= 3; ++i) {
    REQUIRE(stationA.putCase(uuidNumber(i), 1, caseXml(uuidNumber(i), 1))->status == 201);
  }
  REQUIRE(stationB.putCase(uuidNumber(10), 1, caseXml(uuidNumber(10), 1))->status == 201);

  const httplib::Result page1 = stationA.changes(0, 2);
  REQUIRE(page1);
  REQUIRE(page1->status == 200);
  const pugi::xml_document page1Xml = parseXml(page1->body);
  const pugi::xml_node changes1 = page1Xml.child("changes");
  std::vector<std::string> seen;
  for (const pugi::xml_node change : changes1.children("change")) {
    CHECK(std::string(change.attribute("kind").value()) == "official-number");
    CHECK(std::string(change.attribute("official-no").value()).size() == 43);
    seen.emplace_back(change.attribute("case-uuid").value());
  }
  CHECK(seen.size() == 2);
  const long long next = changes1.attribute("next").as_llong();

  const httplib::Result page2 = stationA.changes(next, 2);
  const pugi::xml_document page2Xml = parseXml(page2->body);
  for (const pugi::xml_node change : page2Xml.child("changes").children("change")) {
    seen.emplace_back(change.attribute("case-uuid").value());
  }
  CHECK(seen == std::vector<std::string>{uuidNumber(1), uuidNumber(2), uuidNumber(3)});
  const long long end = page2Xml.child("changes").attribute("next").as_llong();
  const pugi::xml_document page3Xml = parseXml(stationA.changes(end)->body);
  CHECK(page3Xml.child("changes").children("change").begin() ==
        page3Xml.child("changes").children("change").end());
  CHECK(page3Xml.child("changes").attribute("next").as_llong() == end);

  const pugi::xml_document bXml = parseXml(stationB.changes(0)->body);
  std::vector<std::string> seenB;
  for (const pugi::xml_node change : bXml.child("changes").children("change")) {
    seenB.emplace_back(change.attribute("case-uuid").value());
  }
  CHECK(seenB == std::vector<std::string>{uuidNumber(10)});

  const httplib::Result badLimit = stationA.changes(0, 5000);
  REQUIRE(badLimit);
  CHECK(badLimit->status == 400);
}

TEST_CASE("admin decide and issue-certificate reach the station's feed", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string uuid = uuidNumber(1);
  REQUIRE(station.putCase(uuid, 1, caseXml(uuid, 1))->status == 201);
  const std::string db = (dir / "central.db").string();

  const CommandResult decided =
      runCentralCommand({"admin", "--db", db, "decide", uuid, "granted", "--note", "许可"});
  INFO(decided.standardError);
  CHECK(decided.exitCode == 0);
  const CommandResult certificate = runCentralCommand(
      {"admin", "--db", db, "issue-certificate", uuid, "--number", "个体工商户营业执照 No. 1",
       "--issuer", "深圳市市场监督管理局罗湖监管局", "--valid-until", "2031-11-26", "--field",
       "credit_code=92440303MA5G8XXX1Q", "--field=business_name=张三便利店"});
  INFO(certificate.standardError);
  CHECK(certificate.exitCode == 0);
  // A field that no template could name, or a date that is not one, is refused before anything
  // reaches the feed.
  const CommandResult badField = runCentralCommand({"admin", "--db", db, "issue-certificate", uuid,
                                                    "--number", "N", "--field", "Credit-Code=1"});
  CHECK(badField.exitCode == 2);
  CHECK_THAT(badField.standardError, Catch::Contains("Credit-Code"));
  CHECK(runCentralCommand({"admin", "--db", db, "issue-certificate", uuid, "--number", "N",
                           "--valid-until", "2031-02-30"})
            .exitCode == 2);
  CHECK(runCentralCommand({"admin", "--db", db, "issue-certificate", uuid, "--number", "N",
                           "--field", "no_equals"})
            .exitCode == 2);
  const CommandResult twice =
      runCentralCommand({"admin", "--db", db, "issue-certificate", uuid, "--number", "N", "--field",
                         "scope=a", "--field", "scope=b"});
  CHECK(twice.exitCode == 2);
  CHECK_THAT(twice.standardError, Catch::Contains("twice"));
  const CommandResult listed = runCentralCommand({"admin", "--db", db, "cases"});
  CHECK(listed.exitCode == 0);
  CHECK_THAT(listed.standardOutput, Catch::Contains(uuid) && Catch::Contains("decided"));

  CHECK(runCentralCommand({"admin", "--db", db, "decide", uuidNumber(5), "granted"}).exitCode == 1);
  CHECK(runCentralCommand({"admin", "--db", db, "decide", uuid, "maybe"}).exitCode == 2);
  CHECK(runCentralCommand({"admin", "--db", db, "set-state", uuid, "bogus"}).exitCode == 2);
  CHECK(runCentralCommand({"admin", "--db", db, "frobnicate"}).exitCode == 2);

  const pugi::xml_document feed = parseXml(station.changes(0)->body);
  std::vector<std::string> kinds;
  for (const pugi::xml_node change : feed.child("changes").children("change")) {
    kinds.emplace_back(change.attribute("kind").value());
    if (kinds.back() == "status")
      CHECK(std::string(change.attribute("state").value()) == "in_progress");
    if (kinds.back() == "decision") {
      CHECK(std::string(change.attribute("state").value()) == "decided");
      CHECK(std::string(change.attribute("result").value()) == "granted");
      CHECK(std::string(change.text().get()) == "许可");
    }
    if (kinds.back() == "certificate") {
      CHECK(std::string(change.attribute("number").value()) == "个体工商户营业执照 No. 1");
      CHECK(std::string(change.attribute("issuer").value()) == "深圳市市场监督管理局罗湖监管局");
      CHECK(std::string(change.attribute("valid-until").value()) == "2031-11-26");
      std::vector<std::string> fields;
      for (const pugi::xml_node field : change.children("field"))
        fields.push_back(std::string(field.attribute("name").value()) + "=" + field.text().get());
      CHECK(fields ==
            std::vector<std::string>{"credit_code=92440303MA5G8XXX1Q", "business_name=张三便利店"});
    }
  }
  CHECK(kinds == std::vector<std::string>{"official-number", "status", "decision", "certificate"});
}

TEST_CASE("ratings are idempotent on their id", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string rating = R"(<rating id=")" + uuidNumber(500) + R"(" case-uuid=")" +
                             uuidNumber(1) +
                             R"(" stage="acceptance" label="满意" scale="gb" level="2" )"
                             R"(rated-at="20261127T022500"/>)";
  const auto post = [&](const std::string& body) {
    return station.client().Post("/api/v1/ratings", station.headers(), body, kXmlType);
  };
  CHECK(post(rating)->status == 201);
  CHECK(post(rating)->status == 200);
  std::string changed = rating;
  changed.replace(changed.find("20261127T022500"), 15, "20261127T022600");
  CHECK(post(changed)->status == 409);
  std::string wrongLevel = rating;
  wrongLevel.replace(wrongLevel.find(R"(level="2")"), 9, R"(level="4")");
  const httplib::Result invalid = post(wrongLevel);
  REQUIRE(invalid);
  CHECK(invalid->status == 422);
  CHECK(errorCodeOf(invalid) == "rating.invalid");
}

TEST_CASE("cases, materials and the feed survive a restart", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  std::string receipt;
  {
    StationClient station(central.port(), "station-a");
    REQUIRE(station.putMaterial("kept page")->status == 201);
    const httplib::Result put =
        station.putCase(uuidNumber(1), 1, caseXml(uuidNumber(1), 1, {sha256Of("kept page")}));
    REQUIRE(put->status == 201);
    receipt = put->body;
  }
  central.restart();
  StationClient station(central.port(), "station-a");
  CHECK(station.getCase(uuidNumber(1))->body == receipt);
  CHECK(station.headMaterial(sha256Of("kept page"))->status == 200);
  const httplib::Result again =
      station.putCase(uuidNumber(1), 1, caseXml(uuidNumber(1), 1, {sha256Of("kept page")}));
  CHECK(again->status == 200);
  const pugi::xml_document feed = parseXml(station.changes(0)->body);
  CHECK(feed.child("changes").child("change"));
  // The daily sequence goes on after the restart.
  const httplib::Result next = station.putCase(uuidNumber(2), 1, caseXml(uuidNumber(2), 1));
  CHECK(officialNoOf(next).ends_with("0002"));
}

TEST_CASE("the QR code's address shows a citizen the case's progress, only with its check code",
          "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string uuid = uuidNumber(1);
  const httplib::Result stored = station.putCase(uuid, 1, caseXml(uuid, 1));
  requireReceipt(stored, 201);
  const std::string officialNo = officialNoOf(stored);
  const std::string code = onewindow::localdb::caseVerificationCode(uuid);
  REQUIRE(code.size() == 4);

  httplib::Client phone("127.0.0.1", central.port());  // no session: a citizen's phone
  const httplib::Result official = phone.Get(("/v/" + officialNo + "?c=" + code).c_str());
  REQUIRE(official);
  INFO(official->body);
  CHECK(official->status == 200);
  CHECK(official->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(official->get_header_value("Cache-Control") == "no-store");
  CHECK_THAT(official->body, Catch::Contains("办件进度查询") && Catch::Contains(officialNo) &&
                                 Catch::Contains("W03-20261127-000042") &&
                                 Catch::Contains("已受理") && Catch::Contains("张*") &&
                                 Catch::Contains("2026年11月27日"));
  CHECK_THAT(official->body, !Catch::Contains("张三") && !Catch::Contains("id-number") &&
                                 !Catch::Contains(kSampleIdNumber));

  // A notice printed before central numbered the case carries the provisional number; the
  // code is read as a person types it.
  std::string typed = code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const httplib::Result provisional = phone.Get(("/v/W03-20261127-000042?c=" + typed).c_str());
  REQUIRE(provisional);
  CHECK(provisional->status == 200);
  CHECK_THAT(provisional->body, Catch::Contains(officialNo));

  // A wrong code and an unknown number look the same: nothing tells a guesser which it was.
  const std::string wrong = code == "0000" ? "0001" : "0000";
  const httplib::Result guessed = phone.Get(("/v/" + officialNo + "?c=" + wrong).c_str());
  const httplib::Result unknown = phone.Get(("/v/W99-20261127-000001?c=" + code).c_str());
  const httplib::Result noCode = phone.Get(("/v/" + officialNo).c_str());
  for (const httplib::Result* miss : {&guessed, &unknown, &noCode}) {
    REQUIRE(*miss);
    CHECK((*miss)->status == 404);
    CHECK_THAT((*miss)->body, Catch::Contains("未找到该办件"));
    CHECK((*miss)->body == guessed->body);
  }

  // Central's later state is what the citizen sees.
  const httplib::Result refused = station.putCase(uuid, 2, caseXml(uuid, 2, {}, "refused"));
  requireReceipt(refused, 201);
  CHECK_THAT(phone.Get(("/v/" + officialNo + "?c=" + code).c_str())->body,
             Catch::Contains("不予受理"));
}

TEST_CASE("the verification page masks the applicant and escapes every value", "[central]") {
  using onewindow::central::maskedName;
  CHECK(maskedName("张三") == "张*");
  CHECK(maskedName("欧阳娜娜") == "欧***");
  CHECK(maskedName("Li") == "L*");
  CHECK(maskedName("") == "");
  onewindow::central::VerifiedCase found;
  found.officialNo = "<script>alert(1)</script>";
  found.matterName = "个体\"工商户\" & <b>";
  found.matterCode = "000131128000";
  found.applicantName = "<张>";
  found.state = "accepted_with_gaps";
  const std::string html = onewindow::central::verificationPage(found);
  CHECK_THAT(html, !Catch::Contains("<script>") && !Catch::Contains("<b>") &&
                       Catch::Contains("&lt;script&gt;") && Catch::Contains("&amp; &lt;b&gt;") &&
                       Catch::Contains("&lt;**") && Catch::Contains("容缺受理"));
}
