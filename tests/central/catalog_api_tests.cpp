// Catalog distribution on the real server (central/API.md §4.9): publishing checks the
// catalog with the forms library; GET /catalog answers with the release as ETag (304 when
// unchanged); files are served by SHA-256.

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSampleCatalog = fs::path(ONEWINDOW_SOURCE_DIR) / "forms" / "catalog";

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// A copy of the sample catalog under another release name (a new release of the same
// catalog, as the back office would publish it).
fs::path copyAsRelease(const fs::path& target, const std::string& release) {
  fs::copy(kSampleCatalog, target, fs::copy_options::recursive);
  const std::string catalog = readFile(target / "catalog.xml");
  writeFile(target / "catalog.xml", std::regex_replace(catalog, std::regex("release=\"[^\"]*\""),
                                                       "release=\"" + release + "\"",
                                                       std::regex_constants::format_first_only));
  return target;
}

std::string releaseOf(const fs::path& catalogDir) {
  std::smatch match;
  const std::string catalog = readFile(catalogDir / "catalog.xml");
  REQUIRE(std::regex_search(catalog, match, std::regex("release=\"([^\"]*)\"")));
  return match[1];
}

httplib::Result getCatalog(StationClient& station, const std::string& ifNoneMatch = {}) {
  httplib::Headers extra;
  if (!ifNoneMatch.empty()) extra.emplace("If-None-Match", ifNoneMatch);
  return station.client().Get("/api/v1/catalog", station.headers(extra));
}

}  // namespace

TEST_CASE("The published catalog is served with its release as ETag", "[central][catalog]") {
  TempDir dir;
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {"--catalog", kSampleCatalog.string()}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string release = releaseOf(kSampleCatalog);

  const httplib::Result manifest = getCatalog(station);
  REQUIRE(manifest);
  REQUIRE(manifest->status == 200);
  CHECK(manifest->get_header_value("ETag") == '"' + release + '"');
  const pugi::xml_document document = parseXml(manifest->body);
  const pugi::xml_node root = document.child("catalog-release");
  CHECK(root.attribute("release").as_string() == release);
  std::size_t forms = 0;
  for (const pugi::xml_node file : root.children("file")) {
    const std::string path = file.attribute("path").as_string();
    const std::string body = readFile(kSampleCatalog / path);
    CHECK(file.attribute("sha256").as_string() == sha256Of(body));
    CHECK(file.attribute("bytes").as_ullong() == body.size());
    if (path.starts_with("forms/")) ++forms;

    const httplib::Result served = station.client().Get(
        ("/api/v1/catalog/files/" + sha256Of(body)).c_str(), station.headers());
    REQUIRE(served);
    CHECK(served->status == 200);
    CHECK(served->body == body);
  }
  CHECK(forms >= 20);

  const httplib::Result unchanged = getCatalog(station, "\"" + release + "\"");
  REQUIRE(unchanged);
  CHECK(unchanged->status == 304);
  CHECK(unchanged->body.empty());
  const httplib::Result stale = getCatalog(station, "\"1999.1\", W/\"1999.2\"");
  REQUIRE(stale);
  CHECK(stale->status == 200);
}

TEST_CASE("Catalog files are addressed by SHA-256 only", "[central][catalog]") {
  TempDir dir;
  CentralOptions options;
  options.sampleCatalog = false;
  CentralProcess central(dir / "central.db", options);
  central.start();
  StationClient station(central.port(), "station-a");

  const httplib::Result none = getCatalog(station);
  REQUIRE(none);
  CHECK(none->status == 404);
  CHECK(errorCodeOf(none) == "catalog.none");

  const httplib::Result unknown = station.client().Get(
      ("/api/v1/catalog/files/" + sha256Of("nothing")).c_str(), station.headers());
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(errorCodeOf(unknown) == "catalog.file_not_found");

  const httplib::Result badName =
      station.client().Get("/api/v1/catalog/files/ABC", station.headers());
  REQUIRE(badName);
  CHECK(badName->status == 400);

  const httplib::Result anonymous =
      httplib::Client("127.0.0.1", central.port()).Get("/api/v1/catalog");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
}

