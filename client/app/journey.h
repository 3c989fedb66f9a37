// Where a person is in the kiosk and what they have entered so far: one
// engine that runs every JourneySpec (next, back, edit from the review and
// return to it, send). The draft is the v1::Submission under construction.
// No UI and no I/O of its own: Send hands the finished submission to the
// outbox. UI thread only.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/app/journey_spec.h"
#include "client/model/outbox.h"

namespace carevoice::client {

// What the person is given once their words are safe in the outbox.
struct Receipt {
  std::string reference;      // canonical, e.g. "KQ7M3RX9"
  std::string pin;            // needed with the reference to check on it
  std::string submission_id;
  // They were asked whether the council may contact them and chose not
  // to: they can still hear back through their reference.
  bool chose_anonymous = false;
};

// The views that come before any journey.
inline constexpr char kAttractView[] = "attract";
inline constexpr char kHomeView[] = "home";

class Journey {
 public:
  // `journeys` and `clock` must outlive the Journey. The clock dates a
  // draft (created_at: when the person began to tell us) and gives today
  // to a date step.
  explicit Journey(const std::vector<JourneySpec>& journeys = AllJourneys(),
                   const base::Clock& clock = base::SystemClock::Get());

  // "attract", "home", or the current step's id ("service", "review").
  std::string_view view() const;
  const std::vector<JourneySpec>& journeys() const { return *journeys_; }
  // The journey under way and its current step (null before one starts).
  const JourneySpec* spec() const { return spec_; }
  const Step* step() const;
  const v1::Submission& draft() const { return draft_; }
  const std::optional<Receipt>& receipt() const { return receipt_; }
  // The kiosk's clock, read now.
  absl::Time Now() const { return clock_->Now(); }
  // The catalog conditions are judged against (may be null).
  void SetCatalog(const v1::Catalog* catalog) { catalog_ = catalog; }

  void Start();                          // attract -> home
  bool Begin(std::string_view journey);  // home -> the journey's first step

  // The consultations the council asks now: the catalog's, open by the
  // kiosk's clock (a kiosk offline when one closed stops offering it then).
  std::vector<const v1::Consultation*> OpenConsultations() const;
  // When the next of them opens or closes (see NextConsultationChange).
  absl::Time NextConsultationChange() const;
  // home -> the introduction of consultation `id`, if it is open now.
  // Coming back to the same one keeps the answers given.
  bool BeginConsultation(std::string_view id);
  // The Forum ballots open now, by the kiosk's clock.
  std::vector<const v1::ForumBallot*> OpenBallots() const;
  // home -> the introduction of ballot `id`, if it is open now: always a
  // fresh paper.
  bool BeginBallot(std::string_view id);
  // Why the review has nothing to send (every question skipped:
  // "consultation.none_answered"; a ballot unmarked: "ballot.none_marked"),
  // or empty when it has something.
  std::string NothingToSend() const;
  // A consultation's question (a kQuestion step). Choose-several: takes or
  // gives back one option (past max_choices, OutOfRange with the key
  // "question.max_reached", and nothing changes). Ranking: the option goes
  // next in the order; once one is left it goes last by itself.
  absl::Status ToggleChoice(std::string_view option_id);
  absl::Status RankNext(std::string_view option_id);
  void ClearRanking();  // the order begun again
  // A consultation's question left unanswered (any answer given is taken
  // back), and on to the next. False elsewhere.
  bool Skip();
  // The answer to the current question, or null.
  const v1::QuestionAnswer* QuestionAnswer() const;

  // Answers the current choose/rate step and moves on. A rate step's
  // value 0 skips it.
  absl::Status ChooseText(std::string value);
  absl::Status ChooseNumber(int value);
  // The words of the current words step, and editing them in place.
  // Insert returns false when the contract's limit stopped some of it.
  std::string Words() const;
  bool InsertWords(std::string_view utf8);
  bool EraseWord();  // deletes the last character
  std::size_t WordsLimit() const;
  // Whether the on-screen keyboard may suggest words for the current words
  // step (Step::suggests_words); false on any other step.
  bool SuggestsWords() const;
  // A date step: the day shown (the answer, else today), and moving it by
  // days, months or years (a month or year later keeps the day where the
  // month has it, else its last day). A day after today is refused,
  // OutOfRange with the contract's "error.in_future", and nothing moves.
  enum class DateUnit { kDay, kMonth, kYear };
  v1::Date DateShown() const;
  absl::Status ShiftDate(DateUnit unit, int delta);

