// The service's SQLite schema as numbered migrations, applied by the one
// runner in base/sqlite_migrations.h. Called once per store, on the
// writer connection, before any other use of the file.
#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "base/sqlite_migrations.h"

namespace carevoice::service::store {

using base::Migration;

// Every migration, oldest first.
std::span<const Migration> SqliteMigrations();

// Brings the store file up to the newest migration (see
// base::MigrateSqlite for what happens on failure).
absl::Status MigrateSqlite(base::Db& db);

}  // namespace carevoice::service::store
