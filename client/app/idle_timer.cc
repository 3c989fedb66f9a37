#include "client/app/idle_timer.h"

#include <algorithm>
#include <cmath>

namespace carevoice::client {

IdleTimer::IdleTimer(const base::Clock& clock, absl::Duration timeout,
                     absl::Duration warning, int max_extensions)
    : clock_(clock),
      timeout_(timeout),
      warning_(std::max(warning, kMinWarning)),
      max_extensions_(std::max(max_extensions, kMinExtensions)) {
  timeout_ = std::max(timeout_, warning_ + kMinQuiet);
  StartSession();
}

void IdleTimer::StartSession() {
  last_activity_ = clock_.Now();
  warned_ = false;
  expired_ = false;
  extensions_used_ = 0;
}

void IdleTimer::Activity() {
  if (expired_) {
    StartSession();
    return;
  }
  if (enabled_ && warned_) {
    ++extensions_used_;
    warned_ = false;
  }
  last_activity_ = clock_.Now();
}

absl::Time IdleTimer::ResetTime() const {
  // Never less than the full lead after the warning actually went out.
  return std::max(last_activity_ + timeout_, warned_at_ + warning_);
}

IdleEvent IdleTimer::Poll() {
  if (!enabled_ || expired_) return IdleEvent::kNone;
  const absl::Time now = clock_.Now();
  if (!warned_) {
    if (now - last_activity_ < timeout_ - warning_) return IdleEvent::kNone;
    warned_ = true;
    warned_at_ = now;
    return IdleEvent::kWarn;
  }
  if (now < ResetTime()) return IdleEvent::kNone;
  warned_ = false;
  expired_ = true;
  return IdleEvent::kReset;
}

void IdleTimer::Disable() {
  enabled_ = false;
  warned_ = false;
}

void IdleTimer::Enable() {
  enabled_ = true;
  StartSession();
}

int IdleTimer::SecondsLeft() const {
  if (!enabled_ || expired_) return 0;
  const absl::Time now = clock_.Now();
  const absl::Time reset =
      warned_ ? ResetTime() : last_activity_ + timeout_;
  const double seconds = absl::ToDoubleSeconds(reset - now);
  return seconds <= 0 ? 0 : static_cast<int>(std::ceil(seconds));
}

absl::Time IdleTimer::NextDeadline() const {
  if (!enabled_ || expired_) return absl::InfiniteFuture();
  if (!warned_) return last_activity_ + (timeout_ - warning_);
  return ResetTime();
}

}  // namespace carevoice::client
