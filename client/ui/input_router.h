// Input routing: turns each SDL event into what it means at the kiosk -- a
// command, a switch press, typing, a touch on a registered item -- given
// where focus is and how the person presses (keys, two switches, one
// switch). It owns the key filters that sit in front of everything: the
// quick-repeat filter, describe-key mode, and the text SDL sends after a
// key that was taken as a command. It decides nothing about screens; the
// kiosk applies what it returns. UI thread only.
#pragma once

#include <optional>
#include <string>

#include <SDL.h>

#include "absl/time/time.h"
#include "accessibility/key_describer.h"
#include "accessibility/registry.h"
#include "accessibility/switch_scan.h"
#include "client/ui/key_map.h"
#include "base/clock.h"

namespace carevoice::client::ui {

// Where the person is, as far as routing needs to know.
struct RouteContext {
  bool on_attract = false;     // any key or touch starts
  bool idle_warning = false;   // any key or touch only says "still here"
  bool in_text_field = false;  // the focused item takes text
  a11y::InputMode mode = a11y::InputMode::kKeys;
  bool describe_keys = false;  // keys say what they do instead of doing it
  bool repeat_filter = false;  // ignore a second press within the delay
};

struct Input {
  enum class Kind {
    kNone,           // nothing to do (a release, a filtered repeat, a modifier)
    kStillHere,      // answered the idle warning, and nothing else
    kStart,          // attract: any key or touch starts
    kStartSettings,  // attract: the settings key opens them at once
    kToggleDescribe, // F11
    kStaff,          // left Ctrl + left Alt + S: the staff screen, open or closed
    kDescribe,       // describe-key mode: say `describe_key` for `key_name`
    kCommand,        // `command`
    kSwitch,         // a switch press: `which`
    kType,           // `text` typed
    kErase,          // Backspace in a field
    kFieldEnter,     // Return in a field (Shift+Return is kType "\n")
    kLeaveField,     // Escape in a field: leave it, keeping the words
    kFieldChoose,    // the keypad's "choose" on a field: on to the keyboard
    kPointerDown,    // a press over `item` (may be empty)
    kTouch,          // released over the item pressed: `item`
    kScroll,         // the wheel: `pages` (> 0: down)
  };
  Kind kind = Kind::kNone;
  Command command = Command::kNext;
  a11y::Switch which = a11y::Switch::kMove;
  std::string text;          // kType
  std::string item;          // kPointerDown, kTouch: the registered id
  std::string key_name;      // kDescribe: SDL's name of the key
  std::string describe_key;  // kDescribe: the language key of what it does
  float pages = 0;           // kScroll
  bool stops_speech = false; // a key or a press cuts speech off
};

class InputRouter {
 public:
  explicit InputRouter(const base::Clock& clock) : repeats_(clock) {}

  void SetRepeatDelay(absl::Duration delay) { repeats_.SetDelay(delay); }

  // What `event` means. Call in the order SDL delivered the events.
  Input Route(const SDL_Event& event, const RouteContext& ctx, const a11y::Registry& registry);

  // The last pointer position (for hover and the pressed look).
  float pointer_x() const { return pointer_x_; }
  float pointer_y() const { return pointer_y_; }
  const std::string& pressed_id() const { return pressed_id_; }

 private:
  Input RouteKey(const SDL_KeyboardEvent& key, const RouteContext& ctx);

  a11y::RepeatFilter repeats_;
  // The text SDL sends after a key that was taken as a command (a keypad
  // digit, Space as "choose", the key that started) is not typing.
  bool drop_next_text_ = false;
  std::string pressed_id_;
  float pointer_x_ = -1, pointer_y_ = -1;
};

// The language key saying what a key does in describe-key mode.
std::string DescribeKeyName(std::optional<Command> command);

}  // namespace carevoice::client::ui
