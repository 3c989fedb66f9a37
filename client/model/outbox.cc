// The outbox on SQLite. Every public call takes the one mutex, so the UI
// thread (Enqueue) and the syncer thread (Pending, Mark*) never share the
// connection at the same moment. Bodies are bound as parameters and never
// appear in an error message or a log line.
#include "client/model/outbox.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <iostream>
#include <mutex>
#include <random>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "contract/reference_code.h"
#include "contract/validation.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace carevoice::client {
namespace {

// Where a refusal's field and key travel inside an absl::Status.
constexpr char kFieldErrorPayload[] =
    "type.carevoice.dev/carevoice.client.FieldError";

constexpr std::string_view kStatePending = "pending";
constexpr std::string_view kStateDelivered = "delivered";
constexpr std::string_view kStateRejected = "rejected";

// Each entry moves the schema from version i to i + 1. Append, never edit:
// outboxes in the field are at every version that ever shipped.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"sql(
CREATE TABLE device (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id TEXT NOT NULL,
  next_counter INTEGER NOT NULL
);
CREATE TABLE items (
  submission_id TEXT PRIMARY KEY,
  counter INTEGER NOT NULL UNIQUE,   -- the reference counter; gives the order
  reference TEXT NOT NULL,
  state TEXT NOT NULL,               -- pending | delivered | rejected
  body BLOB,                         -- Submission; NULL once delivered
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,       -- device clock, Unix microseconds
  reject_field TEXT,
  reject_key TEXT
);
CREATE INDEX items_by_state ON items (state, counter);
CREATE TABLE catalog_cache (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  bytes BLOB NOT NULL
);
)sql",
};

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  const absl::StatusCode code =
      primary == SQLITE_BUSY || primary == SQLITE_LOCKED
          ? absl::StatusCode::kUnavailable
      : primary == SQLITE_FULL || primary == SQLITE_IOERR ||
              primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
          ? absl::StatusCode::kDataLoss
          : absl::StatusCode::kInternal;
  return absl::Status(code, absl::StrCat("outbox: ", what, ": ", msg));
}

// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()),
                             &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  absl::Status status(absl::string_view what) const {
    return rc_ == SQLITE_OK ? absl::OkStatus() : SqliteError(db_, rc_, what);
  }
  Stmt& Bind(int i, std::string_view text) {
    Check(sqlite3_bind_text(stmt_, i, text.data(),
                            static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& BindBlob(int i, std::string_view bytes) {
    Check(sqlite3_bind_blob(stmt_, i, bytes.data(),
                            static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& Bind(int i, std::int64_t v) {
    Check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  // SQLITE_ROW -> true, SQLITE_DONE -> false, otherwise an error.
  absl::StatusOr<bool> Step(absl::string_view what) {
    if (rc_ != SQLITE_OK) return SqliteError(db_, rc_, what);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, rc, what);
  }
  absl::Status Run(absl::string_view what) {
    absl::StatusOr<bool> row = Step(what);
    return row.ok() ? absl::OkStatus() : row.status();
  }
  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  std::string Text(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    const int n = sqlite3_column_bytes(stmt_, col);
    return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), n);
  }

 private:
  void Check(int rc) {
    if (rc_ == SQLITE_OK && rc != SQLITE_OK) rc_ = rc;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

absl::Status Exec(sqlite3* db, std::string_view sql, absl::string_view what) {
  const int rc = sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr,
                              nullptr);
  return rc == SQLITE_OK ? absl::OkStatus() : SqliteError(db, rc, what);
}

// Rolls back unless Commit() succeeded, so every early return leaves the
// file as it was.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  // IMMEDIATE takes the write lock up front, so the counter read and the
  // insert that consumes it cannot interleave with another writer.
  absl::Status Begin() {
    absl::Status s = Exec(db_, "BEGIN IMMEDIATE", "begin");
    open_ = s.ok();
    return s;
  }
  absl::Status Commit() {
    absl::Status s = Exec(db_, "COMMIT", "commit");
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

// Lowercase hex of `bytes` random bytes from the OS entropy source.
std::string RandomHex(std::size_t bytes) {
  static std::mutex mu;
  static std::random_device device;  // /dev/urandom or getrandom on Linux
  std::lock_guard lock(mu);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes; i += 4) {
    std::uint32_t word = device();
    for (std::size_t j = 0; j < 4 && i + j < bytes; ++j) {
      out.push_back(kHex[(word >> 4) & 0xf]);
      out.push_back(kHex[word & 0xf]);
      word >>= 8;
    }
  }
  return out;
}

// The same message always gives the same bytes (map order included), so a
// resent body is byte-identical to the first one the service saw.
std::string SerializeDeterministic(const google::protobuf::MessageLite& m) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    m.SerializeToCodedStream(&coded);
  }
  return out;
}

std::int64_t ToUnixMicros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1'000'000 + t.nanos() / 1000;
}

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  const std::int64_t seconds = absl::ToUnixSeconds(t);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(
      (t - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
}

DeliveryState StateFromText(std::string_view s) {
  if (s == kStateDelivered) return DeliveryState::kDelivered;
  if (s == kStateRejected) return DeliveryState::kRejected;
  return DeliveryState::kPending;
}

constexpr char kItemColumns[] =
    "submission_id, reference, state, body, attempts, reject_field, "
    "reject_key";

absl::StatusOr<OutboxItem> ItemFromRow(const Stmt& row) {
  OutboxItem item;
  item.submission_id = row.Text(0);
  item.reference = row.Text(1);
  item.state = StateFromText(row.Text(2));
  if (!row.IsNull(3) && !item.submission.ParseFromString(row.Text(3))) {
    return absl::DataLossError(
        absl::StrCat("outbox: unreadable body for ", item.submission_id));
  }
  item.attempts = static_cast<int>(row.Int(4));
  item.reject_field = row.Text(5);
  item.reject_key = row.Text(6);
  return item;
}

absl::StatusOr<int> ReadSchemaVersion(sqlite3* db) {
  absl::Status s = Exec(
      db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
      "schema_version");
  if (!s.ok()) return s;
  Stmt q(db, "SELECT version FROM schema_version");
  absl::StatusOr<bool> row = q.Step("read schema_version");
  if (!row.ok()) return row.status();
  return *row ? static_cast<int>(q.Int(0)) : 0;
}

absl::Status Migrate(sqlite3* db) {
  absl::StatusOr<int> version = ReadSchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version > static_cast<int>(kMigrations.size())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "outbox: schema version ", *version,
        " is newer than this program understands (",
        kMigrations.size(), ")"));
  }
  for (int v = *version; v < static_cast<int>(kMigrations.size()); ++v) {
    Transaction tx(db);
    if (absl::Status s = tx.Begin(); !s.ok()) return s;
    if (absl::Status s = Exec(db, kMigrations[v], absl::StrCat("migrate to ", v + 1));
        !s.ok()) {
      return s;
    }
    Stmt clear(db, "DELETE FROM schema_version");
    if (absl::Status s = clear.Run("migrate"); !s.ok()) return s;
    Stmt set(db, "INSERT INTO schema_version (version) VALUES (?)");
    set.Bind(1, std::int64_t{v + 1});
    if (absl::Status s = set.Run("migrate"); !s.ok()) return s;
    if (absl::Status s = tx.Commit(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// Reads the device id, creating it (with a fresh random id) on first open.
absl::StatusOr<std::string> EnsureDevice(sqlite3* db) {
  Transaction tx(db);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  Stmt q(db, "SELECT device_id FROM device WHERE id = 1");
  absl::StatusOr<bool> row = q.Step("read device");
  if (!row.ok()) return row.status();
  if (*row) return q.Text(0);
  std::string device_id = RandomHex(16);
  Stmt insert(db,
              "INSERT INTO device (id, device_id, next_counter) VALUES (1, ?, 0)");
  insert.Bind(1, device_id);
  if (absl::Status s = insert.Run("create device"); !s.ok()) return s;
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return device_id;
}

}  // namespace

struct Outbox::Db {
  std::mutex mu;
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close_v2(handle); }

  // Moves the WAL's pages into the file and empties the WAL, so words
  // erased by an UPDATE do not linger in old WAL frames.
  void Checkpoint() {
    Stmt q(handle, "PRAGMA wal_checkpoint(TRUNCATE)");
    absl::StatusOr<bool> row = q.Step("checkpoint");
    if (!row.ok() || (*row && q.Int(0) != 0)) {
      // The state change is already committed; the next checkpoint will
      // finish the job. Nothing personal in this message.
      std::cerr << "outbox: checkpoint incomplete; will retry later\n";
    }
  }

  // Updates one item by id; NotFound when there is no such item.
  absl::Status UpdateOne(Stmt& update, const std::string& id,
                         absl::string_view what) {
    if (absl::Status s = update.Run(what); !s.ok()) return s;
    if (sqlite3_changes(handle) > 0) return absl::OkStatus();
    Stmt q(handle, "SELECT state FROM items WHERE submission_id = ?");
    q.Bind(1, id);
    absl::StatusOr<bool> row = q.Step(what);
    if (!row.ok()) return row.status();
    if (!*row) return absl::NotFoundError(absl::StrCat("outbox: no item ", id));
    return absl::FailedPreconditionError(
        absl::StrCat("outbox: ", what, ": item ", id, " is ", q.Text(0)));
  }
};

Outbox::Outbox(std::unique_ptr<Db> db, std::string device_id)
    : db_(std::move(db)), device_id_(std::move(device_id)) {}

Outbox::~Outbox() = default;

absl::StatusOr<std::unique_ptr<Outbox>> Outbox::Open(const std::string& path) {
  // The file holds what people said: readable by the kiosk's user only.
  // SQLite gives its -wal and -shm files the same permissions.
  if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      fd >= 0) {
    ::close(fd);
  }
  auto db = std::make_unique<Db>();
  const int rc = sqlite3_open_v2(
      path.c_str(), &db->handle,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) return SqliteError(db->handle, rc, "open");
  sqlite3_busy_timeout(db->handle, 5000);

  {
    // Scoped: an unfinished statement would block the commits below.
    Stmt wal(db->handle, "PRAGMA journal_mode=WAL");
    absl::StatusOr<bool> row = wal.Step("journal_mode");
    if (!row.ok()) return row.status();
    if (!*row || wal.Text(0) != "wal") {
      return absl::FailedPreconditionError("outbox: WAL mode not available");
    }
  }
  // FULL: a commit survives power loss, which is what lets the kiosk say
  // "sent". secure_delete: erased words are overwritten, not just unlinked.
  if (absl::Status s = Exec(db->handle,
                            "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;",
                            "pragmas");
      !s.ok()) {
    return s;
  }
  if (absl::Status s = Migrate(db->handle); !s.ok()) return s;
  absl::StatusOr<std::string> device_id = EnsureDevice(db->handle);
  if (!device_id.ok()) return device_id.status();
  return std::unique_ptr<Outbox>(new Outbox(std::move(db), *std::move(device_id)));
}

