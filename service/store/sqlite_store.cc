// The SQLite engine behind Store.
//
// Writes go through one writer thread that owns the only writing
// connection. Callers queue a job and wait; the writer takes every job
// waiting, runs them in ONE transaction (each under its own savepoint, so
// one failing job does not undo the others), commits once, and then wakes
// each caller. Many concurrent RPCs thus share one fsync (group commit,
// PERFORMANCE.md P1), and a caller is only answered after the commit that
// holds its rows (rule 1).
//
// Reads use a small pool of separate connections; WAL lets them run
// alongside the writer and see only committed data.
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/proto_time.h"
#include "base/sqlite_db.h"
#include "service/store/migrations.h"
#include "service/store/store.h"
#include "service/store/submission_facts.h"

namespace carevoice::service::store {
namespace {

constexpr char kRecordColumns[] =
    "submission_id, reference, device_id, received_at, kind, urgent, status, "
    "body";

std::int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(std::int64_t us) { return absl::FromUnixMicros(us); }

using base::Db;
using base::Statement;

// Reads a row selected with kRecordColumns.
absl::StatusOr<v1::SubmissionRecord> RecordFromRow(const Statement& row) {
  v1::SubmissionRecord record;
  record.set_submission_id(row.ColumnText(0));
  record.set_reference(row.ColumnText(1));
  record.set_device_id(row.ColumnText(2));
  *record.mutable_received_at() = base::TimestampFromUnixMicros(row.ColumnInt(3));
  record.set_kind(row.ColumnText(4));
  record.set_urgent(row.ColumnInt(5) != 0);
  record.set_status(static_cast<v1::CaseStatus>(row.ColumnInt(6)));
  if (!record.mutable_submission()->ParseFromString(row.ColumnBlob(7))) {
    return absl::DataLossError(absl::StrCat(
        "stored submission ", record.submission_id(), " cannot be parsed"));
  }
  return record;
}

// One item of a PutSubmissions call, prepared on the caller's thread so
// the writer thread only does database work.
struct PreparedItem {
  const v1::Submission* submission;
  std::string body;
  std::string_view kind;
  std::string_view service_id;
};

// Statements the writer uses for every group, prepared once.
struct WriterStatements {
  Statement begin, commit, rollback;
  Statement savepoint, release, rollback_to;
  Statement find, insert, count_equality, audit;

  static absl::StatusOr<WriterStatements> Prepare(Db& db) {
    const char* sql[] = {
        "BEGIN IMMEDIATE",
        "COMMIT",
        "ROLLBACK",
        "SAVEPOINT job",
        "RELEASE job",
        "ROLLBACK TO job",
        "SELECT body, received_at FROM submissions WHERE submission_id = ?1",
        "INSERT INTO submissions (submission_id, body, device_id, reference, "
        "kind, urgent, received_at, status, service_id, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?7)",
        "INSERT INTO equality_monitoring (month, kind, service_id, age_band, "
        "sex, disabled, unpaid_carer, ethnic_group, gender_same_as_at_birth, "
        "count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1) "
        "ON CONFLICT DO UPDATE SET count = count + 1",
        "INSERT INTO audit_log (at, officer, action, count) "
        "VALUES (?1, ?2, ?3, ?4)",
    };
    std::vector<Statement> s;
    for (const char* q : sql) {
      auto stmt = db.Prepare(q);
      if (!stmt.ok()) return stmt.status();
      s.push_back(std::move(*stmt));
    }
    return WriterStatements{std::move(s[0]), std::move(s[1]), std::move(s[2]),
                            std::move(s[3]), std::move(s[4]), std::move(s[5]),
                            std::move(s[6]), std::move(s[7]), std::move(s[8]),
                            std::move(s[9])};
  }
};

// Runs a cached statement once and rewinds it for the next use.
absl::Status RunOnce(Statement& stmt) {
  absl::Status s = stmt.Run();
  stmt.Reset();
  return s;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, std::unique_ptr<Db> writer_db,
              WriterStatements statements)
      : path_(std::move(path)),
        writer_db_(std::move(writer_db)),
        w_(std::move(statements)),
        writer_([this] { WriterLoop(); }) {}

  ~SqliteStore() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    writer_.join();  // the writer drains the queue before it returns
  }

