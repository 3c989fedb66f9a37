// The outbox on SQLite. Every public call takes the one mutex, so the UI
// thread (Enqueue) and the syncer thread (Pending, Mark*) never share the
// connection at the same moment. Bodies are bound as parameters and never
// appear in an error message or a log line.
#include "client/model/outbox_sqlite.h"

#include <iostream>
#include <mutex>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "base/canonical.h"
#include "base/proto_time.h"
#include "base/random.h"
#include "base/sqlite_db.h"
#include "base/sqlite_migrations.h"
#include "contract/facts.h"

namespace carevoice::client {
namespace {

constexpr std::string_view kStatePending = "pending";
constexpr std::string_view kStateDelivered = "delivered";
constexpr std::string_view kStateRejected = "rejected";

// Append, never edit: outboxes in the field are at every version that
// ever shipped.
constexpr base::Migration kMigrations[] = {
    {1, R"sql(
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
)sql"},
    // Version 2: a worry that someone is at risk is sent before anything
    // else waiting (items queued before it stay in counter order).
    {2, R"sql(
ALTER TABLE items ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX items_by_urgency ON items (state, urgent, counter);
)sql"},
    // Version 3: the credential the service gave at enrolment (the file is
    // owner-only; the service keeps only its hash).
    {3, R"sql(
ALTER TABLE device ADD COLUMN credential TEXT NOT NULL DEFAULT '';
)sql"},
    // Version 4: a care-home tablet seals items for the service before
    // writing them: the key it pinned, and which key each item is sealed
    // to (NULL for a plain item).
    {4, R"sql(
ALTER TABLE device ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;  -- once 1, always
ALTER TABLE device ADD COLUMN sealing_key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE device ADD COLUMN sealing_public_key BLOB;
ALTER TABLE items ADD COLUMN sealed_key_id TEXT;
)sql"},
    // Version 5: counted visits waiting to go, apart from the items. Keyed
    // by their random ids with no rowid, so the file keeps no order of
    // arrival, and dated only by the day; deleted once counted.
    {5, R"sql(
CREATE TABLE tallies (
  tally_id      TEXT PRIMARY KEY NOT NULL,
  body          BLOB NOT NULL,      -- TakingPart, or sealed bytes
  sealed_key_id TEXT,               -- NULL for plain
  made_on       TEXT NOT NULL       -- YYYY-MM-DD, device clock
) WITHOUT ROWID;
)sql"},
};

using base::Statement;
using base::Transaction;

DeliveryState StateFromText(std::string_view s) {
  if (s == kStateDelivered) return DeliveryState::kDelivered;
  if (s == kStateRejected) return DeliveryState::kRejected;
  return DeliveryState::kPending;
}

constexpr char kItemColumns[] =
    "submission_id, reference, state, body, attempts, reject_field, "
    "reject_key, sealed_key_id";

absl::StatusOr<OutboxItem> ItemFromRow(const Statement& row) {
  OutboxItem item;
  item.submission_id = row.ColumnText(0);
  item.reference = row.ColumnText(1);
  item.state = StateFromText(row.ColumnText(2));
  if (!row.ColumnIsNull(7)) {
    // Sealed: only the service can open it.
    item.sealed_key_id = row.ColumnText(7);
    if (!row.ColumnIsNull(3)) item.sealed = row.ColumnBlob(3);
  } else if (!row.ColumnIsNull(3) &&
             !item.submission.ParseFromString(row.ColumnBlob(3))) {
    item.submission.Clear();
    item.damaged = true;
    item.raw_body = row.ColumnBlob(3);
  }
  item.attempts = static_cast<int>(row.ColumnInt(4));
  item.reject_field = row.ColumnText(5);
  item.reject_key = row.ColumnText(6);
  return item;
}

// Reads the device id, creating it (with a fresh random id) on first open.
absl::StatusOr<std::string> EnsureDevice(base::Db& db) {
  Transaction tx(db);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  {
    // Scoped: an unfinished statement would block the commit below.
    absl::StatusOr<Statement> q =
        db.Prepare("SELECT device_id FROM device WHERE id = 1");
    if (!q.ok()) return q.status();
    absl::StatusOr<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (*row) return q->ColumnText(0);
  }
  std::string device_id = base::RandomHex(base::SystemRandom::Get(), 16);
  absl::StatusOr<Statement> insert = db.Prepare(
      "INSERT INTO device (id, device_id, next_counter) VALUES (1, ?, 0)");
  if (!insert.ok()) return insert.status();
  if (absl::Status s = insert->BindText(1, device_id).Run(); !s.ok()) return s;
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return device_id;
}

}  // namespace

struct SqliteOutbox::Db {
  std::mutex mu;
  std::unique_ptr<base::Db> conn;

