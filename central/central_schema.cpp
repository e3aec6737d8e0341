#include "central/central_schema.hpp"

#include <array>
#include <string_view>

namespace onewindow::central {
namespace {

// Times are Unix seconds (UTC): compared in SQL, formatted for the wire only at the edge.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE clerks (
  clerk_id       TEXT PRIMARY KEY NOT NULL,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
  password_hash  TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY NOT NULL,
  clerk_id     TEXT NOT NULL REFERENCES clerks (clerk_id) ON DELETE CASCADE,
  window_code  TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_clerk ON sessions (clerk_id);
)sql";

// Issue 5 (central/API.md §4). Case bodies are kept exactly as received: the SHA-256 of those
// bytes is the idempotency check of a resubmission.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE stations (
  station_id  TEXT PRIMARY KEY NOT NULL,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL
);
CREATE TABLE materials (
  sha256       TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  size         INTEGER NOT NULL CHECK (size >= 0),
  complete     INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1)),
  received_at  INTEGER NOT NULL
);
CREATE TABLE material_uploads (
  sha256         TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  upload_offset  INTEGER NOT NULL CHECK (upload_offset >= 0),
  total          INTEGER NOT NULL CHECK (total >= 0),
  updated_at     INTEGER NOT NULL
);
CREATE TABLE cases (
  case_uuid       TEXT PRIMARY KEY NOT NULL,
  station_id      TEXT NOT NULL,
  latest_version  INTEGER NOT NULL CHECK (latest_version >= 1),
  official_no     TEXT NOT NULL UNIQUE,
  state           TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX cases_by_station ON cases (station_id);
CREATE TABLE case_versions (
  case_uuid    TEXT NOT NULL REFERENCES cases (case_uuid),
  version      INTEGER NOT NULL CHECK (version >= 1),
  body_sha256  TEXT NOT NULL,
  body         TEXT NOT NULL,
  state        TEXT NOT NULL,
  station_id   TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (case_uuid, version)
);
CREATE TABLE official_sequences (
  implementing_code  TEXT NOT NULL,
  day                TEXT NOT NULL,
  last_sequence      INTEGER NOT NULL,
  PRIMARY KEY (implementing_code, day)
);
CREATE TABLE changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id   TEXT NOT NULL,
  case_uuid    TEXT NOT NULL,
  kind         TEXT NOT NULL
                 CHECK (kind IN ('official-number', 'status', 'decision', 'certificate')),
  state        TEXT,
  result       TEXT,
  official_no  TEXT,
  number       TEXT,
  note         TEXT,
  at           INTEGER NOT NULL
);
CREATE INDEX changes_by_station ON changes (station_id, seq);
CREATE TABLE ratings (
  rating_id    TEXT PRIMARY KEY NOT NULL,
  station_id   TEXT NOT NULL,
  case_uuid    TEXT NOT NULL,
  stage        TEXT NOT NULL,
  label        TEXT NOT NULL,
  scale        TEXT NOT NULL,
  level        INTEGER NOT NULL,
  rated_at     TEXT NOT NULL,
  body_sha256  TEXT NOT NULL,
  received_at  INTEGER NOT NULL
);
)sql";

// Catalog distribution (central/API.md §4.9). A release is the whole catalog; files are kept
// by content hash so a form unchanged between releases is one row, fetched once by clients.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE catalog_files (
  sha256  TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  body    BLOB NOT NULL
);
CREATE TABLE catalog_releases (
  release       TEXT PRIMARY KEY NOT NULL,
  published     TEXT NOT NULL,
  published_at  INTEGER NOT NULL,
  manifest      TEXT NOT NULL
);
CREATE TABLE catalog_release_files (
  release  TEXT NOT NULL REFERENCES catalog_releases (release),
  path     TEXT NOT NULL,
  sha256   TEXT NOT NULL REFERENCES catalog_files (sha256),
  PRIMARY KEY (release, path)
);
-- The release served to workstations: the last one published.
CREATE TABLE catalog_current (
  only_row  INTEGER PRIMARY KEY CHECK (only_row = 1),
  release   TEXT NOT NULL REFERENCES catalog_releases (release)
);
)sql";

