#include "client/ui/key_map.h"

namespace carevoice::client::ui {

std::optional<Command> MapKey(SDL_Keycode key, Uint16 modifiers) {
  bool shift = (modifiers & KMOD_SHIFT) != 0;
  switch (key) {
    case SDLK_TAB: return shift ? Command::kPrevious : Command::kNext;
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_KP_2: return Command::kNext;
    case SDLK_UP:
    case SDLK_LEFT:
    case SDLK_KP_8: return Command::kPrevious;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_KP_5: return Command::kChoose;
    case SDLK_ESCAPE:
    case SDLK_KP_4: return Command::kBack;
    case SDLK_F1:
    case SDLK_KP_0: return Command::kHelp;
    case SDLK_F2:
    case SDLK_KP_7: return Command::kRepeat;
    case SDLK_F3:
    case SDLK_KP_9: return Command::kStop;
    case SDLK_F5:
    case SDLK_KP_MINUS: return Command::kVolumeDown;
    case SDLK_F6:
    case SDLK_KP_PLUS: return Command::kVolumeUp;
    case SDLK_F7: return Command::kTextSmaller;
    case SDLK_F8: return Command::kTextLarger;
    case SDLK_F9:
    case SDLK_KP_MULTIPLY: return Command::kSettings;
    case SDLK_F12: return Command::kStartAgain;
    default: return std::nullopt;
  }
}

}  // namespace carevoice::client::ui
