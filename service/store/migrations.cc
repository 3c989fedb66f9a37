#include "service/store/migrations.h"


namespace carevoice::service::store {
namespace {

// Version 1: submissions, equality-monitoring counts and the audit log.
//
// submissions.body is the deterministic serialization of the Submission
// with equality monitoring removed; the other columns are derived from it
// (or set by the service) so lists and summaries need not parse blobs.
//
// equality_monitoring holds counts, not rows: no submission id and no row
// order that could be lined up with the submissions table, so the answers
// cannot be linked back to the words (DESIGN.md, "kept apart").
constexpr std::string_view kV1 = R"sql(
CREATE TABLE submissions (
  submission_id TEXT PRIMARY KEY NOT NULL,
  body          BLOB NOT NULL,
  device_id     TEXT NOT NULL,
  reference     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  urgent        INTEGER NOT NULL,      -- 1 for safeguarding
  received_at   INTEGER NOT NULL,      -- unix microseconds, UTC
  status        INTEGER NOT NULL,      -- carevoice.v1.CaseStatus
  service_id    TEXT NOT NULL DEFAULT '',
  reply         TEXT NOT NULL DEFAULT '',  -- published "you said, we did"
  updated_at    INTEGER NOT NULL       -- unix microseconds, UTC
);
-- References from different devices may collide: indexed, not unique.
CREATE INDEX submissions_by_reference ON submissions (reference, received_at);
CREATE INDEX submissions_by_received ON submissions (received_at, submission_id);

CREATE TABLE equality_monitoring (
  month                   TEXT NOT NULL,     -- YYYY-MM of receipt
  kind                    TEXT NOT NULL,
  service_id              TEXT NOT NULL,
  age_band                INTEGER NOT NULL,
  sex                     INTEGER NOT NULL,
  disabled                INTEGER NOT NULL,
  unpaid_carer            INTEGER NOT NULL,
  ethnic_group            INTEGER NOT NULL,
  gender_same_as_at_birth INTEGER NOT NULL,
  count                   INTEGER NOT NULL,
  PRIMARY KEY (month, kind, service_id, age_band, sex, disabled,
               unpaid_carer, ethnic_group, gender_same_as_at_birth)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,   -- unix microseconds, UTC
  officer TEXT NOT NULL,
  action  TEXT NOT NULL,
  count   INTEGER NOT NULL
);
)sql";

// Version 2: officers' lists show urgent submissions (safeguarding) first.
constexpr std::string_view kV2 = R"sql(
CREATE INDEX submissions_by_urgency
  ON submissions (urgent, received_at, submission_id);
)sql";

// Version 3: when the person told the device, on the service's clock
// (created_at corrected by the device's clock offset), and that offset.
// Rows from before are 0: not measured.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE submissions ADD COLUMN told_at INTEGER NOT NULL DEFAULT 0;  -- unix us
ALTER TABLE submissions ADD COLUMN clock_offset INTEGER NOT NULL DEFAULT 0;  -- us
)sql";

// Version 4: the audit becomes a hash chain (audit_chain.h). Rows from
// before keep seq 0 and are reported as unchained.
constexpr std::string_view kV4 = R"sql(
ALTER TABLE audit_log ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
)sql";

// Version 5: officers' accounts and sessions (service/auth), and the
// reason an officer gave for reading words or contact details. The reason
// is personal data: the chain covers its hash, so erasure can blank it.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE audit_log ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN reason_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE accounts (
  name           TEXT PRIMARY KEY NOT NULL,
  role           TEXT NOT NULL,
  password_hash  TEXT NOT NULL,      -- crypto_pwhash_str (Argon2id)
  disabled       INTEGER NOT NULL,
  failed_signins INTEGER NOT NULL,
  last_failed_at INTEGER NOT NULL,   -- unix microseconds
  locked_until   INTEGER NOT NULL,   -- unix microseconds
  created_at     INTEGER NOT NULL    -- unix microseconds
);

-- Found by the SHA-256 of the token; the token itself is never stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY NOT NULL,
  account    TEXT NOT NULL REFERENCES accounts (name),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ends_at    INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account);
)sql";

// Version 6: enrolled devices, found by the hash of their credential, and
// the one-time codes that enrol them (kept as hashes too).
constexpr std::string_view kV6 = R"sql(
CREATE TABLE devices (
  device_id       TEXT PRIMARY KEY NOT NULL,
  site            TEXT NOT NULL,
  mode            TEXT NOT NULL,          -- kiosk or tablet
  credential_hash TEXT NOT NULL UNIQUE,   -- SHA-256 of the credential
  enrolled_at     INTEGER NOT NULL,       -- unix microseconds
  revoked_at      INTEGER NOT NULL        -- 0 while not revoked
);

