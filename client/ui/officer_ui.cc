#include "client/ui/officer_ui.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/app/text_edit.h"

namespace carevoice::client::ui {

absl::StatusOr<std::unique_ptr<OfficerUi>> OfficerUi::Create(Strings strings, Post post,
                                                             a11y::Speaker& speaker,
                                                             const base::Clock& clock,
                                                             const Fonts& fonts,
                                                             OfficerUiOptions options) {
  if (!strings.Has("officer.sign_in.title") || !strings.Has("role.button")) {
    return absl::InvalidArgumentError(
        "the officer console needs the kiosk's English words and assets/officer/en-GB.json");
  }
  return std::unique_ptr<OfficerUi>(
      new OfficerUi(std::move(strings), std::move(post), speaker, clock, fonts, options));
}

OfficerUi::OfficerUi(Strings strings, Post post, a11y::Speaker& speaker,
                     const base::Clock& clock, const Fonts& fonts, OfficerUiOptions options)
    : strings_(std::move(strings)),
      texts_(strings_, strings_, /*easy_read=*/false),
      post_(std::move(post)),
      speaker_(speaker),
      clock_(clock),
      scanner_(clock),
      router_(clock),
      settings_(options.defaults),
      theme_(a11y::ThemeFor(a11y::ThemeFromKey(settings_.theme).value_or(a11y::AllThemes().front()))),
      announcer_(speaker_, [this](std::string_view key) { return strings_.Get(key); }),
      ui_(registry_, focus_, theme_, fonts),
      desk_(options.refresh),
      export_dir_(options.export_dir),
      idle_(options.idle),
      last_input_(clock.Now()) {
  if (!absl::LoadTimeZone("Europe/London", &zone_)) zone_ = absl::UTCTimeZone();
  ui_.SetSelectedWord(strings_.Get("state.selected"));
  ui_.SetScrollLabels(strings_.Get("scroll.up"), strings_.Get("scroll.down"));
  ApplySettings();
}

void OfficerUi::ApplySettings() {
  speaker_.SetOn(settings_.speech);
  speaker_.SetRate(WordsPerMinute(settings_.rate));
  speaker_.SetVolume(static_cast<float>(settings_.volume_percent) / 100.0f);
  scanner_.SetMode(a11y::ParseInputMode(settings_.input).value_or(a11y::InputMode::kKeys));
  scanner_.SetInterval(absl::Milliseconds(settings_.scan_interval_ms));
}

void OfficerUi::OnAnswer(OfficerAnswer answer) {
  std::lock_guard lock(answers_mu_);
  answers_.push_back(std::move(answer));
  has_answers_.store(true);
}

void OfficerUi::TakeAnswers() {
  if (!has_answers_.exchange(false)) return;
  std::vector<OfficerAnswer> answers;
  {
    std::lock_guard lock(answers_mu_);
    answers.swap(answers_);
  }
  for (const OfficerAnswer& answer : answers) Send(desk_.Apply(answer, clock_.Now()));
}

void OfficerUi::Send(std::optional<OfficerCall> call) {
  if (call && post_) post_(std::move(*call));
}

void OfficerUi::HandleEvent(const SDL_Event& event) {
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
      break;
  }
}

bool OfficerUi::NeedsFrame() const {
  if (!pending_.empty() || frames_in_view_ < 2 || ViewName() != view_ || ui_.relayout() ||
      font_request_ || acted_ || has_answers_.load()) {
    return true;
  }
  return clock_.Now() >= NextDeadline();
}

absl::Time OfficerUi::NextDeadline() const {
  absl::Time next = std::min(scanner_.NextDeadline(), desk_.NextRefresh());
  if (desk_.signed_in()) next = std::min(next, last_input_ + idle_);
  return next;
}

std::optional<float> OfficerUi::TakeFontRequest() {
  std::optional<float> request = font_request_;
  font_request_.reset();
  return request;
}

void OfficerUi::SetFonts(const Fonts& fonts) {
  ui_.SetFonts(fonts);
  frames_in_view_ = 0;
}

