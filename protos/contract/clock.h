// Compatibility name for the Clock interface, which lives in base/clock.h.
// Kept only for client/app and client/ui, which are being rewritten; new
// code includes "base/clock.h" and says base::Clock. Any thread.
#pragma once

#include "base/clock.h"

namespace carevoice::contract {

using base::Clock;
using base::FakeClock;
using base::SystemClock;

}  // namespace carevoice::contract
