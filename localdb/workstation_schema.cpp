#include "localdb/workstation_schema.hpp"

#include <array>

namespace onewindow::localdb {
namespace {

// Version 1 (foundation): the clerk session and the case rows behind the pending count.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE workstation_session (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  clerk_id      TEXT NOT NULL,
  clerk_name    TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
  window_code   TEXT NOT NULL,
  logged_in_at  TEXT NOT NULL
);
CREATE TABLE cases (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  provisional_no  TEXT NOT NULL UNIQUE,
  official_no     TEXT UNIQUE,
  state           TEXT NOT NULL,
  sync_state      TEXT NOT NULL DEFAULT 'local'
                  CHECK (sync_state IN ('local', 'queued', 'sending', 'sent_unconfirmed',
                                        'confirmed', 'quarantined')),
  created_at      TEXT NOT NULL
);
CREATE INDEX cases_by_sync_state ON cases (sync_state);
)sql";

// Version 2 (durable local store): the whole case with its form, materials, decisions,
// documents, prints and ratings; offline credentials; provisional numbering; the catalog
// cache; and the hash-chained audit log. Times are ISO 8601 UTC text ("...Z"), dates
// YYYY-MM-DD; the two intake/acceptance times are separate columns on purpose.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE station (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  station_id  TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);
CREATE TABLE windows (
  code   TEXT PRIMARY KEY,
  label  TEXT NOT NULL DEFAULT ''
);

-- Offline login: the salted slow hash of the last password central accepted.
CREATE TABLE clerk_credentials (
  clerk_id            TEXT PRIMARY KEY,
  clerk_name          TEXT NOT NULL DEFAULT '',
  role                TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
  password_hash       TEXT NOT NULL,
  verified_online_at  TEXT NOT NULL,
  failed_attempts     INTEGER NOT NULL DEFAULT 0,
  locked_until        TEXT
);

-- Provisional numbers: one station-wide counter that only grows (survives crashes and clock
-- changes; the date in the number is for people, the counter makes it unique).
CREATE TABLE provisional_sequence (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  last_value  INTEGER NOT NULL
);
INSERT INTO provisional_sequence (id, last_value) VALUES (1, 0);

-- Cases: rebuilt so that a draft can exist before it has a provisional number.
CREATE TABLE cases_v2 (
  id                   INTEGER PRIMARY KEY,
  uuid                 TEXT NOT NULL UNIQUE,
  provisional_no       TEXT UNIQUE,
  official_no          TEXT UNIQUE,
  matter_code          TEXT NOT NULL DEFAULT '',
  matter_name          TEXT NOT NULL DEFAULT '',
  applicant_name       TEXT NOT NULL DEFAULT '',
  applicant_id_type    TEXT NOT NULL DEFAULT '',
  applicant_id_number  TEXT NOT NULL DEFAULT '',
  clerk_id             TEXT NOT NULL DEFAULT '',
  window_code          TEXT NOT NULL DEFAULT '',
  state                TEXT NOT NULL CHECK (state IN (
                         'draft', 'intake', 'accepted', 'accepted_with_gaps',
                         'awaiting_correction', 'refused', 'in_progress', 'suspended',
                         'decided', 'finished', 'awaiting_pickup', 'collected', 'posted',
                         'withdrawn', 'void')),
  sync_state           TEXT NOT NULL DEFAULT 'local'
                       CHECK (sync_state IN ('local', 'queued', 'sending', 'sent_unconfirmed',
                                             'confirmed', 'quarantined')),
  sync_error           TEXT,
  revision             INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  intake_at            TEXT,
  accepted_at          TEXT,
  decided_at           TEXT,
  legal_due_date       TEXT,
  promised_due_date    TEXT,
  CHECK (state = 'draft' OR state = 'void' OR provisional_no IS NOT NULL),
  CHECK (state = 'draft' OR state = 'void' OR intake_at IS NOT NULL)
);
INSERT INTO cases_v2 (id, uuid, provisional_no, official_no, state, sync_state, created_at,
                      updated_at, intake_at)
  SELECT id, uuid, provisional_no, official_no,
         CASE WHEN state IN ('draft', 'intake', 'accepted', 'accepted_with_gaps',
                             'awaiting_correction', 'refused', 'in_progress', 'suspended',
                             'decided', 'finished', 'awaiting_pickup', 'collected', 'posted',
                             'withdrawn', 'void') THEN state ELSE 'intake' END,
         sync_state, created_at, created_at, created_at
  FROM cases;
