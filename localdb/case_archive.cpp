#include "localdb/case_archive.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include <pugixml.hpp>

#include "localdb/audit_log.hpp"
#include "localdb/case_archive_tar.hpp"
#include "localdb/case_name_index.hpp"
#include "localdb/material_files.hpp"
#include "localdb/sha256.hpp"
#include "onewindow/version.hpp"

namespace onewindow::localdb {

namespace fs = std::filesystem;
using Kind = CaseArchiveError::Kind;

namespace {

constexpr const char* kManifest = "manifest.xml";
constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::uint64_t kManifestLimit = 16ULL * 1024 * 1024;
constexpr std::uint64_t kCaseFileLimit = 64ULL * 1024 * 1024;
// Exactly what was written comes back: no end-of-line or attribute whitespace normalisation,
// and a value of only spaces stays.
constexpr unsigned kParseFlags =
    (pugi::parse_default & ~pugi::parse_eol & ~pugi::parse_wconv_attribute) |
    pugi::parse_ws_pcdata_single;

[[noreturn]] void invalid(const std::string& entry, const std::string& what) {
  throw CaseArchiveError(Kind::Invalid, entry, entry + ": " + what);
}

std::string caseEntryName(const std::string& uuid) { return "cases/" + uuid + ".xml"; }
std::string materialEntryName(const std::string& sha256) { return "materials/" + sha256; }

// A uuid travels inside an entry name, so it is held to a plain shape.
bool isPlainUuid(const std::string& uuid) {
  if (uuid.empty() || uuid.size() > 64) return false;
  for (const char c : uuid) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

// ---- rows as XML ----

// A row as it travels: column name → text, nullopt for NULL.
using Row = std::vector<std::pair<std::string, std::optional<std::string>>>;

// The columns of a table in this station's schema, minus the local keys that do not travel.
std::vector<std::string> columnsOf(Database& db, const char* table,
                                   std::initializer_list<std::string_view> localKeys) {
  std::vector<std::string> columns;
  Statement query = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  query.bind(1, table);
  while (query.step()) {
    std::string name = query.columnText(0);
    bool skip = false;
    for (std::string_view key : localKeys) skip = skip || name == key;
    if (!skip) columns.push_back(std::move(name));
  }
  return columns;
}

std::string selectList(const std::vector<std::string>& columns) {
  std::string list;
  for (const std::string& column : columns) {
    if (!list.empty()) list += ", ";
    list += quoted(column);
  }
  return list;
}

void appendColumns(pugi::xml_node record, const Statement& row,
                   const std::vector<std::string>& columns, int firstIndex = 0) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const int index = firstIndex + static_cast<int>(i);
    pugi::xml_node col = record.append_child("col");
    col.append_attribute("name") = columns[i].c_str();
    if (row.columnIsNull(index)) {
      col.append_attribute("null") = "1";
    } else {
      col.text().set(row.columnText(index).c_str());
    }
  }
}

Row readColumns(pugi::xml_node record, const std::string& entry, const char* table,
                const std::vector<std::string>& localColumns) {
  Row row;
  std::set<std::string> seen;
  for (pugi::xml_node col : record.children("col")) {
    const std::string name = col.attribute("name").value();
    if (std::find(localColumns.begin(), localColumns.end(), name) == localColumns.end()) {
      invalid(entry, std::string("column \"") + name + "\" of " + table +
                         " is unknown to this station (a newer program exported it?)");
    }
    if (!seen.insert(name).second) {
      invalid(entry, std::string("column \"") + name + "\" of " + table + " appears twice");
    }
    if (col.attribute("null").as_bool()) {
      row.emplace_back(name, std::nullopt);
    } else {
      row.emplace_back(name, std::string(col.text().get()));
    }
  }
  return row;
}

std::optional<std::string> valueOf(const Row& row, std::string_view column) {
  for (const auto& [name, value] : row) {
    if (name == column) return value;
  }
  return std::nullopt;
}

void setValue(Row& row, const std::string& column, std::optional<std::string> value) {
  for (auto& [name, current] : row) {
    if (name == column) {
      current = std::move(value);
      return;
    }
  }
  row.emplace_back(column, std::move(value));
}

// Column names come from this station's schema (checked in readColumns), values are bound.
std::int64_t insertRow(Database& db, const char* table, const Row& row) {
  std::string names;
  std::string placeholders;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      names += ", ";
      placeholders += ", ";
    }
    names += quoted(row[i].first);
    placeholders += "?" + std::to_string(i + 1);
  }
  Statement insert = db.prepare(std::string("INSERT INTO ") + table + " (" + names + ") VALUES (" +
                                placeholders + ")");
  for (std::size_t i = 0; i < row.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    if (row[i].second) {
      insert.bind(index, *row[i].second);
    } else {
      insert.bindNull(index);
    }
  }
  insert.run();
  return db.lastInsertRowId();
}

