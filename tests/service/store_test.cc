// The SQLite store on real files: idempotency, durability across reopen,
// migrations, who took part counted apart, concurrency.
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "base/proto_time.h"
#include "base/sqlite_db.h"
#include "base/sqlite_migrations.h"
#include "gtest/gtest.h"
#include "service/store/migrations.h"
#include "service/store/store.h"
#include "service/store/submission_facts.h"
#include "tests/service/testing.h"

namespace carevoice::service::store {
namespace {

using testing::Feedback;
using testing::TempDir;
using Outcome = PutResult::Outcome;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

std::unique_ptr<Store> Open(const std::string& path) {
  auto store = OpenSqliteStore(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

std::vector<PutResult> Put(Store& store, const std::vector<v1::Submission>& items,
                           absl::Time at, const std::string& device = "kiosk-1",
                           absl::Duration clock_offset = absl::ZeroDuration()) {
  std::vector<const v1::Submission*> ptrs;
  for (const auto& s : items) ptrs.push_back(&s);
  auto results = store.PutSubmissions(device, ptrs, at, clock_offset);
  EXPECT_TRUE(results.ok()) << results.status();
  return results.ok() ? *results : std::vector<PutResult>();
}

// Runs one query on the file directly, as an outsider would see it.
std::vector<std::vector<std::string>> Query(const std::string& path,
                                            const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::vector<std::string>> rows;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* t = sqlite3_column_text(stmt, i);
      row.push_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

TEST(StoreTest, StoresAndReplaysWithOriginalReceivedAt) {
  TempDir dir;
  auto store = Open(dir.File("a.db"));
  ASSERT_NE(store, nullptr);
  const v1::Submission s = Feedback(1, kT0);
  const absl::Time first_at = kT0 + absl::Microseconds(123456);

  auto first = Put(*store, {s}, first_at);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].outcome, Outcome::kStored);
  EXPECT_EQ(first[0].received_at, first_at);

  auto replay = Put(*store, {s}, kT0 + absl::Hours(50));
  ASSERT_EQ(replay.size(), 1u);
  EXPECT_EQ(replay[0].outcome, Outcome::kAlreadyStored);
  EXPECT_EQ(replay[0].received_at, first_at);
}

TEST(StoreTest, ConflictingReplayIsRefusedAndOriginalKept) {
  TempDir dir;
  auto store = Open(dir.File("a.db"));
  ASSERT_NE(store, nullptr);
  Put(*store, {Feedback(1, kT0, "original words")}, kT0);

  auto conflict = Put(*store, {Feedback(1, kT0, "different words")},
                      kT0 + absl::Minutes(1));
  ASSERT_EQ(conflict.size(), 1u);
  EXPECT_EQ(conflict[0].outcome, Outcome::kConflict);
  EXPECT_EQ(conflict[0].received_at, kT0);

  auto page = store->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].submission().feedback().text(), "original words");
}

TEST(StoreTest, SameIdTwiceInOneBatchIsStoredOnce) {
  TempDir dir;
  auto store = Open(dir.File("a.db"));
  ASSERT_NE(store, nullptr);
  const v1::Submission s = Feedback(1, kT0);
  auto results = Put(*store, {s, s}, kT0);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, Outcome::kStored);
  EXPECT_EQ(results[1].outcome, Outcome::kAlreadyStored);
}

TEST(StoreTest, SurvivesCloseAndReopen) {
  TempDir dir;
  const std::string path = dir.File("durable.db");
  {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
    Put(*store, {Feedback(1, kT0), testing::Safeguarding(2, kT0)}, kT0);
  }
  auto store = Open(path);
  ASSERT_NE(store, nullptr);
  auto page = store->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 2u);
  // Same received_at: ordered by id, descending.
  EXPECT_EQ(page->records[0].submission_id(), testing::TestSubmissionId(2));
  EXPECT_TRUE(page->records[0].urgent());
  EXPECT_EQ(page->records[0].kind(), "safeguarding");
  EXPECT_EQ(page->records[0].status(), v1::CASE_STATUS_RECEIVED);
  EXPECT_EQ(page->records[1].submission().feedback().text(),
            "The carers are kind.");
  EXPECT_EQ(page->records[1].device_id(), "kiosk-1");

  auto replay = Put(*store, {Feedback(1, kT0)}, kT0 + absl::Hours(1));
  ASSERT_EQ(replay.size(), 1u);
  EXPECT_EQ(replay[0].outcome, Outcome::kAlreadyStored);
  EXPECT_EQ(replay[0].received_at, kT0);
}