  // Moves the WAL's pages into the file and empties the WAL, so words
  // erased by an UPDATE do not linger in old WAL frames.
  void Checkpoint() {
    absl::StatusOr<Statement> q = conn->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    absl::StatusOr<bool> row = q.ok() ? q->Step() : q.status();
    if (!row.ok() || (*row && q->ColumnInt(0) != 0)) {
      // The state change is already committed; the next checkpoint will
      // finish the job. Nothing personal in this message.
      std::cerr << "outbox: checkpoint incomplete; will retry later\n";
    }
  }

  // Runs `update` on one item by id; NotFound when there is no such item,
  // FailedPrecondition when it is in a state the update excludes.
  absl::Status UpdateOne(absl::StatusOr<Statement>& update,
                         const std::string& id, absl::string_view what) {
    if (!update.ok()) return update.status();
    if (absl::Status s = update->Run(); !s.ok()) return s;
    if (conn->Changes() > 0) return absl::OkStatus();
    absl::StatusOr<Statement> q =
        conn->Prepare("SELECT state FROM items WHERE submission_id = ?");
    if (!q.ok()) return q.status();
    absl::StatusOr<bool> row = q->BindText(1, id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::NotFoundError(absl::StrCat("outbox: no item ", id));
    return absl::FailedPreconditionError(absl::StrCat(
        "outbox: ", what, ": item ", id, " is ", q->ColumnText(0)));
  }
};

SqliteOutbox::SqliteOutbox(std::unique_ptr<Db> db, std::string device_id,
                           OutboxOptions options)
    : db_(std::move(db)), device_id_(std::move(device_id)), options_(options) {}

SqliteOutbox::~SqliteOutbox() = default;

absl::StatusOr<std::unique_ptr<SqliteOutbox>> SqliteOutbox::Open(const std::string& path,
                                                                 OutboxOptions outbox_options) {
  // The file holds what people said: readable by the kiosk's user only.
  // secure_delete: erased words are overwritten, not just unlinked.
  base::SqliteOptions options;
  options.busy_timeout_ms = 5000;
  options.secure_delete = true;
  options.owner_only = true;
  absl::StatusOr<std::unique_ptr<base::Db>> conn = base::Db::Open(path, options);
  if (!conn.ok()) return conn.status();
  auto db = std::make_unique<Db>();
  db->conn = *std::move(conn);
  // Sorts and big statements never spill what they hold to a temp file.
  if (absl::Status s = db->conn->Exec("PRAGMA temp_store = MEMORY"); !s.ok()) return s;
  if (absl::Status s = base::MigrateSqlite(*db->conn, kMigrations); !s.ok()) {
    return s;
  }
  absl::StatusOr<std::string> device_id = EnsureDevice(*db->conn);
  if (!device_id.ok()) return device_id.status();
  // A tablet's outbox stays a tablet's: opened once to seal, it seals from
  // then on, even if the program is later started without --mode tablet.
  if (outbox_options.seal) {
    if (absl::Status s = db->conn->Exec("UPDATE device SET sealed = 1 WHERE id = 1"); !s.ok()) {
      return s;
    }
  } else {
    absl::StatusOr<Statement> q = db->conn->Prepare("SELECT sealed FROM device WHERE id = 1");
    if (!q.ok()) return q.status();
    absl::StatusOr<bool> row = q->Step();
    if (!row.ok()) return row.status();
    outbox_options.seal = *row && q->ColumnInt(0) != 0;
  }
  return std::unique_ptr<SqliteOutbox>(
      new SqliteOutbox(std::move(db), *std::move(device_id), outbox_options));
}

absl::StatusOr<OutboxItem> SqliteOutbox::Enqueue(v1::Submission draft,
                                           absl::Time now) {
  std::lock_guard lock(db_->mu);
  base::Db& db = *db_->conn;
  Transaction tx(db);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;

  std::int64_t counter = 0;
  {
    // Scoped: an unfinished statement would block the commit.
    absl::StatusOr<Statement> q =
        db.Prepare("SELECT next_counter FROM device WHERE id = 1");
    if (!q.ok()) return q.status();
    absl::StatusOr<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::DataLossError("outbox: device row missing");
    counter = q->ColumnInt(0);
  }
  // A tablet's outbox says what it was told on.
  if (options_.seal) draft.set_channel(v1::CHANNEL_TABLET);
  // On refusal the transaction rolls back: nothing stored, no counter
  // consumed.
  if (absl::Status s = PrepareForEnqueue(draft, device_id_, counter, now,
                                         base::SystemRandom::Get());
      !s.ok()) {
    return s;
  }

  // On a tablet, sealed here, in memory, before anything is written.
  std::string body = base::CanonicalBytes(draft);
  std::string sealed_key_id;
  bool urgent = contract::IsUrgent(draft);
  if (options_.seal) {
    absl::StatusOr<Sealed> sealed = SealLocked(body);
    if (!sealed.ok()) return sealed.status();
    body = std::move(sealed->body);
    sealed_key_id = std::move(sealed->key_id);
    urgent = false;  // would say what it is about
  }
  {
    absl::StatusOr<Statement> insert = db.Prepare(
        "INSERT INTO items (submission_id, counter, reference, state, "
        "body, attempts, created_at, urgent, sealed_key_id) "
        "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)");
    if (!insert.ok()) return insert.status();
    insert->BindText(1, draft.submission_id())
        .Bind(2, counter)
        .BindText(3, draft.reference())
        .BindText(4, kStatePending)
        .BindBlob(5, body)
        .Bind(6, base::UnixMicrosFromTimestamp(draft.created_at()))
        .Bind(7, urgent ? 1 : 0);
    if (options_.seal) {
      insert->BindText(8, sealed_key_id);
    } else {
      insert->BindNull(8);
    }
    if (absl::Status s = insert->Run(); !s.ok()) return s;
  }
  {
    // Same transaction as the insert: a reference is consumed exactly when
    // an item holding it is stored, so none is ever handed out twice.
    absl::StatusOr<Statement> bump =
        db.Prepare("UPDATE device SET next_counter = ? WHERE id = 1");
    if (!bump.ok()) return bump.status();
    if (absl::Status s = bump->Bind(1, counter + 1).Run(); !s.ok()) return s;
  }
  if (absl::Status s = tx.Commit(); !s.ok()) return s;

  OutboxItem item;
  item.submission_id = draft.submission_id();
  item.reference = draft.reference();
  item.state = DeliveryState::kPending;
  item.submission = std::move(draft);
  if (options_.seal) {
    item.sealed = std::move(body);
    item.sealed_key_id = std::move(sealed_key_id);
  }
  return item;
}

absl::Status SqliteOutbox::EnqueueTally(v1::TakingPart tally, absl::Time now) {
  if (absl::Status s = PrepareTally(tally, now, base::SystemRandom::Get()); !s.ok()) return s;
  std::lock_guard lock(db_->mu);
  std::string body = base::CanonicalBytes(tally);
  std::optional<std::string> key_id;
  if (options_.seal) {
    absl::StatusOr<Sealed> sealed = SealLocked(body);
    if (!sealed.ok()) return sealed.status();
    body = std::move(sealed->body);
    key_id = std::move(sealed->key_id);
  }
  absl::StatusOr<Statement> insert = db_->conn->Prepare(
      "INSERT INTO tallies (tally_id, body, sealed_key_id, made_on) VALUES (?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert->BindText(1, tally.tally_id())
      .BindBlob(2, body)
      .BindText(4, absl::FormatTime("%Y-%m-%d", now, absl::UTCTimeZone()));
  if (key_id) {
    insert->BindText(3, *key_id);
  } else {
    insert->BindNull(3);
  }
  return insert->Run();
}

absl::StatusOr<std::vector<TallyItem>> SqliteOutbox::PendingTallies(int limit) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> q = db_->conn->Prepare(
      "SELECT tally_id, body, sealed_key_id, made_on FROM tallies ORDER BY tally_id LIMIT ?");
  if (!q.ok()) return q.status();
  q->Bind(1, std::int64_t{limit});
  std::vector<TallyItem> tallies;
  for (;;) {
    absl::StatusOr<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    TallyItem item;
    item.tally_id = q->ColumnText(0);
    if (!q->ColumnIsNull(2)) {
      item.sealed_key_id = q->ColumnText(2);
      item.sealed = q->ColumnBlob(1);
    } else if (!item.tally.ParseFromString(q->ColumnBlob(1))) {
      item.damaged = true;
    }
    if (!absl::ParseCivilTime(q->ColumnText(3), &item.made_on)) item.damaged = true;
    tallies.push_back(std::move(item));
  }
  return tallies;
}

absl::Status SqliteOutbox::ForgetTallies(const std::vector<std::string>& tally_ids) {
  std::lock_guard lock(db_->mu);
  Transaction tx(*db_->conn);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  absl::StatusOr<Statement> erase = db_->conn->Prepare("DELETE FROM tallies WHERE tally_id = ?");
  if (!erase.ok()) return erase.status();
  for (const std::string& id : tally_ids) {
    if (absl::Status s = erase->BindText(1, id).Run(); !s.ok()) return s;
    erase->Reset();
  }
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  db_->Checkpoint();  // who someone is does not linger in the WAL either
  return absl::OkStatus();
}

absl::StatusOr<std::vector<OutboxItem>> SqliteOutbox::Pending(int limit) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> q = db_->conn->Prepare(
      absl::StrCat("SELECT ", kItemColumns,
                   " FROM items WHERE state = ? ORDER BY urgent DESC, counter LIMIT ?"));
  if (!q.ok()) return q.status();
  q->BindText(1, kStatePending).Bind(2, std::int64_t{limit});
  std::vector<OutboxItem> items;
  for (;;) {
    absl::StatusOr<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    absl::StatusOr<OutboxItem> item = ItemFromRow(*q);
    if (!item.ok()) return item.status();
    items.push_back(*std::move(item));
  }
  return items;
}

absl::StatusOr<int> SqliteOutbox::PendingCount() {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> q =
      db_->conn->Prepare("SELECT COUNT(*) FROM items WHERE state = ?");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->BindText(1, kStatePending).Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(q->ColumnInt(0));
}

absl::StatusOr<std::optional<OutboxItem>> SqliteOutbox::Find(const std::string& id) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> q = db_->conn->Prepare(absl::StrCat(
      "SELECT ", kItemColumns, " FROM items WHERE submission_id = ?"));
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->BindText(1, id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OutboxItem>();
  absl::StatusOr<OutboxItem> item = ItemFromRow(*q);
  if (!item.ok()) return item.status();
  return std::optional<OutboxItem>(*std::move(item));
}

absl::Status SqliteOutbox::MarkDelivered(const std::string& submission_id) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> update = db_->conn->Prepare(
      "UPDATE items SET state = ?, body = NULL, reject_field = NULL, "
      "reject_key = NULL WHERE submission_id = ?");
  if (update.ok()) update->BindText(1, kStateDelivered).BindText(2, submission_id);
  if (absl::Status s = db_->UpdateOne(update, submission_id, "mark delivered");
      !s.ok()) {
    return s;
  }
  update = absl::CancelledError();  // finalized before the checkpoint
  db_->Checkpoint();
  return absl::OkStatus();
}