std::string xmlText(const pugi::xml_document& document) {
  std::ostringstream text;
  document.save(text, "  ", pugi::format_default, pugi::encoding_utf8);
  return text.str();
}

pugi::xml_document parseXml(const std::string& text, const std::string& entry) {
  pugi::xml_document document;
  const pugi::xml_parse_result result =
      document.load_buffer(text.data(), text.size(), kParseFlags, pugi::encoding_utf8);
  if (!result) {
    throw CaseArchiveError(Kind::MalformedXml, entry,
                           entry + ": malformed XML at offset " + std::to_string(result.offset) +
                               ": " + result.description());
  }
  return document;
}

std::string sha256Of(const std::string& text) {
  return sha256Hex(std::as_bytes(std::span(text.data(), text.size())));
}

std::optional<std::string> optionalAttribute(pugi::xml_node node, const char* name) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) return std::nullopt;
  return std::string(attribute.value());
}

std::string requiredAttribute(pugi::xml_node node, const char* name, const std::string& entry) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) {
    invalid(entry, std::string("<") + node.name() + "> has no " + name + " attribute");
  }
  return attribute.value();
}

std::uint64_t parseSize(const std::string& text, const std::string& entry) {
  if (text.empty() || text.size() > 19 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    invalid(entry, "\"" + text + "\" is not a size in bytes");
  }
  return std::stoull(text);
}

void setOptionalAttribute(pugi::xml_node node, const char* name,
                          const std::optional<std::string>& value) {
  if (value) node.append_attribute(name) = value->c_str();
}

