// The one SQLite adapter both sides use (the service store and the kiosk
// outbox): RAII over the C API, result codes turned into absl::Status.
// One Db (and its statements) belongs to one thread at a time; a
// connection is never shared between threads without the caller's lock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace carevoice::base {

class Statement;

struct SqliteOptions {
  // How long a statement waits for another connection's lock.
  int busy_timeout_ms = 10'000;
  // Overwrite deleted content instead of only unlinking it (for files
  // holding what people said after it is erased).
  bool secure_delete = false;
  // Create the file readable and writable by its owner only (0600); SQLite
  // gives its -wal and -shm files the same permissions.
  bool owner_only = false;
};

class Db {
 public:
  // Opens (creating if needed) the database file at `path` and applies the
  // durability settings every CareVoice connection must have: WAL journal
  // (confirmed, else FAILED_PRECONDITION), synchronous=FULL, a busy timeout
  // and foreign keys. UNAVAILABLE when the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<Db>> Open(
      const std::string& path, const SqliteOptions& options = {});
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements with no parameters and no rows wanted.
  absl::Status Exec(std::string_view sql);
  absl::StatusOr<Statement> Prepare(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int Changes() const;

  // An error status for SQLite result code `rc` from an operation named by
  // `what`. BUSY/LOCKED become UNAVAILABLE (worth retrying), the rest
  // INTERNAL. Messages never carry submitted data.
  absl::Status Error(int rc, std::string_view what) const;

  sqlite3* raw() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// A prepared statement. Bind* take 1-based indexes as SQLite does; Column*
// take 0-based ones. Text and blobs are copied by SQLite (SQLITE_TRANSIENT)
// so arguments need not outlive the call.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& BindText(int index, std::string_view value);
  Statement& BindBlob(int index, std::string_view value);
  Statement& BindNull(int index);

  // Advances: true when a row is ready, false when done, or an error.
  absl::StatusOr<bool> Step();
  // Steps to completion, expecting no rows.
  absl::Status Run();
  // Steps through the rows, calling `row` on each (its columns ready) until
  // it returns false or the rows end; the first error stops it.
  absl::Status ForEachRow(const std::function<bool()>& row);
  // Clears bindings and rewinds so the statement can run again.
  void Reset();

  std::int64_t ColumnInt(int index) const;
  std::string ColumnText(int index) const;
  std::string ColumnBlob(int index) const;
  bool ColumnIsNull(int index) const;

 private:
  friend class Db;
  Statement(const Db* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  const Db* db_;
  sqlite3_stmt* stmt_;
  // The first bind error, reported by the next Step/Run.
  int bind_rc_ = 0;
};

// A write transaction (BEGIN IMMEDIATE: the write lock is taken up front,
// so a read and the write that depends on it cannot interleave with
// another writer). Rolls back on destruction unless Commit() succeeded, so
// every early return leaves the file as it was.
class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  absl::Status Begin();
  absl::Status Commit();

 private:
  Db& db_;
  bool open_ = false;
};

}  // namespace carevoice::base
