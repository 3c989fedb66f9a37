#include "base/sqlite_migrations.h"

#include "absl/strings/str_cat.h"

namespace carevoice::base {
namespace {

absl::StatusOr<std::int64_t> SelectInt(Db& db, std::string_view sql) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->ColumnInt(0) : 0;
}

absl::Status ApplyMissing(Db& db, std::span<const Migration> migrations) {
  auto current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
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
  // Outboxes written before this runner have a schema_version without
  // applied_at; they keep working.
  auto has_applied_at = SelectInt(
      db,
      "SELECT count(*) FROM pragma_table_info('schema_version') "
      "WHERE name = 'applied_at'");
  if (!has_applied_at.ok()) return has_applied_at.status();
  const std::string_view record_sql =
      *has_applied_at != 0
          ? "INSERT INTO schema_version (version, applied_at) VALUES "
            "(?1, CAST(strftime('%s', 'now') AS INTEGER))"
          : "INSERT INTO schema_version (version) VALUES (?1)";
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    if (auto s = db.Exec(m.sql); !s.ok()) return s;
    auto record = db.Prepare(record_sql);
    if (!record.ok()) return record.status();
    if (auto s = record->Bind(1, m.version).Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> SchemaVersion(Db& db) {
  auto has_table = SelectInt(
      db,
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
      "'schema_version'");
  if (!has_table.ok()) return has_table.status();
  if (*has_table == 0) {
    auto any = SelectInt(db, "SELECT count(*) FROM sqlite_master");
    if (!any.ok()) return any.status();
    if (*any != 0) {
      return absl::FailedPreconditionError(
          "the database file holds tables but no schema_version: it is not a "
          "CareVoice database");
    }
    return 0;
  }
  auto version = SelectInt(
      db, "SELECT coalesce(max(version), 0) FROM schema_version");
  if (!version.ok()) return version.status();
  return static_cast<int>(*version);
}

absl::Status MigrateSqlite(Db& db, std::span<const Migration> migrations) {
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  if (auto s = ApplyMissing(db, migrations); !s.ok()) return s;
  return tx.Commit();
}

}  // namespace carevoice::base
