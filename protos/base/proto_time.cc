#include "base/proto_time.h"

namespace carevoice::base {

google::protobuf::Timestamp ToProtoTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  SetProtoTimestamp(t, &ts);
  return ts;
}

void SetProtoTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  // ToUnixSeconds rounds toward negative infinity, so the remainder is
  // never negative.
  const std::int64_t seconds = absl::ToUnixSeconds(t);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(
      (t - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
}

absl::Time FromProtoTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

google::protobuf::Timestamp TimestampFromUnixMicros(std::int64_t micros) {
  return ToProtoTimestamp(absl::FromUnixMicros(micros));
}

std::int64_t UnixMicrosFromTimestamp(const google::protobuf::Timestamp& ts) {
  return ts.seconds() * 1'000'000 + ts.nanos() / 1000;
}

}  // namespace carevoice::base
