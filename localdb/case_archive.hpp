#pragma once
// Case archives: carrying cases from one station to another by hand when the network is down
// for days (issue 3 item 6; the format is described in docs/case-archive.md).
//
// An archive is a POSIX tar file (pax), gzip-compressed when its name ends in .gz or .tgz:
//
//   manifest.xml         always the first entry:
//                        <case-archive format="1" exported-at="…Z" station="…" app-version="…">
//                          <case uuid provisional-no official-no state file="cases/<uuid>.xml"
//                                sha256="…"/>   one per case
//                          <material sha256="…" size="…"/>   one per distinct material file
//                        </case-archive>
//   cases/<uuid>.xml     the whole case: every column of `cases`, every `case_revisions` row,
//                        the `material_slots` with their `material_pages`, the `decisions`
//                        and the draft's `form_instances` row if any. Each row is a list of
//                        <col name="…">text</col> (an absent value is <col name="…" null="1"/>),
//                        so a column added by a later migration travels without a format change.
//   materials/<sha256>   the bytes of each material file, named by their SHA-256.
//
// Export writes <archive>.partial, fsyncs it and renames it, so a half-written archive never
// carries the final name; a `case.export` audit entry per case commits with it. Import checks
// the whole archive first (manifest, every case file's hash, every material's content against
// its name) and changes nothing when anything is wrong; then each case is inserted in its own
// transaction with a `case.import` audit entry, or skipped (already here, same revisions), or
// reported as a conflict (here with different revisions, or its number belongs to another case).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/material_store.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

inline constexpr int kCaseArchiveFormat = 1;

// Something is wrong with an archive or with what it asks for. entry() names the archive
// entry ("manifest.xml", "cases/<uuid>.xml", "materials/<sha256>") when there is one.
class CaseArchiveError : public std::runtime_error {
 public:
  enum class Kind {
    NotAnArchive,       // not a tar file (nor a gzip-compressed one)
    Truncated,          // the file ends early
    MissingEntry,       // the manifest, or an entry the manifest lists, is not there
    UnexpectedEntry,    // an entry the format does not have, or one the manifest does not list
    MalformedXml,       // pugixml could not parse it (the message gives the offset)
    UnsupportedFormat,  // a format version this program does not read
    Invalid,            // well-formed but wrong (missing attribute, unknown column, ...)
    Mismatch,           // content does not match its name or the manifest's hash or size
    NotFound,           // export: a selected case is not in this store
    Io,                 // reading or writing a file failed
  };
  CaseArchiveError(Kind kind, std::string entry, const std::string& what)
      : std::runtime_error(what), kind_(kind), entry_(std::move(entry)) {}
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& entry() const { return entry_; }

 private:
  Kind kind_;
  std::string entry_;
};

// Which cases to export. Named cases are always included; the intake range adds every case
// taken in within it; with neither, every case is exported. Drafts (cases without a
// provisional number) are left out unless includeDrafts; naming one without it is an error.
struct ExportSelection {
  std::vector<std::string> cases;           // uuid, provisional number or official number
  std::optional<std::string> intakeFrom;    // ISO 8601 UTC or YYYY-MM-DD, inclusive
  std::optional<std::string> intakeBefore;  // ISO 8601 UTC or YYYY-MM-DD, exclusive
  bool includeDrafts = false;
  // nullopt: gzip when the archive's name ends in .gz or .tgz.
  std::optional<bool> gzip;
};

struct ArchivedCase {
  std::string uuid;
  std::optional<std::string> provisionalNo;
  std::optional<std::string> officialNo;
  std::string state;
};

struct ExportReport {
  std::vector<ArchivedCase> cases;
  std::uint64_t materials = 0;  // distinct material files written
  std::uint64_t materialBytes = 0;
  std::uint64_t archiveBytes = 0;  // size of the archive file
};

struct ImportConflict {
  std::string uuid;  // the archived case
  std::optional<std::string> provisionalNo;
  std::optional<std::string> localUuid;  // the local case it collides with, if another one
  std::string reason;
};

struct ImportReport {
  std::string sourceStation;  // from the manifest
  std::string exportedAt;
  std::vector<ArchivedCase> imported;
  std::vector<ArchivedCase> skipped;  // already here with the same revisions
  std::vector<ImportConflict> conflicts;
  std::uint64_t materials = 0;       // material files in the archive
  std::uint64_t materialsAdded = 0;  // of those, new to this station's store
  std::uint64_t materialBytes = 0;   // bytes of material in the archive
};

// Throws CaseArchiveError, SqliteError or MaterialStoreError; on any failure no archive is
// left under `archive` and no audit entry is written.
ExportReport exportCases(Database& db, const MaterialStore& materials,
                         const ExportSelection& selection, const std::filesystem::path& archive,
                         const Actor& actor);

// Throws CaseArchiveError when the archive is unreadable or wrong in any way (then nothing
// was imported), SqliteError or MaterialStoreError for local failures. Conflicts are not
// errors: they are in the report.
ImportReport importCases(Database& db, MaterialStore& materials,
                         const std::filesystem::path& archive, const Actor& actor);

}  // namespace onewindow::localdb
