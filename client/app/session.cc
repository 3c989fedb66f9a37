#include "client/app/session.h"

#include <algorithm>

#include "accessibility/switch_scan.h"
#include "accessibility/theme.h"

namespace carevoice::client {

absl::StatusOr<std::unique_ptr<Session>> Session::Create(
    LanguageLoader load, std::vector<std::string> languages, Settings defaults,
    const base::Clock& clock, absl::Duration idle_timeout,
    const std::vector<JourneySpec>& journeys) {
  for (const JourneySpec& spec : journeys) {
    if (absl::Status ok = CheckSpec(spec); !ok.ok()) return ok;
  }
  if (languages.empty()) return absl::InvalidArgumentError("no languages to offer");
  defaults.language = languages.front();
  if (!a11y::ParseInputMode(defaults.input)) {
    return absl::InvalidArgumentError("input must be keys, switch1 or switch2");
  }
  std::unique_ptr<Session> session(
      new Session(std::move(load), std::move(languages), defaults, clock, idle_timeout,
                  journeys));
  if (!session->UseLanguage(defaults.language)) {
    absl::StatusOr<Strings> tried = session->load_(defaults.language);
    return tried.ok() ? absl::NotFoundError("cannot load the screen language of " +
                                            defaults.language)
                      : tried.status();
  }
  return session;
}

Session::Session(LanguageLoader load, std::vector<std::string> languages, Settings defaults,
                 const base::Clock& clock, absl::Duration idle_timeout,
                 const std::vector<JourneySpec>& journeys)
    : load_(std::move(load)),
      languages_(std::move(languages)),
      defaults_(defaults),
      settings_(defaults),
      journey_(journeys, clock),
      idle_(clock, idle_timeout) {}

std::string Session::ViewName() const {
  switch (overlay_) {
    case Overlay::kHelp: return "help";
    case Overlay::kRestart: return "restart";
    case Overlay::kSettings: return "settings";
    case Overlay::kMore: return "more_controls";
    case Overlay::kIdle: return "idle";
    case Overlay::kStaff: return "staff";
    case Overlay::kChanged: return "changed";
    case Overlay::kNone: break;
  }
  return std::string(journey_.view());
}

bool Session::UseLanguage(const std::string& tag) {
  absl::StatusOr<Strings> speech = load_(tag);
  if (!speech.ok()) return false;
  // Scripts the font cannot draw are spoken while the screen stays in the
  // language its file names.
  Strings screen = *speech;
  if (speech->Has("_meta.screen") && speech->Get("_meta.screen") != tag) {
    absl::StatusOr<Strings> drawn = load_(speech->Get("_meta.screen"));
    if (!drawn.ok()) return false;
    screen = std::move(*drawn);
  }
  screen_strings_ = std::move(screen);
  speech_strings_ = std::move(*speech);
  keyboard_.SetLanguage(tag);
  return true;
}

bool Session::Back() {
  if (!keyboard_row_.empty()) {
    keyboard_row_.clear();
    return true;
  }
  if (overlay_ != Overlay::kNone) {
    overlay_ = Overlay::kNone;
    return true;
  }
  if (!journey_.Back()) return false;
  send_error_.reset();
  return true;
}

void Session::ChangeSetting(std::string_view which, int value) {
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
    a11y::ThemeId now = a11y::ThemeFromKey(s.theme).value_or(all.front());
    auto it = std::find(all.begin(), all.end(), now);
    s.theme = a11y::ThemeKey(all[(it - all.begin() + 1) % all.size()]);
  } else if (which == kSettingLanguage) {
    auto it = std::find(languages_.begin(), languages_.end(), s.language);
    std::string next = languages_[(it - languages_.begin() + 1) % languages_.size()];
    if (UseLanguage(next)) s.language = next;
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
    s.repeat_delay_ms = s.repeat_delay_ms == 0      ? 500
                        : s.repeat_delay_ms >= 2000 ? 0
                                                    : s.repeat_delay_ms * 2;
  } else if (which == kSettingInput) {
    s.input = s.input == "keys" ? "switch2" : s.input == "switch2" ? "switch1" : "keys";
  } else if (which == kSettingScan) {
    // value > 0: slower (a longer interval).
    s.scan_interval_ms = std::clamp(s.scan_interval_ms + 500 * value, 500, 10000);
  }
}