absl::StatusOr<OutboxItem> Outbox::Enqueue(v1::Submission draft,
                                           absl::Time now) {
  std::lock_guard lock(db_->mu);
  sqlite3* db = db_->handle;
  Transaction tx(db);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;

  std::int64_t counter = 0;
  {
    // Scoped: an unfinished statement would block the commit.
    Stmt q(db, "SELECT next_counter FROM device WHERE id = 1");
    absl::StatusOr<bool> row = q.Step("read counter");
    if (!row.ok()) return row.status();
    if (!*row) return absl::DataLossError("outbox: device row missing");
    counter = q.Int(0);
  }
  if (counter < 0 || counter >= contract::kMaxReferenceCounter) {
    return absl::ResourceExhaustedError(
        "outbox: this device has used all its reference codes");
  }
  std::optional<std::string> reference = contract::MakeReference(
      contract::DeviceCodeFor(device_id_), static_cast<std::uint32_t>(counter));
  if (!reference) return absl::InternalError("outbox: cannot make a reference");

  draft.set_submission_id(RandomHex(16));
  draft.set_reference(*reference);
  if (!draft.has_created_at()) SetTimestamp(now, draft.mutable_created_at());
  if (draft.channel() == v1::CHANNEL_UNSPECIFIED) {
    draft.set_channel(v1::CHANNEL_KIOSK);
  }
  if (std::optional<contract::FieldError> bad =
          contract::ValidateSubmission(draft, now)) {
    // The transaction rolls back: nothing stored, no counter consumed.
    absl::Status refused = absl::InvalidArgumentError(
        absl::StrCat(bad->field, ": ", bad->message_key));
    refused.SetPayload(kFieldErrorPayload,
                       absl::Cord(absl::StrCat(bad->field, "\n",
                                               bad->message_key)));
    return refused;
  }

  Stmt insert(db,
              "INSERT INTO items (submission_id, counter, reference, state, "
              "body, attempts, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)");
  insert.Bind(1, draft.submission_id())
      .Bind(2, counter)
      .Bind(3, draft.reference())
      .Bind(4, kStatePending)
      .BindBlob(5, SerializeDeterministic(draft))
      .Bind(6, ToUnixMicros(draft.created_at()));
  if (absl::Status s = insert.Run("insert item"); !s.ok()) return s;
  // Same transaction as the insert: a reference is consumed exactly when
  // an item holding it is stored, so none is ever handed out twice.
  Stmt bump(db, "UPDATE device SET next_counter = ? WHERE id = 1");
  bump.Bind(1, counter + 1);
  if (absl::Status s = bump.Run("bump counter"); !s.ok()) return s;
  if (absl::Status s = tx.Commit(); !s.ok()) return s;

  OutboxItem item;
  item.submission_id = draft.submission_id();
  item.reference = draft.reference();
  item.state = DeliveryState::kPending;
  item.submission = std::move(draft);
  return item;
}

