#include "base/retry_after.h"

#include <cstdint>
#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"

namespace carevoice::base {
namespace {

constexpr char kPayloadUrl[] = "type.carevoice.uk/retry-after-ms";

}  // namespace

absl::Status WithRetryAfter(absl::Status status, absl::Duration wait) {
  std::int64_t ms = absl::ToInt64Milliseconds(absl::Ceil(wait, absl::Milliseconds(1)));
  if (ms < 1) ms = 1;
  status.SetPayload(kPayloadUrl, absl::Cord(std::to_string(ms)));
  return status;
}

std::optional<absl::Duration> RetryAfter(const absl::Status& status) {
  auto payload = status.GetPayload(kPayloadUrl);  // absl::optional in Debian's abseil
  std::int64_t ms = 0;
  if (!payload || !absl::SimpleAtoi(std::string(*payload), &ms) || ms < 0) return std::nullopt;
  return absl::Milliseconds(ms);
}

}  // namespace carevoice::base