  // Leaves a words, notice or date step (a date step answers with the day
  // shown) for the next one; false,
  // staying, when the step is required and nothing has been written, or
  // its check fails: blocked_field() then names what is needed.
  bool Continue();
  const std::string& blocked_field() const { return blocked_field_; }
  // The message key for it ("error.required", or the step's check_message).
  const std::string& blocked_message() const { return blocked_message_; }
  // Whether the person has answered `step` (a choice shows as chosen only
  // then: a default value is not an answer).
  bool Answered(const Step& step) const;
  // Whether the numbers to call are shown on every step now.
  bool ShowsNumbers() const;

  // From the review, revisit one step; moving on from it returns to the
  // review (through any step the change newly calls for).
  bool Edit(std::string_view step_id);
  // The steps the review reads back, in order (shown ones only).
  std::vector<const Step*> ReviewedSteps() const;

  // Builds the submission and commits it durably to `outbox`; only then
  // moves to the thank-you step. On failure nothing moves and the draft is
  // kept, so the person can try again.
  absl::StatusOr<Receipt> Send(Outbox& outbox, absl::Time now, const std::string& language);

  // One step back (the shown step before this one, or the review when
  // leaving a change unmade); false when there is nowhere to go
  // (attract, thanks).
  bool Back();
  // Wipes everything entered and returns to the attract screen.
  void Reset();
  // Starts the journey under way again from its first step, with a fresh
  // draft (a lookup: check another reference). False before one starts.
  bool BeginAgain();

  // The follow-on journey offered now ("Help us check we hear from
  // everyone"), or null: offered on the last screen of any other journey
  // (its thanks, or a lookup's answer), once a session.
  const JourneySpec* FollowOnOffered() const;
  // Starts the offered follow-on `id`. Back from its first step returns to
  // the screen it was offered on, as it was.
  bool BeginFollowOn(std::string_view id);
  // What the person said of who they are, once they reached the end of the
  // follow-on (nullopt when it was not taken, or nothing was answered).
  // Never part of any submission; the session counts it with the visit.
  const std::optional<v1::EqualityMonitoring>& equality() const { return equality_; }

  // The submission the draft would become (without id or reference).
  v1::Submission BuildSubmission(const std::string& language) const;
  // The step that fills a contract field path, or null.
  const Step* StepForField(std::string_view field) const;

 private:
  bool Shown(const Step& step) const;
  // The first shown step at or after `index` (the review at the latest).
  std::size_t ShownFrom(std::size_t index) const;
  std::size_t NextShown(std::size_t from) const;
  void Forward();
  std::size_t ReviewIndex() const;
  // Answers that no longer fit the draft (a provider of another service,
  // an option no longer offered) are cleared and will be asked again.
  void TakeBackUnfitAnswers();
  // A fresh draft of `spec`'s kind, dated now.
  void StartDraft(const JourneySpec& spec);
  absl::CivilDay Today() const;
  // Starts `option.switch_to` and gives it this answer to `step_id`.
  absl::Status SwitchTo(const Option& option, const std::string& step_id);

  // Reaching a follow-on's last step: its answers leave the draft.
  void EndFollowOn();
  // The current step when it asks a consultation's question, else null.
  const Step* CurrentQuestion() const;
  void SetWords(const Step& step, std::string text);

  // Where a person was when they took up a follow-on, to go back to.
  struct Place {
    const JourneySpec* spec = nullptr;
    std::size_t at = 0;
    std::set<std::size_t> visited, answered;
    v1::Submission draft;
  };

  static constexpr std::size_t kHome = static_cast<std::size_t>(-2);
  static constexpr std::size_t kAttract = static_cast<std::size_t>(-1);

  const std::vector<JourneySpec>* journeys_;
  const base::Clock* clock_;
  const v1::Catalog* catalog_ = nullptr;
  const JourneySpec* spec_ = nullptr;
  std::size_t at_ = kAttract;       // step index, or kHome / kAttract
  std::set<std::size_t> visited_;   // steps the person has been on
  std::set<std::size_t> answered_;  // choices the person has made
  std::string blocked_field_;       // what the last refused Continue needs
  std::string blocked_message_;     // and what is said about it
  bool editing_ = false;            // changing a step from the review
  std::size_t edit_origin_ = 0;     // the step chosen on the review
  v1::Submission draft_;
  std::optional<Receipt> receipt_;
  std::optional<Place> offered_at_;  // while in a follow-on
  bool follow_on_done_ = false;
  std::optional<v1::EqualityMonitoring> equality_;
  // The consultation under way: its spec is built when begun (spec_ then
  // points into it) and shares the catalog's consultation as it was then.
  std::shared_ptr<const JourneySpec> consultation_spec_;
};

}  // namespace carevoice::client
