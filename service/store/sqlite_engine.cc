// The SQLite engine beneath the Store's rules: the SQL, and nothing else.
//
// Writes go through a GroupCommitter (group_commit.h) on the one writing
// connection; this file supplies its transaction steps and the statements
// a write job runs, all prepared once. Reads use a small pool of separate
// connections; WAL lets them run alongside the writer and see only
// committed data.
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "base/proto_time.h"
#include "base/sqlite_db.h"
#include "contract/facts.h"
#include "service/store/audit_chain.h"
#include "service/store/engine.h"
#include "service/store/group_commit.h"
#include "service/store/migrations.h"
#include "service/store/store.h"

namespace carevoice::service::store {
namespace {

using base::Db;
using base::Statement;

constexpr char kRecordColumns[] =
    "submission_id, reference, device_id, received_at, kind, urgent, status, "
    "body, told_at, clock_offset";

std::int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(std::int64_t us) { return absl::FromUnixMicros(us); }

constexpr char kAuditColumns[] =
    "at, officer, action, count, reason, reason_hash, seq, prev_hash, hash";

// An audit row selected with kAuditColumns.
AuditEntry AuditFromRow(const Statement& row) {
  return AuditEntry{FromMicros(row.ColumnInt(0)), row.ColumnText(1), row.ColumnText(2),
                    row.ColumnInt(3),           row.ColumnText(4), row.ColumnText(5),
                    row.ColumnInt(6),           row.ColumnText(7), row.ColumnText(8)};
}

constexpr char kAccountColumns[] =
    "name, role, password_hash, disabled, failed_signins, last_failed_at, "
    "locked_until, created_at";

constexpr char kDeviceColumns[] =
    "device_id, site, mode, credential_hash, enrolled_at, revoked_at";

Device DeviceFromRow(const Statement& row) {
  return Device{row.ColumnText(0), row.ColumnText(1), row.ColumnText(2), row.ColumnText(3),
                FromMicros(row.ColumnInt(4)), FromMicros(row.ColumnInt(5))};
}

// The device whose `column` is `value`, on `db`.
absl::StatusOr<std::optional<Device>> FindDeviceOn(Db& db, std::string_view column,
                                                   std::string_view value) {
  auto stmt = db.Prepare(absl::StrCat("SELECT ", kDeviceColumns, " FROM devices WHERE ",
                                      std::string(column), " = ?1"));
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, value);
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Device>();
  return std::optional<Device>(DeviceFromRow(*stmt));
}

Account AccountFromRow(const Statement& row) {
  return Account{row.ColumnText(0),       row.ColumnText(1),
                 row.ColumnText(2),       row.ColumnInt(3) != 0,
                 row.ColumnInt(4),        FromMicros(row.ColumnInt(5)),
                 FromMicros(row.ColumnInt(6)), FromMicros(row.ColumnInt(7))};
}

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
  if (row.ColumnInt(8) != 0) {
    *record.mutable_told_at() = base::TimestampFromUnixMicros(row.ColumnInt(8));
  }
  record.set_device_clock_offset_ms(row.ColumnInt(9) / 1000);
  return record;
}

// Up to `limit` records, newest first, after `after` (Store's contract).
absl::StatusOr<ListPage> ListOn(Db& db, int limit,
                                const std::optional<ListCursor>& after) {
  // One extra row tells whether another page follows.
  auto stmt = db.Prepare(absl::StrCat(
      "SELECT ", kRecordColumns, " FROM submissions ",
      after ? "WHERE (urgent, received_at, submission_id) < (?4, ?1, ?2) " : "",
      "ORDER BY urgent DESC, received_at DESC, submission_id DESC LIMIT ?3"));
  if (!stmt.ok()) return stmt.status();
  if (after) {
    stmt->Bind(1, after->received_at_micros)
        .BindText(2, after->submission_id)
        .Bind(4, after->urgent ? 1 : 0);
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
                             last.submission_id(), last.urgent()};
      break;
    }
    auto record = RecordFromRow(*stmt);
    if (!record.ok()) return record.status();
    page.records.push_back(std::move(*record));
  }
  return page;
}

