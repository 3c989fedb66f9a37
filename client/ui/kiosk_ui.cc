#include "client/ui/kiosk_ui.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "contract/limits.h"

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

// Spoken text items: everything on screen that is not the title, the
// instruction (both spoken on entry) or a field's own label (spoken with
// the field).
bool IsSpokenText(const a11y::WidgetInfo& item) {
  return item.role == a11y::Role::kText && item.id != "instruction" &&
         !absl::EndsWith(item.id, ".label");
}

a11y::ThemeId ThemeFromKey(const std::string& key) {
  return a11y::ThemeFromKey(key).value_or(a11y::AllThemes().front());
}

}  // namespace

absl::StatusOr<std::unique_ptr<KioskUi>> KioskUi::Create(
    LanguageLoader load, std::vector<std::string> languages, Outbox& outbox,
    SyncHooks sync, a11y::Speaker& speaker, const contract::Clock& clock,
    const Fonts& fonts, KioskOptions options) {
  if (languages.empty()) return absl::InvalidArgumentError("no languages to offer");
  options.defaults.language = languages.front();
  if (!a11y::ParseInputMode(options.defaults.input)) {
    return absl::InvalidArgumentError("input must be keys, switch1 or switch2");
  }
  absl::StatusOr<Strings> strings = load(languages.front());
  if (!strings.ok()) return strings.status();
  return std::unique_ptr<KioskUi>(new KioskUi(std::move(*strings), std::move(load),
                                              std::move(languages), outbox, std::move(sync),
                                              speaker, clock, fonts, std::move(options)));
}

KioskUi::KioskUi(Strings strings, LanguageLoader load, std::vector<std::string> languages,
                 Outbox& outbox, SyncHooks sync, a11y::Speaker& speaker,
                 const contract::Clock& clock, const Fonts& fonts, KioskOptions options)
    : load_(std::move(load)),
      languages_(std::move(languages)),
      screen_strings_(strings),
      speech_strings_(std::move(strings)),
      outbox_(outbox),
      sync_(std::move(sync)),
      speaker_(speaker),
      clock_(clock),
      options_(std::move(options)),
      settings_(options_.defaults),
      scanner_(clock),
      repeats_(clock),
      idle_(clock, options_.idle_timeout),
      theme_(a11y::ThemeFor(ThemeFromKey(settings_.theme))),
      announcer_(speaker_, [this](std::string_view key) { return speech_strings_.Get(key); }),
      ui_(registry_, focus_, theme_, fonts),
      words_(contract::kMaxFeedbackText) {
  keyboard_.SetWords(options_.words);
  UseLanguage(settings_.language);
  ApplySettings(settings_);
}

std::string KioskUi::ViewName() const {
  switch (overlay_) {
    case Overlay::kHelp: return "help";
    case Overlay::kRestart: return "restart";
    case Overlay::kSettings: return "settings";
    case Overlay::kMore: return "more_controls";
    case Overlay::kIdle: return "idle";
    case Overlay::kNone: break;
  }
  return ScreenName(journey_.screen());
}

void KioskUi::HandleEvent(const SDL_Event& event) {
  switch (event.type) {
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEWHEEL:
      pending_.push_back(event);
      break;
    default:
      break;  // key releases and the rest carry no meaning here
  }
}

bool KioskUi::NeedsFrame() const {
  if (!pending_.empty() || frames_in_view_ < 2 || ViewName() != view_ || ui_.relayout() ||
      font_request_ || acted_) {
    return true;
  }
  if (clock_.Now() >= NextDeadline()) return true;
  SyncStatus status = sync_.status();
  return status.catalog_serial != catalog_serial_ || status.service_reachable != online_ ||
         (journey_.screen() == Screen::kThanks && status.delivered_total != delivered_seen_);
}

absl::Time KioskUi::NextDeadline() const {
  absl::Time next = std::min(scanner_.NextDeadline(), idle_.NextDeadline());
  // The idle warning counts down on screen once a second.
  if (overlay_ == Overlay::kIdle) next = std::min(next, clock_.Now() + absl::Seconds(1));
  return next;
}