DROP TABLE cases;
ALTER TABLE cases_v2 RENAME TO cases;
CREATE INDEX cases_by_sync_state ON cases (sync_state, id);
CREATE INDEX cases_by_state ON cases (state, intake_at);
CREATE INDEX cases_by_matter ON cases (matter_code, intake_at);
CREATE INDEX cases_by_clerk ON cases (clerk_id, intake_at);
CREATE INDEX cases_by_promised_due ON cases (promised_due_date);
CREATE INDEX cases_by_intake ON cases (intake_at);

-- The case's identity fields are frozen once it has been taken in; later changes are
-- revisions (case_revisions), never edits.
CREATE TRIGGER cases_frozen_after_intake BEFORE UPDATE OF
    uuid, matter_code, matter_name, applicant_name, applicant_id_type, applicant_id_number,
    clerk_id, window_code, intake_at, created_at
  ON cases WHEN OLD.state <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a finalized case is immutable; record a revision instead');
END;
CREATE TRIGGER cases_numbers_never_change BEFORE UPDATE OF provisional_no ON cases
  WHEN OLD.provisional_no IS NOT NULL AND NEW.provisional_no IS NOT OLD.provisional_no
BEGIN
  SELECT RAISE(ABORT, 'a provisional number never changes');
END;
CREATE TRIGGER cases_official_number_bound_once BEFORE UPDATE OF official_no ON cases
  WHEN OLD.official_no IS NOT NULL AND NEW.official_no IS NOT OLD.official_no
BEGIN
  SELECT RAISE(ABORT, 'an official number is bound once');
END;
CREATE TRIGGER cases_never_deleted_after_intake BEFORE DELETE ON cases
  WHEN OLD.state <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a case a citizen holds a receipt for is never deleted');
END;

-- The draft's form (the XForm instance XML), saved by autosave.
CREATE TABLE form_instances (
  case_id       INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  form_id       TEXT NOT NULL DEFAULT '',
  form_version  TEXT NOT NULL DEFAULT '',
  instance_xml  TEXT NOT NULL,
  saved_at      TEXT NOT NULL
);

-- Frozen revisions: revision 1 is the form as taken in; each later one names the one it
-- replaces and why.
CREATE TABLE case_revisions (
  id                 INTEGER PRIMARY KEY,
  case_id            INTEGER NOT NULL REFERENCES cases (id),
  revision           INTEGER NOT NULL,
  replaces_revision  INTEGER,
  form_id            TEXT NOT NULL DEFAULT '',
  form_version       TEXT NOT NULL DEFAULT '',
  instance_xml       TEXT NOT NULL,
  reason             TEXT NOT NULL DEFAULT '',
  clerk_id           TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  UNIQUE (case_id, revision),
  CHECK ((revision = 1 AND replaces_revision IS NULL) OR replaces_revision = revision - 1)
);
CREATE TRIGGER case_revisions_append_only_update BEFORE UPDATE ON case_revisions
BEGIN
  SELECT RAISE(ABORT, 'case revisions are append-only');
END;
CREATE TRIGGER case_revisions_append_only_delete BEFORE DELETE ON case_revisions
BEGIN
  SELECT RAISE(ABORT, 'case revisions are append-only');
END;

-- Materials: a slot per required material of the case; its pages point to files named by
-- their SHA-256 in the material store (identical pages are stored once).
CREATE TABLE material_slots (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  slot_key        TEXT NOT NULL,
  name            TEXT NOT NULL,
  mandatory       INTEGER NOT NULL DEFAULT 1,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'received', 'elicence', 'gap', 'missing')),
  original_count  INTEGER NOT NULL DEFAULT 0,
  copy_count      INTEGER NOT NULL DEFAULT 0,
  elicence_id     TEXT,
  note            TEXT NOT NULL DEFAULT '',
  UNIQUE (case_id, slot_key)
);
CREATE TABLE material_files (
  sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size_bytes  INTEGER NOT NULL,
  media_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
  stored_at   TEXT NOT NULL
);
CREATE TABLE material_pages (
  id        INTEGER PRIMARY KEY,
  slot_id   INTEGER NOT NULL REFERENCES material_slots (id) ON DELETE CASCADE,
  page_no   INTEGER NOT NULL,
  sha256    TEXT NOT NULL REFERENCES material_files (sha256),
  UNIQUE (slot_id, page_no)
);
CREATE INDEX material_pages_by_file ON material_pages (sha256);

