#include "accessibility/switch_scan.h"

#include <algorithm>

namespace carevoice::a11y {

std::optional<InputMode> ParseInputMode(std::string_view text) {
  if (text == "keys") return InputMode::kKeys;
  if (text == "switch2") return InputMode::kTwoSwitch;
  if (text == "switch1") return InputMode::kOneSwitch;
  return std::nullopt;
}

std::string_view InputModeName(InputMode mode) {
  switch (mode) {
    case InputMode::kKeys: return "keys";
    case InputMode::kTwoSwitch: return "switch2";
    case InputMode::kOneSwitch: return "switch1";
  }
  return "keys";
}

SwitchScanner::SwitchScanner(const base::Clock& clock, InputMode mode)
    : clock_(clock), mode_(mode), anchor_(clock.Now()) {}

void SwitchScanner::SetMode(InputMode mode) {
  mode_ = mode;
  anchor_ = clock_.Now();
  hold_intervals_ = 1;
  steps_since_press_ = 0;
  paused_ = false;
}

void SwitchScanner::SetInterval(absl::Duration interval) {
  interval_ = std::clamp(interval, kMinInterval, kMaxInterval);
}

void SwitchScanner::SetItemCount(int count) { item_count_ = std::max(count, 0); }

void SwitchScanner::SetPauseAfterCycles(int cycles) {
  pause_after_cycles_ = std::max(cycles, 0);
}

void SwitchScanner::Restart() {
  const absl::Time now = clock_.Now();
  const absl::Time held_until = anchor_ + interval_ * hold_intervals_;
  // Keep a post-choice hold that reaches further than a fresh interval.
  if (!(hold_intervals_ > 1 && !paused_ && held_until > now + interval_)) {
    anchor_ = now;
    hold_intervals_ = 1;
  }
  steps_since_press_ = 0;
  paused_ = false;
}

ScanAction SwitchScanner::SwitchPressed(Switch which) {
  switch (mode_) {
    case InputMode::kKeys:
      return ScanAction::kNone;
    case InputMode::kTwoSwitch:
      return which == Switch::kMove ? ScanAction::kNext : ScanAction::kChoose;
    case InputMode::kOneSwitch:
      break;
  }
  anchor_ = clock_.Now();
  steps_since_press_ = 0;
  if (paused_) {
    paused_ = false;
    hold_intervals_ = 1;
    return ScanAction::kResume;
  }
  hold_intervals_ = 2;
  return ScanAction::kChoose;
}

ScanAction SwitchScanner::Tick() {
  if (mode_ != InputMode::kOneSwitch || paused_) return ScanAction::kNone;
  const absl::Time now = clock_.Now();
  if (now < anchor_ + interval_ * hold_intervals_) return ScanAction::kNone;
  // Re-anchor on now, not on the missed deadline: no catching up.
  anchor_ = now;
  hold_intervals_ = 1;
  ++steps_since_press_;
  if (item_count_ > 0 && pause_after_cycles_ > 0 &&
      steps_since_press_ >= item_count_ * pause_after_cycles_) {
    // This step completes the last cycle, so focus rests on the first item.
    paused_ = true;
  }
  return ScanAction::kNext;
}

absl::Time SwitchScanner::NextDeadline() const {
  if (mode_ != InputMode::kOneSwitch || paused_) return absl::InfiniteFuture();
  return anchor_ + interval_ * hold_intervals_;
}

}  // namespace carevoice::a11y