void KioskUi::RunTimers() {
  // Nobody is there on the attract screen: no timer runs.
  bool idle_screen = journey_.screen() == Screen::kAttract && overlay_ == Overlay::kNone;
  if (idle_screen) idle_.Disable();
  else if (!idle_.enabled()) idle_.Enable();
  switch (idle_.Poll()) {
    case IdleEvent::kWarn:
      // Warned, shown and spoken, well before anything is wiped.
      overlay_before_idle_ = overlay_;
      overlay_ = Overlay::kIdle;
      break;
    case IdleEvent::kReset:
      Wipe();
      break;
    case IdleEvent::kNone:
      break;
  }
  if (ViewName() == view_ && frames_in_view_ >= 2 && scanner_.Tick() == a11y::ScanAction::kNext) {
    focus_.Next();  // one-switch: the scan moves on by itself
  }
}

std::optional<float> KioskUi::TakeFontRequest() {
  std::optional<float> request = font_request_;
  font_request_.reset();
  return request;
}

void KioskUi::SetFonts(const Fonts& fonts) {
  ui_.SetFonts(fonts);
  frames_in_view_ = 0;  // lay the view out again at the new size
}

bool KioskUi::FocusedIsTextField() const {
  const a11y::WidgetInfo* item = registry_.Find(focus_.focused_id());
  return item != nullptr && item->role == a11y::Role::kTextField;
}

void KioskUi::Choose(const std::string& id) { ui_.SetActivation(id); }

void KioskUi::OpenOverlay(Overlay overlay) {
  if (overlay_ == Overlay::kNone) {
    // Help describes the view it was opened from.
    help_title_ = ui_.title();
    help_instruction_ = ui_.instruction();
  }
  overlay_ = overlay;
}

bool KioskUi::ApplySwitch(SDL_Keycode key) {
  a11y::Switch which = key == SDLK_SPACE ? a11y::Switch::kMove : a11y::Switch::kChoose;
  switch (scanner_.SwitchPressed(which)) {
    case a11y::ScanAction::kNext:
      focus_.Next();
      return true;
    case a11y::ScanAction::kChoose:
      if (focus_.focused_id().empty()) return true;
      if (FocusedIsTextField()) {
        // Switch users type on the keyboard below the field: choosing the
        // field moves on to it.
        focus_.Next();
        return true;
      }
      Choose(focus_.focused_id());
      return false;
    case a11y::ScanAction::kResume:
      focused_description_.clear();  // the scan woke: say where it is
      return true;
    case a11y::ScanAction::kNone:
      return true;
  }
  return true;
}

