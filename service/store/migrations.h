// The SQLite schema as numbered migrations, and the code that brings a
// database file up to the newest one. Called once per store, on the
// writer connection, before any other use of the file.
#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "service/store/sqlite_db.h"

namespace carevoice::service::store {

struct Migration {
  int version;           // 1, 2, 3, ... with no gaps
  std::string_view sql;  // statements that take version-1 to version
};

// Every migration, oldest first.
std::span<const Migration> SqliteMigrations();

// Reads schema_version and applies the missing migrations, all in one
// transaction, so a crash leaves either the old or the new schema. Fails
// with FAILED_PRECONDITION when the file holds other tables but no
// schema_version (not ours) or a version newer than this program knows.
absl::Status MigrateSqlite(Db& db);

}  // namespace carevoice::service::store