TEST(StoreTest, MigratesAnEmptyFileAndReopensAMigratedOne) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  testing::WriteFile(path, "");  // a zero-byte file is an empty database
  const int newest = SqliteMigrations().back().version;
  {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
  }
  auto versions = Query(path, "SELECT version FROM schema_version");
  ASSERT_EQ(versions.size(), static_cast<std::size_t>(newest));
  EXPECT_EQ(versions.back()[0], std::to_string(newest));
  EXPECT_EQ(Query(path, "PRAGMA journal_mode")[0][0], "wal");

  {
    auto store = Open(path);  // nothing to apply the second time
    ASSERT_NE(store, nullptr);
  }
  EXPECT_EQ(Query(path, "SELECT version FROM schema_version").size(),
            static_cast<std::size_t>(newest));
}

TEST(StoreTest, RefusesAFileThatIsNotOurs) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(StoreTest, RefusesANewerSchema) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  { ASSERT_NE(Open(path), nullptr); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO schema_version VALUES (999, 0)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(OpenSqliteStore(path).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// Who took part is counted apart from the words, each answer on its own,
// and nothing on disk lines a count up with a submission: no column that
// names one, no order of arrival, and the same bytes whichever visit gave
// which answers.
TEST(StoreTest, TakingPartCountsCannotBeLinedUpWithASubmission) {
  using E = v1::EqualityMonitoring;
  auto tally = [](std::string id, E::AgeBand age) {
    v1::TakingPart t;
    t.set_tally_id(std::move(id));
    t.set_month("2026-09");
    t.mutable_how()->set_language("en-GB");
    t.mutable_equality()->set_age_band(age);
    return t;
  };
  // Two runs: the same two people say the same things and answer the same
  // questions, but the answers come with the visits the other way round.
  auto run = [&](const std::string& path, bool swapped) {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
    const v1::TakingPart young = tally("tally-1111111111111111", E::AGE_BAND_18_TO_24);
    const v1::TakingPart old = tally("tally-2222222222222222", E::AGE_BAND_85_AND_OVER);
    Put(*store, {Feedback(1, kT0)}, kT0);
    ASSERT_TRUE(store->CountTakingPart(std::vector{swapped ? old : young}).ok());
    Put(*store, {Feedback(2, kT0)}, kT0 + absl::Minutes(5));
    ASSERT_TRUE(store->CountTakingPart(std::vector{swapped ? young : old}).ok());
  };
  TempDir dir;
  const std::string a = dir.File("a.db"), b = dir.File("b.db");
  run(a, false);
  run(b, true);

  const std::string counts = "SELECT * FROM taking_part_counts";
  EXPECT_EQ(Query(a, counts), Query(b, counts));
  ASSERT_FALSE(Query(a, counts).empty());
  // The tables hold what is counted and the visits' random ids, nothing else.
  auto columns = [&](const std::string& table) {
    std::vector<std::string> names;
    for (const auto& row : Query(a, "SELECT name FROM pragma_table_info('" + table + "')")) {
      names.push_back(row[0]);
    }
    return names;
  };
  EXPECT_EQ(columns("taking_part_counts"),
            (std::vector<std::string>{"month", "aspect", "value", "count"}));
  EXPECT_EQ(columns("tallies_counted"), std::vector<std::string>{"tally_id"});
  // No rowid to give the order of arrival: rows are kept in key order.
  for (const std::string table : {"taking_part_counts", "tallies_counted"}) {
    const auto sql = Query(a, "SELECT sql FROM sqlite_master WHERE name = '" + table + "'");
    ASSERT_EQ(sql.size(), 1u);
    EXPECT_NE(sql[0][0].find("WITHOUT ROWID"), std::string::npos) << table;
  }
  EXPECT_TRUE(Query(a, "SELECT name FROM sqlite_master WHERE name = 'equality_monitoring'").empty());
}

// A database from before version 15 keeps its equality counts, each answer
// of each old combination added to its own count.
TEST(StoreTest, OldCombinationCountsBecomeOneCountPerAnswer) {
  TempDir dir;
  const std::string path = dir.File("v14.db");
  {
    auto db = base::Db::Open(path);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE(base::MigrateSqlite(**db, SqliteMigrations().first(14)).ok());
    ASSERT_TRUE((*db)->Exec(
        "INSERT INTO equality_monitoring VALUES "
        "('2026-09', 'complaint', 'home_care', 5, 2, 2, 0, 0, 0, 1),"
        "('2026-09', 'feedback', 'day_centres', 5, 3, 0, 0, 0, 0, 2)").ok());
  }
  auto store = Open(path);
  ASSERT_NE(store, nullptr);
  auto counts = store->TakingPartCounts();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(*counts, (std::vector<TakingPartCount>{
                         {"2026-09", "equality", "answered", 3},
                         {"2026-09", "equality.age_band", "5", 3},
                         {"2026-09", "equality.disabled", "2", 1},
                         {"2026-09", "equality.sex", "2", 1},
                         {"2026-09", "equality.sex", "3", 2},
                     }));
}

TEST(StoreTest, StoredBodyIsTheCanonicalBody) {
  TempDir dir;
  const std::string path = dir.File("blob.db");
  auto store = Open(path);
  ASSERT_NE(store, nullptr);
  v1::Submission s = Feedback(1, kT0);
  Put(*store, {s}, kT0);
  auto rows = Query(path, "SELECT hex(body) FROM submissions");
  ASSERT_EQ(rows.size(), 1u);
  std::string expected_hex;
  for (unsigned char c : CanonicalBody(s)) {
    static const char kHex[] = "0123456789ABCDEF";
    expected_hex += kHex[c >> 4];
    expected_hex += kHex[c & 15];
  }
  EXPECT_EQ(rows[0][0], expected_hex);
}

TEST(StoreTest, OnlyAPinsKeyedHashIsOnDisk) {
  TempDir dir;
  const std::string path = dir.File("pin.db");
  auto store = Open(path);
  ASSERT_NE(store, nullptr);
  v1::Submission s = Feedback(1, kT0);
  s.set_pin("804613");
  const std::vector<std::string> hash = {std::string(32, '\x5a')};
  const v1::Submission* one[] = {&s};
  ASSERT_TRUE(store->PutSubmissions("kiosk-1", one, kT0, absl::ZeroDuration(), nullptr, hash)
                  .ok());
  store.reset();
  auto rows = Query(path, "SELECT hex(pin_hash), instr(body, '804613') FROM submissions");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].size(), 64u);
  EXPECT_EQ(rows[0][1], "0");
  std::ifstream file(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("804613"), std::string::npos);
}