bool KioskUi::Apply(const SDL_Event& event) {
  bool on_attract = overlay_ == Overlay::kNone && journey_.screen() == Screen::kAttract;
  bool person = event.type == SDL_KEYDOWN || event.type == SDL_MOUSEBUTTONDOWN ||
                event.type == SDL_MOUSEBUTTONUP || event.type == SDL_TEXTINPUT;
  if (person) {
    idle_.Activity();
    if (overlay_ == Overlay::kIdle) {
      // Any key or touch means "still here": it extends, and does nothing else.
      if (event.type == SDL_KEYDOWN || event.type == SDL_MOUSEBUTTONUP) {
        overlay_ = overlay_before_idle_;
        return false;
      }
      return true;
    }
  }
  bool switches = scanner_.mode() != a11y::InputMode::kKeys;
  switch (event.type) {
    case SDL_KEYDOWN: {
      SDL_Keycode key = event.key.keysym.sym;
      Uint16 mods = event.key.keysym.mod;
      if (IsModifier(key)) return true;
      // A tremor's second press, or a held key, is not a new press.
      if (settings_.repeat_delay_ms > 0 && !repeats_.Accept(key)) return true;
      speaker_.Stop();  // any key cuts speech off
      std::optional<Command> command = MapKey(key, mods);
      if (key == SDLK_F11 && !on_attract) {
        // Describe-key mode: the one key that always acts is the one that
        // turns it off.
        ChangeSetting(kSettingDescribe, 0);
        announcer_.Say(speech_strings_.Get(settings_.describe_keys ? "describe.on" : "describe.off"));
        return true;
      }
      if (settings_.describe_keys && !on_attract) {
        announcer_.Say(DescribeKey(key, command));
        return true;
      }
      if (on_attract) {
        // Any key starts spoken orientation; the settings key opens them.
        if (command == Command::kSettings) OpenOverlay(Overlay::kSettings);
        else journey_.Start();
        return false;
      }
      if (switches && (key == SDLK_SPACE || key == SDLK_RETURN || key == SDLK_KP_ENTER)) {
        return ApplySwitch(key);  // the two switches of a step scan, or one
      }
      bool keypad = key >= SDLK_KP_DIVIDE && key <= SDLK_KP_PERIOD;
      if (FocusedIsTextField() && keypad) {
        // A keypad user has no letters: the keypad always navigates (the
        // on-screen keyboard types), and the digit SDL sends after it is
        // not typed.
        drop_next_text_ = true;
        if (command == Command::kChoose) {
          focus_.Next();
          return true;
        }
      } else if (FocusedIsTextField()) {
        // In a field, keys type; Tab, Return and Escape leave it keeping
        // the words; Shift+Return starts a new line.
        switch (key) {
          case SDLK_BACKSPACE:
            words_.Backspace();
            journey_.mutable_draft().text = words_.text();
            return true;
          case SDLK_RETURN:
          case SDLK_KP_ENTER:
            if (mods & KMOD_SHIFT) {
              words_.Insert("\n");
              journey_.mutable_draft().text = words_.text();
            } else {
              focus_.Next();
            }
            return true;
          case SDLK_ESCAPE:
            focus_.Next();
            return true;
          case SDLK_TAB:
          case SDLK_UP:
          case SDLK_DOWN:
            break;
          default:
            // Printable keys arrive again as SDL_TEXTINPUT; only F-keys act.
            if (key < SDLK_F1 || key > SDLK_F12) return true;
        }
      }
      if (!command) return true;
      if (event.key.repeat &&
          (*command == Command::kChoose || *command == Command::kBack ||
           *command == Command::kHelp || *command == Command::kStartAgain ||
           *command == Command::kSettings)) {
        return true;  // holding a key down never chooses twice
      }
      return ApplyCommand(*command);
    }
    case SDL_TEXTINPUT:
      if (drop_next_text_) {
        drop_next_text_ = false;
        return true;
      }
      // Switch users type with the on-screen keyboard, never with Space.
      if (!switches && FocusedIsTextField()) {
        if (!words_.Insert(event.text.text)) announcer_.Say(speech_strings_.Get("more.limit"));
        journey_.mutable_draft().text = words_.text();
      }
      return true;
    case SDL_MOUSEMOTION:
      pointer_x_ = static_cast<float>(event.motion.x);
      pointer_y_ = static_cast<float>(event.motion.y);
      return true;
    case SDL_MOUSEBUTTONDOWN: {
      if (event.button.button != SDL_BUTTON_LEFT) return true;
      pointer_x_ = static_cast<float>(event.button.x);
      pointer_y_ = static_cast<float>(event.button.y);
      speaker_.Stop();
      const a11y::WidgetInfo* hit = registry_.HitTest(pointer_x_, pointer_y_);
      pressed_id_ = hit != nullptr ? hit->id : "";
      return true;
    }
    case SDL_MOUSEBUTTONUP: {
      if (event.button.button != SDL_BUTTON_LEFT) return true;
      pointer_x_ = static_cast<float>(event.button.x);
      pointer_y_ = static_cast<float>(event.button.y);
      const a11y::WidgetInfo* hit = registry_.HitTest(pointer_x_, pointer_y_);
      std::string released = hit != nullptr ? hit->id : "";
      bool same = !pressed_id_.empty() && released == pressed_id_;
      pressed_id_.clear();
      if (on_attract && (!same || released == "attract.start")) {
        journey_.Start();  // a touch anywhere starts
        return false;
      }
      if (!same) return true;  // activation on release, over the same item
      if (!hit->focusable) {
        announcer_.Say(hit->label);  // pointer-only controls say what they did
      } else {
        focus_.Focus(released);
      }
      if (hit->role != a11y::Role::kTextField) Choose(released);
      return false;
    }
    case SDL_MOUSEWHEEL:
      ui_.ScrollBy(-0.25f * static_cast<float>(event.wheel.y));
      return true;
    default:
      return true;
  }
}

