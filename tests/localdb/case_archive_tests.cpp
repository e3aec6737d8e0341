#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "case_archive_station.hpp"
#include "localdb/audit_log.hpp"
#include "localdb/case_archive.hpp"
#include "localdb/case_queries.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using onewindow::localdb::AuditLog;
using onewindow::localdb::CaseArchiveError;
using onewindow::localdb::CaseQueries;
using onewindow::localdb::Database;
using onewindow::localdb::DecisionInput;
using onewindow::localdb::DecisionKind;
using onewindow::localdb::ExportReport;
using onewindow::localdb::ExportSelection;
using onewindow::localdb::ImportReport;
using onewindow::localdb::PageInput;
using onewindow::localdb::Statement;
using onewindow::test::ArchiveStation;
using onewindow::test::TempDir;
using Kind = CaseArchiveError::Kind;

namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// The whole archive in memory (test archives are small).
Entries readEntries(const fs::path& file) {
  Entries entries;
  archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_tar(a);
  REQUIRE(archive_read_open_filename(a, file.c_str(), 10240) == ARCHIVE_OK);
  archive_entry* entry = nullptr;
  while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
    std::string data(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
    REQUIRE(archive_read_data(a, data.data(), data.size()) == static_cast<la_ssize_t>(data.size()));
    entries.emplace_back(archive_entry_pathname(entry), std::move(data));
  }
  archive_read_free(a);
  return entries;
}

void writeEntries(const fs::path& file, const Entries& entries) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  REQUIRE(archive_write_open_filename(a, file.c_str()) == ARCHIVE_OK);
  for (const auto& [name, data] : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0600);
    archive_entry_set_size(entry, static_cast<la_int64_t>(data.size()));
    REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, data.data(), data.size()) ==
            static_cast<la_ssize_t>(data.size()));
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<std::string> columnNames(Database& db, const char* table,
                                     const std::vector<std::string>& except) {
  std::vector<std::string> names;
  Statement query = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  query.bind(1, table);
  while (query.step()) {
    const std::string name = query.columnText(0);
    if (std::find(except.begin(), except.end(), name) == except.end()) names.push_back(name);
  }
  return names;
}

// Everything the archive carries about a case, as text, without the local row ids and
// the sync state (which the importing station sets).
std::vector<std::string> dumpCase(Database& db, const std::string& uuid) {
  std::vector<std::string> lines;
  const auto dump = [&](const char* table, const std::vector<std::string>& except,
                        const std::string& from) {
    const std::vector<std::string> columns = columnNames(db, table, except);
    std::string list;
    for (const std::string& c : columns) list += (list.empty() ? "t." : ", t.") + c;
    Statement rows = db.prepare("SELECT " + list + " " + from);
    rows.bind(1, uuid);
    while (rows.step()) {
      std::string line = table;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const int index = static_cast<int>(i);
        line += " " + columns[i] + "=" +
                (rows.columnIsNull(index) ? "NULL" : "[" + rows.columnText(index) + "]");
      }
      lines.push_back(line);
    }
  };
  dump("cases", {"id", "sync_state", "sync_error"}, "FROM cases t WHERE t.uuid = ?1");
  const std::string ofCase =
      "FROM %s t JOIN cases c ON c.id = t.case_id WHERE c.uuid = ?1 "
      "ORDER BY t.rowid";
  for (const char* table : {"case_revisions", "decisions", "form_instances", "material_slots"}) {
    std::string from = ofCase;
    from.replace(from.find("%s"), 2, table);
    dump(table, {"id", "case_id"}, from);
  }
  dump("material_pages", {"id", "slot_id"},
       "FROM material_pages t JOIN material_slots s ON s.id = t.slot_id JOIN cases c ON "
       "c.id = s.case_id WHERE c.uuid = ?1 ORDER BY s.slot_key, t.page_no");
  dump("material_files", {"stored_at"},
       "FROM material_files t WHERE t.sha256 IN (SELECT p.sha256 FROM material_pages p JOIN "
       "material_slots s ON s.id = p.slot_id JOIN cases c ON c.id = s.case_id WHERE c.uuid = ?1) "
       "ORDER BY t.sha256");
  return lines;
}