absl::Status SqliteOutbox::MarkRejected(const std::string& submission_id,
                                  const std::string& field,
                                  const std::string& message_key) {
  std::lock_guard lock(db_->mu);
  // A delivered item has lost its words; the service cannot un-store it.
  // A refused Forum vote (its code used, or not the ballot's) keeps
  // nothing: a vote is secret, and no one can do anything with it here.
  const bool vote = absl::StartsWith(message_key, "ballot.");
  absl::StatusOr<Statement> update = db_->conn->Prepare(
      "UPDATE items SET state = ?, reject_field = ?, reject_key = ?, "
      "body = CASE WHEN ? THEN NULL ELSE body END "
      "WHERE submission_id = ? AND state <> ?");
  if (update.ok()) {
    update->BindText(1, kStateRejected)
        .BindText(2, field)
        .BindText(3, message_key)
        .Bind(4, vote ? 1 : 0)
        .BindText(5, submission_id)
        .BindText(6, kStateDelivered);
  }
  if (absl::Status s = db_->UpdateOne(update, submission_id, "mark rejected"); !s.ok() || !vote) {
    return s;
  }
  update = absl::CancelledError();  // finalized before the checkpoint
  db_->Checkpoint();
  return absl::OkStatus();
}

absl::Status SqliteOutbox::CountAttempt(const std::string& submission_id) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> update = db_->conn->Prepare(
      "UPDATE items SET attempts = attempts + 1 "
      "WHERE submission_id = ? AND state = ?");
  if (update.ok()) update->BindText(1, submission_id).BindText(2, kStatePending);
  return db_->UpdateOne(update, submission_id, "count attempt");
}

