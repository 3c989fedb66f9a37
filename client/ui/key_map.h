// The default key map of ACCESSIBILITY.md: keyboard and 12-key keypad to
// kiosk commands. Pure function: any thread.
#pragma once

#include <optional>

#include <SDL.h>

namespace carevoice::client::ui {

enum class Command {
  kNext,
  kPrevious,
  kChoose,
  kBack,
  kHelp,
  kRepeat,
  kStop,
  kVolumeDown,
  kVolumeUp,
  kTextSmaller,
  kTextLarger,
  kSettings,
  kStartAgain,
};

// The command for a key press, or nullopt for keys with no command (letters
// and digits, which type in text fields).
std::optional<Command> MapKey(SDL_Keycode key, Uint16 modifiers);

}  // namespace carevoice::client::ui
