#include "client/ui/screen_speech.h"

#include <algorithm>

#include "absl/strings/match.h"

namespace carevoice::client::ui {

bool IsSpokenText(const a11y::WidgetInfo& item) {
  return item.role == a11y::Role::kText && item.id != "instruction" &&
         !absl::EndsWith(item.id, ".label");
}

void ScreenSpeech::Said(const a11y::Registry& registry, const a11y::FocusModel& focus,
                        const a11y::Announcer& announcer) {
  focus_serial_ = focus.serial();
  const a11y::WidgetInfo* focused = registry.Find(focus.focused_id());
  focused_description_ =
      focused ? announcer.Describe(*focused, focus.position(), focus.count()) : "";
}

void ScreenSpeech::Announce(bool entered, std::string_view title, std::string_view instruction,
                            const a11y::Registry& registry, const a11y::FocusModel& focus,
                            a11y::Announcer& announcer) {
  const a11y::WidgetInfo* focused = registry.Find(focus.focused_id());
  std::string description =
      focused ? announcer.Describe(*focused, focus.position(), focus.count()) : "";
  if (entered) {
    texts_.clear();
    announcer.ScreenEntered(title, instruction);
    for (const a11y::WidgetInfo& item : registry.items()) {
      if (!IsSpokenText(item)) continue;
      announcer.Queue(item.label);
      texts_.emplace_back(item.id, item.label);
    }
    if (focused != nullptr) announcer.FocusChanged(*focused, focus.position(), focus.count());
  } else {
    // A field whose words change as the person types is not read again
    // on every key: typing has its own echo.
    bool typing = focused != nullptr && focused->role == a11y::Role::kTextField &&
                  focus.serial() == focus_serial_;
    if (focused != nullptr && !typing &&
        (focus.serial() != focus_serial_ || description != focused_description_)) {
      announcer.FocusChanged(*focused, focus.position(), focus.count());
    }
    for (const a11y::WidgetInfo& item : registry.items()) {
      if (!IsSpokenText(item)) continue;
      auto it = std::find_if(texts_.begin(), texts_.end(),
                             [&](const auto& t) { return t.first == item.id; });
      if (it != texts_.end() && it->second == item.label) continue;
      announcer.Queue(item.label);
      if (it == texts_.end()) texts_.emplace_back(item.id, item.label);
      else it->second = item.label;
    }
  }
  focus_serial_ = focus.serial();
  focused_description_ = std::move(description);
}

}  // namespace carevoice::client::ui
