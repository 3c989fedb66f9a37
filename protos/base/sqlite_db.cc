#include "base/sqlite_db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <utility>

#include "absl/strings/str_cat.h"

namespace carevoice::base {
namespace {

}  // namespace

absl::StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path,
                                             const SqliteOptions& options) {
  if (options.owner_only) {
    if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        fd >= 0) {
      ::close(fd);
    }
  }
  sqlite3* raw = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message =
        absl::StrCat("cannot open database: ", sqlite3_errstr(rc));
    sqlite3_close(raw);  // sqlite3_open_v2 may hand back a handle on error
    return absl::UnavailableError(message);
  }
  std::unique_ptr<Db> db(new Db(raw));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);

  // WAL must be confirmed: on some file systems SQLite silently stays in
  // rollback mode, and rule 1 depends on knowing what we got.
  auto mode = db->Prepare("PRAGMA journal_mode=WAL");
  if (!mode.ok()) return mode.status();
  auto has_row = mode->Step();
  if (!has_row.ok()) return has_row.status();
  if (!*has_row || mode->ColumnText(0) != "wal") {
    return absl::FailedPreconditionError(
        "database does not support WAL journal mode");
  }
  // FULL: a commit survives power loss, which is what lets either side say
  // "stored" (rule 1 of DESIGN.md).
  if (auto s = db->Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
      !s.ok()) {
    return s;
  }
  if (options.secure_delete) {
    if (auto s = db->Exec("PRAGMA secure_delete=ON;"); !s.ok()) return s;
  }
  return db;
}

Db::~Db() { sqlite3_close_v2(db_); }

absl::Status Db::Exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "exec");
  return absl::OkStatus();
}

absl::StatusOr<Statement> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()),
                              &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "prepare");
  return Statement(this, stmt);
}

int Db::Changes() const { return sqlite3_changes(db_); }

absl::Status Db::Error(int rc, std::string_view what) const {
  // sqlite3_errmsg describes the failure (e.g. "database is locked"); it
  // never echoes bound values, so it is safe for logs.
  std::string message = absl::StrCat("sqlite ", std::string(what), ": ",
                                     sqlite3_errmsg(db_),
                                     " (", rc, ")");
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_rc_(other.bind_rc_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_rc_ = other.bind_rc_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                               SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view value) {
  // A zero-length blob with a null pointer would bind NULL; "" keeps it a blob.
  const void* data = value.empty() ? "" : value.data();
  int rc = sqlite3_bind_blob64(stmt_, index, data, value.size(),
                               SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  if (bind_rc_ != 0) return db_->Error(bind_rc_, "bind");
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, "step");
}

absl::Status Statement::ForEachRow(const std::function<bool()>& row) {
  while (true) {
    absl::StatusOr<bool> ready = Step();
    if (!ready.ok()) return ready.status();
    if (!*ready || !row()) return absl::OkStatus();
  }
}

absl::Status Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = 0;
}

std::int64_t Statement::ColumnInt(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::ColumnText(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), size);
}

std::string Statement::ColumnBlob(int index) const {
  const void* data = sqlite3_column_blob(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  if (data == nullptr) return {};
  return std::string(static_cast<const char*>(data), size);
}

bool Statement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Transaction::~Transaction() {
  if (open_) db_.Exec("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Begin() {
  absl::Status s = db_.Exec("BEGIN IMMEDIATE");
  open_ = s.ok();
  return s;
}

absl::Status Transaction::Commit() {
  absl::Status s = db_.Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace carevoice::base