-- Decisions at the window and from central.
CREATE TABLE decisions (
  id                 INTEGER PRIMARY KEY,
  case_id            INTEGER NOT NULL REFERENCES cases (id),
  kind               TEXT NOT NULL CHECK (kind IN ('accept', 'accept_with_gaps',
                                                   'correction_notice', 'refuse')),
  decided_at         TEXT NOT NULL,
  clerk_id           TEXT NOT NULL,
  grounds            TEXT NOT NULL DEFAULT '',
  legal_basis        TEXT NOT NULL DEFAULT '',
  gap_deadline       TEXT,
  commitment_signed  INTEGER NOT NULL DEFAULT 0,
  details_xml        TEXT NOT NULL DEFAULT '',
  CHECK (kind <> 'refuse' OR length(grounds) > 0),
  CHECK (kind <> 'accept_with_gaps' OR (gap_deadline IS NOT NULL AND commitment_signed = 1))
);
CREATE INDEX decisions_by_case ON decisions (case_id);

CREATE TABLE issued_documents (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases (id),
  kind         TEXT NOT NULL,
  document_no  TEXT NOT NULL UNIQUE,
  issued_at    TEXT NOT NULL,
  pdf_sha256   TEXT REFERENCES material_files (sha256)
);
CREATE TABLE prints (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES issued_documents (id),
  printed_at   TEXT NOT NULL,
  clerk_id     TEXT NOT NULL,
  printer      TEXT NOT NULL DEFAULT '',
  is_reprint   INTEGER NOT NULL DEFAULT 0,
  reason       TEXT NOT NULL DEFAULT '',
  CHECK (is_reprint = 0 OR length(reason) > 0)
);
-- Ratings keep the label and a named scale: the standard codes 1 = very satisfied, the
-- rating devices 5 = very satisfied (domain reference); conversion happens at the edges.
CREATE TABLE ratings (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER REFERENCES cases (id),
  stage     TEXT NOT NULL CHECK (stage IN ('acceptance', 'completion', 'visit')),
  label     TEXT NOT NULL CHECK (label IN ('非常满意', '满意', '基本满意', '不满意', '非常不满意')),
  scale     TEXT NOT NULL,
  level     INTEGER NOT NULL,
  reasons   TEXT NOT NULL DEFAULT '',
  rated_at  TEXT NOT NULL,
  synced    INTEGER NOT NULL DEFAULT 0
);

-- Catalog, forms, templates and calendars as distributed by central, by version.
CREATE TABLE catalog_cache (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('catalog', 'form', 'template', 'calendar')),
  item_key        TEXT NOT NULL,
  version         TEXT NOT NULL,
  etag            TEXT NOT NULL DEFAULT '',
  effective_from  TEXT NOT NULL,
  body            BLOB NOT NULL,
  fetched_at      TEXT NOT NULL,
  UNIQUE (kind, item_key, version)
);

-- Who did what to which case, when; each entry's hash covers the previous entry's hash, so
-- a changed or removed entry breaks the chain (checked by onewindow-ctl fsck).
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  clerk_id   TEXT NOT NULL,
  action     TEXT NOT NULL,
  case_uuid  TEXT NOT NULL DEFAULT '',
  details    TEXT NOT NULL DEFAULT '',
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Applicant-name search. Chinese names have no spaces, so names are indexed one character
-- a token (see case_name_tokens); rowid = cases.id.
CREATE VIRTUAL TABLE case_name_index USING fts5(name_tokens, tokenize = 'unicode61');
)sql";

// Version 3 (sync with central): what was confirmed, what is in flight (the exact body, so a
// retry after a lost reply is byte-identical and central's idempotency holds), the retry
// schedule, and the change-feed cursor. cases.sync_state stays the one state column.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE case_sync (
  case_id            INTEGER PRIMARY KEY REFERENCES cases (id),
  confirmed_version  INTEGER NOT NULL DEFAULT 0,
  confirmed_sha256   TEXT NOT NULL DEFAULT '',
  pending_version    INTEGER,
  pending_body       TEXT,
  pending_sha256     TEXT,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    TEXT,
  last_error         TEXT NOT NULL DEFAULT '',
  last_attempt_at    TEXT,
  CHECK ((pending_version IS NULL) = (pending_body IS NULL))
);
CREATE TABLE sync_cursor (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  cursor  TEXT NOT NULL
);
INSERT INTO sync_cursor (id, cursor) VALUES (1, '0');
)sql";