// Reads from the same snapshot for the whole export; ends the read transaction on every path.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { db_.execute("BEGIN DEFERRED"); }
  ~ReadSnapshot() {
    if (!done_) {
      try {
        db_.execute("ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): nothing was written in it
      }
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  void end() {
    db_.execute("COMMIT");
    done_ = true;
  }

 private:
  Database& db_;
  bool done_ = false;
};

// ---- export ----

struct CaseFile {
  ArchivedCase info;
  std::string xml;
  std::string sha256;
};

std::vector<std::int64_t> selectCases(Database& db, const ExportSelection& selection) {
  std::set<std::int64_t> ids;
  for (const std::string& wanted : selection.cases) {
    Statement query = db.prepare(
        "SELECT id, provisional_no FROM cases WHERE uuid = ?1 OR provisional_no = ?1 OR "
        "official_no = ?1");
    query.bind(1, wanted);
    if (!query.step()) {
      throw CaseArchiveError(Kind::NotFound, "",
                             "no case \"" + wanted + "\" in this station's store");
    }
    if (query.columnIsNull(1) && !selection.includeDrafts) {
      throw CaseArchiveError(Kind::Invalid, "",
                             "case " + wanted + " is a draft; include drafts to export it");
    }
    ids.insert(query.columnInt(0));
  }
  const bool range = selection.intakeFrom || selection.intakeBefore;
  if (range || selection.cases.empty()) {
    Statement query = db.prepare(
        "SELECT id FROM cases WHERE (?3 OR provisional_no IS NOT NULL) "
        "AND (?1 IS NULL OR coalesce(intake_at, created_at) >= ?1) "
        "AND (?2 IS NULL OR coalesce(intake_at, created_at) < ?2)");
    if (selection.intakeFrom) {
      query.bind(1, *selection.intakeFrom);
    } else {
      query.bindNull(1);
    }
    if (selection.intakeBefore) {
      query.bind(2, *selection.intakeBefore);
    } else {
      query.bindNull(2);
    }
    query.bind(3, selection.includeDrafts ? 1 : 0);
    while (query.step()) ids.insert(query.columnInt(0));
  }
  if (ids.empty()) throw CaseArchiveError(Kind::NotFound, "", "no case matches the selection");
  return {ids.begin(), ids.end()};
}

void appendRecords(Database& db, pugi::xml_node parent, const char* element, const char* table,
                   std::int64_t caseId, const char* order) {
  const std::vector<std::string> columns = columnsOf(db, table, {"id", "case_id"});
  Statement rows = db.prepare("SELECT " + selectList(columns) + " FROM " + table +
                              " WHERE case_id = ?1 ORDER BY " + order);
  rows.bind(1, caseId);
  while (rows.step()) appendColumns(parent.append_child(element), rows, columns);
}

CaseFile buildCaseFile(Database& db, std::int64_t caseId,
                       std::map<std::string, std::uint64_t>& materials) {
  CaseFile file;
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("case-file");
  root.append_attribute("format") = kCaseArchiveFormat;

  const std::vector<std::string> caseColumns = columnsOf(db, "cases", {"id"});
  {
    Statement row = db.prepare("SELECT uuid, provisional_no, official_no, state, " +
                               selectList(caseColumns) + " FROM cases WHERE id = ?1");
    row.bind(1, caseId);
    if (!row.step()) throw CaseArchiveError(Kind::NotFound, "", "a selected case disappeared");
    file.info = {row.columnText(0), row.columnOptionalText(1), row.columnOptionalText(2),
                 row.columnText(3)};
    root.append_attribute("uuid") = file.info.uuid.c_str();
    appendColumns(root.append_child("case"), row, caseColumns, 4);
  }
  appendRecords(db, root.append_child("revisions"), "revision", "case_revisions", caseId,
                "revision");
  appendRecords(db, root.append_child("decisions"), "decision", "decisions", caseId, "id");
  appendRecords(db, root, "form-instance", "form_instances", caseId, "case_id");

  pugi::xml_node slots = root.append_child("material-slots");
  const std::vector<std::string> slotColumns = columnsOf(db, "material_slots", {"id", "case_id"});
  Statement slotRows = db.prepare("SELECT id, " + selectList(slotColumns) +
                                  " FROM material_slots WHERE case_id = ?1 ORDER BY id");
  slotRows.bind(1, caseId);
  while (slotRows.step()) {
    pugi::xml_node slot = slots.append_child("slot");
    appendColumns(slot, slotRows, slotColumns, 1);
    pugi::xml_node pages = slot.append_child("pages");
    Statement pageRows = db.prepare(
        "SELECT p.page_no, p.sha256, f.size_bytes, f.media_type FROM material_pages p "
        "LEFT JOIN material_files f ON f.sha256 = p.sha256 WHERE p.slot_id = ?1 "
        "ORDER BY p.page_no");
    pageRows.bind(1, slotRows.columnInt(0));
    while (pageRows.step()) {
      const std::string sha = pageRows.columnText(1);
      pugi::xml_node page = pages.append_child("page");
      page.append_attribute("page_no") = pageRows.columnText(0).c_str();
      page.append_attribute("sha256") = sha.c_str();
      page.append_attribute("size") = pageRows.columnText(2).c_str();
      page.append_attribute("media_type") = pageRows.columnText(3).c_str();
      materials.emplace(sha, 0);
    }
  }
  file.xml = xmlText(document);
  file.sha256 = sha256Of(file.xml);
  return file;
}

std::string stationName(Database& db) {
  Statement query = db.prepare("SELECT station_id FROM station WHERE id = 1");
  if (query.step() && !query.columnText(0).empty()) return query.columnText(0);
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) return host;
  return "";
}

bool wantsGzip(const ExportSelection& selection, const fs::path& archive) {
  if (selection.gzip) return *selection.gzip;
  const std::string name = archive.filename().string();
  const auto endsWith = [&name](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return endsWith(".gz") || endsWith(".tgz");
}

// Streams one stored material into the archive, checking it against its name on the way.
void writeMaterial(TarWriter& writer, const MaterialStore& materials, const std::string& sha,
                   std::uint64_t size, std::time_t mtime) {
  const std::string entry = materialEntryName(sha);
  const fs::path path = materials.pathOf(sha);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw CaseArchiveError(
        Kind::Io, entry,
        "cannot read material " + path.string() + ": " + std::system_category().message(errno));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  writer.beginEntry(entry, size, mtime);
  Sha256 hash;
  std::uint64_t copied = 0;
  std::vector<std::byte> chunk(kChunkSize);
  for (;;) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      throw CaseArchiveError(
          Kind::Io, entry,
          "cannot read material " + path.string() + ": " + std::system_category().message(errno));
    }
    if (got == 0) break;
    const auto piece = std::span<const std::byte>(chunk.data(), static_cast<std::size_t>(got));
    copied += piece.size();
    if (copied > size) break;
    hash.update(piece);
    writer.write(piece);
  }
  if (copied != size || hash.finishHex() != sha) {
    throw CaseArchiveError(Kind::Mismatch, entry,
                           "material " + sha + " in this station's store is damaged (its content " +
                               "no longer matches its name); run onewindow-ctl fsck");
  }
}

