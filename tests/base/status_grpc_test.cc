// absl::Status <-> grpc::Status keeps every code and the message.
#include "base/status_grpc.h"

#include "gtest/gtest.h"

namespace carevoice::base {
namespace {

TEST(StatusGrpcTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK, "ignored").ok());
}

TEST(StatusGrpcTest, EveryCodeRoundTrips) {
  for (int code = 1; code <= 16; ++code) {
    const absl::Status in(static_cast<absl::StatusCode>(code), "why");
    const grpc::Status over = ToGrpcStatus(in);
    EXPECT_EQ(static_cast<int>(over.error_code()), code);
    EXPECT_EQ(over.error_message(), "why");
    EXPECT_EQ(FromGrpcStatus(over), in);
  }
}

TEST(StatusGrpcTest, NamedCodesMatch) {
  EXPECT_EQ(ToGrpcStatus(absl::UnavailableError("x")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ToGrpcStatus(absl::InvalidArgumentError("x")).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(StatusGrpcTest, ContextPrefixesTheMessage) {
  const absl::Status s = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::NOT_FOUND, "no such thing"), "Lookup");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "Lookup: no such thing");
}

}  // namespace
}  // namespace carevoice::base
