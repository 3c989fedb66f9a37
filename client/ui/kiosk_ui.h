// The kiosk: owns focus and every key and pointer event (ImGui only draws),
// runs the screens, speaks what changes, applies what the person chose to
// the journey, and applies the person's settings (speech, colours, text
// size, language, Easy Read, audio-only) for their session only. It never
// touches SQLite or gRPC itself: sending goes to the outbox through
// Journey, and sync state comes through SyncHooks.
// UI thread only; Frame() runs between ImGui::NewFrame and ImGui::Render.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <SDL.h>

#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/gated_speaker.h"
#include "accessibility/key_describer.h"
#include "accessibility/switch_scan.h"
#include "accessibility/registry.h"
#include "accessibility/speaker.h"
#include "accessibility/theme.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/app/idle_timer.h"
#include "client/app/journey.h"
#include "client/app/onscreen_keyboard.h"
#include "client/app/settings.h"
#include "client/app/strings.h"
#include "client/app/texts.h"
#include "client/model/outbox.h"
#include "client/model/syncer.h"
#include "client/ui/key_map.h"
#include "client/ui/screens.h"
#include "client/ui/text_buffer.h"
#include "client/ui/ui.h"
#include "contract/clock.h"

namespace carevoice::client::ui {

// How the kiosk sees the syncer (a real Syncer in main, fakes in tests).
struct SyncHooks {
  std::function<SyncStatus()> status;
  std::function<std::optional<v1::Catalog>()> catalog;
  std::function<void()> wake;
};

// Loads the language file for a tag ("cy").
using LanguageLoader = std::function<absl::StatusOr<Strings>(const std::string& tag)>;

// How this kiosk starts every session (from its command line).
struct KioskOptions {
  Settings defaults;  // language, input mode, scan interval ...
  absl::Duration idle_timeout = IdleTimer::kDefaultTimeout;
  WordLists words;  // the keyboard's predictions (LoadWordLists); none if empty
};

class KioskUi {
 public:
  // `languages` are the tags a person can choose, the first being the
  // default; each must load through `load`. Fails when the default does not.
  static absl::StatusOr<std::unique_ptr<KioskUi>> Create(
      LanguageLoader load, std::vector<std::string> languages, Outbox& outbox,
      SyncHooks sync, a11y::Speaker& speaker, const contract::Clock& clock,
      const Fonts& fonts, KioskOptions options = {});

  // Queues an SDL event. Every key press counts, even when its press and
  // release arrive before the next frame.
  void HandleEvent(const SDL_Event& event);
  // Builds one frame of a width x height screen.
  void Frame(float width, float height);
  // True when a frame should be built now: queued input, a new screen that
  // has not settled, or sync news to show.
  bool NeedsFrame() const;
  // When the kiosk next has something to do by itself (a scan step, an
  // idle warning, a countdown): the shell sleeps no longer than this.
  absl::Time NextDeadline() const;

  // A text-size change needs the font atlas rebuilt, which the shell does
  // between frames: it takes the request, rebuilds, and calls SetFonts.
  std::optional<float> TakeFontRequest();
  void SetFonts(const Fonts& fonts);

  // What is on screen, for the shell (screenshots) and tests.
  std::string ViewName() const;
  const a11y::Registry& registry() const { return registry_; }
  const a11y::FocusModel& focus() const { return focus_; }
  const Journey& journey() const { return journey_; }
  const Settings& settings() const { return settings_; }
  const std::vector<DrawnText>& drawn() const { return ui_.drawn(); }
  const a11y::Theme& theme() const { return theme_; }
  const std::string& caption() const { return announcer_.caption(); }
  // Frames since the current view appeared (0 on its first frame).
  int frames_in_view() const { return frames_in_view_; }

 private:
  enum class Overlay { kNone, kHelp, kRestart, kSettings, kMore, kIdle };

  KioskUi(Strings strings, LanguageLoader load, std::vector<std::string> languages,
          Outbox& outbox, SyncHooks sync, a11y::Speaker& speaker,
          const contract::Clock& clock, const Fonts& fonts, KioskOptions options);

  Texts texts() const { return Texts(screen_strings_, speech_strings_, settings_.easy_read); }
  // Applies one queued event; returns false when the frame must be built
  // before any further event is applied (the screen may change).
  bool Apply(const SDL_Event& event);
  bool ApplySwitch(SDL_Keycode key);
  std::string DescribeKey(SDL_Keycode key, std::optional<Command> command) const;
  void RunTimers();
  bool ApplyCommand(Command command);
  bool FocusedIsTextField() const;
  void Choose(const std::string& id);
  void ApplyIntent(const Intent& intent);
  void PressKeyboardKey(const std::string& id);
  void CloseKeyboardRow();
  void OpenOverlay(Overlay overlay);
  void ChangeSetting(const std::string& which, int value);
  void ApplySettings(const Settings& before);
  bool UseLanguage(const std::string& tag);
  void Send();
  void Wipe();
  void RefreshSync();
  void AnnounceChanges(bool entered);
  std::string InitialFocus() const;
  Intent DrawView(const ScreenContext& ctx);
  std::optional<Command> DrawBar(const Ui::BarPlan& plan, float top);
  Text ErrorMessage(const absl::Status& status) const;

  LanguageLoader load_;
  std::vector<std::string> languages_;
  Strings screen_strings_;  // what is drawn
  Strings speech_strings_;  // what is said (differs for Urdu, Punjabi, Bengali)
  Outbox& outbox_;
  SyncHooks sync_;
  a11y::GatedSpeaker speaker_;
  const contract::Clock& clock_;
  KioskOptions options_;
  Settings settings_;
  a11y::SwitchScanner scanner_;
  a11y::RepeatFilter repeats_;
  IdleTimer idle_;
  Overlay overlay_before_idle_ = Overlay::kNone;
  a11y::Theme theme_;
  a11y::Registry registry_;
  a11y::FocusModel focus_;
  a11y::Announcer announcer_;
  Ui ui_;
  std::optional<float> font_request_;

  Journey journey_;
  TextBuffer words_;
  OnscreenKeyboard keyboard_;
  std::string keyboard_row_;  // the keyboard row whose keys are open
  Overlay overlay_ = Overlay::kNone;
  Text error_;
  std::deque<SDL_Event> pending_;
  std::string pressed_id_;
  bool drop_next_text_ = false;  // a keypad key's digit, not meant as typing
  float pointer_x_ = -1, pointer_y_ = -1;

  // Sync state as last seen.
  std::uint64_t catalog_serial_ = ~0ull;
  std::uint64_t delivered_seen_ = ~0ull;
  std::optional<v1::Catalog> catalog_;
  bool delivered_ = false;
  bool online_ = true;

  // What was on screen and said last frame.
  std::string view_;
  int frames_in_view_ = 0;
  bool acted_ = false;  // the last frame applied a choice
  std::uint64_t focus_serial_ = 0;
  std::string focused_description_;
  std::vector<std::pair<std::string, std::string>> texts_;  // id, spoken label
  std::string caption_text_;
  Text help_title_, help_instruction_;  // the view Help describes
};

}  // namespace carevoice::client::ui