  absl::StatusOr<std::vector<PutResult>> PutSubmissions(
      std::string_view device_id,
      std::span<const v1::Submission* const> items,
      absl::Time received_at) override {
    std::vector<PreparedItem> prepared;
    prepared.reserve(items.size());
    for (const v1::Submission* s : items) {
      prepared.push_back({s, CanonicalBody(*s), KindOf(*s), ServiceIdOf(*s)});
    }
    // Round to what is stored, so the first answer and every replay agree.
    const std::int64_t received_us = Micros(received_at);
    const std::string month =
        absl::FormatTime("%Y-%m", received_at, absl::UTCTimeZone());

    std::vector<PutResult> results;
    absl::Status s = Write([&](WriterStatements& w) -> absl::Status {
      results.clear();
      for (const PreparedItem& item : prepared) {
        auto result = PutOne(w, device_id, item, received_us, month);
        if (!result.ok()) return result.status();
        results.push_back(*result);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return results;
  }

  absl::StatusOr<std::optional<ReferenceStatus>> FindByReference(
      std::string_view reference) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    // Colliding references: the newest submission answers (documented in
    // store.h); ties broken by id so the answer is stable.
    auto stmt = (*db)->Prepare(
        "SELECT status, reply, updated_at FROM submissions "
        "WHERE reference = ?1 "
        "ORDER BY received_at DESC, submission_id DESC LIMIT 1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, reference);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<ReferenceStatus>();
    return std::optional<ReferenceStatus>(ReferenceStatus{
        static_cast<v1::CaseStatus>(stmt->ColumnInt(0)), stmt->ColumnText(1),
        FromMicros(stmt->ColumnInt(2))});
  }

  absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) override {
    if (limit < 1) return absl::InvalidArgumentError("limit must be >= 1");
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    // One extra row tells whether another page follows.
    auto stmt = (*db)->Prepare(absl::StrCat(
        "SELECT ", kRecordColumns, " FROM submissions ",
        after ? "WHERE (received_at, submission_id) < (?1, ?2) " : "",
        "ORDER BY received_at DESC, submission_id DESC LIMIT ?3"));
    if (!stmt.ok()) return stmt.status();
    if (after) {
      stmt->Bind(1, after->received_at_micros)
          .BindText(2, after->submission_id);
    }
    stmt->Bind(3, static_cast<std::int64_t>(limit) + 1);
    ListPage page;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int>(page.records.size()) == limit) {
        const v1::SubmissionRecord& last = page.records.back();
        page.next = ListCursor{base::UnixMicrosFromTimestamp(last.received_at()),
                               last.submission_id()};
        break;
      }
      auto record = RecordFromRow(*stmt);
      if (!record.ok()) return record.status();
      page.records.push_back(std::move(*record));
    }
    return page;
  }

