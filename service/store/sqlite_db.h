// A thin RAII adapter over the SQLite C API that turns result codes into
// absl::Status values. Internal to the SQLite store; nothing outside
// service/store includes it. One Db (and its statements) belongs to one
// thread at a time; SQLite is built thread-safe, but a connection is not
// shared here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace carevoice::service::store {

class Statement;

class Db {
 public:
  // Opens (creating if needed) the database file at `path` and applies the
  // durability settings every CareVoice connection must have: WAL journal,
  // synchronous=FULL, a busy timeout and foreign keys.
  static absl::StatusOr<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements with no parameters and no rows wanted.
  absl::Status Exec(std::string_view sql);
  absl::StatusOr<Statement> Prepare(std::string_view sql);

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

}  // namespace carevoice::service::store