// Version 4 (catalog distribution): which fetched catalog release the windows use. The files
// of every release are rows of catalog_cache (version = release, etag = the file's SHA-256).
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE catalog_active (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  release    TEXT NOT NULL,
  published  TEXT NOT NULL,
  installed_at TEXT NOT NULL
);
CREATE INDEX catalog_cache_by_etag ON catalog_cache (etag);
)sql";

// Version 5 (一件事 bundles): central splits an accepted bundle case into one sub-case per
// department and tells the station through the change feed; the window keeps them with the case
// so the clerk can tell the applicant where each part went.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE case_sub_cases (
  sub_no       TEXT PRIMARY KEY NOT NULL,
  case_id      INTEGER NOT NULL REFERENCES cases (id),
  matter_code  TEXT NOT NULL,
  matter_name  TEXT NOT NULL,
  department   TEXT NOT NULL,
  state        TEXT NOT NULL,
  routed_at    TEXT NOT NULL
);
CREATE INDEX case_sub_cases_by_case ON case_sub_cases (case_id);
)sql";

// Version 6 (the rules in the engine): the scenario answers a case was taken in with — they
// made its material list, and central derives the list again from them — frozen with the case;
// and the machine code of the last sync error, so the window says it in the clerk's language.
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE cases ADD COLUMN scenario_answers TEXT NOT NULL DEFAULT '';
CREATE TRIGGER cases_scenarios_frozen_after_intake BEFORE UPDATE OF scenario_answers ON cases
  WHEN OLD.state <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a finalized case is immutable; record a revision instead');
END;
ALTER TABLE case_sync ADD COLUMN last_error_code TEXT NOT NULL DEFAULT '';
)sql";

// Version 7 (printing): each print of an issued document with the PDF that went out (a reprint
// shows the official number bound since and says 补打), the printer's job and how it ended. A
// "print" to a PDF file has printer '' and outcome 'saved'.
constexpr std::string_view kVersion7 = R"sql(
ALTER TABLE issued_documents ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE issued_documents ADD COLUMN clerk_id TEXT NOT NULL DEFAULT '';
ALTER TABLE prints ADD COLUMN pdf_sha256 TEXT REFERENCES material_files (sha256);
ALTER TABLE prints ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;
ALTER TABLE prints ADD COLUMN job_id INTEGER;
ALTER TABLE prints ADD COLUMN outcome TEXT NOT NULL DEFAULT 'sent'
  CHECK (outcome IN ('sent', 'completed', 'failed', 'saved'));
ALTER TABLE prints ADD COLUMN detail TEXT NOT NULL DEFAULT '';
CREATE INDEX issued_documents_by_case ON issued_documents (case_id, kind);
CREATE INDEX prints_by_document ON prints (document_id);
)sql";

// Version 8 (scanning): every page captured into a material slot, written the moment it arrives
// (its source file durable in the material store first), so a crash, a jam or a pulled cable
// keeps every page done. The output is the page after the automatic steps and the clerk's
// edits, encoded to the material's policy; it is empty until the page has been processed (a
// crash in between is repaired by processing it again). Pages the clerk deletes are only
// marked removed, so an undo brings them back.
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE captured_pages (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  slot_key        TEXT NOT NULL,
  position        INTEGER NOT NULL,
  source_sha256   TEXT NOT NULL REFERENCES material_files (sha256),
  device          TEXT NOT NULL DEFAULT '',
  captured_at     TEXT NOT NULL,
  clerk_id        TEXT NOT NULL,
  quarter_turns   INTEGER NOT NULL DEFAULT 0 CHECK (quarter_turns BETWEEN 0 AND 3),
  crop_x          INTEGER,
  crop_y          INTEGER,
  crop_width      INTEGER,
  crop_height     INTEGER,
  blank           INTEGER NOT NULL DEFAULT 0,
  removed         INTEGER NOT NULL DEFAULT 0,
  output_sha256   TEXT REFERENCES material_files (sha256),
  output_width    INTEGER NOT NULL DEFAULT 0,
  output_height   INTEGER NOT NULL DEFAULT 0,
  output_dpi      INTEGER NOT NULL DEFAULT 0,
  output_quality  INTEGER NOT NULL DEFAULT 0,
  within_limit    INTEGER NOT NULL DEFAULT 1,
  warning         TEXT NOT NULL DEFAULT '',
  CHECK ((crop_x IS NULL) = (crop_width IS NULL))
);
CREATE INDEX captured_pages_by_slot ON captured_pages (case_id, slot_key, position);
)sql";