TEST(StoreTest, CollidingReferencesAreBothStoredAndBothAnswerNewestFirst) {
  TempDir dir;
  auto store = Open(dir.File("ref.db"));
  ASSERT_NE(store, nullptr);
  v1::Submission a = Feedback(1, kT0);
  v1::Submission b = Feedback(2, kT0);
  b.set_reference(a.reference());
  Put(*store, {a}, kT0, "kiosk-a");
  Put(*store, {b}, kT0 + absl::Minutes(5), "kiosk-b");

  auto page = store->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 2u);

  auto found = store->FindByReference(a.reference());
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ(found->front().status, v1::CASE_STATUS_RECEIVED);
  EXPECT_EQ(found->front().updated_at, kT0 + absl::Minutes(5));

  auto missing = store->FindByReference(testing::TestReference(77));
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty());
}

TEST(StoreTest, ListsNewestFirstInPages) {
  TempDir dir;
  auto store = Open(dir.File("page.db"));
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 7; ++i) {
    Put(*store, {Feedback(i, kT0)}, kT0 + absl::Seconds(i));
  }
  std::vector<std::string> seen;
  std::optional<ListCursor> cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = store->ListSubmissions(3, cursor);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& r : page->records) seen.push_back(r.submission_id());
    cursor = page->next;
    if (!cursor) break;
  }
  ASSERT_EQ(seen.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(seen[i], testing::TestSubmissionId(6 - i));
}

TEST(StoreTest, DatesEachItemWhenThePersonToldTheDeviceOnTheServicesClock) {
  TempDir dir;
  auto store = Open(dir.File("clock.db"));
  ASSERT_NE(store, nullptr);
  // A kiosk two days ahead: told at kT0 by its clock, two days earlier by
  // the service's; and one that is right.
  const absl::Duration ahead = -absl::Hours(48);
  Put(*store, {Feedback(1, kT0)}, kT0 + absl::Minutes(5), "kiosk-fast", ahead);
  Put(*store, {Feedback(2, kT0)}, kT0 + absl::Minutes(6), "kiosk-right");
  auto page = store->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 2u);
  const v1::SubmissionRecord& right = page->records[0];
  const v1::SubmissionRecord& fast = page->records[1];
  EXPECT_EQ(fast.device_id(), "kiosk-fast");
  EXPECT_EQ(base::FromProtoTimestamp(fast.told_at()), kT0 - absl::Hours(48));
  EXPECT_EQ(fast.device_clock_offset_ms(), -48 * 3600 * 1000LL);
  EXPECT_EQ(fast.submission().created_at().seconds(), absl::ToUnixSeconds(kT0))
      << "what the device sent is kept as sent";
  EXPECT_EQ(base::FromProtoTimestamp(right.told_at()), kT0);
  EXPECT_EQ(right.device_clock_offset_ms(), 0);
}