std::string KioskUi::DescribeKey(SDL_Keycode key, std::optional<Command> command) const {
  const char* what = "describe.type";
  bool switches = scanner_.mode() != a11y::InputMode::kKeys;
  if (switches && key == SDLK_SPACE) command = Command::kNext;
  if (switches && (key == SDLK_RETURN || key == SDLK_KP_ENTER)) command = Command::kChoose;
  if (command) {
    switch (*command) {
      case Command::kNext: what = "describe.next"; break;
      case Command::kPrevious: what = "describe.previous"; break;
      case Command::kChoose: what = "describe.choose"; break;
      case Command::kBack: what = "describe.back"; break;
      case Command::kHelp: what = "describe.help"; break;
      case Command::kRepeat: what = "describe.repeat"; break;
      case Command::kStop: what = "describe.stop"; break;
      case Command::kVolumeDown: what = "describe.volume_down"; break;
      case Command::kVolumeUp: what = "describe.volume_up"; break;
      case Command::kTextSmaller: what = "describe.text_smaller"; break;
      case Command::kTextLarger: what = "describe.text_larger"; break;
      case Command::kSettings: what = "describe.settings"; break;
      case Command::kStartAgain: what = "describe.start_again"; break;
    }
  }
  // The key's name as SDL knows it ("Tab", "Keypad 2"), then what it does.
  return std::string(SDL_GetKeyName(key)) + ": " + speech_strings_.Get(what);
}

bool KioskUi::ApplyCommand(Command command) {
  switch (command) {
    case Command::kNext:
      focus_.Next();
      return true;
    case Command::kPrevious:
      focus_.Previous();
      return true;
    case Command::kChoose:
      if (focus_.focused_id().empty()) return true;
      Choose(focus_.focused_id());
      return false;
    case Command::kBack:
      if (!keyboard_row_.empty()) {
        CloseKeyboardRow();
      } else if (overlay_ != Overlay::kNone) {
        overlay_ = Overlay::kNone;
      } else if (journey_.Back()) {
        error_ = {};
      }
      return false;
    case Command::kHelp:
      OpenOverlay(Overlay::kHelp);
      return false;
    case Command::kRepeat:
      announcer_.Repeat();
      return true;
    case Command::kStop:
      announcer_.Stop();
      return true;
    case Command::kVolumeDown:
    case Command::kVolumeUp:
      ChangeSetting(kSettingVolume, command == Command::kVolumeUp ? 1 : -1);
      announcer_.Say(speech_strings_.Format("settings.volume",
                                            {std::to_string(settings_.volume_percent)}));
      return true;
    case Command::kTextSmaller:
    case Command::kTextLarger:
      ChangeSetting(kSettingTextSize, command == Command::kTextLarger ? 1 : -1);
      announcer_.Say(speech_strings_.Format(
          "settings.size",
          {std::to_string(settings_.text_size + 1), std::to_string(kTextSizeCount)}));
      return true;
    case Command::kSettings:
      if (overlay_ == Overlay::kSettings) overlay_ = Overlay::kNone;
      else OpenOverlay(Overlay::kSettings);
      return false;
    case Command::kStartAgain:
      if (journey_.screen() != Screen::kAttract) OpenOverlay(Overlay::kRestart);
      return false;
  }
  return true;
}