// Version 9 (the case desk): the second visit. A material supplied after the decision (a 容缺
// gap, a supplement to a correction notice) keeps when it came, from which clerk, and what it
// was before, so each decision is checked against the materials as they stood then. What
// happens to a case after its decision at the window (withdrawal, voiding an overdue 容缺
// case, the hand-over of the result, posting it) is one row each. A rating belongs to one
// visit (one per visit), carries its reasons and goes to central by its own UUID. The
// applicant's mobile number (from the form) and the audit entries' window make the case
// findable and its timeline complete.
constexpr std::string_view kVersion9 = R"sql(
ALTER TABLE material_slots ADD COLUMN supplied_at TEXT;
ALTER TABLE material_slots ADD COLUMN supplied_by TEXT;
ALTER TABLE material_slots ADD COLUMN supplied_after INTEGER;
-- A revision of a case taken in (a correction of its answers) after how many decisions.
ALTER TABLE case_revisions ADD COLUMN decisions_before INTEGER;
ALTER TABLE material_slots ADD COLUMN status_before TEXT
  CHECK (status_before IS NULL OR status_before IN ('pending', 'gap', 'missing'));

CREATE TABLE case_events (
  id                   INTEGER PRIMARY KEY,
  case_id              INTEGER NOT NULL REFERENCES cases (id),
  kind                 TEXT NOT NULL CHECK (kind IN ('withdrawal', 'void', 'handover', 'posting')),
  at                   TEXT NOT NULL,
  clerk_id             TEXT NOT NULL,
  window_code          TEXT NOT NULL DEFAULT '',
  reason               TEXT NOT NULL DEFAULT '',
  collector_name       TEXT NOT NULL DEFAULT '',
  collector_id_type    TEXT NOT NULL DEFAULT '',
  collector_id_number  TEXT NOT NULL DEFAULT '',
  authorised           INTEGER NOT NULL DEFAULT 0,
  id_checked           INTEGER NOT NULL DEFAULT 0,
  documents            TEXT NOT NULL DEFAULT '',
  carrier              TEXT NOT NULL DEFAULT '',
  tracking_no          TEXT NOT NULL DEFAULT '',
  CHECK (kind NOT IN ('withdrawal', 'void') OR length(reason) > 0),
  CHECK (kind <> 'handover' OR (id_checked = 1 AND length(collector_id_number) > 0)),
  CHECK (kind <> 'posting' OR length(tracking_no) > 0)
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);
CREATE TRIGGER case_events_append_only_update BEFORE UPDATE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'what happened to a case is never rewritten');
END;

ALTER TABLE ratings ADD COLUMN uuid TEXT;
ALTER TABLE ratings ADD COLUMN visit TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN clerk_id TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN window_code TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE ratings ADD COLUMN sync_error TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX ratings_by_uuid ON ratings (uuid);
CREATE UNIQUE INDEX ratings_one_per_visit ON ratings (case_id, visit) WHERE visit <> '';
CREATE INDEX ratings_unsynced ON ratings (synced, id);

ALTER TABLE cases ADD COLUMN applicant_phone TEXT NOT NULL DEFAULT '';
CREATE TRIGGER cases_phone_frozen_after_intake BEFORE UPDATE OF applicant_phone ON cases
  WHEN OLD.state <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a finalized case is immutable; record a revision instead');
END;
CREATE INDEX cases_by_applicant_id ON cases (applicant_id_number);
CREATE INDEX cases_by_applicant_phone ON cases (applicant_phone) WHERE applicant_phone <> '';
-- The case list pages through these in the list's order (newest first, then by id); with the
-- state in the index a deep page skips rows without reading them.
DROP INDEX cases_by_intake;
CREATE INDEX cases_by_intake ON cases (intake_at, id, state);
CREATE INDEX cases_by_window ON cases (window_code, intake_at, id, state);
CREATE INDEX cases_by_window_due ON cases (window_code, promised_due_date);

ALTER TABLE audit_log ADD COLUMN window_code TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_by_case ON audit_log (case_uuid, seq);
)sql";