// 一件事 bundles (DESIGN.md §8, central/API.md §4.7): an accepted bundle case is split into one
// sub-case per part, routed to the part's department. The change feed gains the kind
// 'sub-case' and the part's matter and department (SQLite cannot alter a CHECK: the table is
// rebuilt, keeping every seq).
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE sub_cases (
  case_uuid    TEXT NOT NULL REFERENCES cases (case_uuid),
  part         INTEGER NOT NULL CHECK (part >= 1),
  sub_no       TEXT NOT NULL UNIQUE,
  matter_code  TEXT NOT NULL,
  matter_name  TEXT NOT NULL,
  department   TEXT NOT NULL,
  state        TEXT NOT NULL,
  routed_at    INTEGER NOT NULL,
  PRIMARY KEY (case_uuid, part)
);
CREATE TABLE changes_v4 (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id   TEXT NOT NULL,
  case_uuid    TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('official-number', 'status', 'decision',
                                             'certificate', 'sub-case')),
  state        TEXT,
  result       TEXT,
  official_no  TEXT,
  number       TEXT,
  note         TEXT,
  at           INTEGER NOT NULL,
  matter_code  TEXT,
  department   TEXT
);
INSERT INTO changes_v4 (seq, station_id, case_uuid, kind, state, result, official_no, number,
                        note, at)
  SELECT seq, station_id, case_uuid, kind, state, result, official_no, number, note, at
  FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v4 RENAME TO changes;
CREATE INDEX changes_by_station ON changes (station_id, seq);
)sql";

// Issued documents (central/API.md §4.5.2): the archived PDFs each version of a case names,
// in the order the body lists them. The PDFs themselves are materials.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE case_documents (
  case_uuid  TEXT NOT NULL,
  version    INTEGER NOT NULL,
  position   INTEGER NOT NULL CHECK (position >= 1),
  kind       TEXT NOT NULL CHECK (kind <> ''),
  number     TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  size       INTEGER NOT NULL CHECK (size > 0),
  reprint    INTEGER NOT NULL CHECK (reprint IN (0, 1)),
  PRIMARY KEY (case_uuid, version, position),
  FOREIGN KEY (case_uuid, version) REFERENCES case_versions (case_uuid, version)
);
CREATE INDEX case_documents_by_sha256 ON case_documents (sha256);
)sql";

// A citizen's verification address (GET /v/<number>) names the provisional number when the
// notice was printed before central numbered the case: kept in a column, taken from the
// bodies already stored (the attribute is required in every body, written with '"').
constexpr std::string_view kSchemaV6 = R"sql(
ALTER TABLE cases ADD COLUMN provisional_no TEXT NOT NULL DEFAULT '';
UPDATE cases SET provisional_no = substr(
  substr(body, instr(body, 'provisional-no="') + 16), 1,
  instr(substr(body, instr(body, 'provisional-no="') + 16), '"') - 1)
WHERE instr(body, 'provisional-no="') > 0;
CREATE INDEX cases_by_provisional_no ON cases (provisional_no);
)sql";

// A bad rating carries why (ticked reasons, a text): the supervisor's follow-up starts from it.
constexpr std::string_view kSchemaV7 = R"sql(
ALTER TABLE ratings ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN comment TEXT NOT NULL DEFAULT '';
)sql";

// A certificate in the change feed carries its issuer, validity and the matter's own data for the
// window to print it at pick-up (central/API.md §4.7).
constexpr std::string_view kSchemaV8 = R"sql(
ALTER TABLE changes ADD COLUMN issuer TEXT;
ALTER TABLE changes ADD COLUMN valid_until TEXT;
ALTER TABLE changes ADD COLUMN fields TEXT;
)sql";

// The supervisor's centre-wide case list (central/API.md §4.12) filters and sorts on what the
// case body says: kept in columns, written with every stored version. SQL cannot read the XML,
// so the rows already stored are filled in C++ right after the migrations run
// (backfillCaseListings; intake_at NULL marks a row not yet filled).
constexpr std::string_view kSchemaV9 = R"sql(
ALTER TABLE cases ADD COLUMN window_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN clerk_id TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN matter_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN matter_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN applicant_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN intake_at INTEGER;
ALTER TABLE cases ADD COLUMN promised_due_date TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN legal_due_date TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_state_intake ON cases (state, intake_at);
CREATE INDEX cases_by_intake ON cases (intake_at);
CREATE INDEX cases_by_promised_due ON cases (promised_due_date);
CREATE INDEX cases_by_matter ON cases (matter_code);
)sql";