// ---- import ----

struct ManifestCase {
  ArchivedCase info;
  std::string file;
  std::string sha256;
};

struct Manifest {
  std::string station;
  std::string exportedAt;
  std::vector<ManifestCase> cases;
  std::map<std::string, std::uint64_t> materials;  // sha256 → size
};

Manifest parseManifest(const std::string& text) {
  const pugi::xml_document document = parseXml(text, kManifest);
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "case-archive") {
    invalid(kManifest,
            std::string("the root element is <") + root.name() + ">, not <case-archive>");
  }
  const std::string format = requiredAttribute(root, "format", kManifest);
  if (format != std::to_string(kCaseArchiveFormat)) {
    throw CaseArchiveError(Kind::UnsupportedFormat, kManifest,
                           std::string(kManifest) + ": archive format \"" + format +
                               "\" is not one this program reads (it reads format " +
                               std::to_string(kCaseArchiveFormat) +
                               "); import it with the program version that wrote it or newer");
  }
  Manifest manifest;
  manifest.station = root.attribute("station").value();
  manifest.exportedAt = root.attribute("exported-at").value();
  std::set<std::string> uuids;
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view name = node.name();
    if (name == "case") {
      ManifestCase entry;
      entry.info.uuid = requiredAttribute(node, "uuid", kManifest);
      if (!isPlainUuid(entry.info.uuid)) {
        invalid(kManifest, "\"" + entry.info.uuid + "\" is not a case uuid");
      }
      if (!uuids.insert(entry.info.uuid).second) {
        invalid(kManifest, "case " + entry.info.uuid + " is listed twice");
      }
      entry.info.provisionalNo = optionalAttribute(node, "provisional-no");
      entry.info.officialNo = optionalAttribute(node, "official-no");
      entry.info.state = requiredAttribute(node, "state", kManifest);
      entry.file = requiredAttribute(node, "file", kManifest);
      if (entry.file != caseEntryName(entry.info.uuid)) {
        invalid(kManifest, "case " + entry.info.uuid + " names the file \"" + entry.file +
                               "\", not " + caseEntryName(entry.info.uuid));
      }
      entry.sha256 = requiredAttribute(node, "sha256", kManifest);
      if (!isSha256Hex(entry.sha256)) {
        invalid(kManifest, "case " + entry.info.uuid + " has no valid sha256");
      }
      manifest.cases.push_back(std::move(entry));
    } else if (name == "material") {
      const std::string sha = requiredAttribute(node, "sha256", kManifest);
      if (!isSha256Hex(sha)) invalid(kManifest, "\"" + sha + "\" is not a material name");
      const std::uint64_t size = parseSize(requiredAttribute(node, "size", kManifest), kManifest);
      if (!manifest.materials.emplace(sha, size).second) {
        invalid(kManifest, "material " + sha + " is listed twice");
      }
    } else {
      invalid(kManifest, "unexpected element <" + std::string(name) + ">");
    }
  }
  return manifest;
}

struct ArchivedPage {
  std::string pageNo;
  std::string sha256;
  std::uint64_t size = 0;
  std::string mediaType;
};

struct ArchivedSlot {
  Row columns;
  std::vector<ArchivedPage> pages;
};

struct ParsedCase {
  ArchivedCase info;
  Row caseRow;
  std::vector<Row> revisions;
  std::vector<Row> decisions;
  std::optional<Row> formInstance;
  std::vector<ArchivedSlot> slots;
};

