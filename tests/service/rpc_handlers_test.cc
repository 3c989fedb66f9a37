// The rpc handler functions on the in-memory FakeStore: no SQLite file, no
// server. The same rules hold as on disk (the store's rules are shared), and
// the fake can fail a commit on demand, which a real file cannot.
#include "service/rpc/handlers.h"

#include "base/clock.h"
#include "gtest/gtest.h"
#include "tests/service/fake_store.h"
#include "tests/service/testing.h"

namespace carevoice::service::rpc {
namespace {

using testing::Feedback;

class RpcHandlersTest : public ::testing::Test {
 protected:
  RpcHandlersTest() : store_(testing::NewFakeStore(&engine_)) {}

  v1::SubmitBatchResponse Submit(const std::vector<v1::Submission>& items,
                                 absl::Status* whole_call) {
    v1::SubmitBatchRequest request;
    request.set_device_id("kiosk-test-1");
    for (const auto& s : items) *request.add_submissions() = s;
    return SubmitBatch(*store_, clock_, request, whole_call);
  }

  base::FakeClock clock_;
  testing::FakeStoreEngine* engine_ = nullptr;
  std::unique_ptr<store::Store> store_;
};

TEST_F(RpcHandlersTest, StoresReplaysAndRefusesAConflictPerItem) {
  absl::Status whole;
  v1::SubmitBatchResponse first =
      Submit({Feedback(1, clock_.Now(), "first")}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(first.results_size(), 1);
  EXPECT_EQ(first.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);

  clock_.Advance(absl::Hours(30));
  v1::SubmitBatchResponse second = Submit(
      {Feedback(1, clock_.Now() - absl::Hours(30), "first"),
       Feedback(1, clock_.Now(), "second")},
      &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(second.results_size(), 2);
  EXPECT_EQ(second.results(0).outcome(),
            v1::ItemResult::OUTCOME_ALREADY_STORED);
  EXPECT_EQ(second.results(0).received_at().SerializeAsString(),
            first.results(0).received_at().SerializeAsString());
  EXPECT_EQ(second.results(1).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(second.results(1).code(), 6);
  EXPECT_EQ(second.results(1).field(), "submission_id");
}

TEST_F(RpcHandlersTest, ABadItemIsNamedAndTheRestStored) {
  v1::Submission bad = Feedback(2, clock_.Now());
  bad.mutable_feedback()->set_text(std::string(5001, 'x'));
  absl::Status whole;
  v1::SubmitBatchResponse response =
      Submit({Feedback(1, clock_.Now()), bad}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(response.results(1).field(), "feedback.text");
  EXPECT_EQ(store_->ListSubmissions(10, std::nullopt)->records.size(), 1u);
}

TEST_F(RpcHandlersTest, AFailedCommitAcknowledgesNothing) {
  engine_->FailNextWrites(1, absl::UnavailableError("disk full"));
  absl::Status whole;
  Submit({Feedback(1, clock_.Now())}, &whole);
  EXPECT_EQ(whole.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(store_->ListSubmissions(10, std::nullopt)->records.empty());

  Submit({Feedback(1, clock_.Now())}, &whole);  // the kiosk retries
  EXPECT_TRUE(whole.ok()) << whole;
  EXPECT_EQ(store_->ListSubmissions(10, std::nullopt)->records.size(), 1u);
}

TEST_F(RpcHandlersTest, CheckReferenceFindsTheStatusByTheSpokenForm) {
  const v1::Submission s = Feedback(1, clock_.Now());
  absl::Status whole;
  Submit({s}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  v1::CheckReferenceRequest request;
  std::string spoken = s.reference();
  spoken.insert(4, " - ");
  request.set_reference(spoken);
  absl::StatusOr<v1::CheckReferenceResponse> found =
      CheckReference(*store_, request);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_TRUE(found->found());
  EXPECT_EQ(found->status(), v1::CASE_STATUS_RECEIVED);

  request.set_reference("not a code");
  found = CheckReference(*store_, request);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->found());
}

TEST_F(RpcHandlersTest, ListingIsAuditedAndUnauditedReadsFail) {
  absl::Status whole;
  Submit({Feedback(1, clock_.Now()), Feedback(2, clock_.Now())}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  v1::ListSubmissionsRequest request;
  request.set_officer("test.officer");
  absl::StatusOr<v1::ListSubmissionsResponse> listed =
      ListSubmissions(*store_, clock_, request);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->records_size(), 2);
  EXPECT_TRUE(listed->records(0).submission().feedback().text().empty());
  auto audit = store_->ListAudit(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].officer, "test.officer");
  EXPECT_EQ((*audit)[0].action, "list");
  EXPECT_EQ((*audit)[0].count, 2);

  // No audit row, no answer.
  engine_->FailNextWrites(1, absl::UnavailableError("audit lost"));
  EXPECT_EQ(ListSubmissions(*store_, clock_, request).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace carevoice::service::rpc