std::int64_t count(Database& db, const std::string& sql) {
  Statement query = db.prepare(sql);
  REQUIRE(query.step());
  return query.columnInt(0);
}

std::int64_t auditCount(Database& db, const std::string& action) {
  Statement query = db.prepare("SELECT count(*) FROM audit_log WHERE action = ?1");
  query.bind(1, action);
  REQUIRE(query.step());
  return query.columnInt(0);
}

std::size_t filesIn(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// Station A with three cases taken in on three days, sharing one material; a decision, a
// revision and an official number on the third; a draft that stays behind.
struct TwoStations {
  TempDir dir;
  ArchiveStation a{dir / "a", "aaaaaaaa-0000-4000-8000-"};
  ArchiveStation b{dir / "b", "bbbbbbbb-0000-4000-8000-"};
  std::string first, second, third, draft;
  PageInput shared;

  TwoStations() {
    shared = a.material(200 * 1024 + 7, 1);  // several chunks
    first = a.intake("张三", "2026-11-25T02:05:00Z",
                     {{"id", {a.material(3000, 2), a.material(5, 3)}}, {"photo", {shared}}});
    second = a.intake("李四", "2026-11-26T03:00:00Z",
                      {{"id", {a.material(4096, 4)}}, {"photo", {shared}}});
    third = a.intake("王五 Garcia", "2026-11-27T04:00:00Z", {{"id", {a.material(100, 5)}}});
    DecisionInput accept;
    accept.kind = DecisionKind::Accept;
    accept.detailsXml = "<details>ok</details>";
    a.cases.recordDecision(third, accept, ArchiveStation::clerk("2026-11-27T04:10:00Z"));
    a.cases.reviseCase(third,
                       {"王五 Garcia", "id_card", "440305199001011234", "residence", "2",
                        "<data>corrected</data>"},
                       "typo in the address", ArchiveStation::clerk("2026-11-27T05:00:00Z"));
    a.cases.bindOfficialNumber(third, "OFF-2026-0042",
                               ArchiveStation::clerk("2026-11-28T01:00:00Z"));
    draft = a.draft("赵六", "2026-11-27T06:00:00Z");
  }

  ExportReport exportFromA(const fs::path& file, ExportSelection selection = {}) {
    return exportCases(a.db(), a.materials, selection, file,
                       ArchiveStation::clerk("2026-11-28T08:00:00Z"));
  }
  ImportReport importIntoB(const fs::path& file) {
    return importCases(b.db(), b.materials, file, {"c2002", "2026-11-29T08:00:00Z"});
  }
};

template <typename F>
CaseArchiveError importError(F&& run) {
  try {
    run();
  } catch (const CaseArchiveError& error) {
    return error;
  }
  FAIL("no CaseArchiveError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE_METHOD(TwoStations, "cases travel between two stations with everything they hold",
                 "[localdb][archive]") {
  const fs::path file = dir / "cases.tar";
  const ExportReport exported = exportFromA(file);
  REQUIRE(exported.cases.size() == 3);  // the draft stays behind
  CHECK(exported.materials == 5);       // the shared file once
  CHECK(exported.materialBytes == 200 * 1024 + 7 + 3000 + 5 + 4096 + 100);
  CHECK(exported.archiveBytes == fs::file_size(file));
  CHECK_FALSE(fs::exists(dir / "cases.tar.partial"));
  CHECK(auditCount(a.db(), "case.export") == 3);
  CHECK(AuditLog::verify(a.db()).intact());

  const Entries entries = readEntries(file);
  REQUIRE(entries.size() == 1 + 3 + 5);
  CHECK(entries[0].first == "manifest.xml");
  CHECK_THAT(entries[0].second, Catch::Contains("<case-archive format=\"1\"") &&
                                    Catch::Contains("exported-at=\"2026-11-28T08:00:00Z\"") &&
                                    Catch::Contains("official-no=\"OFF-2026-0042\"") &&
                                    Catch::Contains("file=\"cases/" + third + ".xml\""));

  const ImportReport imported = importIntoB(file);
  CHECK(imported.imported.size() == 3);
  CHECK(imported.skipped.empty());
  CHECK(imported.conflicts.empty());
  CHECK(imported.materials == 5);
  CHECK(imported.materialsAdded == 5);
  for (const std::string& uuid : {first, second, third}) {
    INFO(uuid);
    const std::vector<std::string> there = dumpCase(a.db(), uuid);
    CHECK(there.size() > 5);
    CHECK(dumpCase(b.db(), uuid) == there);
    const auto record = b.cases.findByUuid(uuid);
    REQUIRE(record);
    CHECK(record->syncState == "queued");  // B delivers it to central
  }
  CHECK_FALSE(b.cases.findByUuid(draft));
  CHECK(b.cases.findByNumber("OFF-2026-0042")->uuid == third);
  CHECK(b.cases.revisionsOf(b.cases.findByUuid(third)->id).size() == 2);
  CHECK(b.store.pendingSyncCount() == 3);
  Statement pages = b.db().prepare("SELECT DISTINCT sha256 FROM material_pages");
  int verified = 0;
  while (pages.step()) {
    CHECK(b.materials.verify(pages.columnText(0)).ok());
    ++verified;
  }
  CHECK(verified == 5);
  CHECK(CaseQueries(b.db()).searchApplicantName("王五").size() == 1);
  CHECK(CaseQueries(b.db()).searchApplicantName("garc").size() == 1);
  CHECK(auditCount(b.db(), "case.import") == 3);
  CHECK(AuditLog::verify(b.db()).intact());
  CHECK(filesIn(b.materials.root() / "tmp") == 0);

  // Station B numbers its own cases after the imported ones.
  const std::string own = b.intake("钱七", "2026-11-29T09:00:00Z", {});
  CHECK(b.cases.findByUuid(own)->provisionalNo == "W03-20261127-000004");

  SECTION("importing the same archive again changes nothing") {
    const std::int64_t auditBefore = count(b.db(), "SELECT count(*) FROM audit_log");
    const ImportReport again = importIntoB(file);
    CHECK(again.imported.empty());
    CHECK(again.skipped.size() == 3);
    CHECK(again.conflicts.empty());
    CHECK(again.materialsAdded == 0);
    CHECK(count(b.db(), "SELECT count(*) FROM cases") == 4);
    CHECK(count(b.db(), "SELECT count(*) FROM material_pages") == 6);
    CHECK(count(b.db(), "SELECT count(*) FROM audit_log") == auditBefore);
  }
  SECTION("a case that changed since is a conflict, not an overwrite") {
    a.cases.reviseCase(first,
                       {"张三", "id_card", "440305199001011234", "residence", "2", "<data/>"},
                       "new phone number", ArchiveStation::clerk("2026-11-28T09:00:00Z"));
    const fs::path later = dir / "later.tar";
    exportFromA(later);
    const ImportReport again = importIntoB(later);
    CHECK(again.skipped.size() == 2);
    REQUIRE(again.conflicts.size() == 1);
    CHECK(again.conflicts[0].uuid == first);
    CHECK_THAT(again.conflicts[0].reason, Catch::Contains("1 revision") && Catch::Contains("2"));
    CHECK(b.cases.revisionsOf(b.cases.findByUuid(first)->id).size() == 1);
  }
}

TEST_CASE_METHOD(TwoStations, "a gzip-compressed archive and drafts on request",
                 "[localdb][archive]") {
  const fs::path file = dir / "cases.tar.gz";
  ExportSelection selection;
  selection.includeDrafts = true;
  CHECK(exportFromA(file, selection).cases.size() == 4);
  CHECK(readFile(file).substr(0, 2) == "\x1f\x8b");
  const ImportReport imported = importIntoB(file);
  CHECK(imported.imported.size() == 4);
  const auto record = b.cases.findByUuid(draft);
  REQUIRE(record);
  CHECK(record->syncState == "local");
  CHECK(b.cases.draftInstance(draft) == a.cases.draftInstance(draft));
  CHECK(dumpCase(b.db(), draft) == dumpCase(a.db(), draft));
}

TEST_CASE_METHOD(TwoStations, "cases are selected by uuid, number and intake date",
                 "[localdb][archive]") {
  const auto uuidsOf = [](const ExportReport& report) {
    std::vector<std::string> uuids;
    for (const auto& one : report.cases) uuids.push_back(one.uuid);
    return uuids;
  };
  ExportSelection byNumber;
  byNumber.cases = {*a.cases.findByUuid(second)->provisionalNo, "OFF-2026-0042"};
  CHECK(uuidsOf(exportFromA(dir / "1.tar", byNumber)) == std::vector{second, third});

  ExportSelection byUuid;
  byUuid.cases = {first};
  CHECK(uuidsOf(exportFromA(dir / "2.tar", byUuid)) == std::vector{first});

  ExportSelection byDate;
  byDate.intakeFrom = "2026-11-26";
  byDate.intakeBefore = "2026-11-27";
  CHECK(uuidsOf(exportFromA(dir / "3.tar", byDate)) == std::vector{second});

  ExportSelection unknown;
  unknown.cases = {"W99-20261127-000001"};
  CHECK(importError([&] { exportFromA(dir / "4.tar", unknown); }).kind() == Kind::NotFound);
  ExportSelection draftOnly;
  draftOnly.cases = {draft};
  CHECK_THROWS_WITH(exportFromA(dir / "5.tar", draftOnly), Catch::Contains("draft"));
  ExportSelection nothing;
  nothing.intakeFrom = "2027-01-01";
  CHECK_THROWS_WITH(exportFromA(dir / "6.tar", nothing), Catch::Contains("no case matches"));
  for (const char* name : {"4.tar", "5.tar", "6.tar", "4.tar.partial"}) {
    CHECK_FALSE(fs::exists(dir / name));
  }
  CHECK(auditCount(a.db(), "case.export") == 2 + 1 + 1);
}

TEST_CASE_METHOD(TwoStations, "a provisional number taken by another local case is a conflict",
                 "[localdb][archive]") {
  // Station B also works as window W03 and has numbered its own first case.
  const std::string own = b.intake("孙八", "2026-11-27T01:00:00Z", {});
  REQUIRE(b.cases.findByUuid(own)->provisionalNo == a.cases.findByUuid(first)->provisionalNo);
  const fs::path file = dir / "cases.tar";
  exportFromA(file);
  const ImportReport imported = importIntoB(file);
  CHECK(imported.imported.size() == 2);
  REQUIRE(imported.conflicts.size() == 1);
  const auto& conflict = imported.conflicts[0];
  CHECK(conflict.uuid == first);
  CHECK(conflict.localUuid == own);
  CHECK_THAT(conflict.reason, Catch::Contains("W03-20261127-000001") && Catch::Contains(own));
  CHECK(b.cases.findByNumber("W03-20261127-000001")->uuid == own);
  CHECK_FALSE(b.cases.findByUuid(first));
  CHECK(AuditLog::verify(b.db()).intact());
}

TEST_CASE_METHOD(TwoStations, "a damaged archive imports nothing and says where it is wrong",
                 "[localdb][archive]") {
  const fs::path good = dir / "good.tar";
  exportFromA(good);
  const Entries entries = readEntries(good);
  const fs::path bad = dir / "bad.tar";
  const auto expectNothingImported = [&] {
    CHECK(count(b.db(), "SELECT count(*) FROM cases") == 0);
    CHECK(count(b.db(), "SELECT count(*) FROM material_files") == 0);
    CHECK(count(b.db(), "SELECT count(*) FROM audit_log") == 0);
    CHECK(filesIn(b.materials.root() / "tmp") == 0);
    CHECK(filesIn(b.materials.root()) == 1);  // only tmp: no material was stored
  };

  SECTION("a material with one wrong byte") {
    Entries changed = entries;
    std::string name;
    for (auto& [entry, data] : changed) {
      if (entry.rfind("materials/", 0) == 0 && data.size() > 1000) {
        data[data.size() / 2] = static_cast<char>(data[data.size() / 2] ^ 0x01);
        name = entry;
        break;
      }
    }
    writeEntries(bad, changed);
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::Mismatch);
    CHECK(error.entry() == name);
    CHECK_THAT(error.what(), Catch::Contains(name + ": content does not match its name"));
    expectNothingImported();
  }
  SECTION("a changed case file") {
    Entries changed = entries;
    changed[1].second.replace(changed[1].second.find("张三"), 6, "张四");
    writeEntries(bad, changed);
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::Mismatch);
    CHECK(error.entry() == changed[1].first);
    expectNothingImported();
  }
  SECTION("a truncated archive") {
    const std::string bytes = readFile(good);
    writeFile(bad, bytes.substr(0, bytes.size() / 2));
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::Truncated);
    CHECK_THAT(error.what(), Catch::Contains("truncated") && Catch::Contains("materials/"));
    expectNothingImported();
  }
  SECTION("an archive cut off after a whole entry") {
    Entries cut(entries.begin(), entries.end() - 1);
    writeEntries(bad, cut);
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::MissingEntry);
    CHECK(error.entry() == entries.back().first);
    expectNothingImported();
  }
  SECTION("not a tar file") {
    writeFile(bad, "this is a letter, not an archive\n");
    CHECK(importError([&] { importIntoB(bad); }).kind() == Kind::NotAnArchive);
    expectNothingImported();
  }
  SECTION("no manifest") {
    writeEntries(bad, Entries(entries.begin() + 1, entries.end()));
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::MissingEntry);
    CHECK(error.entry() == "manifest.xml");
    expectNothingImported();
  }
  SECTION("a malformed manifest") {
    Entries changed = entries;
    changed[0].second = "<case-archive format=\"1\"><case uuid=\"x\"</case-archive>";
    writeEntries(bad, changed);
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::MalformedXml);
    CHECK_THAT(error.what(), Catch::StartsWith("manifest.xml: malformed XML at offset "));
    expectNothingImported();
  }
  SECTION("a format from the future") {
    Entries changed = entries;
    changed[0].second.replace(changed[0].second.find("format=\"1\""), 10, "format=\"2\"");
    writeEntries(bad, changed);
    const CaseArchiveError error = importError([&] { importIntoB(bad); });
    CHECK(error.kind() == Kind::UnsupportedFormat);
    CHECK_THAT(error.what(), Catch::Contains("\"2\""));
    expectNothingImported();
  }
  SECTION("an entry the format does not have") {
    Entries changed = entries;
    changed.emplace_back("../../etc/passwd", "x");
    writeEntries(bad, changed);
    CHECK(importError([&] { importIntoB(bad); }).kind() == Kind::UnexpectedEntry);
    expectNothingImported();
  }
}

TEST_CASE_METHOD(TwoStations, "an export that fails leaves no archive behind",
                 "[localdb][archive]") {
  CHECK_THROWS_AS(exportFromA(dir / "missing-dir" / "cases.tar"), CaseArchiveError);
  // A damaged material is never copied into an archive.
  const fs::path stored = a.materials.pathOf(shared.sha256);
  fs::permissions(stored, fs::perms::owner_write, fs::perm_options::add);
  {
    std::fstream file(stored, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(10);
    file.put('!');
  }
  const CaseArchiveError error = importError([&] { exportFromA(dir / "cases.tar"); });
  CHECK(error.kind() == Kind::Mismatch);
  CHECK(error.entry() == "materials/" + shared.sha256);
  CHECK_FALSE(fs::exists(dir / "cases.tar"));
  CHECK_FALSE(fs::exists(dir / "cases.tar.partial"));
  CHECK(auditCount(a.db(), "case.export") == 0);
}