ParsedCase parseCaseFile(Database& db, const ManifestCase& listed, const std::string& text,
                         const Manifest& manifest, const MaterialStore& materials) {
  const std::string entry = listed.file;
  const pugi::xml_document document = parseXml(text, entry);
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "case-file") {
    invalid(entry, std::string("the root element is <") + root.name() + ">, not <case-file>");
  }
  if (std::string_view(root.attribute("format").value()) != std::to_string(kCaseArchiveFormat)) {
    throw CaseArchiveError(Kind::UnsupportedFormat, entry,
                           entry + ": case file format \"" + root.attribute("format").value() +
                               "\" is not one this program reads");
  }
  ParsedCase parsed;
  parsed.info = listed.info;
  const pugi::xml_node caseNode = root.child("case");
  if (!caseNode) invalid(entry, "there is no <case> element");
  parsed.caseRow = readColumns(caseNode, entry, "cases", columnsOf(db, "cases", {"id"}));
  if (valueOf(parsed.caseRow, "uuid") != listed.info.uuid) {
    invalid(entry, "the case inside is not " + listed.info.uuid);
  }
  if (valueOf(parsed.caseRow, "provisional_no") != listed.info.provisionalNo ||
      valueOf(parsed.caseRow, "official_no") != listed.info.officialNo) {
    invalid(entry, "its numbers differ from the manifest's");
  }

  const auto records = [&](const char* container, const char* element, const char* table) {
    std::vector<Row> rows;
    const std::vector<std::string> columns = columnsOf(db, table, {"id", "case_id"});
    for (pugi::xml_node node : root.child(container).children(element)) {
      rows.push_back(readColumns(node, entry, table, columns));
    }
    return rows;
  };
  parsed.revisions = records("revisions", "revision", "case_revisions");
  parsed.decisions = records("decisions", "decision", "decisions");
  if (const pugi::xml_node form = root.child("form-instance")) {
    parsed.formInstance =
        readColumns(form, entry, "form_instances", columnsOf(db, "form_instances", {"case_id"}));
  }
  const std::vector<std::string> slotColumns = columnsOf(db, "material_slots", {"id", "case_id"});
  for (pugi::xml_node slotNode : root.child("material-slots").children("slot")) {
    ArchivedSlot slot;
    slot.columns = readColumns(slotNode, entry, "material_slots", slotColumns);
    for (pugi::xml_node pageNode : slotNode.child("pages").children("page")) {
      ArchivedPage page;
      page.pageNo = requiredAttribute(pageNode, "page_no", entry);
      page.sha256 = requiredAttribute(pageNode, "sha256", entry);
      page.size = parseSize(requiredAttribute(pageNode, "size", entry), entry);
      page.mediaType = pageNode.attribute("media_type").value();
      if (!isSha256Hex(page.sha256)) invalid(entry, "a page has no valid sha256");
      if (manifest.materials.count(page.sha256) == 0 && !materials.contains(page.sha256)) {
        invalid(entry, "a page refers to material " + page.sha256 +
                           ", which is neither in the archive nor in this station's store");
      }
      slot.pages.push_back(std::move(page));
    }
    parsed.slots.push_back(std::move(slot));
  }
  return parsed;
}

// Material files pulled out of the archive into the store's tmp directory, checked, and
// removed again whatever happens (the store's GC would also remove a crash's leftovers).
class StagedMaterials {
 public:
  explicit StagedMaterials(fs::path tempDir) : tempDir_(std::move(tempDir)) {}
  ~StagedMaterials() {
    for (const auto& [sha, path] : files_) ::unlink(path.c_str());
  }
  StagedMaterials(const StagedMaterials&) = delete;
  StagedMaterials& operator=(const StagedMaterials&) = delete;

  void stage(TarReader& reader, const std::string& sha, std::uint64_t expectedSize) {
    const std::string entry = materialEntryName(sha);
    std::string pattern = (tempDir_ / "import-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
      throw CaseArchiveError(Kind::Io, entry,
                             "cannot create a temp file in " + tempDir_.string() + ": " +
                                 std::system_category().message(errno));
    }
    files_.emplace(sha, pattern);
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    Sha256 hash;
    std::uint64_t size = 0;
    std::vector<std::byte> chunk(kChunkSize);
    for (;;) {
      const std::size_t got = reader.read(chunk);
      if (got == 0) break;
      auto piece = std::span<const std::byte>(chunk.data(), got);
      hash.update(piece);
      size += got;
      while (!piece.empty()) {
        const ssize_t written = ::write(fd, piece.data(), piece.size());
        if (written < 0) {
          if (errno == EINTR) continue;
          throw CaseArchiveError(
              Kind::Io, entry,
              "cannot write " + pattern + ": " + std::system_category().message(errno));
        }
        piece = piece.subspan(static_cast<std::size_t>(written));
      }
    }
    if (hash.finishHex() != sha) {
      throw CaseArchiveError(Kind::Mismatch, entry, entry + ": content does not match its name");
    }
    if (size != expectedSize) {
      throw CaseArchiveError(Kind::Mismatch, entry,
                             entry + ": " + std::to_string(size) + " bytes, the manifest says " +
                                 std::to_string(expectedSize));
    }
  }

