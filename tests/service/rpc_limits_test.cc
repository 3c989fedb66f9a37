// Fair limits through the rpcs: a device's batches, its bytes, reference
// look-ups and an account's exports, each answered RESOURCE_EXHAUSTED with
// the wait in the trailing metadata any gRPC client can read, and nothing
// of a refused call kept.
#include <grpcpp/grpcpp.h>

#include "base/retry_after.h"
#include "gtest/gtest.h"
#include "tests/service/test_server.h"

namespace carevoice::service::rpc {
namespace {

using testing::Feedback;
using testing::TestServer;

auth::LimitPolicy Tight() {
  auth::LimitPolicy p;
  p.device_batches = {2, absl::Minutes(1)};
  p.device_bytes = {4000, absl::Minutes(1)};
  p.device_lookups = {3, absl::Minutes(1)};
  p.reference_lookups = {2, absl::Hours(1)};
  p.account_exports = {1, absl::Hours(1)};
  return p;
}

// The wait the service sent with a refusal, from its trailing metadata.
std::optional<std::int64_t> RetryAfterMs(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto it = trailers.find(base::kRetryAfterMetadata);
  if (it == trailers.end()) return std::nullopt;
  return std::stoll(std::string(it->second.data(), it->second.size()));
}

class RpcLimitsTest : public ::testing::Test {
 protected:
  grpc::Status Submit(const std::vector<v1::Submission>& items, grpc::ClientContext* context,
                      const std::string& device = "kiosk-test-1") {
    v1::SubmitBatchRequest request;
    request.set_device_id(device);
    for (const auto& s : items) *request.add_submissions() = s;
    server_.AsDevice(device, context);
    v1::SubmitBatchResponse response;
    return server_.kiosk().SubmitBatch(context, request, &response);
  }

  std::int64_t Stored() {
    auto page = server_.store().ListSubmissions(100, std::nullopt);
    EXPECT_TRUE(page.ok());
    return page.ok() ? static_cast<std::int64_t>(page->records.size()) : -1;
  }

  TestServer server_{Tight()};
};

TEST_F(RpcLimitsTest, BatchesOverTheLimitAreRefusedWithWhenToRetryAndNotKept) {
  for (int i = 0; i < 2; ++i) {
    grpc::ClientContext context;
    ASSERT_TRUE(Submit({Feedback(i, server_.clock().Now())}, &context).ok()) << i;
    EXPECT_FALSE(RetryAfterMs(context).has_value());
  }
  grpc::ClientContext context;
  grpc::Status refused = Submit({Feedback(2, server_.clock().Now())}, &context);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("this device's batches"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(RetryAfterMs(context), 30000);
  EXPECT_EQ(Stored(), 2);

  // Another device is not held back by this one.
  grpc::ClientContext other;
  EXPECT_TRUE(Submit({Feedback(3, server_.clock().Now())}, &other, "kiosk-test-2").ok());

  // After the wait, the same item goes in.
  server_.clock().Advance(absl::Seconds(30));
  grpc::ClientContext later;
  EXPECT_TRUE(Submit({Feedback(2, server_.clock().Now())}, &later).ok());
  EXPECT_EQ(Stored(), 4);
}

TEST_F(RpcLimitsTest, BytesAreLimitedToo) {
  // Each item carries about 1,500 bytes of words: the third is over 4,000.
  const std::string words(1500, 'a');
  grpc::ClientContext first;
  ASSERT_TRUE(Submit({Feedback(0, server_.clock().Now(), words),
                      Feedback(1, server_.clock().Now(), words)},
                     &first)
                  .ok());
  grpc::ClientContext context;
  grpc::Status refused = Submit({Feedback(2, server_.clock().Now(), words)}, &context);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("this device's bytes"), std::string::npos);
  ASSERT_TRUE(RetryAfterMs(context).has_value());
  EXPECT_GT(*RetryAfterMs(context), 0);
  EXPECT_LE(*RetryAfterMs(context), 60000);
}

TEST_F(RpcLimitsTest, LookUpsAreLimitedPerDeviceAndPerReference) {
  auto check = [&](const std::string& device, const std::string& reference,
                   std::optional<std::int64_t>* retry = nullptr) {
    v1::CheckReferenceRequest request;
    request.set_reference(reference);
    v1::CheckReferenceResponse out;
    grpc::ClientContext context;
    server_.AsDevice(device, &context);
    grpc::Status s = server_.kiosk().CheckReference(&context, request, &out);
    if (retry != nullptr) *retry = RetryAfterMs(context);
    return s.error_code();
  };
  const std::string ref = testing::TestReference(7);
  EXPECT_EQ(check("kiosk-test-1", ref), grpc::StatusCode::OK);
  EXPECT_EQ(check("kiosk-test-2", ref), grpc::StatusCode::OK);
  std::optional<std::int64_t> retry;
  EXPECT_EQ(check("kiosk-test-3", ref, &retry), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << "two look-ups of one reference an hour, from whichever kiosk";
  EXPECT_EQ(retry, 30 * 60 * 1000);
  // The device's own allowance: three a minute, references or not.
  EXPECT_EQ(check("kiosk-test-1", testing::TestReference(8)), grpc::StatusCode::OK);
  EXPECT_EQ(check("kiosk-test-1", "not a reference"), grpc::StatusCode::OK);
  EXPECT_EQ(check("kiosk-test-1", testing::TestReference(9)),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(RpcLimitsTest, ExportsAreLimitedPerAccount) {
  auto export_as = [&](auth::Role role) {
    v1::ExportSubmissionsRequest request;
    grpc::ClientContext context;
    server_.SignedInAs(role, &context);
    auto reader = server_.officer().ExportSubmissions(&context, request);
    v1::SubmissionRecords run;
    while (reader->Read(&run)) {
    }
    return reader->Finish().error_code();
  };
  EXPECT_EQ(export_as(auth::Role::kClerk), grpc::StatusCode::OK);
  EXPECT_EQ(export_as(auth::Role::kClerk), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(export_as(auth::Role::kOfficer), grpc::StatusCode::OK);
}

}  // namespace
}  // namespace carevoice::service::rpc