void KioskUi::ChangeSetting(const std::string& which, int value) {
  Settings before = settings_;
  Settings& s = settings_;
  if (which == kSettingSpeech) {
    s.speech = !s.speech;
  } else if (which == kSettingRate) {
    s.rate = s.rate == SpeechRate::kSlow     ? SpeechRate::kNormal
             : s.rate == SpeechRate::kNormal ? SpeechRate::kFast
                                             : SpeechRate::kSlow;
  } else if (which == kSettingVolume) {
    s.volume_percent = std::clamp(s.volume_percent + 10 * value, 10, 100);
  } else if (which == kSettingTextSize) {
    s.text_size = std::clamp(s.text_size + value, 0, kTextSizeCount - 1);
  } else if (which == kSettingTheme) {
    std::vector<a11y::ThemeId> all = a11y::AllThemes();
    auto it = std::find(all.begin(), all.end(), ThemeFromKey(s.theme));
    s.theme = a11y::ThemeKey(all[(it - all.begin() + 1) % all.size()]);
  } else if (which == kSettingLanguage) {
    auto it = std::find(languages_.begin(), languages_.end(), s.language);
    s.language = languages_[(it - languages_.begin() + 1) % languages_.size()];
  } else if (which == kSettingEasyRead) {
    s.easy_read = !s.easy_read;
  } else if (which == kSettingAudioOnly) {
    s.audio_only = !s.audio_only;
  } else if (which == kSettingPrivate) {
    s.private_listening = !s.private_listening;
  } else if (which == kSettingDescribe) {
    s.describe_keys = !s.describe_keys;
  } else if (which == kSettingRepeats) {
    // off -> 0.5 s -> 1 s -> 2 s -> off
    s.repeat_delay_ms = s.repeat_delay_ms == 0 ? 500 : s.repeat_delay_ms >= 2000 ? 0
                                                                                 : s.repeat_delay_ms * 2;
  } else if (which == kSettingInput) {
    s.input = s.input == "keys" ? "switch2" : s.input == "switch2" ? "switch1" : "keys";
  } else if (which == kSettingScan) {
    // value > 0: slower (a longer interval).
    s.scan_interval_ms = std::clamp(s.scan_interval_ms + 500 * value, 500, 10000);
  }
  ApplySettings(before);
}

bool KioskUi::UseLanguage(const std::string& tag) {
  absl::StatusOr<Strings> speech = load_(tag);
  if (!speech.ok()) return false;
  // Scripts the font cannot draw are spoken while the screen stays in the
  // language its file names.
  std::string screen_tag = speech->Get("_meta.screen");
  Strings screen = *speech;
  if (speech->Has("_meta.screen") && screen_tag != tag) {
    absl::StatusOr<Strings> drawn = load_(screen_tag);
    if (!drawn.ok()) return false;
    screen = std::move(*drawn);
  }
  screen_strings_ = std::move(screen);
  speech_strings_ = std::move(*speech);
  announcer_.SetLanguage(tag);
  keyboard_.SetLanguage(tag);
  ui_.SetSelectedWord(speech_strings_.Get("state.selected"));
  ui_.SetScrollLabels(speech_strings_.Get("scroll.up"), speech_strings_.Get("scroll.down"));
  return true;
}

void KioskUi::ApplySettings(const Settings& before) {
  if (settings_.language != before.language || speech_strings_.language().empty()) {
    if (!UseLanguage(settings_.language)) settings_.language = before.language;
  }
  speaker_.SetOn(settings_.speech);
  announcer_.SetPrivateListening(settings_.private_listening);
  speaker_.SetRate(WordsPerMinute(settings_.rate));
  speaker_.SetVolume(static_cast<float>(settings_.volume_percent) / 100.0f);
  theme_ = a11y::ThemeFor(ThemeFromKey(settings_.theme));
  scanner_.SetMode(a11y::ParseInputMode(settings_.input).value_or(a11y::InputMode::kKeys));
  scanner_.SetInterval(absl::Milliseconds(settings_.scan_interval_ms));
  if (settings_.repeat_delay_ms > 0) {
    repeats_.SetDelay(absl::Milliseconds(settings_.repeat_delay_ms));
  }
  if (settings_.text_size != before.text_size) font_request_ = BodyPixels(settings_);
}

