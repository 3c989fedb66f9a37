// One person's session at the kiosk, with no window, no SDL and no I/O of
// its own: the journey, the overlays over it (help, settings, start again,
// "more controls", the idle warning), the settings the person chose, the
// idle timer, the on-screen keyboard and its open row, and the language
// texts. The screen host (client/ui) draws it and applies its settings to
// speech and colours; a tablet or officer mode can reuse it. UI thread only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/app/idle_timer.h"
#include "client/app/journey.h"
#include "client/app/onscreen_keyboard.h"
#include "client/app/settings.h"
#include "client/app/strings.h"
#include "client/app/texts.h"
#include "client/model/outbox.h"
#include "client/model/reference_check.h"
#include "base/clock.h"

namespace carevoice::client {

// kStaff is for the people who look after the kiosk (Ctrl+Alt+S): how it
// stands with the service, never what anyone said.
enum class Overlay { kNone, kHelp, kRestart, kSettings, kMore, kIdle, kStaff, kChanged };

// The setting names ChangeSetting takes.
inline constexpr char kSettingSpeech[] = "speech";
inline constexpr char kSettingRate[] = "rate";
inline constexpr char kSettingVolume[] = "volume";
inline constexpr char kSettingTextSize[] = "text_size";
inline constexpr char kSettingTheme[] = "theme";
inline constexpr char kSettingEasyRead[] = "easy_read";
inline constexpr char kSettingAudioOnly[] = "audio_only";
inline constexpr char kSettingPrivate[] = "private_listening";
inline constexpr char kSettingLanguage[] = "language";
inline constexpr char kSettingInput[] = "input";
inline constexpr char kSettingScan[] = "scan_interval";
inline constexpr char kSettingDescribe[] = "describe_keys";
inline constexpr char kSettingRepeats[] = "repeat_delay";

// Loads the language file for a tag ("cy").
using LanguageLoader = std::function<absl::StatusOr<Strings>(const std::string& tag)>;

// Told of each visit as it ends: how the person took part, and who they
// are when they said (never what they said). The kiosk queues it apart.
using VisitSink = std::function<void(const v1::TakingPart& visit)>;

// How `settings` took part, as the service counts it.
v1::HowTookPart HowTookPartOf(const Settings& settings);

// What an idle tick did.
enum class IdleOutcome { kNone, kWarned, kWiped };

class Session {
 public:
  // `languages` are the tags a person can choose, the first the default;
  // fails when the default's file does not load. `journeys` must outlive
  // the session.
  static absl::StatusOr<std::unique_ptr<Session>> Create(
      LanguageLoader load, std::vector<std::string> languages, Settings defaults,
      const base::Clock& clock, absl::Duration idle_timeout,
      const std::vector<JourneySpec>& journeys = AllJourneys());

  // "attract", "home", a step id, or an overlay's name ("help").
  std::string ViewName() const;
  Journey& journey() { return journey_; }
  const Journey& journey() const { return journey_; }
  const Settings& settings() const { return settings_; }
  Overlay overlay() const { return overlay_; }
  // Drawn and spoken texts in the person's language and reading level.
  Texts texts() const { return Texts(screen_strings_, speech_strings_, settings_.easy_read); }
  const Strings& speech_strings() const { return speech_strings_; }

  void OpenOverlay(Overlay overlay) { overlay_ = overlay; }
  void CloseOverlay() { overlay_ = Overlay::kNone; }
  // Escape or Back: closes the keyboard row, else the overlay, else goes
  // one step back in the journey. False when there was nowhere to go.
  bool Back();

  // Changes one setting (a kSetting* name; `value` +1/-1 where it has a
  // direction). A language whose file does not load is not chosen.
  void ChangeSetting(std::string_view which, int value);

  // The idle timer: runs everywhere but the attract screen; warns (the
  // idle overlay) and at last wipes the session.
  IdleOutcome TickIdle();
  // The person pressed or touched something. True when that only answered
  // the idle warning ("still here"), which it then closes.
  bool Activity();
  absl::Time NextIdleDeadline() const { return idle_.NextDeadline(); }
  int IdleSecondsLeft() const { return idle_.SecondsLeft(); }

  // The on-screen keyboard and the row whose keys are open ("" for none).
  const OnscreenKeyboard& keyboard() const { return keyboard_; }
  // The word lists its suggestions come from (assets/words).
  void SetKeyboardWords(WordLists words) { keyboard_.SetWords(std::move(words)); }
  const std::string& keyboard_row() const { return keyboard_row_; }
  void OpenKeyboardRow(std::string row) { keyboard_row_ = std::move(row); }
  // Closes the open row; returns its id (focus goes back to it).
  std::string CloseKeyboardRow();
  // kRequired: "Done" on a required field with nothing written (it stays).
  enum class KeyOutcome { kUnknown, kTyped, kLimit, kDone, kRequired };
  // A key of the on-screen keyboard (or a suggested word) chosen.
  KeyOutcome PressKey(std::string_view key_id);

  // Sends the draft to the outbox; on failure keeps it and remembers the
  // error to show and speak.
  absl::StatusOr<Receipt> Send(Outbox& outbox, absl::Time now);
  // The error of the last failed Send, shown on the review until the view
  // changes (ClearError).
  const std::optional<absl::Status>& send_error() const { return send_error_; }
  void ClearError() { send_error_.reset(); }

  // "Check on something I told you": the answer for the reference and PIN
  // in the draft once it has come (nullopt while asking). Wiped with the
  // session.
  const std::optional<CheckAnswer>& check_answer() const { return check_answer_; }
  void SetCheckAnswer(std::optional<CheckAnswer> answer) { check_answer_ = std::move(answer); }

  // The end of a session: nothing the person entered and none of their
  // settings stay (what was sent is safe in the outbox). A session that
  // left the attract screen or changed a setting is a visit: the sink is
  // told of it first.
  void Wipe();
  void SetVisitSink(VisitSink sink) { visit_sink_ = std::move(sink); }

 private:
  Session(LanguageLoader load, std::vector<std::string> languages, Settings defaults,
          const base::Clock& clock, absl::Duration idle_timeout,
          const std::vector<JourneySpec>& journeys);
  bool UseLanguage(const std::string& tag);

  VisitSink visit_sink_;
  LanguageLoader load_;
  std::vector<std::string> languages_;
  Settings defaults_;
  Settings settings_;
  Strings screen_strings_;  // what is drawn
  Strings speech_strings_;  // what is said (differs for Urdu, Punjabi, Bengali)
  Journey journey_;
  Overlay overlay_ = Overlay::kNone;
  Overlay overlay_before_idle_ = Overlay::kNone;
  IdleTimer idle_;
  OnscreenKeyboard keyboard_;
  std::string keyboard_row_;
  std::optional<absl::Status> send_error_;
  std::optional<CheckAnswer> check_answer_;
};

}  // namespace carevoice::client