TEST_CASE(
    "Publishing a new release switches what stations get while unchanged files keep their hash",
    "[central][catalog]") {
  TempDir dir;
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {"--catalog", kSampleCatalog.string()}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string first = releaseOf(kSampleCatalog);

  const fs::path next = copyAsRelease(dir / "next", "2099.1.1");
  const CommandResult published = runCentralCommand(
      {"admin", "--db", (dir / "central.db").string(), "publish-catalog", next.string()});
  INFO(published.standardError);
  REQUIRE(published.exitCode == 0);
  CHECK_THAT(published.standardOutput, Catch::Contains("2099.1.1") && Catch::Contains("published"));

  const httplib::Result manifest = getCatalog(station, '"' + first + '"');
  REQUIRE(manifest);
  REQUIRE(manifest->status == 200);
  CHECK(manifest->get_header_value("ETag") == "\"2099.1.1\"");
  const pugi::xml_document document = parseXml(manifest->body);
  for (const pugi::xml_node file : document.child("catalog-release").children("file")) {
    const std::string path = file.attribute("path").as_string();
    if (path == "catalog.xml") continue;
    CHECK(file.attribute("sha256").as_string() == sha256Of(readFile(kSampleCatalog / path)));
  }

  SECTION("the same release name with other content is refused") {
    writeFile(next / "catalog.xml",
              std::regex_replace(readFile(next / "catalog.xml"), std::regex("</catalog>"),
                                 "<!-- changed --></catalog>"));
    const CommandResult refused = runCentralCommand(
        {"admin", "--db", (dir / "central.db").string(), "publish-catalog", next.string()});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.standardError, Catch::Contains("published before with other content"));
  }
  SECTION("a broken catalog is refused with located problems and nothing changes") {
    const fs::path broken = copyAsRelease(dir / "broken", "2099.2.1");
    writeFile(broken / "catalog.xml",
              std::regex_replace(readFile(broken / "catalog.xml"), std::regex("<categories>"),
                                 "<categories><shelf/>", std::regex_constants::format_first_only));
    const CommandResult refused = runCentralCommand(
        {"admin", "--db", (dir / "central.db").string(), "publish-catalog", broken.string()});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.standardError,
               Catch::Matches(R"([\s\S]*catalog\.xml:\d+:\d+: [\s\S]*shelf[\s\S]*)"));
  }
  SECTION("a catalog whose form does not load is refused") {
    const fs::path broken = copyAsRelease(dir / "broken-form", "2099.3.1");
    const fs::path form = *fs::directory_iterator(broken / "forms");
    writeFile(form, std::regex_replace(readFile(form), std::regex("<h:body>"),
                                       "<h:body><rnage ref=\"/data/x\"/>",
                                       std::regex_constants::format_first_only));
    const CommandResult refused = runCentralCommand(
        {"admin", "--db", (dir / "central.db").string(), "publish-catalog", broken.string()});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.standardError,
               Catch::Contains(form.filename().string()) && Catch::Contains("rnage"));
  }
  SECTION("another tool's attributes in a form are published, and listed as located notes") {
    const fs::path odk = copyAsRelease(dir / "odk", "2099.4.1");
    const fs::path form = *fs::directory_iterator(odk / "forms");
    writeFile(form,
              std::regex_replace(readFile(form), std::regex("<bind "), "<bind odk:length=\"20\" ",
                                 std::regex_constants::format_first_only));
    const CommandResult noted = runCentralCommand(
        {"admin", "--db", (dir / "central.db").string(), "publish-catalog", odk.string()});
    INFO(noted.standardError);
    REQUIRE(noted.exitCode == 0);
    CHECK_THAT(noted.standardOutput,
               Catch::Matches(
                   R"([\s\S]*note: [^\n]*)" + form.filename().string() +
                   R"(:\d+:\d+: attribute odk:length on <bind> belongs to another tool[\s\S]*)") &&
                   Catch::Contains("2099.4.1") && Catch::Contains("published"));
    const httplib::Result now = getCatalog(station);
    REQUIRE(now);
    CHECK(now->get_header_value("ETag") == "\"2099.4.1\"");
    return;
  }
  SECTION("a CSV choice list a form reads travels with it in the release") {
    const fs::path lists = copyAsRelease(dir / "lists", "2099.5.1");
    const fs::path form = *fs::directory_iterator(lists / "forms");
    writeFile(form, std::regex_replace(
                        readFile(form), std::regex("<bind "),
                        "<instance id=\"community_list\" src=\"jr://file-csv/communities.csv\"/>\n"
                        "      <bind ",
                        std::regex_constants::format_first_only));
    const std::string csv = "name,label,district\ntianan,天安社区,futian\n";
    SECTION("published with the form") {
      writeFile(lists / "forms" / "communities.csv", csv);
      const CommandResult published = runCentralCommand(
          {"admin", "--db", (dir / "central.db").string(), "publish-catalog", lists.string()});
      INFO(published.standardError);
      REQUIRE(published.exitCode == 0);
      const httplib::Result manifest = getCatalog(station);
      REQUIRE(manifest);
      REQUIRE(manifest->status == 200);
      const pugi::xml_document document = parseXml(manifest->body);
      const pugi::xml_node file =
          document.child("catalog-release")
              .find_child_by_attribute("file", "path", "forms/communities.csv");
      REQUIRE(file);
      CHECK(file.attribute("sha256").as_string() == sha256Of(csv));
      const httplib::Result served = station.client().Get(
          ("/api/v1/catalog/files/" + sha256Of(csv)).c_str(), station.headers());
      REQUIRE(served);
      CHECK(served->body == csv);
    }
    SECTION("refused when the file is larger than a window takes") {
      writeFile(lists / "forms" / "communities.csv",
                csv + std::string(16 * 1024 * 1024, 'x') + "\n");
      const CommandResult refused = runCentralCommand(
          {"admin", "--db", (dir / "central.db").string(), "publish-catalog", lists.string()});
      CHECK(refused.exitCode == 1);
      CHECK_THAT(refused.standardError,
                 Catch::Contains("forms/communities.csv: ") &&
                     Catch::Contains("a window takes at most 16777216 bytes"));
    }
    SECTION("refused when the file is not beside the form") {
      const CommandResult refused = runCentralCommand(
          {"admin", "--db", (dir / "central.db").string(), "publish-catalog", lists.string()});
      CHECK(refused.exitCode == 1);
      CHECK_THAT(refused.standardError,
                 Catch::Contains(form.filename().string()) &&
                     Catch::Contains("instance 'community_list' cannot be read from"));
    }
    return;
  }
  const httplib::Result current = getCatalog(station);
  REQUIRE(current);
  CHECK(current->get_header_value("ETag") == "\"2099.1.1\"");
}