void OfficerUi::ChangeTextSize(int delta) {
  const int size = std::clamp(settings_.text_size + delta, 0, kTextSizeCount - 1);
  if (size != settings_.text_size) {
    settings_.text_size = size;
    font_request_ = BodyPixels(settings_);
  }
  announcer_.Say(strings_.Format("settings.size", {std::to_string(settings_.text_size + 1),
                                                   std::to_string(kTextSizeCount)}));
}

void OfficerUi::Type(std::string_view utf8) {
  if (utf8.empty()) return;
  if (!driver_.FocusedIsTextField()) {
    if (utf8 == " ") return;  // Space on a control chooses; it never types
    // A letter typed on a control goes to the screen's only field, and
    // focus follows it there, as at the kiosk.
    if (!driver_.FocusOnlyField(strings_.Get("words.nowhere"), strings_.Get("words.choose_field"))) {
      return;
    }
  }
  std::string* field = desk_.Field(focus_.focused_id());
  if (field == nullptr) return;
  field->append(utf8);
  typed_at_focus_ = focus_.serial();
  const a11y::WidgetInfo* item = registry_.Find(focus_.focused_id());
  if (item != nullptr && item->personal) return;  // a password is never said
  // Each character as it is typed, and each word as a space ends it.
  if (utf8 == " ") {
    std::string_view before(*field);
    before.remove_suffix(1);
    std::string_view word = LastWord(before);
    announcer_.Say(word.empty() ? strings_.Get("osk.space") : std::string(word));
  } else {
    announcer_.Say(utf8);
  }
}

void OfficerUi::Erase() {
  std::string* field = desk_.Field(focus_.focused_id());
  if (field == nullptr || field->empty()) return;
  // One character (whole, in UTF-8).
  std::size_t cut = field->size() - 1;
  while (cut > 0 && (static_cast<unsigned char>((*field)[cut]) & 0xC0) == 0x80) --cut;
  std::string gone = field->substr(cut);
  field->resize(cut);
  typed_at_focus_ = focus_.serial();
  const a11y::WidgetInfo* item = registry_.Find(focus_.focused_id());
  if (item != nullptr && item->personal) return;
  announcer_.Say(gone == " " ? strings_.Get("osk.space") : gone);
}

