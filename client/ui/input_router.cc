#include "client/ui/input_router.h"

namespace carevoice::client::ui {
namespace {

bool IsModifier(SDL_Keycode key) {
  switch (key) {
    case SDLK_LSHIFT: case SDLK_RSHIFT: case SDLK_LCTRL: case SDLK_RCTRL:
    case SDLK_LALT: case SDLK_RALT: case SDLK_LGUI: case SDLK_RGUI:
    case SDLK_CAPSLOCK: case SDLK_NUMLOCKCLEAR: case SDLK_MODE:
      return true;
    default:
      return false;
  }
}

// Keys whose press SDL follows with the character they type (the keypad's
// digits and signs too).
bool SendsText(SDL_Keycode key) {
  return (key >= SDLK_SPACE && key < SDLK_DELETE) ||
         (key >= SDLK_KP_DIVIDE && key <= SDLK_KP_PERIOD && key != SDLK_KP_ENTER);
}

bool IsKeypad(SDL_Keycode key) { return key >= SDLK_KP_DIVIDE && key <= SDLK_KP_PERIOD; }

Input Of(Input::Kind kind) {
  Input input;
  input.kind = kind;
  return input;
}

}  // namespace

std::string DescribeKeyName(std::optional<Command> command) {
  if (!command) return "describe.type";
  switch (*command) {
    case Command::kNext: return "describe.next";
    case Command::kPrevious: return "describe.previous";
    case Command::kChoose: return "describe.choose";
    case Command::kBack: return "describe.back";
    case Command::kHelp: return "describe.help";
    case Command::kRepeat: return "describe.repeat";
    case Command::kStop: return "describe.stop";
    case Command::kVolumeDown: return "describe.volume_down";
    case Command::kVolumeUp: return "describe.volume_up";
    case Command::kTextSmaller: return "describe.text_smaller";
    case Command::kTextLarger: return "describe.text_larger";
    case Command::kSettings: return "describe.settings";
    case Command::kStartAgain: return "describe.start_again";
  }
  return "describe.type";
}

Input InputRouter::Route(const SDL_Event& event, const RouteContext& ctx,
                         const a11y::Registry& registry) {
  switch (event.type) {
    case SDL_KEYDOWN: {
      SDL_Keycode key = event.key.keysym.sym;
      if (IsModifier(key)) return {};
      // Whatever text SDL sends for this key is typing unless the key is
      // taken as something else below.
      drop_next_text_ = false;
      Input input = RouteKey(event.key, ctx);
      // The keypad never types (the on-screen keyboard does); a key taken
      // as anything but typing types nothing either.
      bool typing = input.kind == Input::Kind::kNone;
      if (SendsText(key) && (IsKeypad(key) || !typing)) drop_next_text_ = true;
      return input;
    }
    case SDL_TEXTINPUT: {
      if (ctx.idle_warning) return {};
      if (drop_next_text_) {
        drop_next_text_ = false;
        return {};
      }
      Input input = Of(Input::Kind::kType);
      input.text = event.text.text;
      return input;
    }
    case SDL_MOUSEMOTION:
      pointer_x_ = static_cast<float>(event.motion.x);
      pointer_y_ = static_cast<float>(event.motion.y);
      return {};
    case SDL_MOUSEBUTTONDOWN: {
      if (event.button.button != SDL_BUTTON_LEFT) return {};
      pointer_x_ = static_cast<float>(event.button.x);
      pointer_y_ = static_cast<float>(event.button.y);
      if (ctx.idle_warning) return {};  // the release answers the warning
      const a11y::WidgetInfo* hit = registry.HitTest(pointer_x_, pointer_y_);
      pressed_id_ = hit != nullptr ? hit->id : "";
      Input input = Of(Input::Kind::kPointerDown);
      input.item = pressed_id_;
      input.stops_speech = true;
      return input;
    }
    case SDL_MOUSEBUTTONUP: {
      if (event.button.button != SDL_BUTTON_LEFT) return {};
      pointer_x_ = static_cast<float>(event.button.x);
      pointer_y_ = static_cast<float>(event.button.y);
      const a11y::WidgetInfo* hit = registry.HitTest(pointer_x_, pointer_y_);
      std::string released = hit != nullptr ? hit->id : "";
      bool same = !pressed_id_.empty() && released == pressed_id_;
      pressed_id_.clear();
      if (ctx.idle_warning) return Of(Input::Kind::kStillHere);
      // A touch anywhere starts; elsewhere a control acts when released
      // over the same control it was pressed on.
      if (ctx.on_attract && (!same || released == "attract.start")) return Of(Input::Kind::kStart);
      if (!same) return {};
      Input input = Of(Input::Kind::kTouch);
      input.item = released;
      return input;
    }
    case SDL_MOUSEWHEEL: {
      Input input = Of(Input::Kind::kScroll);
      input.pages = -0.25f * static_cast<float>(event.wheel.y);
      return input;
    }
    default:
      return {};
  }
}

Input InputRouter::RouteKey(const SDL_KeyboardEvent& event, const RouteContext& ctx) {
  SDL_Keycode key = event.keysym.sym;
  Uint16 mods = event.keysym.mod;
  if (ctx.idle_warning) return Of(Input::Kind::kStillHere);
  // A tremor's second press, or a held key, is not a new press.
  if (ctx.repeat_filter && !repeats_.Accept(key)) return Of(Input::Kind::kStillHere);
  std::optional<Command> command = MapKey(key, mods);
  bool switches = ctx.mode != a11y::InputMode::kKeys;
  Input input;
  input.stops_speech = true;  // any key cuts speech off
  // Staff's chord acts anywhere, even in a field. The left keys only: Alt
  // Gr, which types letters such as the Polish ś, is the right Alt.
  if (key == SDLK_s && (mods & KMOD_LCTRL) && (mods & KMOD_LALT)) {
    input.kind = Input::Kind::kStaff;
    return input;
  }
  if (key == SDLK_F11 && !ctx.on_attract) {
    // Describe-key mode: the one key that always acts is the one that
    // turns it off.
    input.kind = Input::Kind::kToggleDescribe;
    return input;
  }
  if (ctx.describe_keys && !ctx.on_attract) {
    if (switches && key == SDLK_SPACE) command = Command::kNext;
    if (switches && (key == SDLK_RETURN || key == SDLK_KP_ENTER)) command = Command::kChoose;
    input.kind = Input::Kind::kDescribe;
    input.key_name = SDL_GetKeyName(key);  // "Tab", "Keypad 2"
    input.describe_key = DescribeKeyName(command);
    return input;
  }
  if (ctx.on_attract) {
    // Any key starts spoken orientation; the settings key opens them.
    input.kind = command == Command::kSettings ? Input::Kind::kStartSettings : Input::Kind::kStart;
    return input;
  }
  if (switches && (key == SDLK_SPACE || key == SDLK_RETURN || key == SDLK_KP_ENTER)) {
    // The two switches of a step scan, or one.
    input.kind = Input::Kind::kSwitch;
    input.which = key == SDLK_SPACE ? a11y::Switch::kMove : a11y::Switch::kChoose;
    return input;
  }
  if (IsKeypad(key)) {
    // A keypad user has no letters: the keypad always navigates (the
    // on-screen keyboard types), even in a field.
    if (ctx.in_text_field && command == Command::kChoose) {
      input.kind = Input::Kind::kFieldChoose;
      return input;
    }
  } else if (ctx.in_text_field) {
    // In a field keys type; Tab moves on, Escape leaves keeping the words,
    // Return is the kiosk's to judge; Shift+Return is a new line.
    switch (key) {
      case SDLK_BACKSPACE:
        input.kind = Input::Kind::kErase;
        return input;
      case SDLK_RETURN:
      case SDLK_KP_ENTER:
        if (mods & KMOD_SHIFT) {
          input.kind = Input::Kind::kType;
          input.text = "\n";
        } else {
          input.kind = Input::Kind::kFieldEnter;
        }
        return input;
      case SDLK_ESCAPE:
        input.kind = Input::Kind::kLeaveField;
        return input;
      case SDLK_TAB:
      case SDLK_UP:
      case SDLK_DOWN:
        break;
      default:
        // Printable keys arrive again as SDL_TEXTINPUT; only F-keys act.
        if (key < SDLK_F1 || key > SDLK_F12) return {};
    }
  }
  if (!command) return {};  // a letter: its text is routed as typing
  if (event.repeat && (*command == Command::kChoose || *command == Command::kBack ||
                       *command == Command::kHelp || *command == Command::kStartAgain ||
                       *command == Command::kSettings)) {
    input.kind = Input::Kind::kStillHere;  // holding a key down never chooses twice
    return input;
  }
  input.kind = Input::Kind::kCommand;
  input.command = *command;
  return input;
}

}  // namespace carevoice::client::ui
