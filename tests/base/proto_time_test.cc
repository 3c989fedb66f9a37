// absl::Time <-> google.protobuf.Timestamp and Unix microseconds, including
// times before 1970, where nanos must stay non-negative.
#include "base/proto_time.h"

#include "gtest/gtest.h"

namespace carevoice::base {
namespace {

TEST(ProtoTimeTest, RoundTripsToTheNanosecond) {
  const absl::Time t = absl::FromUnixSeconds(1'790'000'000) +
                       absl::Nanoseconds(123'456'789);
  const google::protobuf::Timestamp ts = ToProtoTimestamp(t);
  EXPECT_EQ(ts.seconds(), 1'790'000'000);
  EXPECT_EQ(ts.nanos(), 123'456'789);
  EXPECT_EQ(FromProtoTimestamp(ts), t);
}

TEST(ProtoTimeTest, BeforeTheEpochNanosStayNonNegative) {
  const absl::Time t = absl::FromUnixSeconds(-10) - absl::Milliseconds(250);
  const google::protobuf::Timestamp ts = ToProtoTimestamp(t);
  EXPECT_EQ(ts.seconds(), -11);
  EXPECT_EQ(ts.nanos(), 750'000'000);
  EXPECT_EQ(FromProtoTimestamp(ts), t);

  const google::protobuf::Timestamp from_micros = TimestampFromUnixMicros(-1);
  EXPECT_EQ(from_micros.seconds(), -1);
  EXPECT_EQ(from_micros.nanos(), 999'999'000);
}

TEST(ProtoTimeTest, MicrosecondsRoundTripAndTruncate) {
  const google::protobuf::Timestamp ts =
      TimestampFromUnixMicros(1'790'000'000'123'456);
  EXPECT_EQ(ts.seconds(), 1'790'000'000);
  EXPECT_EQ(ts.nanos(), 123'456'000);
  EXPECT_EQ(UnixMicrosFromTimestamp(ts), 1'790'000'000'123'456);

  google::protobuf::Timestamp finer = ts;
  finer.set_nanos(123'456'999);  // sub-microsecond part is dropped
  EXPECT_EQ(UnixMicrosFromTimestamp(finer), 1'790'000'000'123'456);
}

TEST(ProtoTimeTest, SetWritesIntoAnExistingMessage) {
  google::protobuf::Timestamp ts;
  ts.set_nanos(5);
  SetProtoTimestamp(absl::FromUnixSeconds(7), &ts);
  EXPECT_EQ(ts.seconds(), 7);
  EXPECT_EQ(ts.nanos(), 0);
}

}  // namespace
}  // namespace carevoice::base
