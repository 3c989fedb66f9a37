// The kiosk, put together: SDL events go through the input router, what
// they mean is applied to the person's session (client/app: the journey,
// overlays, settings), the screen host draws the current view, and focus
// changes, new screens and typing are spoken. The kiosk owns focus and
// every key and pointer event (ImGui only draws), and applies the person's
// settings to speech and colours. It never touches SQLite or gRPC itself:
// sending goes to the outbox through the session, sync state through
// SyncHooks. UI thread only; Frame() runs between ImGui::NewFrame and
// ImGui::Render.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
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
#include "client/app/help_numbers.h"
#include "client/app/idle_timer.h"
#include "client/app/journey.h"
#include "client/app/onscreen_keyboard.h"
#include "client/app/session.h"
#include "client/app/settings.h"
#include "client/app/strings.h"
#include "client/app/texts.h"
#include "client/model/outbox.h"
#include "client/model/syncer.h"
#include "client/ui/focus_driver.h"
#include "client/ui/input_router.h"
#include "client/ui/key_map.h"
#include "client/ui/screen_host.h"
#include "client/ui/screen_speech.h"
#include "client/ui/screens.h"
#include "client/ui/ui.h"
#include "client/ui/window_app.h"
#include "base/clock.h"

namespace carevoice::client::ui {

// How the kiosk sees the syncer (a real Syncer in main, fakes in tests).
struct SyncHooks {
  std::function<SyncStatus()> status;
  std::function<std::optional<v1::Catalog>()> catalog;
  std::function<void()> wake;
  // Asks where a reference has got to (a ReferenceChecker in main); the
  // answer comes back through OnSyncEvent as kChecked with `serial`.
  // Empty: the kiosk cannot check, and says the council cannot be reached.
  std::function<void(std::uint64_t serial, std::string reference, std::string pin)> check{};
};

// How this kiosk starts every session (from its command line).
struct KioskOptions {
  Settings defaults;  // language, input mode, scan interval ...
  absl::Duration idle_timeout = IdleTimer::kDefaultTimeout;
  // The journeys offered on the home screen; must outlive the kiosk.
  const std::vector<JourneySpec>* journeys = &AllJourneys();
  WordLists words;  // the keyboard's predictions (LoadWordLists); none if empty
  // The numbers to call when someone is at risk, until a catalog brings the
  // council's own: set at install (carevoice-kiosk --help-numbers).
  v1::HelpNumbers help_numbers = BuiltInHelpNumbers();
  // A care-home tablet's outbox seals what people say: the thank-you
  // screen tells them staff at the home cannot read it.
  bool sealed = false;
};

class KioskUi final : public WindowApp {
 public:
  // `languages` are the tags a person can choose, the first being the
  // default; each must load through `load`. Fails when the default does not.
  static absl::StatusOr<std::unique_ptr<KioskUi>> Create(
      LanguageLoader load, std::vector<std::string> languages, Outbox& outbox,
      SyncHooks sync, a11y::Speaker& speaker, const base::Clock& clock,
      const Fonts& fonts, KioskOptions options = {});

  // Queues an SDL event. Every key press counts, even when its press and
  // release arrive before the next frame.
  void HandleEvent(const SDL_Event& event) override;
  // News from the syncer (a delivery, a new catalog, the service coming or
  // going), shown on the next frame. Any thread; the shell is woken to
  // build that frame (SdlShell::WakeFromAnyThread), so nothing polls.
  void OnSyncEvent(const SyncEvent& event);
  // Builds one frame of a width x height screen.
  void Frame(float width, float height) override;
  // True when a frame should be built now: queued input, a new screen that
  // has not settled, or sync news to show.
  bool NeedsFrame() const override;
  // When the kiosk next has something to do by itself (a scan step, an
  // idle warning, a countdown): the shell sleeps no longer than this.
  absl::Time NextDeadline() const override;

  // A text-size change needs the font atlas rebuilt, which the shell does
  // between frames: it takes the request, rebuilds, and calls SetFonts.
  std::optional<float> TakeFontRequest() override;
  void SetFonts(const Fonts& fonts) override;

  // What is on screen, for the shell (screenshots) and tests.
  std::string ViewName() const override;
  const a11y::Registry& registry() const override { return registry_; }
  const a11y::FocusModel& focus() const override { return focus_; }
  const Journey& journey() const { return session_->journey(); }
  const Settings& settings() const { return session_->settings(); }
  const Session& session() const { return *session_; }
  std::span<const DrawnText> drawn() const { return ui_.drawn(); }
  const a11y::Theme& theme() const override { return theme_; }
  const std::string& caption() const { return announcer_.caption(); }
  // Frames since the current view appeared (0 on its first frame).
  int frames_in_view() const override { return frames_in_view_; }
  // The view the last frame drew; ViewName() differs from it when that
  // frame's choice moved on (the next frame draws the new one).
  const std::string& drawn_view() const override { return view_; }