TEST(StoreTest, AuditRowsHoldNoContent) {
  TempDir dir;
  auto store = Open(dir.File("audit.db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->RecordAudit({kT0, "jo.bloggs", "list", 3}).ok());
  ASSERT_TRUE(store->RecordAudit({kT0 + absl::Seconds(1), "sam", "export_identified", 9}).ok());
  auto audit = store->ListAudit(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].officer, "sam");
  EXPECT_EQ((*audit)[0].action, "export_identified");
  EXPECT_EQ((*audit)[0].count, 9);
  EXPECT_EQ((*audit)[1].at, kT0);
}

// Changes the file as someone with the database but not the service might.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(StoreTest, TheAuditIsAHashChainThatFindsAChangedOrRemovedRow) {
  TempDir dir;
  const std::string path = dir.File("chain.db");
  {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(store->RecordAudit({kT0 + absl::Seconds(i), "jo.bloggs", "list", i}).ok());
    }
    Put(*store, {Feedback(1, kT0)}, kT0);
    auto page = store->ListSubmissionsAudited(10, std::nullopt, {kT0, "sam", "list", 0});
    ASSERT_TRUE(page.ok());
    auto v = store->VerifyAudit();
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_TRUE(v->ok()) << v->problem;
    EXPECT_EQ(v->checked, 6);
    auto rows = store->ListAudit(10);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->front().seq, 6);
    EXPECT_EQ(rows->front().prev_hash, (*rows)[1].hash);
  }
  // A count quietly lowered is found at its row.
  Tamper(path, "UPDATE audit_log SET count = 0 WHERE seq = 3");
  {
    auto store = Open(path);
    auto v = store->VerifyAudit();
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok());
    EXPECT_EQ(v->first_bad_seq, 3);
    EXPECT_NE(v->problem.find("changed"), std::string::npos) << v->problem;
  }
  Tamper(path, "UPDATE audit_log SET count = 2 WHERE seq = 3");  // as it was
  {
    auto store = Open(path);
    EXPECT_TRUE(store->VerifyAudit()->ok()) << "put back as it was, it fits again";
  }
  // A row removed is found at the row after it, even with its hash carried.
  Tamper(path, "DELETE FROM audit_log WHERE seq = 2");
  {
    auto store = Open(path);
    auto v = store->VerifyAudit();
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok());
    EXPECT_EQ(v->first_bad_seq, 3);
    EXPECT_NE(v->problem.find("missing"), std::string::npos) << v->problem;
  }
}

TEST(StoreTest, AnAnchorKeptOutsideFindsRowsCutFromTheEndOrRewritten) {
  TempDir dir;
  const std::string path = dir.File("anchor.db");
  AuditAnchor anchor;
  {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(store->RecordAudit({kT0 + absl::Seconds(i), "jo.bloggs", "list", i}).ok());
    }
    auto v = store->VerifyAudit();
    ASSERT_TRUE(v.ok() && v->ok());
    EXPECT_EQ(v->head_seq, 5);
    anchor = {v->head_seq, v->head_hash};
    ASSERT_TRUE(store->RecordAudit({kT0 + absl::Seconds(9), "jo.bloggs", "list", 9}).ok());
    v = store->VerifyAudit(anchor);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok()) << v->problem;
    EXPECT_EQ(v->head_seq, 6);
  }
  // Without the anchor, a chain cut short still fits; with it, it does not.
  Tamper(path, "DELETE FROM audit_log WHERE seq >= 4");
  {
    auto store = Open(path);
    EXPECT_TRUE(store->VerifyAudit()->ok());
    auto v = store->VerifyAudit(anchor);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok());
    EXPECT_EQ(v->first_bad_seq, 4);
    EXPECT_NE(v->problem.find("removed from its end"), std::string::npos) << v->problem;
  }
  // A chain rewritten (rows recomputed to fit) up to the anchor's row.
  {
    auto store = Open(path);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(store->RecordAudit({kT0 + absl::Hours(1), "someone", "forged", 0}).ok());
    }
    auto v = store->VerifyAudit(anchor);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok());
    EXPECT_EQ(v->first_bad_seq, 5);
    EXPECT_NE(v->problem.find("rewritten"), std::string::npos) << v->problem;
  }
}

