// Drives a KioskUi without a window: headless ImGui frames with the real
// fonts, a real outbox in a temporary folder, a FakeSpeaker, fake sync
// hooks, and SDL events built by hand (as SDL would deliver them).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accessibility/fake_speaker.h"
#include "base/clock.h"
#include "client/model/outbox.h"
#include "client/ui/kiosk_ui.h"

namespace carevoice::client::ui::testing {

// The sample catalog from assets/, parsed from its JSON form.
std::optional<v1::Catalog> SampleCatalog();
// The sample catalog with the consultation in assets that asks every kind
// of question (getting_out_2027) published too.
std::optional<v1::Catalog> CatalogAskingEveryKind();
// That catalog with the Forum ballot in assets open (forum_reps_2027), and
// last year's ballot closed and counted (forum_reps_2026, its result
// published).
std::optional<v1::Catalog> CatalogWithBallots();
// A ballot code that passes its check ("KQ7M-3RX?" with its check
// character), as a member would type it from their sheet.
std::string BallotCode();
// The language tags with a file in assets/lang, en-GB first.
std::vector<std::string> Languages();

// One person's way through a journey: the option chosen at a step, by step
// id (on a date step, the buttons pressed, comma-separated:
// "year_before,day_before"); a step not named gets OptionFor's default.
struct Walk {
  std::string journey;
  std::map<std::string, std::string> picks;
};
// Walks that between them show every step of every journey: the details
// and their reasons, the numbers to call, a care worker's notice, the
// home-care questions asked of the people who use home care and of the
// people who work in it. Feedback comes first.
const std::vector<Walk>& EveryStepWalks();
// The option to choose at `step` for `pick` (empty: home care from the
// catalog, "not sure" for a provider or site, 4 for a rating, else the
// second option offered for `draft`, or the only one).
std::string OptionFor(const Step& step, const std::string& pick, const v1::Submission& draft);
// The buttons a date step's pick presses, in order.
std::vector<std::string> DatePresses(const std::string& pick);
// What a person would write at a words step: the contract checks the
// shape of a phone number and an email address; a reference to check is
// kCheckReference as it is shown ("KQ7M-3RX9"), its PIN kCheckPin.
std::string WordsFor(const Step& step);
// A reference and PIN the harness's council knows (SetCheckAnswer), with
// kCheckReply published.
extern const char kCheckPin[];
extern const char kCheckReply[];
std::string CheckReference();

// What drives any window app (the kiosk, the officer console) without a
// window, as SDL would deliver it: one headless ImGui frame (fonts rebuilt
// when asked); a key's press, the text SDL sends with it, and its release;
// text typed key by key ("\n" as Shift+Return); a pointer press and release.
void DrawFrame(WindowApp& app, float width, float height);
std::string KeyText(SDL_Keycode key, Uint16 modifiers);
void SendKey(WindowApp& app, SDL_Keycode key, Uint16 modifiers, const std::string& text);
void SendTyped(WindowApp& app, const std::string& utf8);
void SendTap(WindowApp& app, float x, float y);

class KioskHarness {
 public:
  explicit KioskHarness(float width = 1280, float height = 800,
                        std::optional<v1::Catalog> catalog = SampleCatalog(),
                        KioskOptions options = {});
  ~KioskHarness();

  // Builds frames until the kiosk has nothing more to do (bounded).
  void Settle();
  // One key press and release, queued without a frame in between, with
  // the text SDL sends between them for a key that types a character.
  void Key(SDL_Keycode key, Uint16 modifiers = 0);
  void KeyWithText(SDL_Keycode key, Uint16 modifiers, const std::string& text);
  // Key() then Settle().
  void Press(SDL_Keycode key, Uint16 modifiers = 0);
  // Text as a keyboard sends it (press, SDL_TEXTINPUT, release for each
  // character; "\n" as Shift+Return), then Settle().
  void Type(const std::string& utf8);
  // A pointer press and release at a point, then Settle().
  void Tap(float x, float y);
  // Touch alone: taps the scroll buttons until the item `id` is wholly in
  // view, then taps the item's middle; false when it is not on screen.
  bool TapOn(const std::string& id);
  // Moves focus with Tab until `id` is focused; false if never.
  bool FocusOn(const std::string& id);
  // As a blind person finds their way: presses Tab until what is spoken
  // contains `words`; false if never heard within one round.
  bool TabUntilHeard(const std::string& words);