  [[nodiscard]] const fs::path& pathOf(const std::string& sha) const { return files_.at(sha); }

 private:
  fs::path tempDir_;
  std::map<std::string, fs::path> files_;
};

enum class Outcome { Insert, Skip, Conflict };

struct Decision {
  Outcome outcome = Outcome::Insert;
  ImportConflict conflict;
};

Decision decide(Database& db, const ParsedCase& parsed) {
  Decision decision;
  decision.conflict.uuid = parsed.info.uuid;
  decision.conflict.provisionalNo = parsed.info.provisionalNo;
  {
    Statement existing = db.prepare(
        "SELECT (SELECT count(*) FROM case_revisions r WHERE r.case_id = c.id) FROM cases c "
        "WHERE c.uuid = ?1");
    existing.bind(1, parsed.info.uuid);
    if (existing.step()) {
      const auto here = existing.columnInt(0);
      if (here == static_cast<std::int64_t>(parsed.revisions.size())) {
        decision.outcome = Outcome::Skip;
      } else {
        decision.outcome = Outcome::Conflict;
        decision.conflict.reason = "this station already has the case with " +
                                   std::to_string(here) + " revision(s); the archive has " +
                                   std::to_string(parsed.revisions.size());
      }
      return decision;
    }
  }
  const auto collision = [&](const char* column, const std::optional<std::string>& number,
                             const char* label) {
    if (!number) return false;
    Statement other = db.prepare(std::string("SELECT uuid FROM cases WHERE ") + column + " = ?1");
    other.bind(1, *number);
    if (!other.step()) return false;
    decision.outcome = Outcome::Conflict;
    decision.conflict.localUuid = other.columnText(0);
    decision.conflict.reason = std::string(label) + " " + *number +
                               " already belongs to the local case " + other.columnText(0);
    return true;
  };
  if (collision("provisional_no", parsed.info.provisionalNo, "provisional number")) return decision;
  collision("official_no", parsed.info.officialNo, "official number");
  return decision;
}

// The station-wide counter only grows; it is raised past an imported number so this station
// never hands out that number again (it would collide when the window codes agree).
void raiseProvisionalSequence(Database& db, const std::optional<std::string>& number) {
  if (!number) return;
  const auto dash = number->rfind('-');
  if (dash == std::string::npos) return;
  const std::string digits = number->substr(dash + 1);
  if (digits.empty() || digits.size() > 18 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return;
  }
  db.prepare("UPDATE provisional_sequence SET last_value = max(last_value, ?1) WHERE id = 1")
      .bind(1, static_cast<std::int64_t>(std::stoll(digits)))
      .run();
}

void insertCase(Database& db, const ParsedCase& parsed, const std::string& storedAt) {
  Row caseRow = parsed.caseRow;
  // This station delivers it to central now (central is idempotent on the uuid); a draft
  // stays local.
  setValue(caseRow, "sync_state", std::string(parsed.info.provisionalNo ? "queued" : "local"));
  setValue(caseRow, "sync_error", std::nullopt);
  const std::int64_t caseId = insertRow(db, "cases", caseRow);
  const std::string caseIdText = std::to_string(caseId);
  const auto withCase = [&caseIdText](Row row) {
    setValue(row, "case_id", caseIdText);
    return row;
  };
  for (const Row& revision : parsed.revisions) insertRow(db, "case_revisions", withCase(revision));
  for (const Row& decided : parsed.decisions) insertRow(db, "decisions", withCase(decided));
  if (parsed.formInstance) insertRow(db, "form_instances", withCase(*parsed.formInstance));
  for (const ArchivedSlot& slot : parsed.slots) {
    const std::int64_t slotId = insertRow(db, "material_slots", withCase(slot.columns));
    for (const ArchivedPage& page : slot.pages) {
      recordMaterialFile(db, page.sha256, page.size, page.mediaType, storedAt);
      db.prepare("INSERT INTO material_pages (slot_id, page_no, sha256) VALUES (?1, ?2, ?3)")
          .bind(1, slotId)
          .bind(2, page.pageNo)
          .bind(3, page.sha256)
          .run();
    }
  }
  indexApplicantName(db, caseId, valueOf(caseRow, "applicant_name").value_or(""));
  raiseProvisionalSequence(db, parsed.info.provisionalNo);
}

}  // namespace