TEST(StoreTest, AReasonCanBeErasedButNotRewritten) {
  TempDir dir;
  const std::string path = dir.File("reasons.db");
  {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->RecordAudit({kT0, "jo.bloggs", "list", 0}).ok());
    auto page = store->ListSubmissionsAudited(
        10, std::nullopt, {kT0, "jo.bloggs", "list_with_text", 0, "Reply to Pat Example"});
    ASSERT_TRUE(page.ok());
    auto rows = store->ListAudit(1);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->front().reason, "Reply to Pat Example");
    EXPECT_EQ(rows->front().reason_hash.size(), 64u);
    EXPECT_TRUE(store->VerifyAudit()->ok());
  }
  Tamper(path, "UPDATE audit_log SET reason = 'Routine' WHERE seq = 2");
  {
    auto store = Open(path);
    auto v = store->VerifyAudit();
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->first_bad_seq, 2);
    EXPECT_NE(v->problem.find("reason was changed"), std::string::npos) << v->problem;
  }
  // Erasure removes the reason (it may name a person); the chain holds.
  Tamper(path, "UPDATE audit_log SET reason = '' WHERE seq = 2");
  EXPECT_TRUE(Open(path)->VerifyAudit()->ok());
  // But the hash it left cannot be swapped for another reason's.
  Tamper(path, "UPDATE audit_log SET reason_hash = '' WHERE seq = 2");
  EXPECT_FALSE(Open(path)->VerifyAudit()->ok());
}

TEST(StoreTest, AccountsAndSessionsOutliveARestart) {
  TempDir dir;
  const std::string path = dir.File("accounts.db");
  const Account ada{"ada", "admin", "$argon2id$not-really", false, 2, kT0, kT0 + absl::Hours(1),
                    kT0};
  const Session session{"ab12", "ada", kT0, kT0 + absl::Minutes(30), kT0 + absl::Hours(12)};
  {
    auto store = Open(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->WithAccess([&](AccessTxn& txn) -> absl::Status {
      if (auto s = txn.PutAccount(ada); !s.ok()) return s;
      return txn.PutSession(session);
    }).ok());
    Session orphan = session;
    orphan.token_hash = "cd34";
    orphan.account = "nobody";
    EXPECT_FALSE(store->WithAccess([&](AccessTxn& txn) {
      return txn.PutSession(orphan);
    }).ok()) << "a session belongs to an account";
  }
  auto store = Open(path);
  ASSERT_TRUE(store->WithAccess([&](AccessTxn& txn) -> absl::Status {
    auto found = txn.FindAccount("ada");
    EXPECT_TRUE(found.ok() && found->has_value());
    if (found.ok() && found->has_value()) {
      EXPECT_EQ((*found)->role, "admin");
      EXPECT_EQ((*found)->failed_signins, 2);
      EXPECT_EQ((*found)->locked_until, kT0 + absl::Hours(1));
    }
    auto s = txn.FindSession("ab12");
    EXPECT_TRUE(s.ok() && s->has_value() && (*s)->ends_at == kT0 + absl::Hours(12));
    EXPECT_EQ(txn.ListAccounts()->size(), 1u);
    // Expired sessions are swept with an account's.
    if (auto d = txn.DeleteSessionsOf("", kT0 + absl::Hours(1)); !d.ok()) return d;
    EXPECT_FALSE(txn.FindSession("ab12")->has_value());
    return absl::OkStatus();
  }).ok());
}

TEST(StoreTest, ConcurrentWritersStoreEachItemExactlyOnce) {
  TempDir dir;
  auto store = Open(dir.File("concurrent.db"));
  ASSERT_NE(store, nullptr);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::atomic<int> stored{0};
  std::atomic<int> replayed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Neighbouring threads send overlapping ids, as retries would.
        const int id = (t / 2) * kPerThread + i;
        v1::Submission s = Feedback(id, kT0);
        const std::vector<const v1::Submission*> items = {&s};
        auto r = store->PutSubmissions("kiosk-" + std::to_string(t / 2), items,
                                       kT0 + absl::Milliseconds(i), absl::ZeroDuration());
        ASSERT_TRUE(r.ok()) << r.status();
        ((*r)[0].outcome == Outcome::kStored ? stored : replayed)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(stored.load(), kThreads / 2 * kPerThread);
  EXPECT_EQ(replayed.load(), kThreads / 2 * kPerThread);
  int count = 0;
  auto n = store->ForEachSubmission([&](const v1::SubmissionRecord&) {
    ++count;
    return true;
  });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(count, kThreads / 2 * kPerThread);
}

}  // namespace
}  // namespace carevoice::service::store