void KioskUi::ApplyIntent(const Intent& intent) {
  switch (intent.kind) {
    case Intent::Kind::kNone: break;
    case Intent::Kind::kStart: journey_.Start(); break;
    case Intent::Kind::kChooseFeedback: journey_.ChooseFeedback(); break;
    case Intent::Kind::kChooseService: journey_.ChooseService(intent.arg); break;
    case Intent::Kind::kChooseRating:
      journey_.ChooseRating(static_cast<v1::Rating>(intent.value));
      break;
    case Intent::Kind::kFinishWords: journey_.FinishWords(); break;
    case Intent::Kind::kSend: Send(); break;
    case Intent::Kind::kEdit: journey_.Edit(static_cast<Screen>(intent.value)); break;
    case Intent::Kind::kFinish:
    case Intent::Kind::kConfirmRestart: Wipe(); break;
    case Intent::Kind::kSayReference:
      if (const auto& receipt = journey_.receipt()) {
        announcer_.Say(speech_strings_.Format("thanks.reference_spoken",
                                              {SpellOut(receipt->reference)}));
      }
      break;
    case Intent::Kind::kOpenSettings: OpenOverlay(Overlay::kSettings); break;
    case Intent::Kind::kChangeSetting: ChangeSetting(intent.arg, intent.value); break;
    case Intent::Kind::kBarCommand:
      overlay_ = Overlay::kNone;
      ApplyCommand(static_cast<Command>(intent.value));
      break;
    case Intent::Kind::kKeyboardRow:
      keyboard_row_ = intent.arg;
      focus_.ResetForScreen("");  // its first key
      break;
    case Intent::Kind::kKeyboardKey: PressKeyboardKey(intent.arg); break;
    case Intent::Kind::kKeyboardBack: CloseKeyboardRow(); break;
    case Intent::Kind::kCloseHelp:
    case Intent::Kind::kCancelRestart:
    case Intent::Kind::kCloseOverlay: overlay_ = Overlay::kNone; break;
  }
}

void KioskUi::CloseKeyboardRow() {
  // Back to the rows, on the row just used, so the scan goes on from there.
  std::string row = keyboard_row_;
  keyboard_row_.clear();
  focus_.ResetForScreen(row);
}

void KioskUi::PressKeyboardKey(const std::string& id) {
  std::vector<Row> rows = keyboard_.Rows();
  rows.push_back(keyboard_.PredictionRow(words_.text()));
  for (const Row& row : rows) {
    for (const Key& key : row.keys) {
      if (key.id != id) continue;
      Edit edit = keyboard_.Press(key);
      if (edit.kind == EditKind::kDone) {
        keyboard_row_.clear();
        journey_.FinishWords();
        return;
      }
      std::string text = words_.text();
      ApplyEdit(edit, text);
      words_.Clear();
      if (!words_.Insert(text)) announcer_.Say(speech_strings_.Get("more.limit"));
      journey_.mutable_draft().text = words_.text();
      if (!keyboard_row_.empty()) CloseKeyboardRow();
      return;
    }
  }
}

void KioskUi::Send() {
  absl::StatusOr<Receipt> receipt =
      journey_.Send(outbox_, clock_.Now(), speech_strings_.language());
  if (!receipt.ok()) {
    error_ = ErrorMessage(receipt.status());
    return;
  }
  words_.Clear();
  error_ = {};
  delivered_ = false;
  delivered_seen_ = ~0ull;
  if (sync_.wake) sync_.wake();
}

Text KioskUi::ErrorMessage(const absl::Status& status) const {
  // The outbox names the refused field and the contract's message key; show
  // and speak them in the person's language.
  Texts t = texts();
  std::optional<contract::FieldError> error = FieldErrorOf(status);
  if (!error || !speech_strings_.Has(error->message_key)) return t.Get("error.save_failed");
  std::string field_key = "field." + error->field;
  Text label = t.Get(speech_strings_.Has(field_key) ? field_key : "field.other");
  return t.Format(error->message_key, {label.shown}, {label.spoken});
}

void KioskUi::Wipe() {
  // The end of a session: nothing the person entered and none of their
  // settings stay (what was sent is safe in the outbox).
  journey_.Reset();
  words_.Clear();
  keyboard_.Reset();
  keyboard_row_.clear();
  overlay_ = Overlay::kNone;
  error_ = {};
  Settings before = settings_;
  settings_ = options_.defaults;
  ApplySettings(before);
}

