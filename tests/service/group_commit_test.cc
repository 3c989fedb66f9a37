// The group-commit machinery apart from SQL, on a scripted target: jobs
// queued while a transaction runs share the next one, a failing job is
// undone alone, and a failed commit reaches every caller of its group.
#include "service/store/group_commit.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace carevoice::service::store {
namespace {

// Records the transaction steps; Begin can be held to let jobs pile up.
class ScriptedTarget final : public GroupCommitTarget, public WriteTxn {
 public:
  absl::Status Begin() override {
    std::unique_lock lock(mu_);
    log_.push_back("begin");
    ++begins_;
    cv_.notify_all();
    cv_.wait(lock, [this] { return !hold_; });
    return absl::OkStatus();
  }
  absl::Status Savepoint() override { return Log("savepoint"); }
  absl::Status RollbackToSavepoint() override { return Log("rollback_to"); }
  absl::Status ReleaseSavepoint() override { return Log("release"); }
  absl::Status Commit() override {
    std::lock_guard lock(mu_);
    log_.push_back("commit");
    return fail_commit_ ? absl::UnavailableError("fsync failed")
                        : absl::OkStatus();
  }
  void Rollback() override { Log("rollback").IgnoreError(); }
  WriteTxn& txn() override { return *this; }

  // Unused by these jobs.
  absl::StatusOr<std::optional<StoredBody>> FindSubmission(
      std::string_view) override {
    return std::nullopt;
  }
  absl::Status InsertSubmission(const SubmissionRow&) override {
    return absl::OkStatus();
  }
  absl::StatusOr<bool> MarkTallyCounted(std::string_view) override { return true; }
  absl::StatusOr<std::optional<BallotBox>> FindBallotBox(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutBallotBox(const BallotBox&) override { return absl::OkStatus(); }
  absl::Status AddTakingPartCount(std::string_view, std::string_view,
                                  std::string_view) override {
    return absl::OkStatus();
  }
  absl::Status InsertAudit(const AuditEntry&) override {
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<AuditEntry>> LastAudit() override { return std::nullopt; }
  absl::Status InsertQuarantine(const QuarantineRow&) override { return absl::OkStatus(); }
  absl::Status DeleteSubmission(std::string_view) override { return absl::OkStatus(); }
  absl::Status ReplaceSubmissionBody(std::string_view, std::string_view) override {
    return absl::OkStatus();
  }
  absl::Status DeleteQuarantined(std::int64_t) override { return absl::OkStatus(); }
  absl::Status EraseAuditReason(std::int64_t) override { return absl::OkStatus(); }
  absl::StatusOr<std::int64_t> InsertCatalog(std::string_view, absl::Time,
                                             std::string_view) override {
    return 1;
  }
  absl::StatusOr<std::vector<QuarantineRow>> ListQuarantine(int) override {
    return std::vector<QuarantineRow>{};
  }
  absl::StatusOr<ListPage> ListSubmissions(
      int, const std::optional<ListCursor>&) override {
    return ListPage{};
  }
  absl::StatusOr<SubmissionsExtent> Extent() override {
    return SubmissionsExtent{};
  }
  // The committer never looks at rows; accounts are not its business.
  absl::StatusOr<std::optional<Account>> FindAccount(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutAccount(const Account&) override { return absl::OkStatus(); }
  absl::StatusOr<std::vector<Account>> ListAccounts() override {
    return std::vector<Account>{};
  }
  absl::StatusOr<std::optional<Session>> FindSession(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutSession(const Session&) override { return absl::OkStatus(); }
  absl::Status DeleteSession(std::string_view) override { return absl::OkStatus(); }
  absl::Status DeleteSessionsOf(std::string_view, absl::Time) override {
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<Device>> FindDevice(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutDevice(const Device&) override { return absl::OkStatus(); }
  absl::StatusOr<std::vector<Device>> ListDevices() override { return std::vector<Device>{}; }
  absl::StatusOr<std::optional<EnrolmentCode>> FindEnrolmentCode(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutEnrolmentCode(const EnrolmentCode&) override { return absl::OkStatus(); }
  absl::StatusOr<std::optional<absl::Time>> FindLimit(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutLimit(std::string_view, absl::Time) override { return absl::OkStatus(); }
  absl::Status ForgetLimitsBefore(absl::Time) override { return absl::OkStatus(); }
  absl::StatusOr<std::optional<SigninFailures>> FindSigninFailures(std::string_view) override {
    return std::nullopt;
  }
  absl::Status PutSigninFailures(std::string_view, const SigninFailures&) override {
    return absl::OkStatus();
  }
  absl::Status ForgetSigninFailuresBefore(absl::Time) override { return absl::OkStatus(); }
  absl::StatusOr<std::vector<SealingKey>> ListSealingKeys() override {
    return std::vector<SealingKey>{};
  }
  absl::Status PutSealingKey(const SealingKey&) override { return absl::OkStatus(); }
  absl::StatusOr<std::optional<v1::SubmissionRecord>> FindSubmissionRecord(
      std::string_view) override {
    return std::nullopt;
  }
  absl::StatusOr<std::optional<CaseRow>> FindCase(std::string_view) override {
    return std::nullopt;
  }
  absl::StatusOr<std::vector<CaseRow>> ListCases() override { return std::vector<CaseRow>{}; }
  absl::Status PutCase(const CaseRow&, v1::CaseStatus) override { return absl::OkStatus(); }
  absl::Status AddCaseEvent(const CaseEvent&) override { return absl::OkStatus(); }
  absl::StatusOr<std::vector<CaseEvent>> ListCaseEvents(std::string_view) override {
    return std::vector<CaseEvent>{};
  }

  void Hold(bool hold) {
    std::lock_guard lock(mu_);
    hold_ = hold;
    cv_.notify_all();
  }
  void FailCommit() {
    std::lock_guard lock(mu_);
    fail_commit_ = true;
  }
  void WaitForBegins(int n) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return begins_ >= n; });
  }
  std::vector<std::string> log() {
    std::lock_guard lock(mu_);
    return log_;
  }

 private:
  absl::Status Log(const char* step) {
    std::lock_guard lock(mu_);
    log_.push_back(step);
    return absl::OkStatus();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool hold_ = false;
  bool fail_commit_ = false;
  int begins_ = 0;
  std::vector<std::string> log_;
};

TEST(GroupCommitTest, JobsWaitingTogetherShareOneTransaction) {
  ScriptedTarget target;
  GroupCommitter committer(target);
  target.Hold(true);
  std::thread first([&] {
    EXPECT_TRUE(committer.Write([](WriteTxn&) { return absl::OkStatus(); }).ok());
  });
  target.WaitForBegins(1);  // the first job's transaction is open and held
  std::vector<std::thread> more;
  std::mutex ran_mu;
  int ran = 0;
  for (int i = 0; i < 3; ++i) {
    more.emplace_back([&] {
      EXPECT_TRUE(committer
                      .Write([&](WriteTxn&) {
                        std::lock_guard lock(ran_mu);
                        ++ran;
                        return absl::OkStatus();
                      })
                      .ok());
    });
  }
  // All three queue behind the held transaction.
  for (int i = 0; i < 60'000 && committer.queued() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(committer.queued(), 3u);
  target.Hold(false);
  first.join();
  for (std::thread& t : more) t.join();
  EXPECT_EQ(ran, 3);
  const std::vector<std::string> log = target.log();
  EXPECT_EQ(std::count(log.begin(), log.end(), "begin"), 2);
  EXPECT_EQ(std::count(log.begin(), log.end(), "commit"), 2);
  EXPECT_EQ(std::count(log.begin(), log.end(), "savepoint"), 4);
}

TEST(GroupCommitTest, AFailingJobIsUndoneAloneAndTheOthersCommit) {
  ScriptedTarget target;
  GroupCommitter committer(target);
  EXPECT_EQ(committer.Write([](WriteTxn&) {
                       return absl::InvalidArgumentError("bad job");
                     }).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(committer.Write([](WriteTxn&) { return absl::OkStatus(); }).ok());
  const std::vector<std::string> expected = {
      "begin", "savepoint", "rollback_to", "release", "commit",
      "begin", "savepoint", "release",     "commit"};
  EXPECT_EQ(target.log(), expected);
}

TEST(GroupCommitTest, AFailedCommitReachesTheCallerAndRollsBack) {
  ScriptedTarget target;
  GroupCommitter committer(target);
  target.FailCommit();
  EXPECT_EQ(committer.Write([](WriteTxn&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
  const std::vector<std::string> log = target.log();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back(), "rollback");
}

TEST(GroupCommitTest, DestructionRunsWhatIsQueued) {
  ScriptedTarget target;
  int ran = 0;
  {
    GroupCommitter committer(target);
    EXPECT_TRUE(committer
                    .Write([&](WriteTxn&) {
                      ++ran;
                      return absl::OkStatus();
                    })
                    .ok());
  }
  EXPECT_EQ(ran, 1);
}

}  // namespace
}  // namespace carevoice::service::store
