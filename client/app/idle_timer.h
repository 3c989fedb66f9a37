// The kiosk's inactivity timer (ACCESSIBILITY.md 22 and 25): after a quiet
// spell it warns (the caller shows and speaks the warning), and only after a
// further warning lead of at least 20 s does it ask for a reset, which wipes
// everything the person entered. Any key or touch extends. Pure logic on a
// Clock: no UI, no I/O. UI thread only.
//
// Policies:
//  * Warning lead is never below 20 s, and the reset is never less than the
//    lead after the warning was *issued* — if Poll() is called late (a
//    stalled frame, a suspended machine) the person still gets the full
//    lead to respond, never a reset without a warning.
//  * Extensions are unlimited. WCAG 2.2.1 asks for at least 10; a person who
//    keeps responding is there and mid-task, and resetting them would throw
//    their words away. max_extensions() (>= 10) is the guaranteed number;
//    extensions_used() keeps counting past it, for logs and tests. An
//    unattended kiosk still resets, because only activity extends.
//  * After kReset the timer is expired and quiet until Activity() or
//    Enable() starts a fresh session (extension count back to 0).
#pragma once

#include "absl/time/time.h"
#include "base/clock.h"

namespace carevoice::client {

enum class IdleEvent {
  kNone,
  kWarn,   // show and speak "Are you still there? Press any key..." now
  kReset,  // nobody answered the warning: wipe the session, back to attract
};

class IdleTimer {
 public:
  static constexpr absl::Duration kDefaultTimeout = absl::Seconds(120);
  static constexpr absl::Duration kDefaultWarning = absl::Seconds(30);
  static constexpr absl::Duration kMinWarning = absl::Seconds(20);
  // The least quiet time before a warning, so a short --idle-timeout cannot
  // make the warning appear the moment the person stops typing.
  static constexpr absl::Duration kMinQuiet = absl::Seconds(10);
  static constexpr int kDefaultMaxExtensions = 10;
  static constexpr int kMinExtensions = 10;

  // `clock` must outlive the timer. `warning` is clamped to >= kMinWarning;
  // `timeout` (from the last activity to the reset) is raised to at least
  // warning + kMinQuiet; `max_extensions` to at least kMinExtensions.
  // Starts enabled, as if Activity() happened now.
  explicit IdleTimer(const base::Clock& clock,
                     absl::Duration timeout = kDefaultTimeout,
                     absl::Duration warning = kDefaultWarning,
                     int max_extensions = kDefaultMaxExtensions);

  // Any key, touch or switch press. Restarts the quiet spell; while a
  // warning is showing it also ends the warning and counts one extension.
  // After a reset (expired) it starts a fresh session.
  void Activity();

  // Call every frame / wake-up. kWarn exactly once per quiet spell, when
  // timeout - warning has passed since the last activity; kReset once, when
  // the reset time (see SecondsLeft) has passed with no activity. kNone
  // otherwise, always while disabled or expired.
  IdleEvent Poll();

  // The attract screen: nobody is there, so no timer. Enable() starts a
  // fresh session (quiet spell from now, no warning, no extensions used).
  void Disable();
  void Enable();
  bool enabled() const { return enabled_; }

  // True between kWarn and the next Activity() or kReset.
  bool warning() const { return warned_; }
  bool expired() const { return expired_; }

  // Whole seconds until the reset, rounded up (for "30 seconds left"); 0
  // when disabled or expired.
  int SecondsLeft() const;

  // When Poll() will next return something other than kNone, so the window
  // loop can sleep until then; absl::InfiniteFuture() when disabled/expired.
  absl::Time NextDeadline() const;

  int extensions_used() const { return extensions_used_; }
  int max_extensions() const { return max_extensions_; }
  absl::Duration timeout() const { return timeout_; }
  absl::Duration warning_lead() const { return warning_; }

 private:
  absl::Time ResetTime() const;
  void StartSession();

  const base::Clock& clock_;
  absl::Duration timeout_;
  absl::Duration warning_;
  int max_extensions_;

  bool enabled_ = true;
  bool expired_ = false;
  bool warned_ = false;
  absl::Time last_activity_;
  absl::Time warned_at_;
  int extensions_used_ = 0;
};

}  // namespace carevoice::client