ExportReport exportCases(Database& db, const MaterialStore& materials,
                         const ExportSelection& selection, const fs::path& archive,
                         const Actor& actor) {
  ExportReport report;
  std::vector<CaseFile> files;
  std::map<std::string, std::uint64_t> materialSizes;
  std::string station;
  {
    ReadSnapshot snapshot(db);
    for (const std::int64_t id : selectCases(db, selection)) {
      files.push_back(buildCaseFile(db, id, materialSizes));
    }
    station = stationName(db);
    snapshot.end();
  }
  for (auto& [sha, size] : materialSizes) {
    const std::optional<std::uint64_t> stored = materials.sizeOf(sha);
    if (!stored) {
      throw CaseArchiveError(Kind::NotFound, materialEntryName(sha),
                             "material " + sha +
                                 " of a selected case is missing from this station's store; "
                                 "run onewindow-ctl fsck");
    }
    size = *stored;
  }

  pugi::xml_document manifest;
  pugi::xml_node root = manifest.append_child("case-archive");
  root.append_attribute("format") = kCaseArchiveFormat;
  root.append_attribute("exported-at") = actor.at.c_str();
  root.append_attribute("station") = station.c_str();
  root.append_attribute("app-version") = kVersion;
  for (const CaseFile& file : files) {
    pugi::xml_node node = root.append_child("case");
    node.append_attribute("uuid") = file.info.uuid.c_str();
    setOptionalAttribute(node, "provisional-no", file.info.provisionalNo);
    setOptionalAttribute(node, "official-no", file.info.officialNo);
    node.append_attribute("state") = file.info.state.c_str();
    node.append_attribute("file") = caseEntryName(file.info.uuid).c_str();
    node.append_attribute("sha256") = file.sha256.c_str();
  }
  for (const auto& [sha, size] : materialSizes) {
    pugi::xml_node node = root.append_child("material");
    node.append_attribute("sha256") = sha.c_str();
    node.append_attribute("size") = std::to_string(size).c_str();
  }

  const std::time_t now = std::time(nullptr);
  TarWriter writer(archive, wantsGzip(selection, archive));
  writer.addEntry(kManifest, xmlText(manifest), now);
  for (const CaseFile& file : files) writer.addEntry(caseEntryName(file.info.uuid), file.xml, now);
  for (const auto& [sha, size] : materialSizes) {
    writeMaterial(writer, materials, sha, size, now);
    ++report.materials;
    report.materialBytes += size;
  }
  report.archiveBytes = writer.publish();

  // The archive and its audit entries stand or fall together.
  try {
    Transaction transaction(db);
    for (const CaseFile& file : files) {
      AuditLog::append(db, {actor.at, actor.clerkId, "case.export", file.info.uuid,
                            archive.filename().string()});
    }
    transaction.commit();
  } catch (...) {
    std::error_code ignored;
    fs::remove(archive, ignored);
    throw;
  }
  for (CaseFile& file : files) report.cases.push_back(std::move(file.info));
  return report;
}