 private:
  KioskUi(std::unique_ptr<Session> session, Outbox& outbox, SyncHooks sync,
          a11y::Speaker& speaker, const base::Clock& clock, const Fonts& fonts);

  // The numbers to call: the catalog's, else the built-in ones.
  const v1::HelpNumbers& HelpNumbers() const;

  // Applies one queued event; returns false when the frame must be built
  // before any further event is applied (the screen may change).
  bool Apply(const SDL_Event& event);
  void RunTimers();
  bool ApplyCommand(Command command);
  bool FocusedIsTextField() const;
  bool OnThanks() const;
  // Typing: into the focused field, or into the screen's only field.
  void Type(std::string_view utf8);
  void EraseTyped();
  // Says what was typed as a screen reader would: the character, and the
  // word when a space or punctuation finishes it.
  void EchoTyped(std::string_view utf8);
  // A character as it is said: letters as themselves, a space, a new line
  // and punctuation by name ("full stop").
  std::string CharacterName(std::string_view ch) const;
  void Choose(const std::string& id);
  void ApplyIntent(const Intent& intent);
  void PressKeyboardKey(const std::string& id);
  void CloseKeyboardRow();
  void OpenOverlay(Overlay overlay);
  void ChangeSetting(const std::string& which, int value);
  // Applies the session's settings to speech, colours, the scan and the
  // font size (what changed since the last call; everything when `first`).
  void ApplySettings(bool first = false);
  void Send();
  // Entering a lookup's answer step: asks for the reference and PIN typed.
  void AskCheck();
  // Moves a date step's day ("day", "month", "year" by `delta`) and says
  // the new date, or why it did not move.
  void ShiftDate(const std::string& unit, int delta);
  // A required field left empty: the error, shown and spoken.
  void SayRequired();
  void Wipe();
  void RefreshSync();
  void AnnounceChanges(bool entered);
  std::string InitialFocus() const;
  Text ErrorMessage(const absl::Status& status) const;

  std::unique_ptr<Session> session_;  // the person's session: journey, overlays, settings
  Settings applied_;                  // the settings as last applied to the devices
  Outbox& outbox_;
  SyncHooks sync_;
  a11y::GatedSpeaker speaker_;
  const base::Clock& clock_;
  a11y::SwitchScanner scanner_;
  InputRouter router_;
  a11y::Theme theme_;
  a11y::Registry registry_;
  a11y::FocusModel focus_;
  a11y::Announcer announcer_;
  Ui ui_;
  ScreenHost host_;
  KeyboardViewCache keyboard_cache_;  // the keyboard view's rows, between frames
  v1::HelpNumbers built_in_numbers_;  // KioskOptions::help_numbers
  bool sealed_ = false;                // KioskOptions::sealed
  std::optional<float> font_request_;

  std::deque<SDL_Event> pending_;
  // Focus serial at which the person last typed into a field: Enter on a
  // field before typing there stays in it (ACCESSIBILITY.md, text fields).
  std::uint64_t typed_at_focus_ = ~0ull;

  // Sync news not yet shown; true at first, to read the syncer's state.
  std::mutex news_mu_;
  std::vector<SyncEvent> news_;  // guarded by news_mu_
  std::atomic<bool> has_news_{true};
  // Sync state as last shown.
  std::optional<v1::Catalog> catalog_;
  bool read_catalog_ = false;
  Text step_error_;  // shown on the current step until the view changes
  bool delivered_ = false;
  std::string refused_;  // why the service refused what was just sent, or empty
  bool online_ = true;
  std::uint64_t check_serial_ = 0;  // the reference check asked last
  bool answer_arrived_ = false;     // its answer came since the last frame

  // What was on screen and said last frame.
  std::string view_;
  int frames_in_view_ = 0;
  // When the consultations on offer next change (one opens or closes),
  // as of the last frame: a frame is due then, touched or not.
  absl::Time consultations_change_ = absl::InfiniteFuture();
  bool acted_ = false;  // the last frame applied a choice
  ScreenSpeech screen_speech_;  // what changed, said
  FocusDriver driver_{registry_, focus_, ui_, announcer_, screen_speech_};
  std::string caption_text_;
  Text help_title_, help_instruction_;  // the view Help describes
};

}  // namespace carevoice::client::ui
