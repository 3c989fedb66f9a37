#include "client/ui/kiosk_ui.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "contract/limits.h"

namespace carevoice::client::ui {
namespace {

constexpr float kBarHeight = 96.0f;

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

}  // namespace

KioskUi::KioskUi(Strings strings, Outbox& outbox, SyncHooks sync,
                 a11y::Speaker& speaker, const contract::Clock& clock,
                 const Fonts& fonts)
    : strings_(std::move(strings)),
      outbox_(outbox),
      sync_(std::move(sync)),
      speaker_(speaker),
      clock_(clock),
      theme_(a11y::DefaultTheme()),
      announcer_(speaker, [this](std::string_view key) { return strings_.Get(key); }),
      ui_(registry_, focus_, theme_, fonts),
      words_(contract::kMaxFeedbackText) {
  announcer_.SetLanguage(strings_.language());
  ui_.SetScrollLabels(strings_.Get("scroll.up"), strings_.Get("scroll.down"));
}

std::string KioskUi::ViewName() const {
  switch (overlay_) {
    case Overlay::kHelp: return "help";
    case Overlay::kRestart: return "restart";
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
  if (!pending_.empty() || frames_in_view_ < 2 || ViewName() != view_ || ui_.relayout()) {
    return true;
  }
  SyncStatus status = sync_.status();
  return status.catalog_serial != catalog_serial_ ||
         (journey_.screen() == Screen::kThanks && status.delivered_total != delivered_seen_);
}

bool KioskUi::FocusedIsTextField() const {
  const a11y::WidgetInfo* item = registry_.Find(focus_.focused_id());
  return item != nullptr && item->role == a11y::Role::kTextField;
}

void KioskUi::Choose(const std::string& id) { ui_.SetActivation(id); }

bool KioskUi::Apply(const SDL_Event& event) {
  bool on_attract = overlay_ == Overlay::kNone && journey_.screen() == Screen::kAttract;
  switch (event.type) {
    case SDL_KEYDOWN: {
      SDL_Keycode key = event.key.keysym.sym;
      Uint16 mods = event.key.keysym.mod;
      if (IsModifier(key)) return true;
      speaker_.Stop();  // any key cuts speech off
      if (on_attract) {
        journey_.Start();  // any key starts spoken orientation
        return false;
      }
      std::optional<Command> command = MapKey(key, mods);
      if (FocusedIsTextField()) {
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
           *command == Command::kHelp || *command == Command::kStartAgain)) {
        return true;  // holding a key down never chooses twice
      }
      return ApplyCommand(*command);
    }
    case SDL_TEXTINPUT:
      if (FocusedIsTextField()) {
        if (!words_.Insert(event.text.text)) announcer_.Say(strings_.Get("more.limit"));
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
      if (on_attract) {
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
      if (overlay_ != Overlay::kNone) {
        overlay_ = Overlay::kNone;
      } else if (journey_.Back()) {
        error_.clear();
      }
      return false;
    case Command::kHelp:
      if (overlay_ == Overlay::kNone) {
        help_title_ = ui_.title();
        help_instruction_ = ui_.instruction();
      }
      overlay_ = Overlay::kHelp;
      return false;
    case Command::kRepeat:
      announcer_.Repeat();
      return true;
    case Command::kStop:
      announcer_.Stop();
      return true;
    case Command::kVolumeDown:
    case Command::kVolumeUp: {
      float step = command == Command::kVolumeUp ? 0.1f : -0.1f;
      volume_ = std::clamp(volume_ + step, 0.1f, 1.0f);
      speaker_.SetVolume(volume_);
      announcer_.Say(strings_.Format(
          "volume.level", {std::to_string(static_cast<int>(std::lround(volume_ * 100)))}));
      return true;
    }
    case Command::kStartAgain:
      if (journey_.screen() != Screen::kAttract) overlay_ = Overlay::kRestart;
      return false;
    case Command::kTextSmaller:
    case Command::kTextLarger:
    case Command::kSettings:
      return true;  // settings arrive with the settings screen
  }
  return true;
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
        announcer_.Say(strings_.Format("thanks.reference_spoken",
                                       {SpellOut(receipt->reference)}));
      }
      break;
    case Intent::Kind::kCloseHelp:
    case Intent::Kind::kCancelRestart: overlay_ = Overlay::kNone; break;
  }
}

void KioskUi::Send() {
  absl::StatusOr<Receipt> receipt =
      journey_.Send(outbox_, clock_.Now(), strings_.language());
  if (!receipt.ok()) {
    error_ = ErrorMessage(receipt.status());
    return;
  }
  words_.Clear();
  error_.clear();
  delivered_ = false;
  delivered_seen_ = ~0ull;
  if (sync_.wake) sync_.wake();
}

std::string KioskUi::ErrorMessage(const absl::Status& status) const {
  // The outbox names the refused field and the contract's message key; show
  // and speak them in the person's language.
  std::optional<contract::FieldError> error = FieldErrorOf(status);
  if (!error || !strings_.Has(error->message_key)) return strings_.Get("error.save_failed");
  std::string field_key = "field." + error->field;
  std::string label = strings_.Get(strings_.Has(field_key) ? field_key : "field.other");
  return strings_.Format(error->message_key, {label});
}

void KioskUi::Wipe() {
  // The end of a session: nothing the person entered stays on screen or in
  // memory (what was sent is safe in the outbox).
  journey_.Reset();
  words_.Clear();
  overlay_ = Overlay::kNone;
  error_.clear();
  volume_ = 1.0f;
  speaker_.SetVolume(volume_);
}

void KioskUi::RefreshSync() {
  SyncStatus status = sync_.status();
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
  if (entered) {
    texts_.clear();
    announcer_.ScreenEntered(ui_.title(), ui_.instruction());
    for (const a11y::WidgetInfo& item : registry_.items()) {
      if (!IsSpokenText(item)) continue;
      announcer_.Queue(item.label);
      texts_.emplace_back(item.id, item.label);
    }
    if (focused != nullptr) {
      announcer_.FocusChanged(*focused, focus_.position(), focus_.count());
    }
    focus_serial_ = focus_.serial();
    return;
  }
  if (focus_.serial() != focus_serial_ && focused != nullptr) {
    announcer_.FocusChanged(*focused, focus_.position(), focus_.count());
  }
  focus_serial_ = focus_.serial();
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

void KioskUi::Frame(float width, float height) {
  RefreshSync();
  // Input applies only to a settled view, whose registry is on screen.
  if (ViewName() == view_ && frames_in_view_ >= 1) {
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
    std::string initial;
    const FeedbackDraft& d = journey_.draft();
    if (overlay_ == Overlay::kRestart) initial = "restart.no";
    else if (overlay_ == Overlay::kNone && journey_.screen() == Screen::kChooseService)
      initial = "service." + d.service_id;
    else if (overlay_ == Overlay::kNone && journey_.screen() == Screen::kRate)
      initial = "rating." + std::to_string(static_cast<int>(d.rating));
    else if (overlay_ == Overlay::kNone && journey_.screen() == Screen::kTellMore)
      initial = kWordsFieldId;
    focus_.ResetForScreen(initial);
  } else {
    ++frames_in_view_;
  }

  float caption_h = ui_.CaptionHeight(caption_text_.empty() ? " " : caption_text_, width);
  float caption_top = height - caption_h;
  float bar_top = caption_top - 16.0f - kBarHeight;
  bool with_bar = view != "attract";
  float content_bottom = (with_bar ? bar_top : caption_top) - 24.0f;

  ui_.SetPointer(pointer_x_, pointer_y_, pressed_id_);
  ui_.BeginFrame(width, height, content_bottom);
  ScreenContext ctx{journey_, strings_, catalog_ ? &*catalog_ : nullptr, words_,
                    delivered_, error_};
  Intent intent;
  switch (overlay_) {
    case Overlay::kHelp:
      intent = DrawHelpScreen(ctx, ui_, help_title_, help_instruction_);
      break;
    case Overlay::kRestart:
      intent = DrawRestartScreen(ctx, ui_);
      break;
    case Overlay::kNone:
      switch (journey_.screen()) {
        case Screen::kAttract: intent = DrawAttractScreen(ctx, ui_); break;
        case Screen::kHome: intent = DrawHomeScreen(ctx, ui_); break;
        case Screen::kChooseService: intent = DrawServiceScreen(ctx, ui_); break;
        case Screen::kRate: intent = DrawRatingScreen(ctx, ui_); break;
        case Screen::kTellMore: intent = DrawTellMoreScreen(ctx, ui_); break;
        case Screen::kReview: intent = DrawReviewScreen(ctx, ui_); break;
        case Screen::kThanks: intent = DrawThanksScreen(ctx, ui_); break;
      }
      break;
  }

  std::optional<Command> bar_command;
  bool bar_repeat = false;
  if (with_bar) {
    // The same five controls in the same place on every screen.
    ui_.BeginBar(bar_top, kBarHeight, 5);
    if (ui_.Button("bar.back", strings_.Get("bar.back"))) bar_command = Command::kBack;
    if (ui_.Button("bar.help", strings_.Get("bar.help"))) bar_command = Command::kHelp;
    if (ui_.Button("bar.repeat", strings_.Get("bar.repeat"))) bar_repeat = true;
    if (ui_.Button("bar.stop", strings_.Get("bar.stop"))) bar_command = Command::kStop;
    if (ui_.Button("bar.restart", strings_.Get("bar.restart")))
      bar_command = Command::kStartAgain;
    ui_.EndBar();
  }
  ui_.EndFrame();
  ui_.SetActivation("");  // an activation for an item no longer drawn is dropped
  focus_.Sync(registry_);
  ui_.DrawFocusRing();

  AnnounceChanges(entered);
  announcer_.EndFrame();
  caption_text_ = announcer_.caption();
  ui_.Caption(caption_text_, {0, caption_top, width, caption_h});

  if (bar_repeat) {
    // The Repeat button repeats the screen's prompt, not its own name.
    announcer_.Say(ui_.title() + ". " + ui_.instruction());
  }
  if (bar_command) ApplyCommand(*bar_command);
  ApplyIntent(intent);
}

}  // namespace carevoice::client::ui