void KioskUi::RefreshSync() {
  SyncStatus status = sync_.status();
  online_ = status.service_reachable;
  if (status.catalog_serial != catalog_serial_) {
    catalog_serial_ = status.catalog_serial;
    catalog_ = sync_.catalog();
  }
  if (journey_.screen() == Screen::kThanks && status.delivered_total != delivered_seen_) {
    delivered_seen_ = status.delivered_total;
    if (const auto& receipt = journey_.receipt()) {
      auto item = outbox_.Find(receipt->submission_id);
      delivered_ = item.ok() && item->has_value() &&
                   (*item)->state == DeliveryState::kDelivered;
    }
  }
}

void KioskUi::AnnounceChanges(bool entered) {
  const a11y::WidgetInfo* focused = registry_.Find(focus_.focused_id());
  std::string description =
      focused ? announcer_.Describe(*focused, focus_.position(), focus_.count()) : "";
  if (entered) {
    texts_.clear();
    announcer_.ScreenEntered(ui_.title().spoken, ui_.instruction().spoken);
    for (const a11y::WidgetInfo& item : registry_.items()) {
      if (!IsSpokenText(item)) continue;
      announcer_.Queue(item.label);
      texts_.emplace_back(item.id, item.label);
    }
    if (focused != nullptr) {
      announcer_.FocusChanged(*focused, focus_.position(), focus_.count());
    }
  } else {
    // Focus moved, or the focused item changed under it (a setting now
    // reads "Speech speed: slow"): say it, in its new setting.
    if (focused != nullptr &&
        (focus_.serial() != focus_serial_ || description != focused_description_)) {
      announcer_.FocusChanged(*focused, focus_.position(), focus_.count());
    }
    // Text that appeared or changed while the screen stayed (an error, a
    // "sent" notice) is spoken too: nothing is sight-only.
    for (const a11y::WidgetInfo& item : registry_.items()) {
      if (!IsSpokenText(item)) continue;
      auto it = std::find_if(texts_.begin(), texts_.end(),
                             [&](const auto& t) { return t.first == item.id; });
      if (it != texts_.end() && it->second == item.label) continue;
      announcer_.Queue(item.label);
      if (it == texts_.end()) texts_.emplace_back(item.id, item.label);
      else it->second = item.label;
    }
  }
  focus_serial_ = focus_.serial();
  focused_description_ = description;
}

std::string KioskUi::InitialFocus() const {
  const FeedbackDraft& d = journey_.draft();
  switch (overlay_) {
    case Overlay::kRestart: return "restart.no";  // the safe answer first
    case Overlay::kNone: break;
    default: return "";
  }
  switch (journey_.screen()) {
    case Screen::kChooseService: return "service." + d.service_id;
    case Screen::kRate: return "rating." + std::to_string(static_cast<int>(d.rating));
    case Screen::kTellMore:
      return settings_.input == "keys" ? kWordsFieldId : "osk.row.letters1";
    default: return "";
  }
}

Intent KioskUi::DrawView(const ScreenContext& ctx) {
  switch (overlay_) {
    case Overlay::kHelp: return DrawHelpScreen(ctx, ui_, help_title_, help_instruction_);
    case Overlay::kRestart: return DrawRestartScreen(ctx, ui_);
    case Overlay::kSettings: return DrawSettingsScreen(ctx, ui_);
    case Overlay::kMore: return DrawMoreScreen(ctx, ui_);
    case Overlay::kIdle: return DrawIdleScreen(ctx, ui_, idle_.SecondsLeft());
    case Overlay::kNone: break;
  }
  switch (journey_.screen()) {
    case Screen::kAttract: return DrawAttractScreen(ctx, ui_);
    case Screen::kHome: return DrawHomeScreen(ctx, ui_);
    case Screen::kChooseService: return DrawServiceScreen(ctx, ui_);
    case Screen::kRate: return DrawRatingScreen(ctx, ui_);
    case Screen::kTellMore: return DrawTellMoreScreen(ctx, ui_);
    case Screen::kReview: return DrawReviewScreen(ctx, ui_);
    case Screen::kThanks: return DrawThanksScreen(ctx, ui_);
  }
  return {};
}