absl::StatusOr<std::vector<OutboxItem>> Outbox::Pending(int limit) {
  std::lock_guard lock(db_->mu);
  Stmt q(db_->handle,
         absl::StrCat("SELECT ", kItemColumns,
                      " FROM items WHERE state = ? ORDER BY counter LIMIT ?"));
  q.Bind(1, kStatePending).Bind(2, std::int64_t{limit});
  std::vector<OutboxItem> items;
  for (;;) {
    absl::StatusOr<bool> row = q.Step("read pending");
    if (!row.ok()) return row.status();
    if (!*row) break;
    absl::StatusOr<OutboxItem> item = ItemFromRow(q);
    if (!item.ok()) return item.status();
    items.push_back(*std::move(item));
  }
  return items;
}

absl::StatusOr<int> Outbox::PendingCount() {
  std::lock_guard lock(db_->mu);
  Stmt q(db_->handle, "SELECT COUNT(*) FROM items WHERE state = ?");
  q.Bind(1, kStatePending);
  absl::StatusOr<bool> row = q.Step("count pending");
  if (!row.ok()) return row.status();
  return static_cast<int>(q.Int(0));
}

absl::StatusOr<std::optional<OutboxItem>> Outbox::Find(const std::string& id) {
  std::lock_guard lock(db_->mu);
  Stmt q(db_->handle, absl::StrCat("SELECT ", kItemColumns,
                                   " FROM items WHERE submission_id = ?"));
  q.Bind(1, id);
  absl::StatusOr<bool> row = q.Step("find item");
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OutboxItem>();
  absl::StatusOr<OutboxItem> item = ItemFromRow(q);
  if (!item.ok()) return item.status();
  return std::optional<OutboxItem>(*std::move(item));
}

absl::Status Outbox::MarkDelivered(const std::string& submission_id) {
  std::lock_guard lock(db_->mu);
  Stmt update(db_->handle,
              "UPDATE items SET state = ?, body = NULL, reject_field = NULL, "
              "reject_key = NULL WHERE submission_id = ?");
  update.Bind(1, kStateDelivered).Bind(2, submission_id);
  if (absl::Status s = db_->UpdateOne(update, submission_id, "mark delivered");
      !s.ok()) {
    return s;
  }
  db_->Checkpoint();
  return absl::OkStatus();
}

absl::Status Outbox::MarkRejected(const std::string& submission_id,
                                  const std::string& field,
                                  const std::string& message_key) {
  std::lock_guard lock(db_->mu);
  // A delivered item has lost its words; the service cannot un-store it.
  Stmt update(db_->handle,
              "UPDATE items SET state = ?, reject_field = ?, reject_key = ? "
              "WHERE submission_id = ? AND state <> ?");
  update.Bind(1, kStateRejected)
      .Bind(2, field)
      .Bind(3, message_key)
      .Bind(4, submission_id)
      .Bind(5, kStateDelivered);
  return db_->UpdateOne(update, submission_id, "mark rejected");
}

absl::Status Outbox::CountAttempt(const std::string& submission_id) {
  std::lock_guard lock(db_->mu);
  Stmt update(db_->handle,
              "UPDATE items SET attempts = attempts + 1 "
              "WHERE submission_id = ? AND state = ?");
  update.Bind(1, submission_id).Bind(2, kStatePending);
  return db_->UpdateOne(update, submission_id, "count attempt");
}

absl::StatusOr<std::optional<v1::Catalog>> Outbox::CachedCatalog() {
  std::lock_guard lock(db_->mu);
  Stmt q(db_->handle, "SELECT bytes FROM catalog_cache WHERE id = 1");
  absl::StatusOr<bool> row = q.Step("read catalog");
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Catalog>();
  v1::Catalog catalog;
  if (!catalog.ParseFromString(q.Text(0))) {
    return absl::DataLossError("outbox: cached catalog is unreadable");
  }
  return std::optional<v1::Catalog>(std::move(catalog));
}

absl::Status Outbox::CacheCatalog(const v1::Catalog& catalog) {
  std::lock_guard lock(db_->mu);
  Stmt upsert(db_->handle,
              "INSERT OR REPLACE INTO catalog_cache (id, version, bytes) "
              "VALUES (1, ?, ?)");
  upsert.Bind(1, catalog.version()).BindBlob(2, SerializeDeterministic(catalog));
  return upsert.Run("cache catalog");
}

std::optional<contract::FieldError> FieldErrorOf(const absl::Status& status) {
  auto payload = status.GetPayload(kFieldErrorPayload);  // absl::optional
  if (!payload) return std::nullopt;
  std::pair<std::string, std::string> parts =
      absl::StrSplit(std::string(*payload), absl::MaxSplits('\n', 1));
  return contract::FieldError{std::move(parts.first), std::move(parts.second)};
}

}  // namespace carevoice::client
