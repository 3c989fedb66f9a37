// A Clock that never jumps (std::chrono::steady_clock), for measuring
// waits and intervals. Its epoch is arbitrary: never show its times as
// dates. Any thread.
#pragma once

#include <chrono>

#include "absl/time/time.h"
#include "base/clock.h"

namespace carevoice::base {

class MonotonicClock final : public Clock {
 public:
  absl::Time Now() const override {
    return absl::UnixEpoch() +
           absl::FromChrono(std::chrono::steady_clock::now().time_since_epoch());
  }
  // A process-wide instance.
  static MonotonicClock& Get() {
    static MonotonicClock clock;
    return clock;
  }
};

}  // namespace carevoice::base
