// An issued document's archived PDF travels to central with its case (central/API.md §4.5.2):
// issuing queues the case, the next version names the PDF, and the PDF goes up as a material.

#include <fstream>
#include <iterator>
#include <span>

#include "localdb/document_repository.hpp"
#include "localdb/iso_time.hpp"
#include "localdb/material_store.hpp"
#include "localdb/sha256.hpp"
#include "sync_fixture.hpp"

using namespace onewindow;
using namespace std::chrono_literals;

namespace {

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t centralLatestVersion(const std::filesystem::path& centralDb, const std::string& uuid) {
  localdb::Database db(centralDb, localdb::OpenMode::ReadOnly);
  auto query = db.prepare("SELECT latest_version FROM cases WHERE case_uuid = ?1");
  query.bind(1, uuid);
  return query.step() ? query.columnInt(0) : 0;
}

}  // namespace

TEST_CASE("an issued document's PDF reaches central with the next version of its case",
          "[sync][documents]") {
  test::TempDir dir;
  test::CentralProcess central(dir / "central.db");
  central.start();
  test::EngineHarness engine(dir / "profile", central.baseUrl(), true);
  REQUIRE(engine.login("c1001", "demo1001", "W03").ok());
  std::mt19937 random(11);
  const std::string uuid = test::takeCaseIn(engine, dir / "scans", random, "张三", 1);
  REQUIRE(engine.until([&] { return centralLatestVersion(dir / "central.db", uuid) == 1; }, 60s));

  // The acceptance notice's PDF, archived in the material store as the engine stores files.
  std::string pdf = "%PDF-1.5\n% 受理通知书\n";
  for (int i = 0; i < 3000; ++i) pdf += static_cast<char>(random());
  const auto stored = engine.call<engine::MaterialStored>(
      engine::StoreMaterial{0, test::writePage(dir / "documents" / "notice.pdf", pdf)});
  REQUIRE(std::holds_alternative<engine::MaterialStored>(stored));
  const std::string pdfSha256 = std::get<engine::MaterialStored>(stored).sha256;
  REQUIRE(pdfSha256 == localdb::sha256Hex(std::as_bytes(std::span(pdf.data(), pdf.size()))));

  std::string documentNo;
  {
    localdb::WorkstationStore store(dir / "profile" / "workstation.db");
    localdb::CaseRepository cases(store.database());
    const auto record = cases.findByUuid(uuid);
    REQUIRE(record.has_value());
    localdb::DocumentRepository documents(store.database());
    documentNo = documents.nextNumber(record->provisionalNo.value_or(uuid), "SL");
    documents.issue(record->id, uuid, "acceptance-notice", "受理通知书", documentNo, pdfSha256,
                    pdf.size(), {"c1001", localdb::isoUtc(std::chrono::system_clock::now())});
    CHECK(cases.findByUuid(uuid)->syncState == "queued");
  }
  engine.engine().submit(engine::SyncNow{});
  REQUIRE(engine.until([&] { return centralLatestVersion(dir / "central.db", uuid) == 2; }, 60s));
  REQUIRE(engine.until(
      [&] {
        localdb::WorkstationStore store(dir / "profile" / "workstation.db");
        return localdb::CaseRepository(store.database()).findByUuid(uuid)->syncState == "confirmed";
      },
      30s));

  // Central holds the PDF's bytes under its SHA-256, and the document row of version 2.
  localdb::Database centralDb(dir / "central.db", localdb::OpenMode::ReadOnly);
  auto material =
      centralDb.prepare("SELECT size FROM materials WHERE sha256 = ?1 AND complete = 1");
  material.bind(1, pdfSha256);
  REQUIRE(material.step());
  CHECK(material.columnInt(0) == static_cast<std::int64_t>(pdf.size()));
  localdb::MaterialStore centralFiles(dir / "central-materials");
  CHECK(readFile(centralFiles.pathOf(pdfSha256)) == pdf);

  auto rows = centralDb.prepare(
      "SELECT version, kind, number, sha256, size, reprint FROM case_documents "
      "WHERE case_uuid = ?1 ORDER BY version, position");
  rows.bind(1, uuid);
  REQUIRE(rows.step());
  CHECK(rows.columnInt(0) == 2);
  CHECK(rows.columnText(1) == "acceptance-notice");
  CHECK(rows.columnText(2) == documentNo);
  CHECK(rows.columnText(3) == pdfSha256);
  CHECK(rows.columnInt(4) == static_cast<std::int64_t>(pdf.size()));
  CHECK(rows.columnInt(5) == 0);
  CHECK_FALSE(rows.step());  // version 1 named none

  auto body =
      centralDb.prepare("SELECT body FROM case_versions WHERE case_uuid = ?1 AND version = 2");
  body.bind(1, uuid);
  REQUIRE(body.step());
  CHECK_THAT(body.columnText(0),
             Catch::Contains("<documents><document kind=\"acceptance-notice\"") &&
                 Catch::EndsWith("</documents></case>"));
}
