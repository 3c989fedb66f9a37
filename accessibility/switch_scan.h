// Switch access timing (ACCESSIBILITY.md 17): turns switch presses and the
// passing of time into "move to the next item" / "choose this item" for the
// three input modes. Pure logic on a Clock: no UI, no I/O; the caller moves
// its own focus and speaks each item it reaches. UI thread only.
//
//   keys     (--input keys)    every call returns kNone; keys are handled
//                              by the kiosk's own key map.
//   switch2  (--input switch2) step scan: Move (Space) -> kNext,
//                              Choose (Enter) -> kChoose.
//   switch1  (--input switch1) auto-scan: Tick() returns kNext once every
//                              interval; any press -> kChoose.
#pragma once

#include <optional>
#include <string_view>

#include "absl/time/time.h"
#include "base/clock.h"

namespace carevoice::a11y {

enum class InputMode { kKeys, kTwoSwitch, kOneSwitch };

// "keys" / "switch2" / "switch1" (the --input values); nullopt otherwise.
std::optional<InputMode> ParseInputMode(std::string_view text);
// The --input spelling of a mode: "keys", "switch2" or "switch1".
std::string_view InputModeName(InputMode mode);

enum class Switch {
  kMove,    // Space (or the first switch)
  kChoose,  // Enter (or the second switch)
};

enum class ScanAction {
  kNone,
  kNext,    // move focus to the next item (wrapping) and speak it
  kChoose,  // choose the focused item
  // One-switch only: the scan had paused itself (see SetPauseAfterCycles)
  // and this press only woke it. Nothing is chosen; speak the focused item
  // again so the person knows where the scan is resuming from.
  kResume,
};

class SwitchScanner {
 public:
  static constexpr absl::Duration kMinInterval = absl::Milliseconds(500);
  static constexpr absl::Duration kMaxInterval = absl::Seconds(10);
  static constexpr absl::Duration kDefaultInterval = absl::Milliseconds(1500);
  static constexpr int kDefaultPauseAfterCycles = 3;

  // `clock` must outlive the scanner. Starts as if Restart() was called now.
  explicit SwitchScanner(const base::Clock& clock,
                         InputMode mode = InputMode::kKeys);

  // Changing the mode restarts the scan.
  void SetMode(InputMode mode);
  InputMode mode() const { return mode_; }

  // The one-switch step interval, clamped to [kMinInterval, kMaxInterval].
  // Takes effect at once: the pending step is re-timed from the same start.
  void SetInterval(absl::Duration interval);
  absl::Duration interval() const { return interval_; }

  // How many focusable items the current screen has. Call whenever it may
  // have changed (every frame is fine: it does not restart anything). 0
  // means unknown: the scan then never pauses itself.
  void SetItemCount(int count);
  int item_count() const { return item_count_; }

  // After this many full cycles through the items with no press, the
  // one-switch scan stops moving (so an unattended kiosk does not spin and
  // talk forever) until the next press. 0 = never pause. Default 3.
  void SetPauseAfterCycles(int cycles);

  // A new screen appeared (focus is on its first item): the first item is
  // given one full interval before the scan moves, the cycle count starts
  // again and a paused scan resumes. If a choice made less than two
  // intervals ago is still holding the scan, that longer hold is kept, so
  // choose-then-new-screen in one frame still gets its extra interval.
  void Restart();

  // A switch was pressed.
  //  keys:    kNone.
  //  switch2: kMove -> kNext, kChoose -> kChoose.
  //  switch1: either switch -> kChoose, and the scan then holds on the
  //           chosen item for two intervals (one extra) so the person hears
  //           the result of the choice and where they are before it moves
  //           on. If the scan had paused itself, the press returns kResume
  //           instead (nothing chosen) and the next step is one interval
  //           later.
  ScanAction SwitchPressed(Switch which);

  // Call every frame and whenever the loop wakes up. One-switch: returns
  // kNext when the step deadline has passed, otherwise kNone. Never more
  // than one kNext per call: after a long sleep (a stalled frame, a
  // suspended machine) the scan moves one item, not several, and the next
  // step is a full interval after this call — the person hears every item.
  ScanAction Tick();

  // When Tick() will next return kNext, so the window loop can sleep until
  // exactly then. absl::InfiniteFuture() when nothing is scheduled (keys or
  // two-switch mode, or a paused scan).
  absl::Time NextDeadline() const;

  // True when the one-switch scan has stopped itself after the cycles.
  bool paused() const { return paused_; }

 private:
  const base::Clock& clock_;
  InputMode mode_;
  absl::Duration interval_ = kDefaultInterval;
  int item_count_ = 0;
  int pause_after_cycles_ = kDefaultPauseAfterCycles;

  absl::Time anchor_;          // the last step, press or restart
  int hold_intervals_ = 1;     // intervals from anchor_ to the next step
  int steps_since_press_ = 0;  // kNext steps since the last press/restart
  bool paused_ = false;
};

}  // namespace carevoice::a11y
