// The timing half of "describe key" mode (ACCESSIBILITY.md 20): while the
// mode is on, a key says what it does instead of doing it, and a repeated
// press of the same key within an adjustable delay (at least 0.5 s) is
// ignored, so a tremor or a bouncing key does not repeat the description.
// Generic over integer key codes (SDL keycodes, keypad codes, switch ids).
// Pure logic on a Clock; UI thread only.
#pragma once

#include <unordered_map>

#include "absl/time/time.h"
#include "base/clock.h"

namespace carevoice::a11y {

class RepeatFilter {
 public:
  static constexpr absl::Duration kMinDelay = absl::Milliseconds(500);

  // `clock` must outlive the filter. `delay` is clamped to >= kMinDelay.
  explicit RepeatFilter(const base::Clock& clock,
                        absl::Duration delay = kMinDelay);

  // Clamped to >= kMinDelay (there is no upper limit: some people need
  // several seconds). Applies to presses from now on.
  void SetDelay(absl::Duration delay);
  absl::Duration delay() const { return delay_; }

  // True when the press should be acted on. False when the same key was
  // accepted less than delay() ago. The delay is measured from the last
  // *accepted* press of that key, so a key held on auto-repeat comes through
  // once per delay rather than never. Different keys are never filtered.
  bool Accept(int key_code);

  // Forget every press (a new session, or describe mode switched off).
  void Reset() { last_accepted_.clear(); }

 private:
  const base::Clock& clock_;
  absl::Duration delay_;
  std::unordered_map<int, absl::Time> last_accepted_;
};

}  // namespace carevoice::a11y