std::optional<Command> KioskUi::DrawBar(const Ui::BarPlan& plan, float top) {
  // The same controls in the same place on every screen; at large sizes
  // the last four fold into "More".
  Texts t = texts();
  std::optional<Command> command;
  ui_.BeginBar(top, plan);
  if (ui_.Button("bar.back", t.Get("bar.back"))) command = Command::kBack;
  if (ui_.Button("bar.help", t.Get("bar.help"))) command = Command::kHelp;
  if (plan.folded) {
    if (ui_.Button("bar.more", t.Get("bar.more"))) OpenOverlay(Overlay::kMore);
  } else {
    if (ui_.Button("bar.repeat", t.Get("bar.repeat"))) command = Command::kRepeat;
    if (ui_.Button("bar.stop", t.Get("bar.stop"))) command = Command::kStop;
    if (ui_.Button("bar.settings", t.Get("bar.settings"))) command = Command::kSettings;
    if (ui_.Button("bar.restart", t.Get("bar.restart"))) command = Command::kStartAgain;
  }
  ui_.EndBar();
  return command;
}

void KioskUi::Frame(float width, float height) {
  acted_ = false;
  RefreshSync();
  RunTimers();
  // Input applies only to a settled view: its registry is on screen and
  // its layout (scrolling, a caption's height) has stopped moving.
  if (ViewName() == view_ && frames_in_view_ >= 2 && !font_request_) {
    while (!pending_.empty()) {
      SDL_Event event = pending_.front();
      pending_.pop_front();
      if (!Apply(event)) break;
    }
  }
  std::string view = ViewName();
  bool entered = view != view_;
  if (entered) {
    view_ = view;
    frames_in_view_ = 0;
    error_ = {};
    ui_.ResetScroll();
    keyboard_row_.clear();
    scanner_.Restart();
    focus_.ResetForScreen(InitialFocus());
  } else {
    ++frames_in_view_;
  }

  Texts t = texts();
  bool with_bar = view != "attract";
  std::vector<Text> bar_labels;
  for (const char* key : {"bar.back", "bar.help", "bar.repeat", "bar.stop", "bar.settings",
                          "bar.restart"}) {
    bar_labels.push_back(t.Get(key));
  }
  Ui::BarPlan plan = ui_.PlanBar(bar_labels, t.Get("bar.more"), width, height);
  float caption_h = ui_.CaptionHeight(caption_text_.empty() ? " " : caption_text_, width);
  float caption_top = height - caption_h;
  float gap = std::round(ui_.fonts().body_size * 0.4f);
  float bar_top = caption_top - gap - plan.height;
  float content_bottom = (with_bar ? bar_top : caption_top) - gap;

  ui_.SetPointer(pointer_x_, pointer_y_, pressed_id_);
  ui_.SetKeysOnly(!keyboard_row_.empty());
  ui_.BeginFrame(width, height, content_bottom);
  ScreenContext ctx{journey_,  t,       settings_, catalog_ ? &*catalog_ : nullptr,
                    words_,    delivered_, online_, keyboard_,
                    keyboard_row_, error_};
  Intent intent = DrawView(ctx);
  std::optional<Command> bar_command;
  if (with_bar) bar_command = DrawBar(plan, bar_top);
  ui_.EndFrame();
  ui_.SetActivation("");  // an activation for an item no longer drawn is dropped
  focus_.Sync(registry_);
  scanner_.SetItemCount(focus_.count());
  ui_.DrawFocusRing();

  AnnounceChanges(entered);
  announcer_.EndFrame();
  caption_text_ = announcer_.caption();
  ui_.Caption(caption_text_, {0, caption_top, width, caption_h});
  if (settings_.audio_only) {
    // Privacy: the screen is blank; everything still works by voice and keys.
    ImGui::GetForegroundDrawList()->AddRectFilled({0, 0}, {width, height},
                                                  IM_COL32(0, 0, 0, 255));
  }

  // What the person chose shows (and is said) on the next frame.
  acted_ = intent.kind != Intent::Kind::kNone || bar_command.has_value();
  if (bar_command == Command::kRepeat) {
    // The Repeat button repeats the screen's prompt, not its own name.
    announcer_.Say(ui_.title().spoken + ". " + ui_.instruction().spoken);
  } else if (bar_command) {
    ApplyCommand(*bar_command);
  }
  ApplyIntent(intent);
}

}  // namespace carevoice::client::ui
