// The SQLite adapter and the migration runner on real files in a temporary
// directory: durability settings, error mapping, transactions, and schema
// versions old and new.
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "base/sqlite_db.h"
#include "base/sqlite_migrations.h"
#include "gtest/gtest.h"

namespace carevoice::base {
namespace {

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "carevoice-base-XXXXXX")
            .string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string File(const std::string& name) const { return dir_ + "/" + name; }

  static std::unique_ptr<Db> OpenOrDie(const std::string& path,
                                       const SqliteOptions& options = {}) {
    absl::StatusOr<std::unique_ptr<Db>> db = Db::Open(path, options);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  static std::string Pragma(Db& db, const std::string& name) {
    absl::StatusOr<Statement> q = db.Prepare("PRAGMA " + name);
    EXPECT_TRUE(q.ok()) << q.status();
    absl::StatusOr<bool> row = q->Step();
    EXPECT_TRUE(row.ok() && *row);
    return q->ColumnText(0);
  }

  static std::int64_t Count(Db& db, const std::string& sql) {
    absl::StatusOr<Statement> q = db.Prepare(sql);
    EXPECT_TRUE(q.ok()) << q.status();
    absl::StatusOr<bool> row = q->Step();
    EXPECT_TRUE(row.ok() && *row);
    return q->ColumnInt(0);
  }

  std::string dir_;
};

TEST_F(SqliteTest, OpensInWalWithFullSyncAndForeignKeys) {
  std::unique_ptr<Db> db = OpenOrDie(File("a.db"));
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Pragma(*db, "journal_mode"), "wal");
  EXPECT_EQ(Pragma(*db, "synchronous"), "2");  // FULL
  EXPECT_EQ(Pragma(*db, "foreign_keys"), "1");
}

TEST_F(SqliteTest, OptionsTurnOnSecureDeleteAndOwnerOnlyFiles) {
  SqliteOptions options;
  options.secure_delete = true;
  options.owner_only = true;
  std::unique_ptr<Db> db = OpenOrDie(File("private.db"), options);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Pragma(*db, "secure_delete"), "1");
  struct stat st {};
  ASSERT_EQ(::stat(File("private.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(SqliteTest, UnopenablePathIsUnavailable) {
  absl::StatusOr<std::unique_ptr<Db>> db = Db::Open(File("no/such/dir.db"));
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(SqliteTest, BindsAndReadsEveryType) {
  std::unique_ptr<Db> db = OpenOrDie(File("a.db"));
  ASSERT_TRUE(db->Exec("CREATE TABLE t (i INTEGER, s TEXT, b BLOB, n)").ok());
  absl::StatusOr<Statement> insert =
      db->Prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
  ASSERT_TRUE(insert.ok());
  const std::string blob("\0\x01\xff", 3);
  ASSERT_TRUE(insert->Bind(1, std::int64_t{1} << 40)
                  .BindText(2, "w\u0175")
                  .BindBlob(3, blob)
                  .BindNull(4)
                  .Run()
                  .ok());
  EXPECT_EQ(db->Changes(), 1);
  absl::StatusOr<Statement> q = db->Prepare("SELECT i, s, b, n FROM t");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->ColumnInt(0), std::int64_t{1} << 40);
  EXPECT_EQ(q->ColumnText(1), "w\u0175");
  EXPECT_EQ(q->ColumnBlob(2), blob);
  EXPECT_TRUE(q->ColumnIsNull(3));
  EXPECT_FALSE(*q->Step());
}

TEST_F(SqliteTest, BadSqlIsInternalAndALockedFileIsUnavailable) {
  std::unique_ptr<Db> db = OpenOrDie(File("a.db"));
  EXPECT_EQ(db->Prepare("SELEKT 1").status().code(),
            absl::StatusCode::kInternal);
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x)").ok());

  SqliteOptions impatient;
  impatient.busy_timeout_ms = 0;
  std::unique_ptr<Db> other = OpenOrDie(File("a.db"), impatient);
  Transaction holding(*db);
  ASSERT_TRUE(holding.Begin().ok());
  EXPECT_EQ(other->Exec("INSERT INTO t VALUES (1)").code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(SqliteTest, TransactionRollsBackUnlessCommitted) {
  std::unique_ptr<Db> db = OpenOrDie(File("a.db"));
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x)").ok());
  {
    Transaction tx(*db);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
  }  // abandoned
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM t"), 0);
  {
    Transaction tx(*db);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  std::unique_ptr<Db> reopened = OpenOrDie(File("a.db"));
  EXPECT_EQ(Count(*reopened, "SELECT count(*) FROM t"), 1);
}

constexpr Migration kTwoSteps[] = {
    {1, "CREATE TABLE a (x INTEGER);"},
    {2, "CREATE TABLE b (y INTEGER);"},
};

TEST_F(SqliteTest, MigratesAFreshFileAndRecordsEachVersion) {
  std::unique_ptr<Db> db = OpenOrDie(File("m.db"));
  EXPECT_EQ(*SchemaVersion(*db), 0);
  ASSERT_TRUE(MigrateSqlite(*db, std::span(kTwoSteps).first(1)).ok());
  EXPECT_EQ(*SchemaVersion(*db), 1);
  ASSERT_TRUE(MigrateSqlite(*db, kTwoSteps).ok());
  EXPECT_EQ(*SchemaVersion(*db), 2);
  ASSERT_TRUE(MigrateSqlite(*db, kTwoSteps).ok());  // nothing left to do
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM schema_version"), 2);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM b"), 0);
}

TEST_F(SqliteTest, AFailingStepLeavesTheOldSchema) {
  std::unique_ptr<Db> db = OpenOrDie(File("m.db"));
  constexpr Migration kBroken[] = {
      {1, "CREATE TABLE a (x INTEGER);"},
      {2, "CREATE TABLE a (x INTEGER);"},  // already exists
  };
  EXPECT_FALSE(MigrateSqlite(*db, kBroken).ok());
  EXPECT_EQ(*SchemaVersion(*db), 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'a'"),
            0);
}

TEST_F(SqliteTest, RefusesNewerSchemasAndForeignFiles) {
  {
    std::unique_ptr<Db> db = OpenOrDie(File("new.db"));
    ASSERT_TRUE(MigrateSqlite(*db, kTwoSteps).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO schema_version VALUES (7, 0)").ok());
    EXPECT_EQ(MigrateSqlite(*db, kTwoSteps).code(),
              absl::StatusCode::kFailedPrecondition);
  }
  std::unique_ptr<Db> foreign = OpenOrDie(File("foreign.db"));
  ASSERT_TRUE(foreign->Exec("CREATE TABLE t (x)").ok());
  EXPECT_EQ(MigrateSqlite(*foreign, kTwoSteps).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(SqliteTest, UpgradesAnOutboxWithTheOldOneColumnVersionTable) {
  // Outboxes written before the shared runner kept a single-column table
  // holding one row.
  std::unique_ptr<Db> db = OpenOrDie(File("old.db"));
  ASSERT_TRUE(db->Exec("CREATE TABLE schema_version (version INTEGER NOT NULL);"
                       "INSERT INTO schema_version VALUES (1);"
                       "CREATE TABLE a (x INTEGER);")
                  .ok());
  EXPECT_EQ(*SchemaVersion(*db), 1);
  ASSERT_TRUE(MigrateSqlite(*db, kTwoSteps).ok());
  EXPECT_EQ(*SchemaVersion(*db), 2);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM b"), 0);
}

}  // namespace
}  // namespace carevoice::base
