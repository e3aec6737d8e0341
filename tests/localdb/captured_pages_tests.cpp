#include <catch2/catch.hpp>

#include "case_fixture.hpp"
#include "localdb/audit_log.hpp"
#include "localdb/captured_pages.hpp"

using namespace onewindow::localdb;
using onewindow::test::CaseFixture;

namespace {

std::string sha(char c) { return std::string(64, c); }

PageOutput jpegOutput(char c) {
  PageOutput output;
  output.sha256 = sha(c);
  output.sizeBytes = 120000;
  output.mediaType = "image/jpeg";
  output.width = 2480;
  output.height = 3508;
  output.dpi = 300;
  output.quality = 75;
  return output;
}

std::vector<std::int64_t> idsOf(const std::vector<CapturedPage>& pages) {
  std::vector<std::int64_t> ids;
  for (const CapturedPage& page : pages) ids.push_back(page.id);
  return ids;
}

std::int64_t auditCount(Database& db, const std::string& action) {
  Statement count = db.prepare("SELECT count(*) FROM audit_log WHERE action = ?1");
  count.bind(1, action);
  (void)count.step();
  return count.columnInt(0);
}

}  // namespace

TEST_CASE("captured pages: each page is kept the moment it arrives, in order, per slot",
          "[localdb][capture]") {
  CaseFixture f;
  const std::string uuid = f.draft();
  CapturedPageRepository pages(f.store.database());
  const auto first =
      pages.append(uuid, "lease", sha('1'), 900000, "image/jpeg", "test:0", CaseFixture::clerk());
  const auto second =
      pages.append(uuid, "lease", sha('2'), 910000, "image/jpeg", "test:0", CaseFixture::clerk());
  const auto other =
      pages.append(uuid, "id_card", sha('3'), 300000, "image/jpeg", "files", CaseFixture::clerk());
  CHECK(idsOf(pages.pagesOf(uuid, "lease")) == std::vector{first, second});
  CHECK(idsOf(pages.pagesOf(uuid, "id_card")) == std::vector{other});
  CHECK(pages.unprocessed(uuid).size() == 3);
  CHECK(pages.page(first)->sourceBytes == 900000);
  CHECK(pages.page(first)->device == "test:0");
  CHECK(auditCount(f.store.database(), "material.capture") == 3);
  CHECK_THROWS_AS(
      pages.append("no-such-case", "lease", sha('4'), 1, "image/jpeg", "", CaseFixture::clerk()),
      CaseError);
}

TEST_CASE("captured pages: an output is recorded only for the arrangement it was made for",
          "[localdb][capture]") {
  CaseFixture f;
  const std::string uuid = f.draft();
  CapturedPageRepository pages(f.store.database());
  const auto id =
      pages.append(uuid, "lease", sha('1'), 900000, "image/jpeg", "test:0", CaseFixture::clerk());
  CHECK(pages.recordOutput(id, 0, std::nullopt, jpegOutput('a')));
  REQUIRE(pages.page(id)->output);
  CHECK(pages.page(id)->output->sizeBytes == 120000);
  CHECK(pages.unprocessed(uuid).empty());

  // The clerk turns the page: its output is stale and goes; an output made for the old
  // arrangement, arriving late, is refused.
  pages.arrange(uuid, "lease", {{id, 1, std::nullopt}}, CaseFixture::clerk());
  CHECK_FALSE(pages.page(id)->output);
  CHECK_FALSE(pages.recordOutput(id, 0, std::nullopt, jpegOutput('b')));
  CHECK(pages.recordOutput(id, 1, std::nullopt, jpegOutput('c')));
  CHECK(pages.page(id)->output->sha256 == sha('c'));

  // Only the order changes: the output stays.
  pages.arrange(uuid, "lease", {{id, 1, std::nullopt}}, CaseFixture::clerk());
  CHECK(pages.page(id)->output);
}

TEST_CASE("captured pages: reorder, delete and undo through arrange, audited",
          "[localdb][capture]") {
  CaseFixture f;
  const std::string uuid = f.draft();
  CapturedPageRepository pages(f.store.database());
  std::vector<std::int64_t> ids;
  for (char c : {'1', '2', '3'})
    ids.push_back(
        pages.append(uuid, "lease", sha(c), 1000, "image/jpeg", "", CaseFixture::clerk()));

  pages.arrange(uuid, "lease", {{ids[2]}, {ids[0]}, {ids[1]}}, CaseFixture::clerk());
  CHECK(idsOf(pages.pagesOf(uuid, "lease")) == std::vector{ids[2], ids[0], ids[1]});

  pages.arrange(uuid, "lease", {{ids[2]}, {ids[1]}}, CaseFixture::clerk());  // delete page 1
  CHECK(idsOf(pages.pagesOf(uuid, "lease")) == std::vector{ids[2], ids[1]});
  CHECK(pages.pagesOf(uuid, "lease", true).size() == 3);
  CHECK(pages.page(ids[0])->removed);

  pages.arrange(uuid, "lease", {{ids[2]}, {ids[0]}, {ids[1]}}, CaseFixture::clerk());  // undo
  CHECK(idsOf(pages.pagesOf(uuid, "lease")) == std::vector{ids[2], ids[0], ids[1]});
  CHECK(auditCount(f.store.database(), "material.arrange") == 3);

  const PixelCrop crop{10, 20, 300, 400};
  pages.arrange(uuid, "lease", {{ids[0], 2, crop}}, CaseFixture::clerk());
  CHECK(pages.page(ids[0])->crop == crop);
  CHECK(pages.page(ids[0])->quarterTurns == 2);
}

TEST_CASE("captured pages: an arrangement naming a page of another slot or twice is refused",
          "[localdb][capture]") {
  CaseFixture f;
  const std::string uuid = f.draft();
  CapturedPageRepository pages(f.store.database());
  const auto lease =
      pages.append(uuid, "lease", sha('1'), 1, "image/jpeg", "", CaseFixture::clerk());
  const auto id =
      pages.append(uuid, "id_card", sha('2'), 1, "image/jpeg", "", CaseFixture::clerk());
  CHECK_THROWS_WITH(pages.arrange(uuid, "lease", {{lease}, {id}}, CaseFixture::clerk()),
                    Catch::Contains("not a page of material 'lease'"));
  CHECK_THROWS_WITH(pages.arrange(uuid, "lease", {{lease}, {lease}}, CaseFixture::clerk()),
                    Catch::Contains("listed twice"));
  CHECK_THROWS_WITH(pages.arrange(uuid, "lease", {{lease, 4}}, CaseFixture::clerk()),
                    Catch::Contains("quarter turns"));
  // Nothing of a refused arrangement was kept.
  CHECK(pages.pagesOf(uuid, "lease").size() == 1);
  CHECK(pages.pagesOf(uuid, "id_card").size() == 1);
}
