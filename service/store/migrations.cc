#include "service/store/migrations.h"

#include "absl/strings/str_cat.h"

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

constexpr Migration kMigrations[] = {
    {1, kV1},
};

absl::StatusOr<int> CurrentVersion(Db& db) {
  auto has_table = db.Prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
      "'schema_version'");
  if (!has_table.ok()) return has_table.status();
  if (auto row = has_table->Step(); !row.ok()) return row.status();
  if (has_table->ColumnInt(0) == 0) {
    auto any = db.Prepare("SELECT count(*) FROM sqlite_master");
    if (!any.ok()) return any.status();
    if (auto row = any->Step(); !row.ok()) return row.status();
    if (any->ColumnInt(0) != 0) {
      return absl::FailedPreconditionError(
          "the database file holds tables but no schema_version: it is not a "
          "CareVoice database");
    }
    return 0;
  }
  auto version = db.Prepare("SELECT max(version) FROM schema_version");
  if (!version.ok()) return version.status();
  if (auto row = version->Step(); !row.ok()) return row.status();
  return version->ColumnIsNull(0) ? 0
                                  : static_cast<int>(version->ColumnInt(0));
}

absl::Status ApplyMissing(Db& db) {
  auto current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  const int newest = kMigrations[std::size(kMigrations) - 1].version;
  if (*current > newest) {
    return absl::FailedPreconditionError(
        absl::StrCat("database schema version ", *current,
                     " is newer than this program knows (", newest, ")"));
  }
  if (auto s = db.Exec(
          "CREATE TABLE IF NOT EXISTS schema_version ("
          "  version INTEGER NOT NULL, applied_at INTEGER NOT NULL)");
      !s.ok()) {
    return s;
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= *current) continue;
    if (auto s = db.Exec(m.sql); !s.ok()) return s;
    auto record = db.Prepare(
        "INSERT INTO schema_version (version, applied_at) VALUES "
        "(?1, CAST(strftime('%s', 'now') AS INTEGER))");
    if (!record.ok()) return record.status();
    if (auto s = record->Bind(1, m.version).Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

absl::Status MigrateSqlite(Db& db) {
  // IMMEDIATE takes the write lock first, so two processes opening the same
  // new file cannot both decide to create the tables.
  if (auto s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  absl::Status s = ApplyMissing(db);
  if (s.ok()) s = db.Exec("COMMIT");
  if (!s.ok()) db.Exec("ROLLBACK").IgnoreError();
  return s;
}

}  // namespace carevoice::service::store
