// Says what changed on screen after a frame, the same way in the kiosk and
// the officer console: a new screen (or one read anew) says its title and
// instruction, then each text on it, then the focused item; otherwise the
// focused item when focus moved or it changed under focus ("Speech speed:
// slow"), and any text that appeared or changed while the screen stayed (an
// error, a "sent" notice), so nothing is sight-only. UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/registry.h"

namespace carevoice::client::ui {

// Text items spoken as text: everything registered as text that is not the
// title or instruction (said on entry) or a field's own label (said with
// the field).
bool IsSpokenText(const a11y::WidgetInfo& item);

class ScreenSpeech {
 public:
  void Announce(bool entered, std::string_view title, std::string_view instruction,
                const a11y::Registry& registry, const a11y::FocusModel& focus,
                a11y::Announcer& announcer);
  // The focused item was just said some other way (typing moved focus to
  // a field): it is not said again.
  void Said(const a11y::Registry& registry, const a11y::FocusModel& focus,
            const a11y::Announcer& announcer);
  // Say the focused item again on the next frame (a switch scan woke).
  void Forget() { focused_description_.clear(); }

 private:
  std::uint64_t focus_serial_ = 0;
  std::string focused_description_;
  std::vector<std::pair<std::string, std::string>> texts_;  // id, spoken label
};

}  // namespace carevoice::client::ui