IdleOutcome Session::TickIdle() {
  // Nobody is there on the attract screen: no timer runs.
  if (journey_.view() == kAttractView && overlay_ == Overlay::kNone) {
    idle_.Disable();
  } else if (!idle_.enabled()) {
    idle_.Enable();
  }
  switch (idle_.Poll()) {
    case IdleEvent::kWarn:
      // Warned, shown and spoken, well before anything is wiped.
      overlay_before_idle_ = overlay_;
      overlay_ = Overlay::kIdle;
      return IdleOutcome::kWarned;
    case IdleEvent::kReset:
      Wipe();
      return IdleOutcome::kWiped;
    case IdleEvent::kNone:
      break;
  }
  return IdleOutcome::kNone;
}

bool Session::Activity() {
  idle_.Activity();
  if (overlay_ != Overlay::kIdle) return false;
  overlay_ = overlay_before_idle_;
  return true;
}

std::string Session::CloseKeyboardRow() {
  std::string row = keyboard_row_;
  keyboard_row_.clear();
  return row;
}

Session::KeyOutcome Session::PressKey(std::string_view key_id) {
  std::vector<Row> rows = keyboard_.Rows();
  if (journey_.SuggestsWords()) rows.push_back(keyboard_.PredictionRow(journey_.Words()));
  for (const Row& row : rows) {
    for (const Key& key : row.keys) {
      if (key.id != key_id) continue;
      Edit edit = keyboard_.Press(key);
      if (edit.kind == EditKind::kDone) {
        keyboard_row_.clear();
        return journey_.Continue() ? KeyOutcome::kDone : KeyOutcome::kRequired;
      }
      std::string before = journey_.Words();
      std::string text = before;
      ApplyEdit(edit, text);
      // The edit may replace the end (a suggested word completes the one
      // begun): erase back to what the two share, then type the rest.
      std::size_t common = 0;
      while (common < before.size() && common < text.size() && before[common] == text[common]) {
        ++common;
      }
      while (journey_.Words().size() > common && journey_.EraseWord()) {
      }
      bool all = journey_.InsertWords(std::string_view(text).substr(journey_.Words().size()));
      return all ? KeyOutcome::kTyped : KeyOutcome::kLimit;
    }
  }
  return KeyOutcome::kUnknown;
}

absl::StatusOr<Receipt> Session::Send(Outbox& outbox, absl::Time now) {
  absl::StatusOr<Receipt> receipt = journey_.Send(outbox, now, speech_strings_.language());
  if (receipt.ok()) send_error_.reset();
  else send_error_ = receipt.status();
  return receipt;
}

v1::HowTookPart HowTookPartOf(const Settings& settings) {
  v1::HowTookPart how;
  how.set_speech(settings.speech);
  how.set_text_size(settings.text_size);
  how.set_theme(settings.theme);
  how.set_easy_read(settings.easy_read);
  how.set_audio_only(settings.audio_only);
  how.set_language(settings.language);
  switch (a11y::ParseInputMode(settings.input).value_or(a11y::InputMode::kKeys)) {
    case a11y::InputMode::kKeys: how.set_input(v1::HowTookPart::INPUT_KEYS_OR_TOUCH); break;
    case a11y::InputMode::kTwoSwitch: how.set_input(v1::HowTookPart::INPUT_TWO_SWITCHES); break;
    case a11y::InputMode::kOneSwitch: how.set_input(v1::HowTookPart::INPUT_ONE_SWITCH); break;
  }
  return how;
}

void Session::Wipe() {
  const bool visited = journey_.view() != kAttractView || settings_ != defaults_;
  if (visited && visit_sink_) {
    v1::TakingPart visit;
    *visit.mutable_how() = HowTookPartOf(settings_);
    if (const auto& equality = journey_.equality()) *visit.mutable_equality() = *equality;
    visit_sink_(visit);
  }
  journey_.Reset();
  keyboard_.Reset();
  keyboard_row_.clear();
  overlay_ = Overlay::kNone;
  send_error_.reset();
  check_answer_.reset();
  if (settings_.language != defaults_.language) UseLanguage(defaults_.language);
  settings_ = defaults_;
}

}  // namespace carevoice::client
