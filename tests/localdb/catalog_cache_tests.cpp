#include <fstream>
#include <span>
#include <sstream>

#include <catch2/catch.hpp>

#include "localdb/catalog_cache.hpp"
#include "localdb/sha256.hpp"
#include "localdb/workstation_store.hpp"
#include "temp_dir.hpp"

using namespace onewindow::localdb;
using onewindow::test::TempDir;

namespace {

std::string hashOf(const std::string& body) {
  return sha256Hex(std::as_bytes(std::span{body.data(), body.size()}));
}

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Release {
  CatalogRelease release;
  std::map<std::string, std::string> bodies;
};

Release makeRelease(const std::string& name, const std::string& catalogBody,
                    const std::string& formBody) {
  Release made;
  made.release = {name, "2026-11-20",
                  {{"catalog.xml", hashOf(catalogBody)}, {"forms/a.xml", hashOf(formBody)}}};
  made.bodies = {{hashOf(catalogBody), catalogBody}, {hashOf(formBody), formBody}};
  return made;
}

}  // namespace

TEST_CASE("An installed catalog release becomes the active one and is written out",
          "[localdb][catalog]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CatalogCache cache(store.database());
  CHECK_FALSE(cache.activeRelease());
  CHECK_FALSE(cache.materializeActive(dir / "catalog"));

  const Release first = makeRelease("2026.12.1", "<catalog/>", "<form>一</form>");
  cache.install(first.release, first.bodies, "2026-11-27T02:00:00Z");
  const auto active = cache.activeRelease();
  REQUIRE(active);
  CHECK(active->release == "2026.12.1");
  CHECK(active->published == "2026-11-20");
  CHECK(active->files.size() == 2);

  const auto file = cache.materializeActive(dir / "catalog");
  REQUIRE(file);
  CHECK(*file == dir / "catalog" / "2026.12.1" / "catalog.xml");
  CHECK(readFile(*file) == "<catalog/>");
  CHECK(readFile(dir / "catalog" / "2026.12.1" / "forms" / "a.xml") == "<form>一</form>");
}

TEST_CASE("A file unchanged between releases is reused from the cache", "[localdb][catalog]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CatalogCache cache(store.database());
  const Release first = makeRelease("r1", "<catalog n='1'/>", "<form/>");
  cache.install(first.release, first.bodies, "2026-11-27T02:00:00Z");

  Release second = makeRelease("r2", "<catalog n='2'/>", "<form/>");
  CHECK(cache.fileBody(hashOf("<form/>")) == "<form/>");
  second.bodies.erase(hashOf("<form/>"));  // not fetched again
  cache.install(second.release, second.bodies, "2026-11-28T02:00:00Z");
  CHECK(cache.activeRelease()->release == "r2");
  const auto file = cache.materializeActive(dir / "catalog");
  REQUIRE(file);
  CHECK(readFile(dir / "catalog" / "r2" / "forms" / "a.xml") == "<form/>");
}

TEST_CASE("A damaged or unsafe release is refused and the active one stays", "[localdb][catalog]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CatalogCache cache(store.database());
  const Release good = makeRelease("r1", "<catalog/>", "<form/>");
  cache.install(good.release, good.bodies, "2026-11-27T02:00:00Z");

  SECTION("a body that does not match its hash") {
    Release bad = makeRelease("r2", "<catalog v='2'/>", "<form/>");
    bad.bodies[hashOf("<catalog v='2'/>")] = "<catalog v='tampered'/>";
    CHECK_THROWS_WITH(cache.install(bad.release, bad.bodies, "t"),
                      Catch::Contains("does not match its SHA-256"));
  }
  SECTION("a path that climbs out of the release") {
    Release bad = makeRelease("r2", "<catalog v='2'/>", "<form/>");
    bad.release.files[1].path = "../../etc/passwd";
    CHECK_THROWS_WITH(cache.install(bad.release, bad.bodies, "t"), Catch::Contains("unsafe path"));
  }
  SECTION("a body neither fetched nor cached") {
    Release bad = makeRelease("r2", "<catalog v='2'/>", "<form v='2'/>");
    bad.bodies.erase(hashOf("<form v='2'/>"));
    CHECK_THROWS_WITH(cache.install(bad.release, bad.bodies, "t"),
                      Catch::Contains("neither fetched nor cached"));
  }
  CHECK(cache.activeRelease()->release == "r1");
}

TEST_CASE("A damaged copy on disk is rewritten from the store", "[localdb][catalog]") {
  TempDir dir;
  WorkstationStore store(dir / "workstation.db");
  CatalogCache cache(store.database());
  const Release release = makeRelease("r1", "<catalog/>", "<form>原样</form>");
  cache.install(release.release, release.bodies, "2026-11-27T02:00:00Z");
  const auto file = cache.materializeActive(dir / "catalog");
  REQUIRE(file);
  std::ofstream(dir / "catalog" / "r1" / "forms" / "a.xml") << "<form>damaged";
  std::filesystem::remove(*file);

  REQUIRE(cache.materializeActive(dir / "catalog") == file);
  CHECK(readFile(*file) == "<catalog/>");
  CHECK(readFile(dir / "catalog" / "r1" / "forms" / "a.xml") == "<form>原样</form>");
}

TEST_CASE("Catalog paths must stay inside the release", "[localdb][catalog]") {
  CHECK(isSafeCatalogPath("catalog.xml"));
  CHECK(isSafeCatalogPath("forms/residence_permit-2.xml"));
  CHECK_FALSE(isSafeCatalogPath(""));
  CHECK_FALSE(isSafeCatalogPath("/etc/passwd"));
  CHECK_FALSE(isSafeCatalogPath("forms/../../x"));
  CHECK_FALSE(isSafeCatalogPath("forms//a.xml"));
  CHECK_FALSE(isSafeCatalogPath("forms/./a.xml"));
  CHECK_FALSE(isSafeCatalogPath("forms/a b.xml"));
  CHECK_FALSE(isSafeCatalogPath("forms/"));
}
