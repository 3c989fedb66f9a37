// The one migration runner for CareVoice's SQLite files (the service store
// and the kiosk outbox): numbered schema steps applied in one transaction.
// Call once per file, on one connection, before any other use of it.
#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "base/sqlite_db.h"

namespace carevoice::base {

struct Migration {
  int version;           // 1, 2, 3, ... with no gaps
  std::string_view sql;  // statements that take version-1 to version
};

// Reads schema_version and applies the migrations newer than it (oldest
// first, `migrations` sorted), all in one IMMEDIATE transaction, so a crash
// leaves either the old or the new schema and two processes opening a new
// file cannot both create it. Fails with FAILED_PRECONDITION when the file
// holds other tables but no schema_version (not ours) or a version newer
// than the newest in `migrations`.
absl::Status MigrateSqlite(Db& db, std::span<const Migration> migrations);

// The version a file is at: 0 for an empty file.
absl::StatusOr<int> SchemaVersion(Db& db);

}  // namespace carevoice::base