// Every record (at or before `upto`), oldest first, until `sink` says stop.
absl::StatusOr<std::int64_t> ForEachOn(
    Db& db, const std::optional<ListCursor>& upto,
    const std::function<bool(const v1::SubmissionRecord&)>& sink) {
  auto stmt = db.Prepare(absl::StrCat(
      "SELECT ", kRecordColumns, " FROM submissions ",
      upto ? "WHERE (received_at, submission_id) <= (?1, ?2) " : "",
      "ORDER BY received_at, submission_id"));
  if (!stmt.ok()) return stmt.status();
  if (upto) {
    stmt->Bind(1, upto->received_at_micros).BindText(2, upto->submission_id);
  }
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

// How many submissions there are, and the newest in oldest-first order.
absl::StatusOr<SubmissionsExtent> ExtentOn(Db& db) {
  auto stmt = db.Prepare(
      "SELECT (SELECT count(*) FROM submissions), received_at, submission_id "
      "FROM submissions ORDER BY received_at DESC, submission_id DESC "
      "LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  SubmissionsExtent extent;
  if (*row) {
    extent.count = stmt->ColumnInt(0);
    extent.last = ListCursor{stmt->ColumnInt(1), stmt->ColumnText(2)};
  }
  return extent;
}

// A ballot box's hashes are SHA-256: 32 bytes each.
constexpr std::size_t kCodeHashBytes = 32;

// `blob` cut into pieces of `size` bytes (a stray tail is dropped).
std::vector<std::string> SplitFixed(const std::string& blob, std::size_t size) {
  std::vector<std::string> pieces;
  for (std::size_t at = 0; at + size <= blob.size(); at += size) {
    pieces.push_back(blob.substr(at, size));
  }
  return pieces;
}

// The column a report facet counts by (migrations.cc, version 17).
std::string_view FacetColumn(ReportFacet facet) {
  switch (facet) {
    case ReportFacet::kKind: return "kind";
    case ReportFacet::kService: return "service_id";
    case ReportFacet::kProvider: return "provider_id";
    case ReportFacet::kSite: return "site_id";
    case ReportFacet::kChannel: return "channel";
    case ReportFacet::kSpeaker: return "speaker";
    case ReportFacet::kRating: return "rating";
  }
  return "kind";
}

// The rows of a "SELECT key, count(*) ... GROUP BY 1" query.
absl::StatusOr<std::vector<FacetCount>> FacetCounts(Statement& stmt) {
  std::vector<FacetCount> counts;
  absl::Status s = stmt.ForEachRow([&] {
    counts.push_back(FacetCount{stmt.ColumnText(0), stmt.ColumnInt(1)});
    return true;
  });
  if (!s.ok()) return s;
  return counts;
}

// Fills the report facts of submissions stored before version 17 from
// their bodies, a thousand to a transaction, so a store of any size opens
// in bounded memory. Runs once: filled rows have facts = 1.
absl::Status FillReportFacts(Db& db) {
  auto select = db.Prepare("SELECT submission_id, body FROM submissions WHERE facts = 0 LIMIT 1000");
  if (!select.ok()) return select.status();
  auto update = db.Prepare(
      "UPDATE submissions SET provider_id = ?2, site_id = ?3, channel = ?4, speaker = ?5, "
      "rating = ?6, facts = 1 WHERE submission_id = ?1");
  if (!update.ok()) return update.status();
  while (true) {
    base::Transaction txn(db);
    if (absl::Status s = txn.Begin(); !s.ok()) return s;
    // The batch is read whole before it is changed: rows are not updated
    // under a pending SELECT of the same table.
    std::vector<std::pair<std::string, ReportFacts>> batch;
    while (true) {
      auto row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      v1::Submission s;
      // A body that does not parse keeps empty facts; it is still counted
      // by kind and service, which have their own columns.
      s.ParseFromString(select->ColumnBlob(1));
      batch.emplace_back(select->ColumnText(0), ReportFactsOf(s));
    }
    select->Reset();
    for (const auto& [id, facts] : batch) {
      update->BindText(1, id)
          .BindText(2, facts.provider_id)
          .BindText(3, facts.site_id)
          .Bind(4, facts.channel)
          .Bind(5, facts.speaker)
          .Bind(6, facts.rating);
      absl::Status st = update->Run();
      update->Reset();
      if (!st.ok()) return st;
    }
    if (absl::Status s = txn.Commit(); !s.ok()) return s;
    if (batch.empty()) return absl::OkStatus();
  }
}

// Runs a cached statement once and rewinds it for the next use.
absl::Status RunOnce(Statement& stmt) {
  absl::Status s = stmt.Run();
  stmt.Reset();
  return s;
}

// The writer connection's statements, prepared once: the transaction steps
// for the GroupCommitter and the rows a write job touches. Writer thread
// only.
class SqliteWriter final : public GroupCommitTarget, public WriteTxn {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteWriter>> Prepare(
      std::unique_ptr<Db> db) {
    const char* sql[] = {
        "BEGIN IMMEDIATE",
        "COMMIT",
        "ROLLBACK",
        "SAVEPOINT job",
        "RELEASE job",
        "ROLLBACK TO job",
        "SELECT body, received_at FROM submissions WHERE submission_id = ?1",
        "INSERT INTO submissions (submission_id, body, device_id, reference, "
        "kind, urgent, received_at, status, service_id, updated_at, told_at, "
        "clock_offset, pin_hash, counted_at, provider_id, site_id, channel, speaker, "
        "rating, facts) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?7, ?10, ?11, ?12, "
        "CASE WHEN ?10 != 0 THEN ?10 ELSE ?7 END, ?13, ?14, ?15, ?16, ?17, 1)",
        "INSERT INTO taking_part_counts (month, aspect, value, count) VALUES (?1, ?2, ?3, 1) "
        "ON CONFLICT DO UPDATE SET count = count + 1",
        "INSERT INTO tallies_counted (tally_id) VALUES (?1) ON CONFLICT DO NOTHING",
        "INSERT INTO audit_log (at, officer, action, count, reason, reason_hash, seq, "
        "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    };
    std::vector<Statement> s;
    for (const char* q : sql) {
      auto stmt = db->Prepare(q);
      if (!stmt.ok()) return stmt.status();
      s.push_back(std::move(*stmt));
    }
    return std::unique_ptr<SqliteWriter>(
        new SqliteWriter(std::move(db), std::move(s)));
  }

  // GroupCommitTarget.
  absl::Status Begin() override { return RunOnce(s_[kBegin]); }
  absl::Status Savepoint() override { return RunOnce(s_[kSavepoint]); }
  absl::Status RollbackToSavepoint() override {
    return RunOnce(s_[kRollbackTo]);
  }
  absl::Status ReleaseSavepoint() override { return RunOnce(s_[kRelease]); }
  absl::Status Commit() override { return RunOnce(s_[kCommit]); }
  void Rollback() override { RunOnce(s_[kRollback]).IgnoreError(); }
  WriteTxn& txn() override { return *this; }

  // WriteTxn.
  absl::StatusOr<std::optional<StoredBody>> FindSubmission(
      std::string_view submission_id) override {
    Statement& find = s_[kFind];
    find.BindText(1, submission_id);
    auto found = find.Step();
    if (!found.ok()) {
      find.Reset();
      return found.status();
    }
    std::optional<StoredBody> body;
    if (*found) {
      body = StoredBody{find.ColumnBlob(0), FromMicros(find.ColumnInt(1))};
    }
    find.Reset();
    return body;
  }

  absl::Status InsertSubmission(const SubmissionRow& row) override {
    s_[kInsert]
        .BindText(1, row.submission_id)
        .BindBlob(2, row.body)
        .BindText(3, row.device_id)
        .BindText(4, row.reference)
        .BindText(5, row.kind)
        .Bind(6, row.urgent ? 1 : 0)
        .Bind(7, Micros(row.received_at))
        .Bind(8, v1::CASE_STATUS_RECEIVED)
        .BindText(9, row.service_id)
        .Bind(10, Micros(row.told_at))
        .Bind(11, absl::ToInt64Microseconds(row.clock_offset));
    if (row.pin_hash.empty()) {
      s_[kInsert].BindNull(12);
    } else {
      s_[kInsert].BindBlob(12, row.pin_hash);
    }
    s_[kInsert]
        .BindText(13, row.facts.provider_id)
        .BindText(14, row.facts.site_id)
        .Bind(15, row.facts.channel)
        .Bind(16, row.facts.speaker)
        .Bind(17, row.facts.rating);
    return RunOnce(s_[kInsert]);
  }

  absl::StatusOr<bool> MarkTallyCounted(std::string_view tally_id) override {
    s_[kMarkTally].BindText(1, tally_id);
    if (absl::Status s = RunOnce(s_[kMarkTally]); !s.ok()) return s;
    return db_->Changes() > 0;
  }

  absl::Status AddTakingPartCount(std::string_view month, std::string_view aspect,
                                  std::string_view value) override {
    s_[kCountTakingPart].BindText(1, month).BindText(2, aspect).BindText(3, value);
    return RunOnce(s_[kCountTakingPart]);
  }

  absl::Status InsertAudit(const AuditEntry& entry) override {
    s_[kAudit]
        .Bind(1, Micros(entry.at))
        .BindText(2, entry.officer)
        .BindText(3, entry.action)
        .Bind(4, entry.count)
        .BindText(5, entry.reason)
        .BindText(6, entry.reason_hash)
        .Bind(7, entry.seq)
        .BindText(8, entry.prev_hash)
        .BindText(9, entry.hash);
    return RunOnce(s_[kAudit]);
  }

  absl::StatusOr<std::optional<BallotBox>> FindBallotBox(std::string_view ballot_id) override {
    auto stmt =
        db_->Prepare("SELECT codes, used, papers FROM ballot_boxes WHERE ballot_id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, ballot_id);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::nullopt;
    BallotBox box{std::string(ballot_id), {}, {}, {}};
    box.codes = SplitFixed(stmt->ColumnBlob(0), kCodeHashBytes);
    box.used = SplitFixed(stmt->ColumnBlob(1), 2 * kCodeHashBytes);
    const std::string papers = stmt->ColumnBlob(2);
    if (!papers.empty()) box.papers = absl::StrSplit(papers, '\n');
    return box;
  }

  absl::Status PutBallotBox(const BallotBox& box) override {
    // Each set is one value, its members in sorted order: the row is
    // rewritten whole (and the old one overwritten, secure_delete), so no
    // order of arrival survives in the file.
    auto stmt = db_->Prepare(
        "INSERT INTO ballot_boxes (ballot_id, codes, used, papers) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (ballot_id) DO UPDATE SET codes = ?2, used = ?3, papers = ?4");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, box.ballot_id)
        .BindBlob(2, absl::StrJoin(box.codes, ""))
        .BindBlob(3, absl::StrJoin(box.used, ""))
        .BindBlob(4, absl::StrJoin(box.papers, "\n"));
    return stmt->Run();
  }

  absl::Status DeleteSubmission(std::string_view submission_id) override {
    auto stmt = db_->Prepare("DELETE FROM submissions WHERE submission_id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, submission_id);
    return stmt->Run();
  }

  absl::Status ReplaceSubmissionBody(std::string_view submission_id,
                                     std::string_view body) override {
    auto stmt = db_->Prepare(
        "UPDATE submissions SET body = ?2 WHERE submission_id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, submission_id).BindBlob(2, body);
    if (absl::Status s = stmt->Run(); !s.ok()) return s;
    // What officers wrote about the person goes with their details.
    auto events = db_->Prepare("UPDATE case_events SET detail = '' WHERE submission_id = ?1");
    if (!events.ok()) return events.status();
    events->BindText(1, submission_id);
    return events->Run();
  }

  absl::Status DeleteQuarantined(std::int64_t id) override {
    auto stmt = db_->Prepare("DELETE FROM quarantine WHERE id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, id);
    return stmt->Run();
  }

  absl::Status EraseAuditReason(std::int64_t seq) override {
    auto stmt = db_->Prepare("UPDATE audit_log SET reason = '' WHERE seq = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, seq);
    return stmt->Run();
  }

  absl::Status InsertQuarantine(const QuarantineRow& row) override {
    auto stmt = db_->Prepare(
        "INSERT OR IGNORE INTO quarantine (received_at, device_id, submission_id, reason, raw, "
        "raw_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(row.received_at))
        .BindText(2, row.device_id)
        .BindText(3, row.submission_id)
        .BindText(4, row.reason)
        .BindBlob(5, row.raw)
        .BindText(6, Sha256Hex(row.raw));
    return stmt->Run();
  }

  absl::StatusOr<std::vector<QuarantineRow>> ListQuarantine(int limit) override {
    auto stmt = db_->Prepare(
        "SELECT id, received_at, device_id, submission_id, reason, length(raw) "
        "FROM quarantine ORDER BY id DESC LIMIT ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, limit);
    std::vector<QuarantineRow> rows;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      QuarantineRow q{stmt->ColumnInt(0), FromMicros(stmt->ColumnInt(1)), stmt->ColumnText(2),
                      stmt->ColumnText(3), stmt->ColumnText(4)};
      q.size_bytes = stmt->ColumnInt(5);  // the bytes stay in the table
      rows.push_back(std::move(q));
    }
    return rows;
  }

  absl::StatusOr<std::int64_t> InsertCatalog(std::string_view bytes, absl::Time at,
                                             std::string_view by) override {
    auto stmt = db_->Prepare(
        "INSERT INTO catalogs (published_at, published_by, bytes) VALUES (?1, ?2, ?3)");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(at)).BindText(2, by).BindBlob(3, bytes);
    if (auto s = stmt->Run(); !s.ok()) return s;
    auto last = db_->Prepare("SELECT last_insert_rowid()");
    if (!last.ok()) return last.status();
    auto row = last->Step();
    if (!row.ok()) return row.status();
    return last->ColumnInt(0);
  }

  absl::StatusOr<std::optional<AuditEntry>> LastAudit() override {
    auto stmt = db_->Prepare(
        absl::StrCat("SELECT ", kAuditColumns, " FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (!stmt.ok()) return stmt.status();
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(AuditFromRow(*stmt));
  }

  absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) override {
    return ListOn(*db_, limit, after);
  }

  absl::StatusOr<SubmissionsExtent> Extent() override {
    return ExtentOn(*db_);
  }

  // AccessRows. Prepared per use: officers' calls are few, and not the
  // kiosks' hot path.
  absl::StatusOr<std::optional<Account>> FindAccount(std::string_view name) override {
    auto stmt = db_->Prepare(
        absl::StrCat("SELECT ", kAccountColumns, " FROM accounts WHERE name = ?1"));
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, name);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<Account>();
    return std::optional<Account>(AccountFromRow(*stmt));
  }

  absl::Status PutAccount(const Account& a) override {
    auto stmt = db_->Prepare(absl::StrCat("INSERT OR REPLACE INTO accounts (", kAccountColumns,
                                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, a.name)
        .BindText(2, a.role)
        .BindText(3, a.password_hash)
        .Bind(4, a.disabled ? 1 : 0)
        .Bind(5, a.failed_signins)
        .Bind(6, Micros(a.last_failed_at))
        .Bind(7, Micros(a.locked_until))
        .Bind(8, Micros(a.created_at));
    return stmt->Run();
  }

  absl::StatusOr<std::vector<Account>> ListAccounts() override {
    auto stmt = db_->Prepare(
        absl::StrCat("SELECT ", kAccountColumns, " FROM accounts ORDER BY name"));
    if (!stmt.ok()) return stmt.status();
    std::vector<Account> accounts;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      accounts.push_back(AccountFromRow(*stmt));
    }
    return accounts;
  }

  absl::StatusOr<std::optional<Session>> FindSession(std::string_view token_hash) override {
    auto stmt = db_->Prepare(
        "SELECT token_hash, account, created_at, expires_at, ends_at FROM sessions "
        "WHERE token_hash = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, token_hash);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<Session>();
    return std::optional<Session>(Session{stmt->ColumnText(0), stmt->ColumnText(1),
                                          FromMicros(stmt->ColumnInt(2)),
                                          FromMicros(stmt->ColumnInt(3)),
                                          FromMicros(stmt->ColumnInt(4))});
  }

  absl::Status PutSession(const Session& s) override {
    auto stmt = db_->Prepare(
        "INSERT OR REPLACE INTO sessions (token_hash, account, created_at, expires_at, "
        "ends_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, s.token_hash)
        .BindText(2, s.account)
        .Bind(3, Micros(s.created_at))
        .Bind(4, Micros(s.expires_at))
        .Bind(5, Micros(s.ends_at));
    return stmt->Run();
  }

  absl::Status DeleteSession(std::string_view token_hash) override {
    auto stmt = db_->Prepare("DELETE FROM sessions WHERE token_hash = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, token_hash);
    return stmt->Run();
  }

  absl::Status DeleteSessionsOf(std::string_view account, absl::Time now) override {
    auto stmt = db_->Prepare("DELETE FROM sessions WHERE account = ?1 OR expires_at < ?2");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, account).Bind(2, Micros(now));
    return stmt->Run();
  }

  absl::StatusOr<std::optional<Device>> FindDevice(std::string_view device_id) override {
    return FindDeviceOn(*db_, "device_id", device_id);
  }

  absl::Status PutDevice(const Device& d) override {
    auto stmt = db_->Prepare(absl::StrCat("INSERT OR REPLACE INTO devices (", kDeviceColumns,
                                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, d.device_id)
        .BindText(2, d.site)
        .BindText(3, d.mode)
        .BindText(4, d.credential_hash)
        .Bind(5, Micros(d.enrolled_at))
        .Bind(6, Micros(d.revoked_at));
    return stmt->Run();
  }

  absl::StatusOr<std::vector<Device>> ListDevices() override {
    auto stmt = db_->Prepare(
        absl::StrCat("SELECT ", kDeviceColumns, " FROM devices ORDER BY device_id"));
    if (!stmt.ok()) return stmt.status();
    std::vector<Device> devices;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      devices.push_back(DeviceFromRow(*stmt));
    }
    return devices;
  }

  absl::StatusOr<std::optional<EnrolmentCode>> FindEnrolmentCode(
      std::string_view code_hash) override {
    auto stmt = db_->Prepare(
        "SELECT code_hash, site, mode, created_by, created_at, expires_at, used_at, device_id "
        "FROM enrolment_codes WHERE code_hash = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, code_hash);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<EnrolmentCode>();
    return std::optional<EnrolmentCode>(EnrolmentCode{
        stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2), stmt->ColumnText(3),
        FromMicros(stmt->ColumnInt(4)), FromMicros(stmt->ColumnInt(5)),
        FromMicros(stmt->ColumnInt(6)), stmt->ColumnText(7)});
  }

  absl::Status PutEnrolmentCode(const EnrolmentCode& c) override {
    auto stmt = db_->Prepare(
        "INSERT OR REPLACE INTO enrolment_codes (code_hash, site, mode, created_by, "
        "created_at, expires_at, used_at, device_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, c.code_hash)
        .BindText(2, c.site)
        .BindText(3, c.mode)
        .BindText(4, c.created_by)
        .Bind(5, Micros(c.created_at))
        .Bind(6, Micros(c.expires_at))
        .Bind(7, Micros(c.used_at))
        .BindText(8, c.device_id);
    return stmt->Run();
  }

  absl::StatusOr<std::optional<absl::Time>> FindLimit(std::string_view key) override {
    auto stmt = db_->Prepare("SELECT spent_until FROM limits WHERE key = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, key);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<absl::Time>();
    return std::optional<absl::Time>(FromMicros(stmt->ColumnInt(0)));
  }

  absl::Status PutLimit(std::string_view key, absl::Time spent_until) override {
    auto stmt =
        db_->Prepare("INSERT OR REPLACE INTO limits (key, spent_until) VALUES (?1, ?2)");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, key).Bind(2, Micros(spent_until));
    return stmt->Run();
  }

  absl::Status ForgetLimitsBefore(absl::Time now) override {
    auto stmt = db_->Prepare("DELETE FROM limits WHERE spent_until < ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(now));
    return stmt->Run();
  }

  absl::StatusOr<std::optional<SigninFailures>> FindSigninFailures(
      std::string_view name_hash) override {
    auto stmt = db_->Prepare(
        "SELECT count, last_failed_at, locked_until FROM signin_failures WHERE name_hash = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, name_hash);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<SigninFailures>();
    return std::optional<SigninFailures>(SigninFailures{
        stmt->ColumnInt(0), FromMicros(stmt->ColumnInt(1)), FromMicros(stmt->ColumnInt(2))});
  }

  absl::Status PutSigninFailures(std::string_view name_hash,
                                 const SigninFailures& f) override {
    auto stmt = db_->Prepare(
        "INSERT OR REPLACE INTO signin_failures (name_hash, count, last_failed_at, "
        "locked_until) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, name_hash)
        .Bind(2, f.count)
        .Bind(3, Micros(f.last_failed_at))
        .Bind(4, Micros(f.locked_until));
    return stmt->Run();
  }

  absl::Status ForgetSigninFailuresBefore(absl::Time then) override {
    auto stmt = db_->Prepare(
        "DELETE FROM signin_failures WHERE last_failed_at < ?1 AND locked_until < ?1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(then));
    return stmt->Run();
  }

  absl::StatusOr<std::vector<SealingKey>> ListSealingKeys() override {
    auto stmt = db_->Prepare(
        "SELECT key_id, public_key, secret_key, created_at FROM sealing_keys "
        "ORDER BY serial DESC");
    if (!stmt.ok()) return stmt.status();
    std::vector<SealingKey> keys;
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return keys;
      keys.push_back({stmt->ColumnText(0), stmt->ColumnBlob(1), stmt->ColumnBlob(2),
                      FromMicros(stmt->ColumnInt(3))});
    }
  }

  absl::StatusOr<std::optional<v1::SubmissionRecord>> FindSubmissionRecord(
      std::string_view submission_id) override {
    auto stmt = db_->Prepare(
        absl::StrCat("SELECT ", kRecordColumns, " FROM submissions WHERE submission_id = ?1"));
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, submission_id);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<v1::SubmissionRecord>();
    auto record = RecordFromRow(*stmt);
    if (!record.ok()) return record.status();
    return std::optional<v1::SubmissionRecord>(*std::move(record));
  }

  static CaseRow CaseFromRow(const Statement& q) {
    CaseRow c;
    c.submission_id = q.ColumnText(0);
    c.state = q.ColumnText(1);
    c.statutory = q.ColumnInt(2) != 0;
    c.assigned_to = q.ColumnText(3);
    if (!q.ColumnIsNull(4)) c.acknowledged_at = FromMicros(q.ColumnInt(4));
    c.agreed_respond_by = q.ColumnText(5);
    if (!q.ColumnIsNull(6)) c.responded_at = FromMicros(q.ColumnInt(6));
    c.outcome = q.ColumnText(7);
    c.safeguarding_decided = q.ColumnInt(8) != 0;
    c.updated_at = FromMicros(q.ColumnInt(9));
    c.reply = q.ColumnText(10);
    c.reply_language = q.ColumnText(11);
    for (absl::string_view t : absl::StrSplit(q.ColumnText(12), ',', absl::SkipEmpty())) {
      c.themes.emplace_back(t);
    }
    return c;
  }
  static constexpr char kCaseColumns[] =
      "submission_id, state, statutory, assigned_to, acknowledged_at, agreed_respond_by, "
      "responded_at, outcome, safeguarding_decided, updated_at, reply, reply_language, themes";

  absl::StatusOr<std::optional<CaseRow>> FindCase(std::string_view submission_id) override {
    auto stmt = db_->Prepare(
        absl::StrCat("SELECT ", kCaseColumns, " FROM cases WHERE submission_id = ?1"));
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, submission_id);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<CaseRow>();
    return std::optional<CaseRow>(CaseFromRow(*stmt));
  }

  absl::StatusOr<std::vector<CaseRow>> ListCases() override {
    auto stmt = db_->Prepare(absl::StrCat("SELECT ", kCaseColumns, " FROM cases"));
    if (!stmt.ok()) return stmt.status();
    std::vector<CaseRow> rows;
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return rows;
      rows.push_back(CaseFromRow(*stmt));
    }
  }

  absl::Status PutCase(const CaseRow& c, v1::CaseStatus status) override {
    auto stmt = db_->Prepare(absl::StrCat(
        "INSERT OR REPLACE INTO cases (", kCaseColumns,
        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, c.submission_id)
        .BindText(2, c.state)
        .Bind(3, c.statutory ? 1 : 0)
        .BindText(4, c.assigned_to)
        .BindText(6, c.agreed_respond_by)
        .BindText(8, c.outcome)
        .Bind(9, c.safeguarding_decided ? 1 : 0)
        .Bind(10, Micros(c.updated_at))
        .BindText(11, c.reply)
        .BindText(12, c.reply_language)
        .BindText(13, absl::StrJoin(c.themes, ","));
    if (c.acknowledged_at) {
      stmt->Bind(5, Micros(*c.acknowledged_at));
    } else {
      stmt->BindNull(5);
    }
    if (c.responded_at) {
      stmt->Bind(7, Micros(*c.responded_at));
    } else {
      stmt->BindNull(7);
    }
    if (absl::Status s = stmt->Run(); !s.ok()) return s;
    auto update = db_->Prepare(
        "UPDATE submissions SET status = ?2, updated_at = ?3, reply = ?4, reply_language = ?5 "
        "WHERE submission_id = ?1");
    if (!update.ok()) return update.status();
    update->BindText(1, c.submission_id).Bind(2, static_cast<std::int64_t>(status))
        .Bind(3, Micros(c.updated_at)).BindText(4, c.reply).BindText(5, c.reply_language);
    return update->Run();
  }

  absl::Status AddCaseEvent(const CaseEvent& e) override {
    auto stmt = db_->Prepare(
        "INSERT INTO case_events (submission_id, at, officer, action, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, e.submission_id)
        .Bind(2, Micros(e.at))
        .BindText(3, e.officer)
        .BindText(4, e.action)
        .BindText(5, e.detail);
    return stmt->Run();
  }

  absl::StatusOr<std::vector<CaseEvent>> ListCaseEvents(std::string_view submission_id) override {
    auto stmt = db_->Prepare(
        "SELECT submission_id, at, officer, action, detail FROM case_events "
        "WHERE submission_id = ?1 ORDER BY id");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, submission_id);
    std::vector<CaseEvent> events;
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return events;
      events.push_back({stmt->ColumnText(0), FromMicros(stmt->ColumnInt(1)), stmt->ColumnText(2),
                        stmt->ColumnText(3), stmt->ColumnText(4)});
    }
  }

  absl::Status PutSealingKey(const SealingKey& key) override {
    auto stmt = db_->Prepare(
        "INSERT INTO sealing_keys (key_id, public_key, secret_key, created_at) "
        "VALUES (?1, ?2, ?3, ?4)");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, key.key_id)
        .BindBlob(2, key.public_key)
        .BindBlob(3, key.secret_key)
        .Bind(4, Micros(key.created_at));
    return stmt->Run();
  }

 private:
  enum Index {
    kBegin, kCommit, kRollback, kSavepoint, kRelease, kRollbackTo,
    kFind, kInsert, kCountTakingPart, kMarkTally, kAudit,
  };
  SqliteWriter(std::unique_ptr<Db> db, std::vector<Statement> statements)
      : db_(std::move(db)), s_(std::move(statements)) {}

  std::unique_ptr<Db> db_;     // statements below belong to it
  std::vector<Statement> s_;   // by Index
};

class SqliteEngine final : public StoreEngine {
 public:
  SqliteEngine(std::string path, std::unique_ptr<SqliteWriter> writer)
      : path_(std::move(path)),
        writer_(std::move(writer)),
        committer_(*writer_) {}

  absl::Status Write(WriteJob job) override {
    return committer_.Write(std::move(job));
  }

  absl::StatusOr<std::vector<ReferenceStatus>> FindByReference(
      std::string_view reference) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    // Newest first, ties broken by id so the order is stable.
    auto stmt = (*db)->Prepare(
        "SELECT s.status, s.reply, s.updated_at, s.pin_hash, s.reply_language, "
        "IFNULL(c.outcome, '') FROM submissions s "
        "LEFT JOIN cases c ON c.submission_id = s.submission_id "
        "WHERE s.reference = ?1 "
        "ORDER BY s.received_at DESC, s.submission_id DESC LIMIT ?2");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, reference).Bind(2, kMaxReferenceMatches);
    std::vector<ReferenceStatus> found;
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      found.push_back(ReferenceStatus{static_cast<v1::CaseStatus>(stmt->ColumnInt(0)),
                                      stmt->ColumnText(1), FromMicros(stmt->ColumnInt(2)),
                                      stmt->ColumnBlob(3), stmt->ColumnText(4),
                                      stmt->ColumnText(5)});
    }
    return found;
  }

  absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    return ListOn(**db, limit, after);
  }

  absl::StatusOr<std::int64_t> ForEachSubmission(
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    return ForEachOn(**db, std::nullopt, sink);
  }

  absl::StatusOr<std::int64_t> ForEachSubmissionUpTo(
      const ListCursor& upto,
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    return ForEachOn(**db, upto, sink);
  }

  absl::StatusOr<std::vector<AuditEntry>> ListAudit(int limit) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        absl::StrCat("SELECT ", kAuditColumns, " FROM audit_log ORDER BY id DESC LIMIT ?1"));
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, limit);
    std::vector<AuditEntry> entries;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      entries.push_back(AuditFromRow(*stmt));
    }
    return entries;
  }

  absl::Status ForEachAudit(const std::function<bool(const AuditEntry&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        absl::StrCat("SELECT ", kAuditColumns, " FROM audit_log ORDER BY id"));
    if (!stmt.ok()) return stmt.status();
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row || !sink(AuditFromRow(*stmt))) return absl::OkStatus();
    }
  }

  absl::Status Scrub() override {
    // The writer deletes with secure_delete on, so freed pages in the
    // database file are overwritten; the WAL still holds the pages as they
    // were until it is checkpointed and truncated. A reader in the middle
    // of a read can hold that up for a moment: tried a few times.
    auto db = Db::Open(path_);
    if (!db.ok()) return db.status();
    for (int attempt = 0; attempt < 50; ++attempt) {
      {
        auto stmt = (*db)->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        if (!stmt.ok()) return stmt.status();
        auto row = stmt->Step();
        if (!row.ok()) return row.status();
        if (*row && stmt->ColumnInt(0) == 0) return absl::OkStatus();  // not busy
      }  // the statement ends before the wait, holding nothing
      absl::SleepFor(absl::Milliseconds(20));
    }
    return absl::UnavailableError(
        "erased, but the write-ahead log could not be truncated yet: readers are busy");
  }

  absl::Status ForEachQuarantined(
      const std::function<bool(const QuarantineRow&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        "SELECT id, received_at, device_id, submission_id, reason, raw FROM quarantine "
        "ORDER BY id");
    if (!stmt.ok()) return stmt.status();
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return absl::OkStatus();
      QuarantineRow q{stmt->ColumnInt(0), FromMicros(stmt->ColumnInt(1)), stmt->ColumnText(2),
                      stmt->ColumnText(3), stmt->ColumnText(4), stmt->ColumnBlob(5)};
      q.size_bytes = static_cast<std::int64_t>(q.raw.size());
      if (!sink(q)) return absl::OkStatus();
    }
  }

  absl::Status Backup(const std::function<bool(std::string_view)>& sink) override {
    // SQLite's online backup from a reader connection, in one step: one
    // read transaction, so the copy is one consistent moment, while the
    // writer goes on (WAL). The copy is made beside the database (owner
    // only), read out in chunks, and removed, whatever happens.
    std::string temp = path_ + ".backup-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
      return absl::UnavailableError(absl::StrCat("backup: cannot make a file beside the "
                                                 "database: ", std::strerror(errno)));
    }
    ::close(fd);
    struct Remove {
      const std::string& path;
      ~Remove() {
        ::unlink(path.c_str());
        ::unlink((path + "-journal").c_str());
      }
    } remove{temp};
    {
      auto source = AcquireReader();
      if (!source.ok()) return source.status();
      sqlite3* copy = nullptr;
      int rc = sqlite3_open_v2(temp.c_str(), &copy, SQLITE_OPEN_READWRITE, nullptr);
      if (rc == SQLITE_OK) {
        sqlite3_backup* backup = sqlite3_backup_init(copy, "main", (*source)->raw(), "main");
        if (backup == nullptr) {
          rc = sqlite3_errcode(copy);
        } else {
          rc = sqlite3_backup_step(backup, -1);
          const int finished = sqlite3_backup_finish(backup);
          if (rc == SQLITE_DONE) rc = finished;
        }
      }
      const int closed = sqlite3_close(copy);
      if (rc == SQLITE_OK && closed != SQLITE_OK) rc = closed;
      if (rc != SQLITE_OK) {
        return (*source)->Error(rc, "backup");
      }
    }
    std::ifstream in(temp, std::ios::binary);
    std::string chunk(1 << 20, '\0');
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const std::streamsize n = in.gcount();
      if (n <= 0) break;
      if (!sink(std::string_view(chunk.data(), static_cast<std::size_t>(n)))) {
        return absl::CancelledError("backup: the receiver went away");
      }
    }
    if (in.bad()) return absl::DataLossError("backup: cannot read the copy back");
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<Device>> FindDeviceByCredential(
      std::string_view credential_hash) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    return FindDeviceOn(**db, "credential_hash", credential_hash);
  }

  absl::StatusOr<std::int64_t> LatestCatalogSerial() override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare("SELECT coalesce(max(serial), 0) FROM catalogs");
    if (!stmt.ok()) return stmt.status();
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    return stmt->ColumnInt(0);
  }

  absl::StatusOr<std::optional<StoredCatalog>> LatestCatalog() override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt =
        (*db)->Prepare("SELECT serial, bytes FROM catalogs ORDER BY serial DESC LIMIT 1");
    if (!stmt.ok()) return stmt.status();
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<StoredCatalog>();
    return std::optional<StoredCatalog>(StoredCatalog{stmt->ColumnInt(0), stmt->ColumnBlob(1)});
  }

  absl::StatusOr<std::vector<TakingPartCount>> TakingPartCounts() override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        "SELECT month, aspect, value, count FROM taking_part_counts "
        "ORDER BY month, aspect, value");
    if (!stmt.ok()) return stmt.status();
    std::vector<TakingPartCount> counts;
    absl::Status s = stmt->ForEachRow([&] {
      counts.push_back(TakingPartCount{stmt->ColumnText(0), stmt->ColumnText(1),
                                       stmt->ColumnText(2), stmt->ColumnInt(3)});
      return true;
    });
    if (!s.ok()) return s;
    return counts;
  }

  absl::StatusOr<std::vector<FacetCount>> CountSubmissions(absl::Time from, absl::Time to,
                                                           ReportFacet facet) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    // Every facet's column is in submissions_for_reports after counted_at:
    // the query reads the index alone, never a body.
    const std::string column(FacetColumn(facet));
    auto stmt = (*db)->Prepare("SELECT " + column + ", count(*) FROM submissions "
                               "WHERE counted_at >= ?1 AND counted_at < ?2 GROUP BY 1 ORDER BY 1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(from)).Bind(2, Micros(to));
    return FacetCounts(*stmt);
  }

  absl::Status ForEachClockedCase(absl::Time from, absl::Time to, bool open_only,
                                  const std::function<bool(const ClockedCase&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    // The range comes from submissions_for_reports (counted_at, kind);
    // only these kinds' rows and bodies are read.
    auto stmt = (*db)->Prepare(absl::StrCat(
        "SELECT s.kind, s.counted_at, s.body, c.state, c.statutory, c.acknowledged_at, "
        "c.agreed_respond_by, c.responded_at, c.outcome, "
        "(SELECT min(e.at) FROM case_events e WHERE e.submission_id = s.submission_id "
        " AND e.action = 'decide'), s.service_id "
        "FROM submissions s LEFT JOIN cases c ON c.submission_id = s.submission_id "
        "WHERE s.counted_at >= ?1 AND s.counted_at < ?2 "
        "AND s.kind IN ('complaint', 'safeguarding') ",
        open_only ? "AND (c.state IS NULL OR c.state IN ('received', 'acknowledged', "
                    "'investigating')) "
                  : "",
        "ORDER BY s.counted_at"));
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(from)).Bind(2, Micros(to));
    return stmt->ForEachRow([&] {
      ClockedCase c;
      c.kind = stmt->ColumnText(0);
      c.told_at = FromMicros(stmt->ColumnInt(1));
      if (stmt->ColumnIsNull(3)) {
        // No officer has acted: the body says whether it is formal.
        v1::Submission s;
        s.ParseFromString(stmt->ColumnBlob(2));
        c.statutory = contract::IsStatutory(s);
        c.state = "received";
      } else {
        c.state = stmt->ColumnText(3);
        c.statutory = stmt->ColumnInt(4) != 0;
        if (!stmt->ColumnIsNull(5)) c.acknowledged_at = FromMicros(stmt->ColumnInt(5));
        c.agreed_respond_by = stmt->ColumnText(6);
        if (!stmt->ColumnIsNull(7)) c.responded_at = FromMicros(stmt->ColumnInt(7));
        c.outcome = stmt->ColumnText(8);
      }
      if (!stmt->ColumnIsNull(9)) c.decided_at = FromMicros(stmt->ColumnInt(9));
      c.service_id = stmt->ColumnText(10);
      return sink(c);
    });
  }

  absl::Status ForEachThemedCase(absl::Time from, absl::Time to, bool with_bodies,
                                 const std::function<bool(const ThemedCase&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(absl::StrCat(
        "SELECT s.kind, c.statutory, s.service_id, c.themes, c.outcome",
        with_bodies ? ", s.body " : " ",
        "FROM submissions s JOIN cases c ON c.submission_id = s.submission_id "
        "WHERE s.counted_at >= ?1 AND s.counted_at < ?2 AND c.themes != '' "
        "ORDER BY s.counted_at"));
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(from)).Bind(2, Micros(to));
    return stmt->ForEachRow([&] {
      ThemedCase c;
      c.kind = stmt->ColumnText(0);
      c.statutory = stmt->ColumnInt(1) != 0;
      c.service_id = stmt->ColumnText(2);
      c.themes = absl::StrSplit(stmt->ColumnText(3), ',', absl::SkipEmpty());
      c.outcome = stmt->ColumnText(4);
      if (with_bodies) c.body = stmt->ColumnBlob(5);
      return sink(c);
    });
  }

  absl::Status ForEachSubmissionOfKind(
      std::string_view kind, absl::Time from, absl::Time to,
      const std::function<bool(const v1::Submission&)>& sink) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    // The range and kind come from submissions_for_reports (counted_at,
    // kind); only the matching rows' bodies are read.
    auto stmt = (*db)->Prepare(
        "SELECT body FROM submissions WHERE counted_at >= ?1 AND counted_at < ?2 AND kind = ?3 "
        "ORDER BY counted_at");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(from)).Bind(2, Micros(to)).BindText(3, kind);
    absl::Status damaged;
    absl::Status read = stmt->ForEachRow([&] {
      v1::Submission s;
      if (!s.ParseFromString(stmt->ColumnBlob(0))) {
        damaged = absl::DataLossError("a stored submission cannot be read");
        return false;
      }
      return sink(s);
    });
    return read.ok() ? damaged : read;
  }

  absl::StatusOr<std::vector<FacetCount>> CountOutcomes(absl::Time from, absl::Time to,
                                                        std::string_view kind) override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare(
        "SELECT coalesce(c.outcome, ''), count(*) FROM submissions s "
        "LEFT JOIN cases c ON c.submission_id = s.submission_id "
        "WHERE s.counted_at >= ?1 AND s.counted_at < ?2 AND s.kind = ?3 "
        "GROUP BY 1 ORDER BY 1");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, Micros(from)).Bind(2, Micros(to)).BindText(3, kind);
    return FacetCounts(*stmt);
  }

  absl::StatusOr<StoredExtent> SubmissionsStored() override {
    auto db = AcquireReader();
    if (!db.ok()) return db.status();
    auto stmt = (*db)->Prepare("SELECT count(*), max(received_at) FROM submissions");
    if (!stmt.ok()) return stmt.status();
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    StoredExtent extent;
    extent.submissions = stmt->ColumnInt(0);
    if (!stmt->ColumnIsNull(1)) extent.newest_received = FromMicros(stmt->ColumnInt(1));
    return extent;
  }

 private:
  // A pooled read connection, handed back when the lease ends.
  class ReaderLease {
   public:
    ReaderLease(SqliteEngine* store, std::unique_ptr<Db> db)
        : store_(store), db_(std::move(db)) {}
    ReaderLease(ReaderLease&&) = default;
    ~ReaderLease() {
      if (db_) store_->ReleaseReader(std::move(db_));
    }
    Db* operator->() const { return db_.get(); }
    Db& operator*() const { return *db_; }

   private:
    SqliteEngine* store_;
    std::unique_ptr<Db> db_;
  };

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
  std::unique_ptr<SqliteWriter> writer_;  // used only by the writer thread

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Db>> idle_readers_;  // guarded by readers_mu_

  GroupCommitter committer_;  // last: its thread stops before the rest goes
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path) {
  // The writer overwrites what it deletes (erasure, retention), so what
  // was removed is not left in the file's free pages.
  auto db = Db::Open(path, {.secure_delete = true});
  if (!db.ok()) return db.status();
  if (auto s = MigrateSqlite(**db); !s.ok()) return s;
  if (auto s = FillReportFacts(**db); !s.ok()) return s;
  auto writer = SqliteWriter::Prepare(std::move(*db));
  if (!writer.ok()) return writer.status();
  return NewRuledStore(
      std::make_unique<SqliteEngine>(path, std::move(*writer)));
}

}  // namespace carevoice::service::store