// The supervisor's 督办 mark (central/API.md §4.13), one per case, kept by central so the clerk
// at the case's own station sees it through the change feed. The feed gains the kind
// 'supervision' and who made a change (`actor`, written as `by`); SQLite cannot alter a CHECK,
// so the table is rebuilt as in schema 4, keeping every seq.
constexpr std::string_view kSchemaV10 = R"sql(
CREATE TABLE supervision_marks (
  case_uuid  TEXT PRIMARY KEY NOT NULL REFERENCES cases (case_uuid),
  note       TEXT NOT NULL CHECK (note <> ''),
  marked_by  TEXT NOT NULL,
  marked_at  INTEGER NOT NULL
);
CREATE TABLE changes_v10 (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id   TEXT NOT NULL,
  case_uuid    TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('official-number', 'status', 'decision',
                                             'certificate', 'sub-case', 'supervision')),
  state        TEXT,
  result       TEXT,
  official_no  TEXT,
  number       TEXT,
  note         TEXT,
  at           INTEGER NOT NULL,
  matter_code  TEXT,
  department   TEXT,
  issuer       TEXT,
  valid_until  TEXT,
  fields       TEXT,
  actor        TEXT
);
INSERT INTO changes_v10 (seq, station_id, case_uuid, kind, state, result, official_no, number,
                         note, at, matter_code, department, issuer, valid_until, fields)
  SELECT seq, station_id, case_uuid, kind, state, result, official_no, number, note, at,
         matter_code, department, issuer, valid_until, fields
  FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v10 RENAME TO changes;
CREATE INDEX changes_by_station ON changes (station_id, seq);
)sql";

// The change feed's cursor with several writers (issue 15): each writer takes the next seq
// from this one row. The UPDATE locks the row until the writer's transaction ends, so the
// next writer gets its seq only after the previous one committed (or rolled back, giving its
// number back): seqs become visible in the order they were given and a reader that has seen
// seq N never meets a seq below N later. An identity column would not do: PostgreSQL hands
// out sequence values at once, and transactions commit in any order.
constexpr std::string_view kSchemaV11 = R"sql(
CREATE TABLE change_sequence (
  only_row  INTEGER PRIMARY KEY CHECK (only_row = 1),
  last_seq  INTEGER NOT NULL CHECK (last_seq >= 0)
);
INSERT INTO change_sequence (only_row, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM changes;
)sql";

// Failed logins per clerk id (central/API.md §3, central/login_protection.hpp): a series of
// wrong passwords and the lock it led to, kept in the database because every central process of
// a district must see the same lock. Unknown ids get rows too (the replies must not tell which
// ids exist); a row means nothing once its lock is served or its series is 15 minutes old, and
// is deleted then. Times are Unix seconds; locked_until 0 means not locked.
constexpr std::string_view kSchemaV12 = R"sql(
CREATE TABLE login_failures (
  clerk_id          TEXT PRIMARY KEY NOT NULL,
  failures          INTEGER NOT NULL CHECK (failures >= 1),
  first_failure_at  INTEGER NOT NULL,
  locked_until      INTEGER NOT NULL DEFAULT 0
);
)sql";

constexpr std::array kMigrations{
    localdb::Migration{1, kSchemaV1},   localdb::Migration{2, kSchemaV2},
    localdb::Migration{3, kSchemaV3},   localdb::Migration{4, kSchemaV4},
    localdb::Migration{5, kSchemaV5},   localdb::Migration{6, kSchemaV6},
    localdb::Migration{7, kSchemaV7},   localdb::Migration{8, kSchemaV8},
    localdb::Migration{9, kSchemaV9},   localdb::Migration{10, kSchemaV10},
    localdb::Migration{11, kSchemaV11}, localdb::Migration{12, kSchemaV12}};

constexpr localdb::SchemaDefinition kSchema{kCentralApplicationId, "central store", kMigrations};

}  // namespace

const localdb::SchemaDefinition& centralSchema() { return kSchema; }

}  // namespace onewindow::central