// Version 10: the certificate central issued for a case (its change feed), printed at pick-up
// on the matter's template. One per case: a reissue (a later feed entry) replaces it, the audit
// log keeps both. The document printed from it is named, so a reissue is printed as a new
// document, never as a reprint of the old one.
constexpr std::string_view kVersion10 = R"sql(
CREATE TABLE case_certificates (
  case_id      INTEGER PRIMARY KEY REFERENCES cases (id),
  feed_seq     INTEGER NOT NULL,
  number       TEXT NOT NULL CHECK (length(number) > 0),
  issued_at    TEXT NOT NULL,
  issuer       TEXT NOT NULL DEFAULT '',
  valid_until  TEXT NOT NULL DEFAULT '',
  fields       TEXT NOT NULL DEFAULT '',
  received_at  TEXT NOT NULL,
  document_no  TEXT
);
)sql";

// Version 11: the supervisor's work (issue 14). The 督办 mark on a case, with the note the
// clerk's case detail shows (one per case; lifting it deletes the row, the audit log keeps the
// story); the follow-up of a bad rating, step by step, append-only, closed by a step that says
// the outcome.
constexpr std::string_view kVersion11 = R"sql(
CREATE TABLE supervision_marks (
  case_id    INTEGER PRIMARY KEY REFERENCES cases (id),
  note       TEXT NOT NULL CHECK (length(note) > 0),
  marked_by  TEXT NOT NULL,
  marked_at  TEXT NOT NULL
);
CREATE TABLE rating_follow_ups (
  id             INTEGER PRIMARY KEY,
  rating_id      INTEGER NOT NULL REFERENCES ratings (id),
  at             TEXT NOT NULL,
  supervisor_id  TEXT NOT NULL,
  contact        TEXT NOT NULL CHECK (contact IN ('phone', 'visit', 'message', 'none')),
  outcome        TEXT NOT NULL DEFAULT '',
  text           TEXT NOT NULL DEFAULT '',
  closes         INTEGER NOT NULL DEFAULT 0,
  CHECK (length(outcome) > 0 OR length(text) > 0),
  CHECK (closes = 0 OR length(outcome) > 0)
);
CREATE INDEX rating_follow_ups_by_rating ON rating_follow_ups (rating_id, id);
CREATE UNIQUE INDEX rating_follow_ups_closed_once ON rating_follow_ups (rating_id) WHERE closes = 1;
CREATE TRIGGER rating_follow_ups_append_only BEFORE UPDATE ON rating_follow_ups
BEGIN
  SELECT RAISE(ABORT, 'a follow-up step is never rewritten');
END;
CREATE INDEX ratings_by_label ON ratings (label, rated_at);
CREATE INDEX ratings_by_time ON ratings (rated_at);
CREATE INDEX cases_by_sync_error ON cases (sync_state, state) WHERE sync_state = 'quarantined';
-- The deadline queues (running states, a promised-date range): the state and the date in one
-- index, so a count of the overdue does not read every older case to learn its state.
CREATE INDEX cases_by_state_due ON cases (state, promised_due_date, id);
-- The figures of a period count decisions on their own day.
CREATE INDEX cases_by_decided ON cases (decided_at) WHERE decided_at IS NOT NULL;
)sql";

// Version 12: the 督办 mark central keeps (API.md §4.13). The seq of each case's latest
// `supervision` change this station has, from central's reply or its feed: an older change read
// later from the feed never brings back a replaced note or a lifted mark.
constexpr std::string_view kVersion12 = R"sql(
CREATE TABLE supervision_central_seq (
  case_id  INTEGER PRIMARY KEY REFERENCES cases (id),
  seq      INTEGER NOT NULL CHECK (seq >= 0)
);
)sql";

constexpr std::array kMigrations{
    Migration{1, kVersion1},   Migration{2, kVersion2},   Migration{3, kVersion3},
    Migration{4, kVersion4},   Migration{5, kVersion5},   Migration{6, kVersion6},
    Migration{7, kVersion7},   Migration{8, kVersion8},   Migration{9, kVersion9},
    Migration{10, kVersion10}, Migration{11, kVersion11}, Migration{12, kVersion12}};

constexpr SchemaDefinition kSchema{kWorkstationApplicationId, "workstation store", kMigrations};

}  // namespace

const SchemaDefinition& workstationSchema() { return kSchema; }

}  // namespace onewindow::localdb
