#include "client/ui/kiosk_ui.h"

#include <algorithm>
#include <cmath>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "client/app/text_edit.h"

namespace carevoice::client::ui {
namespace {

a11y::ThemeId ThemeFromKey(const std::string& key) {
  return a11y::ThemeFromKey(key).value_or(a11y::AllThemes().front());
}

}  // namespace

absl::StatusOr<std::unique_ptr<KioskUi>> KioskUi::Create(
    LanguageLoader load, std::vector<std::string> languages, Outbox& outbox,
    SyncHooks sync, a11y::Speaker& speaker, const base::Clock& clock,
    const Fonts& fonts, KioskOptions options) {
  absl::StatusOr<std::unique_ptr<Session>> session =
      Session::Create(std::move(load), std::move(languages), options.defaults, clock,
                      options.idle_timeout, *options.journeys);
  if (!session.ok()) return session.status();
  (*session)->SetKeyboardWords(std::move(options.words));
  auto kiosk = std::unique_ptr<KioskUi>(
      new KioskUi(std::move(*session), outbox, std::move(sync), speaker, clock, fonts));
  kiosk->built_in_numbers_ = std::move(options.help_numbers);
  kiosk->sealed_ = options.sealed;
  return kiosk;
}

const v1::HelpNumbers& KioskUi::HelpNumbers() const {
  // The council's own numbers once a catalog has brought them; until then
  // (never online, or a catalog without them) the ones set at install.
  if (catalog_ && !catalog_->help_numbers().emergency().empty() &&
      !catalog_->help_numbers().safeguarding_team().empty()) {
    return catalog_->help_numbers();
  }
  return built_in_numbers_;
}

KioskUi::KioskUi(std::unique_ptr<Session> session, Outbox& outbox, SyncHooks sync,
                 a11y::Speaker& speaker, const base::Clock& clock, const Fonts& fonts)
    : session_(std::move(session)),
      outbox_(outbox),
      sync_(std::move(sync)),
      speaker_(speaker),
      clock_(clock),
      scanner_(clock),
      router_(clock),
      theme_(a11y::ThemeFor(ThemeFromKey(session_->settings().theme))),
      announcer_(speaker_,
                 [this](std::string_view key) { return session_->speech_strings().Get(key); }),
      ui_(registry_, focus_, theme_, fonts),
      host_(ui_) {
  applied_ = session_->settings();
  ApplySettings(/*first=*/true);
  // Each visit is counted apart from anything said, held in the outbox
  // until the syncer sends several together. A count that cannot be kept
  // is only a count: said in the log, without what it held.
  session_->SetVisitSink([this](const v1::TakingPart& visit) {
    if (absl::Status s = outbox_.EnqueueTally(visit, clock_.Now()); !s.ok()) {
      std::cerr << "kiosk: a visit could not be counted (" << absl::StatusCodeToString(s.code())
                << ")\n";
      return;
    }
    if (sync_.wake) sync_.wake();
  });
}

std::string KioskUi::ViewName() const { return session_->ViewName(); }

bool KioskUi::OnThanks() const {
  const Step* step = session_->journey().step();
  return step != nullptr && step->type == StepType::kThanks;
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
  return has_news_.load();
}

absl::Time KioskUi::NextDeadline() const {
  absl::Time next = std::min(scanner_.NextDeadline(), session_->NextIdleDeadline());
  // A consultation opening or closing changes the home screen.
  next = std::min(next, consultations_change_);
  // The idle warning counts down on screen once a second.
  if (session_->overlay() == Overlay::kIdle) {
    next = std::min(next, clock_.Now() + absl::Seconds(1));
  }
  return next;
}

void KioskUi::RunTimers() {
  if (session_->TickIdle() == IdleOutcome::kWiped) ApplySettings();
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

void KioskUi::Type(std::string_view utf8) {
  if (utf8.empty()) return;
  if (!FocusedIsTextField()) {
    if (utf8 == " ") return;  // Space on a control chooses; it never types
    // A letter typed on a control that takes no text goes to the screen's
    // only field, and focus follows it there; no key is silently dropped.
    if (!driver_.FocusOnlyField(session_->speech_strings().Get("words.nowhere"),
                                session_->speech_strings().Get("words.choose_field"))) {
      return;
    }
  }
  Journey& journey = session_->journey();
  if (journey.step() == nullptr || journey.step()->type != StepType::kWords) {
    announcer_.Say(session_->speech_strings().Get("words.nowhere"));
    return;
  }
  std::size_t before = journey.Words().size();
  std::size_t count_before = CharacterCount(journey.Words());
  bool all = journey.InsertWords(utf8);
  typed_at_focus_ = focus_.serial();
  if (journey.Words().size() > before) EchoTyped(utf8);
  if (!all) {
    announcer_.Say(session_->speech_strings().Get("words.limit"));
  } else if (std::size_t left = RemainingToSay(journey.WordsLimit(), count_before,
                                               CharacterCount(journey.Words()))) {
    announcer_.Queue(session_->speech_strings().Format("words.remaining",
                                                       {std::to_string(left)}));
  }
}

void KioskUi::EraseTyped() {
  std::string before = session_->journey().Words();
  if (!session_->journey().EraseWord()) return;
  typed_at_focus_ = focus_.serial();
  const a11y::WidgetInfo* field = registry_.Find(focus_.focused_id());
  if (field != nullptr && field->personal && !session_->settings().private_listening) return;
  // Says what was deleted, as a screen reader does.
  announcer_.Say(CharacterName(std::string_view(before).substr(session_->journey().Words().size())));
}

std::string KioskUi::CharacterName(std::string_view ch) const {
  static constexpr std::pair<std::string_view, const char*> kNamed[] = {
      {" ", "osk.space"},          {"\n", "osk.new_line"},  {".", "osk.full_stop"},
      {",", "osk.comma"},          {"?", "osk.question_mark"}, {"!", "osk.exclamation_mark"},
      {"'", "osk.apostrophe"},     {"-", "osk.hyphen"}};
  for (const auto& [c, key] : kNamed) {
    if (ch == c) return session_->speech_strings().Get(key);
  }
  return std::string(ch);
}

void KioskUi::EchoTyped(std::string_view utf8) {
  // Personal details are not spoken aloud unless the person chose private
  // listening (ACCESSIBILITY.md 6).
  const a11y::WidgetInfo* field = registry_.Find(focus_.focused_id());
  if (field != nullptr && field->personal && !session_->settings().private_listening) return;
  std::string words = session_->journey().Words();
  std::string_view before(words);
  before.remove_suffix(std::min(before.size(), utf8.size()));
  bool after_word = !before.empty() && before.back() != ' ' && before.back() != '\n';
  std::string_view word = LastWord(before);
  if (utf8 == " " || utf8 == "\n") {
    // The finished word, as a screen reader says it; a space or a line
    // after no word is named.
    announcer_.Say(after_word && !word.empty() ? std::string(word) : CharacterName(utf8));
    return;
  }
  // A reference is read back as it was given: each letter with its
  // spelling word ("K Kilo"), so a mistyped one is heard at once.
  if (const Step* step = session_->journey().step();
      step != nullptr && step->field == "reference" && utf8.size() == 1 &&
      absl::ascii_isalnum(static_cast<unsigned char>(utf8[0]))) {
    announcer_.Say(SpellOut(std::string(1, absl::ascii_toupper(static_cast<unsigned char>(utf8[0])))));
    return;
  }
  announcer_.Say(CharacterName(utf8));
  // Punctuation that ends a sentence or a clause also finishes a word.
  bool ends_word = utf8 == "." || utf8 == "," || utf8 == "?" || utf8 == "!";
  if (ends_word && after_word && !word.empty()) announcer_.Queue(word);
}

bool KioskUi::FocusedIsTextField() const { return driver_.FocusedIsTextField(); }

void KioskUi::Choose(const std::string& id) { ui_.SetActivation(id); }

void KioskUi::OpenOverlay(Overlay overlay) {
  if (session_->overlay() == Overlay::kNone) {
    // Help describes the view it was opened from.
    help_title_ = ui_.title();
    help_instruction_ = ui_.instruction();
  }
  session_->OpenOverlay(overlay);
}

bool KioskUi::Apply(const SDL_Event& event) {
  const a11y::WidgetInfo* focused = registry_.Find(focus_.focused_id());
  RouteContext ctx;
  ctx.on_attract = session_->overlay() == Overlay::kNone &&
                   session_->journey().view() == kAttractView;
  ctx.idle_warning = session_->overlay() == Overlay::kIdle;
  ctx.in_text_field = focused != nullptr && focused->role == a11y::Role::kTextField;
  ctx.mode = scanner_.mode();
  ctx.describe_keys = session_->settings().describe_keys;
  ctx.repeat_filter = session_->settings().repeat_delay_ms > 0;
  Input input = router_.Route(event, ctx, registry_);
  if (input.kind == Input::Kind::kNone) return true;
  if (input.stops_speech) speaker_.Stop();
  // Any key or touch is a person who is still here; answering the idle
  // warning does nothing else.
  bool answered_warning = session_->Activity();
  if (answered_warning) return false;
  const Strings& speech = session_->speech_strings();
  switch (input.kind) {
    case Input::Kind::kNone:
    case Input::Kind::kStillHere:
    case Input::Kind::kPointerDown:
      return true;
    case Input::Kind::kStart:
      session_->journey().Start();
      return false;
    case Input::Kind::kStartSettings:
      OpenOverlay(Overlay::kSettings);
      return false;
    case Input::Kind::kStaff:
      if (session_->overlay() == Overlay::kStaff) session_->CloseOverlay();
      else OpenOverlay(Overlay::kStaff);
      return false;
    case Input::Kind::kToggleDescribe:
      ChangeSetting(kSettingDescribe, 0);
      announcer_.Say(speech.Get(session_->settings().describe_keys ? "describe.on"
                                                                   : "describe.off"));
      return true;
    case Input::Kind::kDescribe:
      announcer_.Say(input.key_name + ": " + speech.Get(input.describe_key));
      return true;
    case Input::Kind::kSwitch:
      return driver_.Switch(scanner_, input.which);
    case Input::Kind::kType:
      Type(input.text);
      return true;
    case Input::Kind::kErase:
      EraseTyped();
      return true;
    case Input::Kind::kFieldEnter:
      if (typed_at_focus_ != focus_.serial()) {
        // Enter chooses the field, as it chooses every other control: stay,
        // and say how to type and how to leave.
        announcer_.Say(speech.Get("words.type_now"));
      } else {
        focus_.Next();  // after typing, Enter leaves keeping the words
      }
      return true;
    case Input::Kind::kLeaveField:
    case Input::Kind::kFieldChoose:
      focus_.Next();  // keypad users move on to the on-screen keyboard
      return true;
    case Input::Kind::kCommand:
      return ApplyCommand(input.command);
    case Input::Kind::kTouch:
      return driver_.Touch(input.item);
    case Input::Kind::kScroll:
      ui_.ScrollBy(input.pages);
      return true;
  }
  return true;
}

bool KioskUi::ApplyCommand(Command command) {
  if (std::optional<bool> moved = driver_.Command(command)) return *moved;
  switch (command) {
    case Command::kNext:
    case Command::kPrevious:
    case Command::kChoose:
      return true;  // the driver's
    case Command::kBack:
      if (!session_->keyboard_row().empty()) {
        CloseKeyboardRow();
      } else {
        session_->Back();
      }
      return false;
    case Command::kHelp:
      OpenOverlay(Overlay::kHelp);
      return false;
    case Command::kRepeat:
      if (FocusedIsTextField()) {
        // In a field, Repeat reads the whole text (typing echoes only the
        // last character or word).
        if (const a11y::WidgetInfo* field = registry_.Find(focus_.focused_id())) {
          announcer_.FocusChanged(*field, focus_.position(), focus_.count());
          return true;
        }
      }
      announcer_.Repeat();
      return true;
    case Command::kStop:
      announcer_.Stop();
      return true;
    case Command::kVolumeDown:
    case Command::kVolumeUp:
      ChangeSetting(kSettingVolume, command == Command::kVolumeUp ? 1 : -1);
      announcer_.Say(session_->speech_strings().Format("settings.volume",
                                            {std::to_string(session_->settings().volume_percent)}));
      return true;
    case Command::kTextSmaller:
    case Command::kTextLarger:
      ChangeSetting(kSettingTextSize, command == Command::kTextLarger ? 1 : -1);
      announcer_.Say(session_->speech_strings().Format(
          "settings.size",
          {std::to_string(session_->settings().text_size + 1), std::to_string(kTextSizeCount)}));
      return true;
    case Command::kSettings:
      if (session_->overlay() == Overlay::kSettings) session_->CloseOverlay();
      else OpenOverlay(Overlay::kSettings);
      return false;
    case Command::kStartAgain:
      if (session_->journey().view() != kAttractView) OpenOverlay(Overlay::kRestart);
      return false;
  }
  return true;
}

void KioskUi::ChangeSetting(const std::string& which, int value) {
  session_->ChangeSetting(which, value);
  ApplySettings();
}

void KioskUi::ApplySettings(bool first) {
  // The person's settings, applied to the devices: speech, colours, the
  // scan, the key filter, and the font size (rebuilt by the shell).
  const Settings& now = session_->settings();
  Settings before = applied_;
  applied_ = now;
  if (first || now.language != before.language) {
    const Strings& speech = session_->speech_strings();
    announcer_.SetLanguage(now.language);
    ui_.SetSelectedWord(speech.Get("state.selected"));
    ui_.SetScrollLabels(speech.Get("scroll.up"), speech.Get("scroll.down"));
  }
  speaker_.SetOn(now.speech);
  announcer_.SetPrivateListening(now.private_listening);
  speaker_.SetRate(WordsPerMinute(now.rate));
  speaker_.SetVolume(static_cast<float>(now.volume_percent) / 100.0f);
  theme_ = a11y::ThemeFor(ThemeFromKey(now.theme));
  scanner_.SetMode(a11y::ParseInputMode(now.input).value_or(a11y::InputMode::kKeys));
  scanner_.SetInterval(absl::Milliseconds(now.scan_interval_ms));
  if (now.repeat_delay_ms > 0) router_.SetRepeatDelay(absl::Milliseconds(now.repeat_delay_ms));
  if (!first && now.text_size != before.text_size) font_request_ = BodyPixels(now);
}

void KioskUi::ApplyIntent(const Intent& intent) {
  switch (intent.kind) {
    case Intent::Kind::kNone: break;
    case Intent::Kind::kStart: session_->journey().Start(); break;
    case Intent::Kind::kBegin: session_->journey().Begin(intent.arg); break;
    case Intent::Kind::kChooseText: (void)session_->journey().ChooseText(intent.arg); break;
    case Intent::Kind::kChooseNumber:
      (void)session_->journey().ChooseNumber(intent.value);
      break;
    case Intent::Kind::kContinue:
      if (!session_->journey().Continue()) SayRequired();
      break;
    case Intent::Kind::kSend: Send(); break;
    case Intent::Kind::kEdit: session_->journey().Edit(intent.arg); break;
    case Intent::Kind::kFinish:
    case Intent::Kind::kConfirmRestart: Wipe(); break;
    case Intent::Kind::kBeginFollowOn: session_->journey().BeginFollowOn(intent.arg); break;
    case Intent::Kind::kBeginConsultation:
      session_->journey().BeginConsultation(intent.arg);
      break;
    case Intent::Kind::kBeginBallot: session_->journey().BeginBallot(intent.arg); break;
    case Intent::Kind::kToggleChoice: {
      absl::Status toggled = session_->journey().ToggleChoice(intent.arg);
      step_error_ = {};
      if (absl::IsOutOfRange(toggled)) {
        // Said at once, and shown until the next change.
        const v1::QuestionAnswer* answer = session_->journey().QuestionAnswer();
        const std::string max =
            std::to_string(answer != nullptr ? answer->choices().option_ids_size() : 0);
        step_error_ = session_->texts().Format("question.max_reached", {max});
        announcer_.Say(step_error_.spoken);
      }
      break;
    }
    case Intent::Kind::kRankNext: (void)session_->journey().RankNext(intent.arg); break;
    case Intent::Kind::kClearRanking: session_->journey().ClearRanking(); break;
    case Intent::Kind::kSkipQuestion: session_->journey().Skip(); break;
    case Intent::Kind::kCheckAgain:
      // Another reference, typed afresh: nothing of the last one stays.
      session_->SetCheckAnswer(std::nullopt);
      session_->journey().BeginAgain();
      break;
    case Intent::Kind::kSayNumbers:
      announcer_.Say(
          WithNumbers(session_->texts().Get("numbers.banner"), HelpNumbers(), session_->texts())
              .spoken);
      break;
    case Intent::Kind::kSayReference:
      if (const auto& receipt = session_->journey().receipt()) {
        // In the Easy Read words when Easy Read is on.
        const std::string reference = SpellOut(receipt->reference);
        const std::string pin = SpellOut(receipt->pin);
        announcer_.Say(
            session_->texts().Format("thanks.reference_spoken", {reference, pin}, {reference, pin})
                .spoken);
      }
      break;
    case Intent::Kind::kOpenSettings: OpenOverlay(Overlay::kSettings); break;
    case Intent::Kind::kOpenMore: OpenOverlay(Overlay::kMore); break;
    case Intent::Kind::kOpenChanged: OpenOverlay(Overlay::kChanged); break;
    case Intent::Kind::kChangeSetting: ChangeSetting(intent.arg, intent.value); break;
    case Intent::Kind::kBarCommand:
      session_->CloseOverlay();
      ApplyCommand(static_cast<Command>(intent.value));
      break;
    case Intent::Kind::kKeyboardRow:
      session_->OpenKeyboardRow(intent.arg);
      focus_.ResetForScreen("");  // its first key
      break;
    case Intent::Kind::kKeyboardKey: PressKeyboardKey(intent.arg); break;
    case Intent::Kind::kKeyboardBack: CloseKeyboardRow(); break;
    case Intent::Kind::kShiftDate: ShiftDate(intent.arg, intent.value); break;
    case Intent::Kind::kCloseHelp:
    case Intent::Kind::kCancelRestart:
    case Intent::Kind::kCloseOverlay: session_->CloseOverlay(); break;
  }
}

void KioskUi::CloseKeyboardRow() {
  // Back to the rows, on the row just used, so the scan goes on from there.
  focus_.ResetForScreen(session_->CloseKeyboardRow());
}

void KioskUi::PressKeyboardKey(const std::string& id) {
  switch (session_->PressKey(id)) {
    case Session::KeyOutcome::kLimit:
      announcer_.Say(session_->speech_strings().Get("words.limit"));
      [[fallthrough]];
    case Session::KeyOutcome::kTyped:
      if (!session_->keyboard_row().empty()) CloseKeyboardRow();
      break;
    case Session::KeyOutcome::kRequired:
      SayRequired();
      break;
    case Session::KeyOutcome::kDone:
    case Session::KeyOutcome::kUnknown:
      break;
  }
}

void KioskUi::ShiftDate(const std::string& unit, int delta) {
  Journey& journey = session_->journey();
  const Journey::DateUnit which = unit == "year"    ? Journey::DateUnit::kYear
                                  : unit == "month" ? Journey::DateUnit::kMonth
                                                    : Journey::DateUnit::kDay;
  Texts t = session_->texts();
  absl::Status moved = journey.ShiftDate(which, delta);
  if (moved.ok()) {
    step_error_ = {};
    announcer_.Say(DateText(t, journey.DateShown()).spoken);
    return;
  }
  // A day not yet come is refused, shown under the date and spoken; the
  // date stays, and is said again so the person knows where they are.
  if (std::string(moved.message()) == contract::kErrInFuture) {
    step_error_ = t.Get("date.not_yet");
    announcer_.Say(step_error_.spoken);
    announcer_.Queue(DateText(t, journey.DateShown()).spoken);
  } else {
    announcer_.Say(DateText(t, journey.DateShown()).spoken);
  }
}

void KioskUi::SayRequired() {
  // Shown under the field and spoken, naming it (WCAG 3.3.1).
  const Step* step = session_->journey().step();
  if (step == nullptr) return;
  Texts t = session_->texts();
  const std::string& field = session_->journey().blocked_field();
  std::string field_key = "field." + (field.empty() ? step->field : field);
  Text label = t.Get(session_->speech_strings().Has(field_key) ? field_key : "field.other");
  const std::string& message = session_->journey().blocked_message();
  step_error_ = t.Format(message.empty() ? "error.required" : message, {label.shown},
                         {label.spoken});
  announcer_.Say(step_error_.spoken);
}

void KioskUi::AskCheck() {
  session_->SetCheckAnswer(std::nullopt);
  ++check_serial_;
  const v1::Submission& draft = session_->journey().draft();
  if (sync_.check) {
    sync_.check(check_serial_, draft.reference(), draft.pin());
  } else {
    CheckAnswer none;
    none.outcome = CheckAnswer::Outcome::kUnreachable;
    session_->SetCheckAnswer(none);
  }
}

void KioskUi::Send() {
  if (!session_->Send(outbox_, clock_.Now()).ok()) return;  // shown on the review
  delivered_ = false;
  refused_.clear();
  if (sync_.wake) sync_.wake();
}

Text KioskUi::ErrorMessage(const absl::Status& status) const {
  // The outbox names the refused field and the contract's message key; show
  // and speak them in the person's language.
  Texts t = session_->texts();
  const Strings& speech = session_->speech_strings();
  std::optional<contract::FieldError> error = FieldErrorOf(status);
  if (!error || !speech.Has(error->message_key)) return t.Get("error.save_failed");
  std::string field_key = "field." + error->field;
  Text label = t.Get(speech.Has(field_key) ? field_key : "field.other");
  return t.Format(error->message_key, {label.shown}, {label.spoken});
}

void KioskUi::Wipe() {
  session_->Wipe();
  ApplySettings();
}

void KioskUi::OnSyncEvent(const SyncEvent& event) {
  std::lock_guard lock(news_mu_);
  news_.push_back(event);
  has_news_.store(true);
}

void KioskUi::RefreshSync() {
  if (!has_news_.exchange(false)) return;
  std::vector<SyncEvent> news;
  {
    std::lock_guard lock(news_mu_);
    news.swap(news_);
  }
  // The syncer's state is in memory; the UI never reads the outbox itself.
  online_ = sync_.status().service_reachable;
  bool first = !read_catalog_;
  for (const SyncEvent& event : news) {
    if (event.kind == SyncEvent::Kind::kCatalogChanged) first = true;
    // The answer to the question still on screen; an older one (the
    // person went back and changed what they typed) is dropped.
    if (event.kind == SyncEvent::Kind::kChecked && event.check_serial == check_serial_) {
      const Step* step = session_->journey().step();
      if (step != nullptr && step->type == StepType::kAnswer) {
        session_->SetCheckAnswer(event.check);
        answer_arrived_ = true;
        if (event.check.outcome != CheckAnswer::Outcome::kUnreachable) online_ = true;
      }
    }
    // The thank-you screen says when these words have reached the council.
    const auto& receipt = session_->journey().receipt();
    if (event.kind == SyncEvent::Kind::kDelivered && receipt &&
        event.submission_id == receipt->submission_id) {
      delivered_ = true;
    }
    // Or that a vote was refused (its code used before), said plainly.
    // (Other refused words are kept for officers in the quarantine.)
    if (event.kind == SyncEvent::Kind::kRefused && receipt &&
        event.submission_id == receipt->submission_id &&
        absl::StartsWith(event.message_key, "ballot.")) {
      refused_ = event.message_key;
    }
  }
  if (first) {
    read_catalog_ = true;
    catalog_ = sync_.catalog();
    session_->journey().SetCatalog(catalog_ ? &*catalog_ : nullptr);
  }
}

void KioskUi::AnnounceChanges(bool entered) {
  screen_speech_.Announce(entered, ui_.title().spoken, ui_.instruction().spoken, registry_, focus_,
                          announcer_);
}

std::string KioskUi::InitialFocus() const {
  switch (session_->overlay()) {
    case Overlay::kRestart: return "restart.no";  // the safe answer first
    case Overlay::kNone: break;
    default: return "";
  }
  // On a step already answered (going back, or changing it from the
  // review), focus starts on the answer given.
  const Step* step = session_->journey().step();
  if (step == nullptr) return "";
  const v1::Submission& draft = session_->journey().draft();
  switch (step->type) {
    case StepType::kChooseFromCatalog: {
      std::string id = GetText(draft, step->field).value_or("");
      if (id.empty()) return session_->journey().Answered(*step) ? step->id + ".not_sure" : "";
      return step->id + "." + id;
    }
    case StepType::kRate:
      return step->id + "." + std::to_string(GetNumber(draft, step->field).value_or(0));
    case StepType::kChooseOption: {
      if (!session_->journey().Answered(*step)) return "";
      int value = GetNumber(draft, step->field).value_or(0);
      for (const Option& option : step->options) {
        if (option.value == value) return step->id + "." + option.id;
      }
      return "";
    }
    case StepType::kQuestion: {
      const v1::QuestionAnswer* given = session_->journey().QuestionAnswer();
      if (given == nullptr) return "";
      if (given->has_choice_id()) return step->id + "." + given->choice_id();
      if (given->agreement() != v1::AGREEMENT_UNSPECIFIED) {
        return step->id + ".agreement_" + std::to_string(given->agreement());
      }
      return "";  // several or an order: the first option, to go through them
    }
    case StepType::kWords:
      return session_->settings().input == "keys" ? WordsFieldId(*step) : "osk.row.letters1";
    case StepType::kNotice:
    case StepType::kDate:  // the first move, "a day earlier"
    case StepType::kAnswer:
      return session_->check_answer() ? step->id + ".again" : "";
    case StepType::kReview:
    case StepType::kThanks:
      return "";
  }
  return "";
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
  // A lookup's answer changes the whole screen: it is read anew, as on
  // arrival, with focus on what to do next.
  const bool answered = answer_arrived_;
  answer_arrived_ = false;
  bool entered = view != view_ || answered;
  if (entered) {
    const bool new_view = view != view_;
    view_ = view;
    frames_in_view_ = 0;
    session_->ClearError();
    step_error_ = {};
    ui_.ResetScroll();
    session_->CloseKeyboardRow();
    scanner_.Restart();
    if (const Step* step = session_->journey().step();
        new_view && step && step->type == StepType::kAnswer) {
      AskCheck();
    }
    focus_.ResetForScreen(InitialFocus());
  } else {
    ++frames_in_view_;
  }

  consultations_change_ = session_->journey().NextConsultationChange();
  ui_.SetPointer(router_.pointer_x(), router_.pointer_y(), router_.pressed_id());
  ui_.SetKeysOnly(!session_->keyboard_row().empty());
  Texts t = session_->texts();
  Text error = session_->send_error() ? ErrorMessage(*session_->send_error()) : step_error_;
  ScreenContext ctx{session_->journey(), t, session_->settings(),
                    catalog_ ? &*catalog_ : nullptr, delivered_, online_, session_->keyboard(),
                    session_->keyboard_row(), error, &keyboard_cache_, HelpNumbers(), sealed_,
                    &session_->check_answer(), refused_};
  OverlayContext overlay{help_title_, help_instruction_, session_->IdleSecondsLeft()};
  if (session_->overlay() == Overlay::kStaff) {
    const SyncStatus status = sync_.status();
    overlay.staff = {status.needs_enrolment, status.service_reachable, status.pending,
                     outbox_.device_id()};
  }
  ScreenHost::Drawn drawn = host_.Draw(ctx, *session_, overlay, width, height, caption_text_);
  ui_.SetActivation("");  // an activation for an item no longer drawn is dropped
  focus_.Sync(registry_);
  scanner_.SetItemCount(focus_.count());
  ui_.DrawFocusRing();

  AnnounceChanges(entered);
  announcer_.EndFrame();
  caption_text_ = announcer_.caption();
  ui_.Caption(caption_text_, drawn.caption);
  if (session_->settings().audio_only) {
    // Privacy: the screen is blank; everything still works by voice and keys.
    ImGui::GetForegroundDrawList()->AddRectFilled({0, 0}, {width, height},
                                                  IM_COL32(0, 0, 0, 255));
  }

  // What the person chose shows (and is said) on the next frame.
  acted_ = drawn.intent.kind != Intent::Kind::kNone || drawn.bar.has_value();
  if (drawn.bar == Command::kRepeat) {
    // The Repeat button repeats the screen's prompt, not its own name.
    announcer_.Say(a11y::JoinSentences(ui_.title().spoken, ui_.instruction().spoken));
  } else if (drawn.bar) {
    ApplyCommand(*drawn.bar);
  }
  ApplyIntent(drawn.intent);
}

}  // namespace carevoice::client::ui