  // Answers the current journey step by keys, as a person would: moves to
  // the answer and presses Enter. On a choice, OptionFor(`pick`); on words,
  // Enter on the field, types `words` (empty: WordsFor), then Tab and
  // Continue; on a date, the DatePresses(`pick`) then Continue; on a
  // notice, Continue. False when it could not.
  bool AnswerStep(const std::string& pick = "", const std::string& words = "");
  // Answers steps (as AnswerStep, with `picks` by step id) until the view
  // is `view`; false if it was not reached within 40 steps. `each`, when
  // given, runs before each step is answered.
  bool AnswerUntil(const std::string& view,
                   const std::map<std::string, std::string>& picks = {},
                   const std::function<void()>& each = nullptr);

  KioskUi& kiosk() { return *kiosk_; }
  base::FakeClock& clock() { return clock_; }
  Outbox& outbox() { return *outbox_; }
  a11y::FakeSpeaker& speaker() { return speaker_; }
  SyncStatus& status() { return status_; }
  // The syncer's news, as a real syncer tells it: the service comes or
  // goes, an item is delivered, the catalog changes.
  void SetReachable(bool reachable);
  void Delivered(const std::string& submission_id);
  void CatalogChanged();
  // The council's answer for a reference (canonical) and PIN; every other
  // pair is not found. CheckReference()/kCheckPin is known from the start.
  void SetCheckAnswer(const std::string& reference, const std::string& pin, CheckAnswer answer);
  // While held, questions wait unanswered ("asking the council"); Release
  // answers them.
  void HoldChecks() { hold_checks_ = true; }
  void ReleaseChecks();
  // What the kiosk asked, as typed: (reference, pin).
  const std::vector<std::pair<std::string, std::string>>& checks_asked() const {
    return checks_asked_;
  }
  std::optional<v1::Catalog>& catalog() { return catalog_; }
  // Everything spoken, one utterance per entry.
  std::vector<std::string> Spoken() const;
  // Everything spoken since index `from`, joined with newlines.
  std::string SpokenSince(std::size_t from) const;
  std::string FocusedId() const { return kiosk_->focus().focused_id(); }
  std::string View() const { return kiosk_->ViewName(); }
  // The body text size the kiosk draws with now.
  float BodySize() const { return ImGui::GetIO().FontDefault->FontSize; }
  // True when the last frame ends with the whole screen covered in black
  // (audio-only mode).
  bool ScreenIsBlank() const;
  // Every string drawn on the current view since it appeared.
  std::vector<DrawnText> DrawnInView() const { return drawn_; }
  // Index into Spoken() of the first utterance of the current view.
  std::size_t ViewEntryMark() const { return view_mark_; }

 private:
  void Frame();
  static void BuildAtlas();

  float width_, height_;
  std::string dir_;
  base::FakeClock clock_;
  a11y::FakeSpeaker speaker_;
  std::unique_ptr<Outbox> outbox_;
  SyncStatus status_;
  std::optional<v1::Catalog> catalog_;
  std::unique_ptr<KioskUi> kiosk_;
  std::map<std::string, CheckAnswer> check_answers_;
  std::vector<std::pair<std::string, std::string>> checks_asked_;
  std::vector<std::pair<std::uint64_t, CheckAnswer>> held_;
  bool hold_checks_ = false;
  void AnswerCheck(std::uint64_t serial, const std::string& reference, const std::string& pin);
  std::vector<DrawnText> drawn_;
  std::size_t view_mark_ = 0;
};

}  // namespace carevoice::client::ui::testing