  absl::StatusOr<std::int64_t> ForEachSubmission(
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        absl::StrCat("SELECT ", kRecordColumns,
                     " FROM submissions ORDER BY received_at, submission_id"));
    if (!stmt.ok()) return stmt.status();
    std::int64_t count = 0;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      auto record = RecordFromRow(*stmt);
      if (!record.ok()) return record.status();
      ++count;
      if (!sink(*record)) break;
    }
    return count;
  }

  absl::Status RecordAudit(const AuditEntry& entry) override {
    return Write([&](WriterStatements& w) {
      w.audit.Bind(1, Micros(entry.at))
          .BindText(2, entry.officer)
          .BindText(3, entry.action)
          .Bind(4, entry.count);
      return RunOnce(w.audit);
    });
  }

  absl::StatusOr<std::vector<AuditEntry>> ListAudit(int limit) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        "SELECT at, officer, action, count FROM audit_log "
        "ORDER BY id DESC LIMIT ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, limit);
    std::vector<AuditEntry> entries;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      entries.push_back({FromMicros(stmt->ColumnInt(0)), stmt->ColumnText(1),
                         stmt->ColumnText(2), stmt->ColumnInt(3)});
    }
    return entries;
  }

  absl::StatusOr<std::vector<EqualityCount>> EqualityCounts() override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        "SELECT month, kind, service_id, age_band, sex, disabled, "
        "unpaid_carer, ethnic_group, gender_same_as_at_birth, count "
        "FROM equality_monitoring");
    if (!stmt.ok()) return stmt.status();
    std::vector<EqualityCount> counts;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      EqualityCount c;
      c.month = stmt->ColumnText(0);
      c.kind = stmt->ColumnText(1);
      c.service_id = stmt->ColumnText(2);
      using E = v1::EqualityMonitoring;
      c.answers.set_age_band(static_cast<E::AgeBand>(stmt->ColumnInt(3)));
      c.answers.set_sex(static_cast<E::Sex>(stmt->ColumnInt(4)));
      c.answers.set_disabled(static_cast<E::YesNo>(stmt->ColumnInt(5)));
      c.answers.set_unpaid_carer(static_cast<E::YesNo>(stmt->ColumnInt(6)));
      c.answers.set_ethnic_group(
          static_cast<E::EthnicGroup>(stmt->ColumnInt(7)));
      c.answers.set_gender_same_as_at_birth(
          static_cast<E::YesNo>(stmt->ColumnInt(8)));
      c.count = stmt->ColumnInt(9);
      counts.push_back(std::move(c));
    }
    return counts;
  }

 private:
  using WriteFn = std::function<absl::Status(WriterStatements&)>;
  struct Job {
    WriteFn fn;
    std::promise<absl::Status> done;
  };

  // A pooled read connection, handed back when the lease ends.
  class ReaderLease {
   public:
    ReaderLease(SqliteStore* store, std::unique_ptr<Db> db)
        : store_(store), db_(std::move(db)) {}
    ReaderLease(ReaderLease&&) = default;
    ~ReaderLease() {
      if (db_) store_->ReleaseReader(std::move(db_));
    }
    Db* operator->() const { return db_.get(); }

   private:
    SqliteStore* store_;
    std::unique_ptr<Db> db_;
  };

  absl::StatusOr<PutResult> PutOne(WriterStatements& w,
                                   std::string_view device_id,
                                   const PreparedItem& item,
                                   std::int64_t received_us,
                                   const std::string& month) {
    const v1::Submission& s = *item.submission;
    w.find.BindText(1, s.submission_id());
    auto found = w.find.Step();
    if (!found.ok()) {
      w.find.Reset();
      return found.status();
    }
    if (*found) {
      const bool same = w.find.ColumnBlob(0) == item.body;
      const absl::Time first = FromMicros(w.find.ColumnInt(1));
      w.find.Reset();
      return PutResult{same ? PutResult::Outcome::kAlreadyStored
                            : PutResult::Outcome::kConflict,
                       first};
    }
    w.find.Reset();

    w.insert.BindText(1, s.submission_id())
        .BindBlob(2, item.body)
        .BindText(3, device_id)
        .BindText(4, s.reference())
        .BindText(5, item.kind)
        .Bind(6, IsUrgent(s) ? 1 : 0)
        .Bind(7, received_us)
        .Bind(8, v1::CASE_STATUS_RECEIVED)
        .BindText(9, item.service_id);
    if (auto st = RunOnce(w.insert); !st.ok()) return st;

    if (s.has_equality()) {
      const v1::EqualityMonitoring& e = s.equality();
      w.count_equality.BindText(1, month)
          .BindText(2, item.kind)
          .BindText(3, item.service_id)
          .Bind(4, e.age_band())
          .Bind(5, e.sex())
          .Bind(6, e.disabled())
          .Bind(7, e.unpaid_carer())
          .Bind(8, e.ethnic_group())
          .Bind(9, e.gender_same_as_at_birth());
      if (auto st = RunOnce(w.count_equality); !st.ok()) return st;
    }
    return PutResult{PutResult::Outcome::kStored, FromMicros(received_us)};
  }

  // Queues `fn` for the writer and waits until the transaction holding it
  // has committed (OK) or failed.
  absl::Status Write(WriteFn fn) {
    Job job{std::move(fn), {}};
    std::future<absl::Status> done = job.done.get_future();
    {
      std::lock_guard lock(mu_);
      queue_.push_back(&job);
    }
    cv_.notify_one();
    return done.get();
  }

  void WriterLoop() {
    while (true) {
      std::deque<Job*> group;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to do
        group.swap(queue_);
      }
      RunGroup(group);
    }
  }

  void RunGroup(const std::deque<Job*>& group) {
    std::vector<absl::Status> results(group.size());
    absl::Status tx = RunOnce(w_.begin);
    for (std::size_t i = 0; tx.ok() && i < group.size(); ++i) {
      tx = RunOnce(w_.savepoint);
      if (!tx.ok()) break;
      results[i] = group[i]->fn(w_);
      // A failed job is undone alone; the rest of the group carries on.
      if (!results[i].ok()) tx = RunOnce(w_.rollback_to);
      if (tx.ok()) tx = RunOnce(w_.release);
    }
    if (tx.ok()) tx = RunOnce(w_.commit);
    if (!tx.ok()) {
      // Nothing of this group is durable: every caller hears so.
      RunOnce(w_.rollback).IgnoreError();
      for (absl::Status& r : results) {
        if (r.ok()) r = tx;
      }
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
      group[i]->done.set_value(results[i]);
    }
  }

  absl::StatusOr<ReaderLease> AcquireReader() {
    {
      std::lock_guard lock(readers_mu_);
      if (!idle_readers_.empty()) {
        std::unique_ptr<Db> db = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return ReaderLease(this, std::move(db));
      }
    }
    auto db = Db::Open(path_);
    if (!db.ok()) return db.status();
    return ReaderLease(this, std::move(*db));
  }

  void ReleaseReader(std::unique_ptr<Db> db) {
    std::lock_guard lock(readers_mu_);
    idle_readers_.push_back(std::move(db));
  }

  const std::string path_;
  std::unique_ptr<Db> writer_db_;  // used only by the writer thread
  WriterStatements w_;             // writer thread only

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;  // guarded by mu_
  bool stopping_ = false;   // guarded by mu_

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Db>> idle_readers_;  // guarded by readers_mu_

  std::thread writer_;  // last: starts after everything above exists
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path) {
  auto db = Db::Open(path);
  if (!db.ok()) return db.status();
  if (auto s = MigrateSqlite(**db); !s.ok()) return s;
  auto statements = WriterStatements::Prepare(**db);
  if (!statements.ok()) return statements.status();
  return std::make_unique<SqliteStore>(path, std::move(*db),
                                       std::move(*statements));
}

}  // namespace carevoice::service::store
