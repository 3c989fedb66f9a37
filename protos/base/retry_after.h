// "Try again in N seconds", carried on an absl::Status (a refusal under a
// fair limit: RESOURCE_EXHAUSTED). On the wire it travels as the trailing
// metadata kRetryAfterMetadata (status_grpc.h), so any gRPC client can read
// it. Pure: any thread.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace carevoice::base {

// Milliseconds, as decimal text.
inline constexpr char kRetryAfterMetadata[] = "carevoice-retry-after-ms";

// `status` saying to wait `wait` (rounded up to a whole millisecond, at
// least one) before trying again.
absl::Status WithRetryAfter(absl::Status status, absl::Duration wait);
// The wait `status` carries; nullopt when it carries none.
std::optional<absl::Duration> RetryAfter(const absl::Status& status);

}  // namespace carevoice::base
