// The officer console (carevoice-kiosk --mode officer), put together like
// the kiosk: SDL events go through the same input router (keys, keypad,
// one or two switches, touch), the officer's desk (client/app) holds what
// is shown, the officer screens draw it with the kiosk's own widgets, and
// every screen, focus move, answer and alert is spoken and captioned. Calls
// to the service go out through `post` (an OfficerWorker in main, a fake in
// tests); their answers come back through OnAnswer from any thread. UI
// thread only otherwise.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <SDL.h>

#include "absl/status/statusor.h"
#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/gated_speaker.h"
#include "accessibility/registry.h"
#include "accessibility/speaker.h"
#include "accessibility/switch_scan.h"
#include "accessibility/theme.h"
#include "base/clock.h"
#include "client/app/officer_desk.h"
#include "client/app/settings.h"
#include "client/app/strings.h"
#include "client/app/texts.h"
#include "client/model/officer_calls.h"
#include "client/ui/focus_driver.h"
#include "client/ui/input_router.h"
#include "client/ui/screen_speech.h"
#include "client/ui/ui.h"
#include "client/ui/window_app.h"

namespace carevoice::client::ui {

struct OfficerUiOptions {
  Settings defaults;  // input mode, text size, volume, colours, speech
  absl::Duration refresh = absl::Seconds(30);  // the queue asked again
  std::string export_dir = ".";  // where exports are written, on this machine
  // Signed out after this long without a key, switch or touch: the queue's
  // own refreshes would otherwise keep an unattended session alive.
  absl::Duration idle = absl::Minutes(15);
};

// What an officer chose on a console screen.
struct OfficerIntent {
  enum class Kind {
    kNone,
    kSignIn,
    kSignOut,
    kRefresh,
    kOpen,      // arg: the case's submission id
    kAction,    // value: the CaseAction
    kOption,    // arg: the option chosen in a form
    kConfirm,   // the flagged words name no one (toggle)
    kSave,
    kBack,
    kExportScreen,  // the export screen, from the queue
    kExport,        // start it
    kPackChoice,    // arg: "period", "audience" or "format"; value: the choice's place
    kPack,          // make the committee pack as chosen
  };
  OfficerIntent() = default;
  OfficerIntent(Kind kind, std::string arg = {}, int value = 0)  // NOLINT: brace-init reads best
      : kind(kind), arg(std::move(arg)), value(value) {}

  Kind kind = Kind::kNone;
  std::string arg;
  int value = 0;
};

// The console's screens: one per desk view. Each draws through Ui and
// returns what was chosen; none changes anything.
struct OfficerScreen {
  const OfficerDesk& desk;
  const Texts& texts;
  const absl::TimeZone& zone;  // the council's (dates as the clock counts them)
  absl::CivilDay today;        // the council's day now
};
OfficerIntent DrawOfficerSignIn(const OfficerScreen& s, Ui& ui);
OfficerIntent DrawOfficerQueue(const OfficerScreen& s, Ui& ui);
OfficerIntent DrawOfficerCase(const OfficerScreen& s, Ui& ui);
OfficerIntent DrawOfficerAction(const OfficerScreen& s, Ui& ui);
OfficerIntent DrawOfficerExport(const OfficerScreen& s, Ui& ui);
// One case as the queue lists it: overdue or urgent first, in words and a
// symbol; kind, reference, state and what is due by when.
Text QueueLine(const OfficerScreen& s, const v1::CaseRecord& c);
// "2026-12-08" -> "Tuesday 8 December 2026", in the kiosk's own date words
// (as given when it is not a date).
std::string LongDate(const Texts& t, std::string_view iso_day);

class OfficerUi final : public WindowApp {
 public:
  using Post = std::function<void(OfficerCall)>;
  // `strings` holds the kiosk's English words (roles, positions) and the
  // console's own (assets/officer/en-GB.json).
  static absl::StatusOr<std::unique_ptr<OfficerUi>> Create(Strings strings, Post post,
                                                           a11y::Speaker& speaker,
                                                           const base::Clock& clock,
                                                           const Fonts& fonts,
                                                           OfficerUiOptions options = {});

  // An answer from the service; any thread (the shell is woken by the caller).
  void OnAnswer(OfficerAnswer answer);

  void HandleEvent(const SDL_Event& event) override;
  void Frame(float width, float height) override;
  bool NeedsFrame() const override;
  absl::Time NextDeadline() const override;
  std::optional<float> TakeFontRequest() override;
  void SetFonts(const Fonts& fonts) override;
  std::string ViewName() const override { return desk_.ViewName(); }
  const std::string& drawn_view() const override { return view_; }
  int frames_in_view() const override { return frames_in_view_; }
  const a11y::Registry& registry() const override { return registry_; }
  const a11y::FocusModel& focus() const override { return focus_; }
  const a11y::Theme& theme() const override { return theme_; }

  const OfficerDesk& desk() const { return desk_; }
  const std::string& caption() const { return announcer_.caption(); }
  std::span<const DrawnText> drawn() const { return ui_.drawn(); }

 private:
  OfficerUi(Strings strings, Post post, a11y::Speaker& speaker, const base::Clock& clock,
            const Fonts& fonts, OfficerUiOptions options);

  bool Apply(const SDL_Event& event);
  bool ApplyCommand(Command command);
  void ApplyIntent(const OfficerIntent& intent);
  void Send(std::optional<OfficerCall> call);
  void Type(std::string_view utf8);
  void Erase();
  void ApplySettings();
  void ChangeTextSize(int delta);
  void TakeAnswers();
  std::string InitialFocus() const;

  Strings strings_;
  Texts texts_;
  Post post_;
  a11y::GatedSpeaker speaker_;
  const base::Clock& clock_;
  a11y::SwitchScanner scanner_;
  InputRouter router_;
  Settings settings_;
  a11y::Theme theme_;
  a11y::Registry registry_;
  a11y::FocusModel focus_;
  a11y::Announcer announcer_;
  Ui ui_;
  ScreenSpeech screen_speech_;
  FocusDriver driver_{registry_, focus_, ui_, announcer_, screen_speech_};
  OfficerDesk desk_;
  std::string export_dir_;
  absl::Duration idle_;
  absl::Time last_input_;
  absl::TimeZone zone_;
  std::optional<float> font_request_;

  std::deque<SDL_Event> pending_;
  std::uint64_t typed_at_focus_ = ~0ull;  // as the kiosk: Enter before typing stays

  std::mutex answers_mu_;
  std::vector<OfficerAnswer> answers_;  // guarded by answers_mu_
  std::atomic<bool> has_answers_{false};

  std::string view_;
  int frames_in_view_ = 0;
  bool acted_ = false;
  std::size_t alerts_shown_ = 0;  // urgent worries on screen last frame
};

}  // namespace carevoice::client::ui
