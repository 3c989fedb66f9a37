// The kiosk's screens: one per view outside journeys (attract, home, the
// overlays) and one per journey step type, whichever journey the step
// belongs to. A screen reads the app state, draws through Ui (which
// registers every item for speech and tests) and returns what the person
// chose as an Intent; it never touches storage or the network. UI thread
// only, inside a frame.
#pragma once

#include <optional>
#include <string>

#include "carevoice/v1/carevoice.pb.h"
#include "client/app/journey.h"
#include "client/app/onscreen_keyboard.h"
#include "client/app/session.h"
#include "client/app/settings.h"
#include "client/app/texts.h"
#include "client/app/journey_spec.h"
#include "client/ui/ui.h"

namespace carevoice::client::ui {

struct Intent {
  enum class Kind {
    kNone,
    kStart,
    kBegin,          // arg: the journey chosen on the home screen
    kChooseText,     // arg: the catalog id chosen
    kChooseNumber,   // value: the option's value, or a rating (0: skip)
    kContinue,       // leave a words step, keeping the words
    kSend,
    kEdit,           // arg: the id of the step to revisit from the review
    kFinish,         // back to the attract screen, wiping the session
    kSayReference,
    kSayNumbers,     // the numbers to call, again
    kCloseHelp,
    kConfirmRestart,
    kCancelRestart,
    kOpenSettings,
    kOpenMore,       // the controls the bar folded away
    kChangeSetting,  // arg: which setting; value: +1 / -1 (or toggle)
    kCloseOverlay,
    kBarCommand,     // value: a Command chosen from the "More" list
    kKeyboardRow,    // arg: the keyboard row opened for its keys
    kKeyboardKey,    // arg: the key chosen
    kKeyboardBack,   // back from a row's keys to the rows
    kShiftDate,      // arg: "day", "month" or "year"; value: +1 / -1
    kCheckAgain,     // a lookup's answer: check another reference
    kBeginFollowOn,  // arg: the follow-on offered at a journey's end
    kBeginConsultation,  // arg: the consultation chosen on the home screen
    kToggleChoice,   // arg: an option of a choose-several question
    kRankNext,       // arg: the option that goes next in a ranking
    kClearRanking,   // a ranking begun again
    kSkipQuestion,   // a consultation's question left unanswered
    kOpenChanged,    // "What changed because people spoke up"
    kBeginBallot,    // arg: the Forum ballot chosen on the home screen
  };
  Intent() = default;
  Intent(Kind kind, std::string arg = {}, int value = 0)  // NOLINT: brace-init reads best
      : kind(kind), arg(std::move(arg)), value(value) {}