absl::StatusOr<std::optional<v1::Catalog>> SqliteOutbox::CachedCatalog() {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> q =
      db_->conn->Prepare("SELECT bytes FROM catalog_cache WHERE id = 1");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Catalog>();
  v1::Catalog catalog;
  if (!catalog.ParseFromString(q->ColumnBlob(0))) {
    return absl::DataLossError("outbox: cached catalog is unreadable");
  }
  return std::optional<v1::Catalog>(std::move(catalog));
}

absl::StatusOr<SqliteOutbox::Sealed> SqliteOutbox::SealLocked(const std::string& body) {
  absl::StatusOr<std::optional<SealingKey>> key = PinnedKeyLocked();
  if (!key.ok()) return key.status();
  if (!key->has_value()) {
    return absl::FailedPreconditionError(
        "outbox: this tablet has no key to seal to: it must reach the service once after "
        "enrolment");
  }
  absl::StatusOr<std::string> sealed = Seal(**key, body);
  if (!sealed.ok()) return sealed.status();
  return Sealed{*std::move(sealed), (*key)->key_id};
}

absl::StatusOr<std::optional<SealingKey>> SqliteOutbox::PinnedKeyLocked() {
  absl::StatusOr<Statement> q = db_->conn->Prepare(
      "SELECT sealing_key_id, sealing_public_key FROM device WHERE id = 1");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row || q->ColumnText(0).empty()) return std::optional<SealingKey>();
  return std::optional<SealingKey>(SealingKey{q->ColumnText(0), q->ColumnBlob(1)});
}

