// Conversions between absl::Time and google.protobuf.Timestamp, and the
// Unix-microsecond integers both SQLite files store. Nanos are always kept
// in [0, 1e9) as the Timestamp spec requires, also before 1970. Pure: any
// thread.
#pragma once

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace carevoice::base {

// `t` to the nanosecond (rounded down).
google::protobuf::Timestamp ToProtoTimestamp(absl::Time t);
void SetProtoTimestamp(absl::Time t, google::protobuf::Timestamp* out);

absl::Time FromProtoTimestamp(const google::protobuf::Timestamp& ts);

// Unix microseconds, as stored in SQLite columns (rounded down).
google::protobuf::Timestamp TimestampFromUnixMicros(std::int64_t micros);
std::int64_t UnixMicrosFromTimestamp(const google::protobuf::Timestamp& ts);

}  // namespace carevoice::base