  Kind kind = Kind::kNone;
  std::string arg;
  int value = 0;
};

// What a screen may read.
// The on-screen keyboard's rows as last built for the screen: their keys,
// labels and spoken listings change only with the keyboard's layer, case
// and language, the predictions, the open row and the languages shown and
// spoken, so they are kept between frames. Owned by the kiosk.
struct KeyboardViewCache {
  struct ShownRow {
    std::string id;
    Text label;  // shown: the row's name; spoken: the name and its keys
    std::vector<Ui::KeySpec> keys;
    bool open = false;
  };
  std::string built_for;  // what the rows were built for
  std::vector<ShownRow> rows;
};

struct ScreenContext {
  const Journey& journey;
  const Texts& texts;
  const Settings& settings;
  const v1::Catalog* catalog;    // null when there has never been one
  bool delivered;                // thanks: the service has the submission
  bool online;                   // the service answered the last call
  const OnscreenKeyboard& keyboard;
  const std::string& keyboard_row;  // the row whose keys are open, or empty
  const Text& error;             // an error to show, or empty
  KeyboardViewCache* keyboard_cache;  // kept between frames; may be null
  // The numbers to call when someone is at risk: the catalog's, or the
  // kiosk's built-in ones when it has never fetched a catalog.
  const v1::HelpNumbers& help_numbers;
  bool sealed = false;  // a tablet: what is queued here is sealed for the council
  // A lookup's answer (nullopt while asking); null outside a lookup.
  const std::optional<CheckAnswer>* check_answer = nullptr;
  // Thanks: why the service refused what was sent (a language key, e.g.
  // "ballot.code_used"), or empty.
  std::string refused{};
};

// The name of a catalog service in the person's language (en-GB fallback).
Text ServiceName(const ScreenContext& ctx, std::string_view service_id);
// Words the council published (a consultation, a question, an option) in
// the screen's and the speech's languages, else in English; in Easy Read
// their `easy` words where given, beside `picture`.
Text CatalogText(const ScreenContext& ctx, const v1::LocalizedText& text,
                 const v1::LocalizedText* easy = nullptr, const std::string& picture = {});
// The words of the options `ids` of `question`, in order, comma-separated;
// `numbered` for a ranking: "1. Minibus trips, 2. Benches".
Text OptionsText(const ScreenContext& ctx, const v1::Question& question,
                 const v1::QuestionAnswer::Options& ids, bool numbered);
// "Closes in 12 days, on Friday 18 December 2026" for a consultation.
// A Forum ballot's (as BallotAsConsultation) with `prefix` "ballot": "... to vote".
Text ClosingText(const ScreenContext& ctx, const v1::Consultation& consultation,
                 const std::string& prefix = "consultation");
// A key of the current journey: its own override where the language file
// has one ("feedback.review.send.hint"), else the shared key.
Text JourneyText(const ScreenContext& ctx, std::string_view key);
// The key JourneyText would look up for `key` (the journey's own first).
std::string JourneyKey(const ScreenContext& ctx, std::string_view key);
// The step's title, with the name of the draft's service as {0}.
Text StepTitle(const ScreenContext& ctx, const StepKeys& keys);
// How the review reads back a step's answer ("Rating: Good").
Text ReviewLine(const ScreenContext& ctx, const Step& step);
// `key` with the numbers to call as {0} emergency, {1} the council's
// safeguarding team, {2} its hours and {3} out of hours.
Text NumbersText(const ScreenContext& ctx, std::string_view key);
// The follow-on offered at a journey's end, as a button just before Finish
// ("Help us check we hear from everyone"); choosing it sets `intent`.
void OfferFollowOn(const ScreenContext& ctx, Ui& ui, Intent& intent);
Text WithNumbers(Text text, const v1::HelpNumbers& numbers, const Texts& texts);
// While someone may be in danger: the numbers on every step, with a button
// to hear them again (true when it was chosen).
bool DrawNumbersBanner(const ScreenContext& ctx, Ui& ui);
// The step's instruction, followed by its notice when that applies: said
// on arrival with the title, so the notice is heard, not only found.
Text StepInstruction(const ScreenContext& ctx, const Step& step, const StepKeys& keys);
// "Thursday 3 December 2026", in the person's language and order.
Text DateText(const Texts& t, const v1::Date& date);
// "KQ7M3RX9" -> "K Kilo, Q Quebec, 7, M Mike, 3, R Romeo, X X-ray, 9":
// said one character at a time, each letter with its spelling word.
std::string SpellOut(std::string_view reference);

Intent DrawAttractScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawHomeScreen(const ScreenContext& ctx, Ui& ui);
// The current journey step, through the screen of its type.
Intent DrawStep(const ScreenContext& ctx, Ui& ui);
Intent DrawCatalogStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawAnswerStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawOptionStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawNoticeStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawDateStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawRateStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawWordsStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawReviewStep(const ScreenContext& ctx, const Step& step, Ui& ui);
Intent DrawThanksStep(const ScreenContext& ctx, const Step& step, Ui& ui);
// A consultation's choose-one, choose-several, ranking or agreement question.
Intent DrawQuestionStep(const ScreenContext& ctx, const Step& step, Ui& ui);
// Before a consultation's first question: what it is about and for whom.
Intent DrawConsultationIntro(const ScreenContext& ctx, const Step& step, Ui& ui);
// Before a Forum ballot's code: what it elects or decides, for whom, how
// to mark it and when it closes.
Intent DrawBallotIntro(const ScreenContext& ctx, const Step& step, Ui& ui);
// Before the mark: the vote is secret; private listening (headphones) is
// offered, and without it the vote is never said aloud.
Intent DrawBallotPrivate(const ScreenContext& ctx, const Step& step, Ui& ui);
// "Skip this question", on every step that asks a consultation's question.
void SkipQuestionButton(const ScreenContext& ctx, const Step& step, Ui& ui, Intent& intent);
// The id of a words step's text field ("more.words").
std::string WordsFieldId(const Step& step);
// Overlays reachable from every screen.
Intent DrawHelpScreen(const ScreenContext& ctx, Ui& ui, const Text& where_title,
                      const Text& where_instruction);
Intent DrawRestartScreen(const ScreenContext& ctx, Ui& ui);
// "How would you like to use this?"
Intent DrawSettingsScreen(const ScreenContext& ctx, Ui& ui);
// "What changed because people spoke up": the catalog's notices, most
// recent first, each what people said and what the council did.
Intent DrawChangedScreen(const ScreenContext& ctx, Ui& ui);
// The controls the bar folded away at large text sizes.
Intent DrawMoreScreen(const ScreenContext& ctx, Ui& ui);
// "Are you still there?" before an unattended session is wiped.
Intent DrawIdleScreen(const ScreenContext& ctx, Ui& ui, int seconds_left);

// What the staff screen shows: how the kiosk stands with the service.
struct StaffView {
  bool needs_enrolment = false;
  bool online = false;
  int pending = 0;
  std::string device_id{};
};
// For the people who look after the kiosk (Ctrl+Alt+S), never the public's
// way: whether it must be enrolled again, whether the service answers, how
// many items wait. Nothing anyone said.
Intent DrawStaffScreen(const ScreenContext& ctx, Ui& ui, const StaffView& staff);

// The on-screen keyboard, under a text field: rows, then keys.
Intent DrawKeyboard(const ScreenContext& ctx, Ui& ui);

// Ids of items other modules refer to.
inline constexpr char kWordsFieldId[] = "more.words";  // feedback's words
inline constexpr char kBackToRowsId[] = "osk.back_to_rows";

}  // namespace carevoice::client::ui