CREATE TABLE enrolment_codes (
  code_hash  TEXT PRIMARY KEY NOT NULL,   -- SHA-256 of the code
  site       TEXT NOT NULL,
  mode       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER NOT NULL,            -- 0 while unused
  device_id  TEXT NOT NULL                -- who used it
);
)sql";

// Version 7: the quarantine: what could not be taken as a submission, kept
// raw with the reason, once per device, id and bytes.
constexpr std::string_view kV7 = R"sql(
CREATE TABLE quarantine (
  id            INTEGER PRIMARY KEY,
  received_at   INTEGER NOT NULL,   -- unix microseconds
  device_id     TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  reason        TEXT NOT NULL,
  raw           BLOB NOT NULL,
  raw_hash      TEXT NOT NULL,      -- SHA-256 of raw, hex
  UNIQUE (device_id, submission_id, raw_hash)
);
)sql";

// Version 8: the catalog lives in the store, each publication a row, so
// every replica serves the same one; the newest is served.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE catalogs (
  serial       INTEGER PRIMARY KEY,
  published_at INTEGER NOT NULL,   -- unix microseconds
  published_by TEXT NOT NULL,
  bytes        BLOB NOT NULL       -- canonical v1.Catalog, version set
);
)sql";

// Version 9: fair limits, shared by every replica: per limited thing
// (a device's batches, a reference's look-ups ...), until when its
// allowance is spent. Rows in the past mean nothing and are swept.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE limits (
  key         TEXT PRIMARY KEY,
  spent_until INTEGER NOT NULL     -- unix microseconds
) WITHOUT ROWID;
)sql";

// Version 10: the keyed hash of the PIN given with each reference
// (auth/pins.h); NULL for submissions from kiosks older than PINs. The
// PIN itself is never kept.
constexpr std::string_view kV10 = R"sql(
ALTER TABLE submissions ADD COLUMN pin_hash BLOB;
)sql";

// Version 11: wrong passwords under names with no account, kept as for an
// account so the answers do not tell which names exist; by the name's
// SHA-256 (the name may be a password typed in the wrong box), and swept
// once they no longer slow or lock anyone.
constexpr std::string_view kV11 = R"sql(
CREATE TABLE signin_failures (
  name_hash      TEXT PRIMARY KEY,
  count          INTEGER NOT NULL,
  last_failed_at INTEGER NOT NULL,  -- unix microseconds
  locked_until   INTEGER NOT NULL   -- unix microseconds
) WITHOUT ROWID;
)sql";

// Version 12: the key pairs care-home tablets seal submissions to, so staff
// at the home cannot read what waits on the tablet. Every key ever made is
// kept: items sealed to an old one still open after a rotation.
constexpr std::string_view kV12 = R"sql(
CREATE TABLE sealing_keys (
  serial     INTEGER PRIMARY KEY,   -- the newest is the one to seal to
  key_id     TEXT NOT NULL UNIQUE,
  public_key BLOB NOT NULL,
  secret_key BLOB NOT NULL,
  created_at INTEGER NOT NULL       -- unix microseconds
);
)sql";

// Version 13: case handling (cases/): each case's place in the workflow,
// and its history. Removed with their submission.
constexpr std::string_view kV13 = R"sql(
CREATE TABLE cases (
  submission_id        TEXT PRIMARY KEY
                       REFERENCES submissions (submission_id) ON DELETE CASCADE,
  state                TEXT NOT NULL,
  statutory            INTEGER NOT NULL,
  assigned_to          TEXT NOT NULL DEFAULT '',
  acknowledged_at      INTEGER,           -- unix microseconds
  agreed_respond_by    TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD
  responded_at         INTEGER,           -- unix microseconds
  outcome              TEXT NOT NULL DEFAULT '',
  safeguarding_decided INTEGER NOT NULL DEFAULT 0,
  updated_at           INTEGER NOT NULL   -- unix microseconds
) WITHOUT ROWID;
CREATE TABLE case_events (
  id            INTEGER PRIMARY KEY,
  submission_id TEXT NOT NULL REFERENCES submissions (submission_id) ON DELETE CASCADE,
  at            INTEGER NOT NULL,         -- unix microseconds
  officer       TEXT NOT NULL,
  action        TEXT NOT NULL,
  detail        TEXT NOT NULL             -- personal data: blanked on anonymising
);
CREATE INDEX case_events_by_case ON case_events (submission_id, id);
)sql";

// Version 14: the reply published to the person ("you said, we did") and
// its language, kept on the case and copied beside the submission's status
// for CheckReference; the themes officers gave a case.
constexpr std::string_view kV14 = R"sql(
ALTER TABLE submissions ADD COLUMN reply_language TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN reply TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN reply_language TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN themes TEXT NOT NULL DEFAULT '';  -- ids, comma-separated
)sql";