absl::StatusOr<std::optional<SealingKey>> SqliteOutbox::PinnedSealingKey() {
  std::lock_guard lock(db_->mu);
  return PinnedKeyLocked();
}

absl::Status SqliteOutbox::PinSealingKey(const SealingKey& key) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> update = db_->conn->Prepare(
      "UPDATE device SET sealing_key_id = ?, sealing_public_key = ? WHERE id = 1");
  if (!update.ok()) return update.status();
  return update->BindText(1, key.key_id).BindBlob(2, key.public_key).Run();
}

absl::StatusOr<std::string> SqliteOutbox::Credential() {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> q = db_->conn->Prepare("SELECT credential FROM device WHERE id = 1");
  if (!q.ok()) return q.status();
  absl::StatusOr<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->ColumnText(0) : std::string();
}

absl::Status SqliteOutbox::SaveCredential(const std::string& credential) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> update =
      db_->conn->Prepare("UPDATE device SET credential = ? WHERE id = 1");
  if (!update.ok()) return update.status();
  return update->BindText(1, credential).Run();
}

absl::Status SqliteOutbox::CacheCatalog(const v1::Catalog& catalog) {
  std::lock_guard lock(db_->mu);
  absl::StatusOr<Statement> upsert = db_->conn->Prepare(
      "INSERT OR REPLACE INTO catalog_cache (id, version, bytes) "
      "VALUES (1, ?, ?)");
  if (!upsert.ok()) return upsert.status();
  return upsert->BindText(1, catalog.version())
      .BindBlob(2, base::CanonicalBytes(catalog))
      .Run();
}

}  // namespace carevoice::client