bool OfficerUi::Apply(const SDL_Event& event) {
  const a11y::WidgetInfo* focused = registry_.Find(focus_.focused_id());
  RouteContext ctx;
  ctx.in_text_field = focused != nullptr && focused->role == a11y::Role::kTextField;
  ctx.mode = scanner_.mode();
  Input input = router_.Route(event, ctx, registry_);
  if (input.kind != Input::Kind::kNone) last_input_ = clock_.Now();
  if (input.stops_speech) speaker_.Stop();
  switch (input.kind) {
    case Input::Kind::kNone:
    case Input::Kind::kStillHere:
    case Input::Kind::kPointerDown:
    case Input::Kind::kStart:
    case Input::Kind::kStartSettings:
    case Input::Kind::kStaff:
    case Input::Kind::kToggleDescribe:
    case Input::Kind::kDescribe:
      return true;
    case Input::Kind::kSwitch:
      return driver_.Switch(scanner_, input.which);
    case Input::Kind::kType:
      Type(input.text);
      return true;
    case Input::Kind::kErase:
      Erase();
      return true;
    case Input::Kind::kFieldEnter:
      if (typed_at_focus_ != focus_.serial()) {
        announcer_.Say(strings_.Get("words.type_now"));
      } else {
        focus_.Next();  // after typing, Enter moves on, keeping the words
      }
      return true;
    case Input::Kind::kLeaveField:
    case Input::Kind::kFieldChoose:
      focus_.Next();
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

bool OfficerUi::ApplyCommand(Command command) {
  if (std::optional<bool> moved = driver_.Command(command)) return *moved;
  switch (command) {
    case Command::kNext:
    case Command::kPrevious:
    case Command::kChoose:
      return true;  // the driver's
    case Command::kBack:
      Send(desk_.Back());
      return false;
    case Command::kHelp:
      announcer_.Say(strings_.Get("officer.keys"));
      return true;
    case Command::kRepeat:
      announcer_.Repeat();
      return true;
    case Command::kStop:
      announcer_.Stop();
      return true;
    case Command::kVolumeDown:
    case Command::kVolumeUp:
      settings_.volume_percent = std::clamp(
          settings_.volume_percent + (command == Command::kVolumeUp ? 10 : -10), 10, 100);
      ApplySettings();
      announcer_.Say(strings_.Format("settings.volume",
                                     {std::to_string(settings_.volume_percent)}));
      return true;
    case Command::kTextSmaller:
    case Command::kTextLarger:
      ChangeTextSize(command == Command::kTextLarger ? 1 : -1);
      return true;
    case Command::kSettings:
    case Command::kStartAgain:
      return true;
  }
  return true;
}

void OfficerUi::ApplyIntent(const OfficerIntent& intent) {
  switch (intent.kind) {
    case OfficerIntent::Kind::kNone: break;
    case OfficerIntent::Kind::kSignIn: Send(desk_.SignIn()); break;
    case OfficerIntent::Kind::kSignOut: Send(desk_.SignOut()); break;
    case OfficerIntent::Kind::kRefresh: Send(desk_.Refresh()); break;
    case OfficerIntent::Kind::kOpen:
      // An urgent worry opened from its alert has been heard.
      for (const v1::CaseRecord& c : desk_.alerts()) {
        if (c.submission_id() == intent.arg) desk_.AlertsTold();
      }
      Send(desk_.Open(intent.arg));
      break;
    case OfficerIntent::Kind::kAction:
      desk_.StartAction(static_cast<CaseAction>(intent.value));
      break;
    case OfficerIntent::Kind::kOption: desk_.Choose(intent.arg); break;
    case OfficerIntent::Kind::kConfirm: desk_.SetConfirmed(!desk_.confirmed()); break;
    case OfficerIntent::Kind::kSave: Send(desk_.Save()); break;
    case OfficerIntent::Kind::kBack: Send(desk_.Back()); break;
    case OfficerIntent::Kind::kExportScreen: desk_.ShowExport(); break;
    case OfficerIntent::Kind::kExport:
      // A new file each time, named for when it was made.
      Send(desk_.StartExport(
          export_dir_ + "/carevoice-export-" +
          absl::FormatTime("%Y-%m-%d-%H%M%S", clock_.Now(), zone_) + ".csv"));
      break;
    case OfficerIntent::Kind::kPackChoice: {
      const std::vector<std::string>& ids = OfficerDesk::PackChoices(intent.arg);
      if (intent.value >= 0 && intent.value < static_cast<int>(ids.size())) {
        desk_.ChoosePack(intent.arg, ids[intent.value]);
      }
      break;
    }
    case OfficerIntent::Kind::kPack:
      // Named for whom, and when it was made: never over an earlier pack.
      Send(desk_.StartPack(absl::ToCivilDay(clock_.Now(), zone_),
                           absl::StrCat(export_dir_, "/carevoice-pack-",
                                        desk_.PackChoice("audience"), "-",
                                        absl::FormatTime("%Y-%m-%d-%H%M%S", clock_.Now(), zone_),
                                        ".", desk_.PackChoice("format"))));
      break;
  }
}

std::string OfficerUi::InitialFocus() const {
  switch (desk_.view()) {
    case DeskView::kSignIn: return kDeskName;
    case DeskView::kQueue:
      // Back on the case just handled, so the officer goes on from there.
      return desk_.last_case().empty() ? "" : "case." + desk_.last_case();
    default: return "";
  }
}

void OfficerUi::Frame(float width, float height) {
  acted_ = false;
  const bool was_busy = desk_.busy();
  TakeAnswers();
  // The queue the officer waited for has come: it is read anew, as on
  // arrival, with focus on the case they were last on (or the first).
  const bool queue_arrived = was_busy && !desk_.busy() && desk_.view() == DeskView::kQueue &&
                             view_ == desk_.ViewName();
  if (ViewName() == view_ && frames_in_view_ >= 2 &&
      scanner_.Tick() == a11y::ScanAction::kNext) {
    focus_.Next();
  }
  if (desk_.signed_in() && clock_.Now() >= last_input_ + idle_) {
    // Left alone: nothing of the session stays on a screen others may see.
    Send(desk_.SignOut("officer.error.idle"));
  }
  Send(desk_.Tick(clock_.Now()));
  if (ViewName() == view_ && frames_in_view_ >= 2 && !font_request_) {
    while (!pending_.empty()) {
      SDL_Event event = pending_.front();
      pending_.pop_front();
      if (!Apply(event)) break;
    }
  }
  const std::string view = ViewName();
  const bool entered = view != view_ || queue_arrived;
  if (entered) {
    view_ = view;
    frames_in_view_ = 0;
    ui_.ResetScroll();
    scanner_.Restart();
    focus_.ResetForScreen(InitialFocus());
  } else {
    ++frames_in_view_;
  }

  // The control bar and, under it, the captions: everything said is shown.
  const std::string& caption = announcer_.caption();
  const bool can_go_back = desk_.view() == DeskView::kCase || desk_.view() == DeskView::kAction ||
                           desk_.view() == DeskView::kExport;
  std::vector<Text> bar_labels;
  if (can_go_back) bar_labels.push_back(texts_.Get("bar.back"));
  for (const char* key : {"bar.help", "bar.repeat", "bar.stop"}) {
    bar_labels.push_back(texts_.Get(key));
  }
  const Ui::BarPlan plan = ui_.PlanBar(bar_labels, texts_.Get("bar.more"), width, height);
  const float caption_h = ui_.CaptionHeight(caption.empty() ? " " : caption, width);
  const float caption_top = height - caption_h;
  const float gap = std::round(ui_.fonts().body_size * 0.4f);
  const float bar_top = caption_top - gap - plan.height;
  ui_.SetPointer(router_.pointer_x(), router_.pointer_y(), router_.pressed_id());
  ui_.BeginFrame(width, height, bar_top - gap);
  OfficerScreen screen{desk_, texts_, zone_, absl::ToCivilDay(clock_.Now(), zone_)};
  OfficerIntent intent;
  switch (desk_.view()) {
    case DeskView::kSignIn: intent = DrawOfficerSignIn(screen, ui_); break;
    case DeskView::kQueue: intent = DrawOfficerQueue(screen, ui_); break;
    case DeskView::kCase: intent = DrawOfficerCase(screen, ui_); break;
    case DeskView::kAction: intent = DrawOfficerAction(screen, ui_); break;
    case DeskView::kExport: intent = DrawOfficerExport(screen, ui_); break;
  }
  // The same controls in the same place on every screen; what the bar
  // folds away at large sizes the keys still do (F1 says them).
  std::optional<Command> command;
  ui_.BeginBar(bar_top, plan);
  if (can_go_back && ui_.Button("bar.back", texts_.Get("bar.back"))) command = Command::kBack;
  if (ui_.Button("bar.help", texts_.Get("bar.help"))) command = Command::kHelp;
  if (!plan.folded) {
    if (ui_.Button("bar.repeat", texts_.Get("bar.repeat"))) command = Command::kRepeat;
    if (ui_.Button("bar.stop", texts_.Get("bar.stop"))) command = Command::kStop;
  }
  ui_.EndFrame();
  ui_.SetActivation("");
  focus_.Sync(registry_);
  scanner_.SetItemCount(focus_.count());
  ui_.DrawFocusRing();
  if (desk_.alerts().size() > alerts_shown_) {
    // An urgent worry cuts in at once: whatever was being said stops, and
    // the banner is said before anything else that changed (the focused
    // case only moved down the list; it is not said again).
    announcer_.Stop();
    screen_speech_.Said(registry_, focus_, announcer_);
  }
  alerts_shown_ = desk_.alerts().size();
  screen_speech_.Announce(entered, ui_.title().spoken, ui_.instruction().spoken, registry_, focus_,
                          announcer_);
  announcer_.EndFrame();
  ui_.Caption(announcer_.caption(), {0, caption_top, width, caption_h});
  acted_ = intent.kind != OfficerIntent::Kind::kNone || command.has_value();
  if (command == Command::kRepeat) {
    // The Repeat button repeats the screen's prompt, not its own name.
    announcer_.Say(a11y::JoinSentences(ui_.title().spoken, ui_.instruction().spoken));
  } else if (command) {
    ApplyCommand(*command);
  }
  ApplyIntent(intent);
}

}  // namespace carevoice::client::ui