// Version 15: who took part, counted each answer on its own. The counts
// of whole combinations per month, kind and service (equality_monitoring)
// held mostly ones and could single out a lone complaint; they become one
// count per month, aspect and value ("equality.age_band", "7"), with no
// order of arrival kept (WITHOUT ROWID, keyed by what is counted).
// tallies_counted holds only the random ids of visits counted, so a kiosk's
// retry is not counted twice; it says nothing of what they answered.
constexpr std::string_view kV15 = R"sql(
CREATE TABLE taking_part_counts (
  month  TEXT NOT NULL,     -- YYYY-MM of the visit
  aspect TEXT NOT NULL,     -- "visits", "how.speech", "equality.sex" ...
  value  TEXT NOT NULL,     -- an enum number, 1/0, a theme or language
  count  INTEGER NOT NULL,
  PRIMARY KEY (month, aspect, value)
) WITHOUT ROWID;
CREATE TABLE tallies_counted (
  tally_id TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality.age_band', CAST(age_band AS TEXT), SUM(count) FROM equality_monitoring
  WHERE age_band != 0 GROUP BY month, age_band;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality.sex', CAST(sex AS TEXT), SUM(count) FROM equality_monitoring
  WHERE sex != 0 GROUP BY month, sex;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality.disabled', CAST(disabled AS TEXT), SUM(count) FROM equality_monitoring
  WHERE disabled != 0 GROUP BY month, disabled;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality.unpaid_carer', CAST(unpaid_carer AS TEXT), SUM(count) FROM equality_monitoring
  WHERE unpaid_carer != 0 GROUP BY month, unpaid_carer;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality.ethnic_group', CAST(ethnic_group AS TEXT), SUM(count) FROM equality_monitoring
  WHERE ethnic_group != 0 GROUP BY month, ethnic_group;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality.gender_same_as_at_birth', CAST(gender_same_as_at_birth AS TEXT), SUM(count) FROM equality_monitoring
  WHERE gender_same_as_at_birth != 0 GROUP BY month, gender_same_as_at_birth;
INSERT INTO taking_part_counts (month, aspect, value, count)
  SELECT month, 'equality', 'answered', SUM(count) FROM equality_monitoring GROUP BY month;
DROP TABLE equality_monitoring;
)sql";

// Version 16: Forum ballots' boxes (store.h BallotBox): per ballot, the
// hashes of its codes, the codes used and the marked papers, each a sorted
// set in one value, so nothing records the order votes came in or joins a
// paper to its code.
constexpr std::string_view kV16 = R"sql(
CREATE TABLE ballot_boxes (
  ballot_id TEXT PRIMARY KEY NOT NULL,
  codes  BLOB NOT NULL,  -- 32-byte code hashes, sorted
  used   BLOB NOT NULL,  -- 64 bytes each (code hash, cast hash), sorted
  papers BLOB NOT NULL   -- papers, sorted, one per line
) WITHOUT ROWID;
)sql";

// Version 17: what committee reports count submissions by, beside the
// body, so a report is GROUP BY queries over one covering index and never
// reads a body: when the person told us (told_at, or the receipt where that
// was not measured), the provider, site, channel, who was speaking and the
// rating. Rows from before have facts = 0 until the store fills them from
// their bodies as it opens (FillReportFacts in sqlite_engine.cc).
constexpr std::string_view kV17 = R"sql(
ALTER TABLE submissions ADD COLUMN counted_at INTEGER NOT NULL DEFAULT 0;  -- unix us
ALTER TABLE submissions ADD COLUMN provider_id TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN site_id TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN channel INTEGER NOT NULL DEFAULT 0;   -- v1.Channel
ALTER TABLE submissions ADD COLUMN speaker INTEGER NOT NULL DEFAULT 0;   -- v1.Speaker
ALTER TABLE submissions ADD COLUMN rating INTEGER NOT NULL DEFAULT 0;    -- v1.Rating
ALTER TABLE submissions ADD COLUMN facts INTEGER NOT NULL DEFAULT 0;     -- 1 once filled
UPDATE submissions SET counted_at = CASE WHEN told_at != 0 THEN told_at ELSE received_at END;
CREATE INDEX submissions_for_reports ON submissions
  (counted_at, kind, service_id, provider_id, site_id, channel, speaker, rating);
)sql";

constexpr Migration kMigrations[] = {
    {1, kV1},
    {2, kV2},
    {3, kV3},
    {4, kV4},
    {5, kV5},
    {6, kV6},
    {7, kV7},
    {8, kV8},
    {9, kV9},
    {10, kV10},
    {11, kV11},
    {12, kV12},
    {13, kV13},
    {14, kV14},
    {15, kV15},
    {16, kV16},
    {17, kV17},
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

absl::Status MigrateSqlite(base::Db& db) {
  return base::MigrateSqlite(db, kMigrations);
}

}  // namespace carevoice::service::store