ImportReport importCases(Database& db, MaterialStore& materials, const fs::path& archive,
                         const Actor& actor) {
  // 1. Read and check everything before changing anything.
  TarReader reader(archive);
  const std::optional<TarEntry> first = reader.next();
  if (!first || first->name != kManifest) {
    throw CaseArchiveError(Kind::MissingEntry, kManifest,
                           archive.string() + ": " + kManifest +
                               (first ? " is not the first entry (found " + first->name + ")"
                                      : " is missing (the archive is empty)"));
  }
  const Manifest manifest = parseManifest(reader.readAll(kManifestLimit));
  std::map<std::string, const ManifestCase*> caseFiles;
  for (const ManifestCase& listed : manifest.cases) caseFiles.emplace(listed.file, &listed);

  std::map<std::string, std::string> caseTexts;  // entry → text
  std::set<std::string> materialsSeen;
  StagedMaterials staged(materials.root() / "tmp");
  while (const std::optional<TarEntry> entry = reader.next()) {
    const std::string& name = entry->name;
    if (!entry->regularFile) {
      throw CaseArchiveError(Kind::UnexpectedEntry, name,
                             name + ": not a regular file; a case archive holds only files");
    }
    if (const auto listed = caseFiles.find(name); listed != caseFiles.end()) {
      if (caseTexts.count(name) != 0) {
        throw CaseArchiveError(Kind::UnexpectedEntry, name, name + ": appears twice");
      }
      std::string text = reader.readAll(kCaseFileLimit);
      if (sha256Of(text) != listed->second->sha256) {
        throw CaseArchiveError(Kind::Mismatch, name,
                               name + ": content does not match the manifest's sha256");
      }
      caseTexts.emplace(name, std::move(text));
      continue;
    }
    const std::string prefix = "materials/";
    if (name.compare(0, prefix.size(), prefix) == 0) {
      const std::string sha = name.substr(prefix.size());
      const auto listed = manifest.materials.find(sha);
      if (listed == manifest.materials.end()) {
        throw CaseArchiveError(Kind::UnexpectedEntry, name, name + ": not listed in " + kManifest);
      }
      if (!materialsSeen.insert(sha).second) {
        throw CaseArchiveError(Kind::UnexpectedEntry, name, name + ": appears twice");
      }
      staged.stage(reader, sha, listed->second);
      continue;
    }
    throw CaseArchiveError(
        Kind::UnexpectedEntry, name,
        name + ": not an entry of a case archive (or not listed in " + kManifest + ")");
  }
  for (const ManifestCase& listed : manifest.cases) {
    if (caseTexts.count(listed.file) == 0) {
      throw CaseArchiveError(
          Kind::MissingEntry, listed.file,
          listed.file + ": listed in " + kManifest + " but not in the archive (is it truncated?)");
    }
  }
  for (const auto& [sha, size] : manifest.materials) {
    if (materialsSeen.count(sha) == 0) {
      throw CaseArchiveError(Kind::MissingEntry, materialEntryName(sha),
                             materialEntryName(sha) + ": listed in " + kManifest +
                                 " but not in the archive (is it truncated?)");
    }
  }
  std::vector<ParsedCase> parsed;
  for (const ManifestCase& listed : manifest.cases) {
    parsed.push_back(parseCaseFile(db, listed, caseTexts.at(listed.file), manifest, materials));
  }

  ImportReport report;
  report.sourceStation = manifest.station;
  report.exportedAt = manifest.exportedAt;
  report.materials = manifest.materials.size();
  for (const auto& [sha, size] : manifest.materials) report.materialBytes += size;

  // 2. The material files of the cases that will be inserted become durable first.
  std::set<std::string> needed;
  for (const ParsedCase& one : parsed) {
    if (decide(db, one).outcome != Outcome::Insert) continue;
    for (const ArchivedSlot& slot : one.slots) {
      for (const ArchivedPage& page : slot.pages) {
        if (manifest.materials.count(page.sha256) != 0) needed.insert(page.sha256);
      }
    }
  }
  for (const std::string& sha : needed) {
    const StoredFile stored = materials.putFile(staged.pathOf(sha));
    if (stored.sha256 != sha) {
      throw CaseArchiveError(Kind::Mismatch, materialEntryName(sha),
                             materialEntryName(sha) + ": changed while it was being imported");
    }
    if (!stored.alreadyPresent) ++report.materialsAdded;
  }

  // 3. Each case in its own transaction with its audit entry.
  const std::string details = "from " + (manifest.station.empty() ? "?" : manifest.station) +
                              " exported " + manifest.exportedAt;
  for (const ParsedCase& one : parsed) {
    Transaction transaction(db);
    const Decision decision = decide(db, one);
    if (decision.outcome == Outcome::Skip) {
      report.skipped.push_back(one.info);
      continue;
    }
    if (decision.outcome == Outcome::Conflict) {
      report.conflicts.push_back(decision.conflict);
      continue;
    }
    insertCase(db, one, actor.at);
    AuditLog::append(db, {actor.at, actor.clerkId, "case.import", one.info.uuid,
                          one.info.provisionalNo.value_or("") + " " + details});
    transaction.commit();
    report.imported.push_back(one.info);
  }
  return report;
}

}  // namespace onewindow::localdb
