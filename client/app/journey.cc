#include "client/app/journey.h"

#include <algorithm>

#include "base/proto_time.h"
#include "client/app/ballot_journey.h"
#include "client/app/consultation_journey.h"
#include "client/app/text_edit.h"
#include "contract/reference_code.h"
#include "contract/validation.h"

namespace carevoice::client {

Journey::Journey(const std::vector<JourneySpec>& journeys, const base::Clock& clock)
    : journeys_(&journeys), clock_(&clock) {}

void Journey::StartDraft(const JourneySpec& spec) {
  spec_ = &spec;
  draft_.Clear();
  spec_->start(draft_);
  base::SetProtoTimestamp(clock_->Now(), draft_.mutable_created_at());
}

absl::CivilDay Journey::Today() const {
  // The kiosk's own day: where it stands is where the person is.
  return absl::ToCivilDay(clock_->Now(), absl::LocalTimeZone());
}

std::string_view Journey::view() const {
  if (at_ == kAttract) return kAttractView;
  if (at_ == kHome) return kHomeView;
  return spec_->steps[at_].id;
}

const Step* Journey::step() const {
  return spec_ != nullptr && at_ < spec_->steps.size() ? &spec_->steps[at_] : nullptr;
}

bool Journey::Shown(const Step& step) const {
  return !step.shown_when || step.shown_when(draft_, catalog_);
}

std::size_t Journey::NextShown(std::size_t from) const { return ShownFrom(from + 1); }

std::size_t Journey::ShownFrom(std::size_t next) const {
  while (next < spec_->steps.size() && spec_->steps[next].type != StepType::kReview &&
         !Shown(spec_->steps[next])) {
    ++next;
  }
  return next;
}

void Journey::Forward() {
  std::size_t next = NextShown(at_);
  if (editing_) {
    // A change may call for steps not answered yet, anywhere after it (a
    // care worker's employer; "who is this about" asked again): they are
    // asked, and the steps already answered are passed over, until the
    // review comes back as if the edit never left it.
    while (visited_.count(next) > 0 && spec_->steps[next].type != StepType::kReview) {
      next = NextShown(next);
    }
    if (spec_->steps[next].type == StepType::kReview) {
      editing_ = false;
      at_ = ReviewIndex();
      return;
    }
  }
  at_ = next;
  visited_.insert(at_);
  if (spec_->follow_on && spec_->steps[at_].type == StepType::kThanks) EndFollowOn();
}

void Journey::EndFollowOn() {
  const v1::EqualityMonitoring& given = draft_.equality();
  if (given.ByteSizeLong() > 0) equality_ = given;
  draft_.Clear();
  visited_.clear();
  answered_.clear();
  offered_at_.reset();
  follow_on_done_ = true;
}

const JourneySpec* Journey::FollowOnOffered() const {
  const Step* s = step();
  if (s == nullptr || spec_->follow_on || follow_on_done_ ||
      (s->type != StepType::kThanks && s->type != StepType::kAnswer)) {
    return nullptr;
  }
  for (const JourneySpec& j : *journeys_) {
    if (j.follow_on) return &j;
  }
  return nullptr;
}

bool Journey::BeginFollowOn(std::string_view id) {
  const JourneySpec* offered = FollowOnOffered();
  if (offered == nullptr || offered->id != id) return false;
  offered_at_ = Place{spec_, at_, std::move(visited_), std::move(answered_), std::move(draft_)};
  StartDraft(*offered);
  visited_.clear();
  answered_.clear();
  editing_ = false;
  blocked_field_.clear();
  at_ = ShownFrom(0);
  visited_.insert(at_);
  return true;
}

std::size_t Journey::ReviewIndex() const {
  std::size_t i = 0;
  while (spec_->steps[i].type != StepType::kReview) ++i;
  return i;
}

void Journey::Start() {
  if (at_ == kAttract) at_ = kHome;
}

bool Journey::Begin(std::string_view journey) {
  if (at_ != kHome) return false;
  const JourneySpec* spec = nullptr;
  for (const JourneySpec& s : *journeys_) {
    if (s.id == journey && !s.follow_on) spec = &s;  // a follow-on is offered, not begun
  }
  if (spec == nullptr) return false;
  if (spec != spec_) {
    // A different kind of submission starts with a fresh draft; coming
    // back to the same one keeps what was entered.
    StartDraft(*spec);
  }
  editing_ = false;
  at_ = ShownFrom(0);
  visited_.insert(at_);
  return true;
}

absl::Status Journey::ChooseText(std::string value) {
  const Step* s = step();
  if (const Step* q = CurrentQuestion();
      q != nullptr && q->question->kind() == v1::Question::KIND_SINGLE_CHOICE) {
    if (!HasOption(*q->question, value)) {
      return absl::InvalidArgumentError(q->id + " has no option " + value);
    }
    MutableAnswerTo(draft_, q->question->id()).set_choice_id(std::move(value));
    answered_.insert(at_);
    Forward();
    return absl::OkStatus();
  }
  if (s == nullptr || s->type != StepType::kChooseFromCatalog) {
    return absl::FailedPreconditionError("not a step that takes a choice from a list");
  }
  absl::Status set = SetText(draft_, s->field, std::move(value));
  if (!set.ok()) return set;
  answered_.insert(at_);
  TakeBackUnfitAnswers();
  Forward();
  return absl::OkStatus();
}

void Journey::TakeBackUnfitAnswers() {
  for (std::size_t i = 0; i < spec_->steps.size(); ++i) {
    const Step& later = spec_->steps[i];
    bool fits = true;
    if (later.type == StepType::kChooseFromCatalog && later.list != CatalogList::kServices) {
      // A provider or site that does not belong to the new choice.
      std::string kept = GetText(draft_, later.field).value_or("");
      if (kept.empty()) continue;
      std::vector<CatalogChoice> choices = CatalogChoices(later, draft_, catalog_);
      fits = std::any_of(choices.begin(), choices.end(),
                         [&](const CatalogChoice& c) { return c.id == kept; });
    } else if (later.type == StepType::kChooseOption && answered_.count(i) > 0 &&
               !later.field.empty()) {
      // An answer no longer offered (a relative's, once a care worker is
      // speaking).
      int kept = GetNumber(draft_, later.field).value_or(0);
      fits = std::any_of(later.options.begin(), later.options.end(), [&](const Option& o) {
        return o.value == kept && Offered(o, draft_);
      });
    }
    if (fits) continue;
    ClearDraftField(draft_, later.field);
    answered_.erase(i);
    visited_.erase(i);
  }
}

absl::Status Journey::ChooseNumber(int value) {
  const Step* s = step();
  if (const Step* q = CurrentQuestion();
      q != nullptr && q->question->kind() == v1::Question::KIND_AGREEMENT) {
    if (value == v1::AGREEMENT_UNSPECIFIED || !v1::Agreement_IsValid(value)) {
      return absl::InvalidArgumentError(q->id + " has no point " + std::to_string(value));
    }
    MutableAnswerTo(draft_, q->question->id()).set_agreement(static_cast<v1::Agreement>(value));
    answered_.insert(at_);
    Forward();
    return absl::OkStatus();
  }
  if (s == nullptr || (s->type != StepType::kRate && s->type != StepType::kChooseOption)) {
    return absl::FailedPreconditionError("not a step that takes a choice");
  }
  const Option* option = nullptr;
  for (const Option& o : s->options) {
    if (o.value == value && Offered(o, draft_)) option = &o;
  }
  if (s->type == StepType::kChooseOption && option == nullptr) {
    return absl::InvalidArgumentError(s->id + " has no answer " + std::to_string(value));
  }
  if (option != nullptr && !option->switch_to.empty()) return SwitchTo(*option, s->id);
  if (option != nullptr && option->skips_rest) {
    at_ = spec_->steps.size() - 1;  // the follow-on's thanks (CheckSpec)
    if (spec_->follow_on) EndFollowOn();
    return absl::OkStatus();
  }
  if (!s->field.empty()) {
    if (absl::Status set = SetNumber(draft_, s->field, value); !set.ok()) return set;
  }
  if (option != nullptr && option->also) option->also(draft_);
  answered_.insert(at_);
  TakeBackUnfitAnswers();
  Forward();
  return absl::OkStatus();
}

absl::Status Journey::SwitchTo(const Option& option, const std::string& step_id) {
  const JourneySpec* target = nullptr;
  for (const JourneySpec& j : *journeys_) {
    if (j.id == option.switch_to) target = &j;
  }
  if (target == nullptr) return absl::NotFoundError("no journey " + option.switch_to);
  // A fresh draft of the other kind; the question is answered there.
  StartDraft(*target);
  visited_.clear();
  answered_.clear();
  editing_ = false;
  for (std::size_t i = 0; i < spec_->steps.size(); ++i) {
    if (spec_->steps[i].id == step_id) at_ = i;
  }
  visited_.insert(at_);
  return ChooseNumber(option.value);
}

bool Journey::Answered(const Step& step) const {
  if (spec_ == nullptr || spec_->steps.empty()) return false;
  const Step* first = &spec_->steps.front();
  if (&step < first || &step >= first + spec_->steps.size()) return false;
  return answered_.count(static_cast<std::size_t>(&step - first)) > 0;
}

bool Journey::ShowsNumbers() const {
  return spec_ != nullptr && spec_->numbers_when && spec_->numbers_when(draft_);
}

std::string Journey::Words() const {
  const Step* s = step();
  if (s == nullptr || s->type != StepType::kWords) return {};
  if (s->question != nullptr) {
    const v1::QuestionAnswer* a = AnswerTo(draft_, s->question->id());
    return a != nullptr ? a->free_text() : std::string();
  }
  return GetText(draft_, s->field).value_or("");
}

void Journey::SetWords(const Step& step, std::string text) {
  if (step.question == nullptr) {
    (void)SetText(draft_, step.field, std::move(text));  // CheckSpec proved the field
  } else if (text.empty()) {
    RemoveAnswerTo(draft_, step.question->id());
  } else {
    MutableAnswerTo(draft_, step.question->id()).set_free_text(std::move(text));
  }
}

bool Journey::SuggestsWords() const {
  const Step* s = step();
  return s != nullptr && s->type == StepType::kWords && s->suggests_words;
}

std::size_t Journey::WordsLimit() const {
  const Step* s = step();
  return s != nullptr && s->type == StepType::kWords ? s->max_chars : 0;
}

bool Journey::InsertWords(std::string_view utf8) {
  const Step* s = step();
  if (s == nullptr || s->type != StepType::kWords) return false;
  std::string text = Words();
  bool all = AppendText(text, utf8, s->max_chars);
  SetWords(*s, std::move(text));
  return all;
}

bool Journey::EraseWord() {
  const Step* s = step();
  if (s == nullptr || s->type != StepType::kWords) return false;
  std::string text = Words();
  if (!EraseLastCharacter(text)) return false;
  SetWords(*s, std::move(text));
  return true;
}

v1::Date Journey::DateShown() const {
  const Step* s = step();
  if (s != nullptr && s->type == StepType::kDate) {
    if (auto date = GetDate(draft_, s->field); date.ok() && date->has_value()) return **date;
  }
  const absl::CivilDay today = Today();
  v1::Date date;
  date.set_year(static_cast<int>(today.year()));
  date.set_month(today.month());
  date.set_day(today.day());
  return date;
}

absl::Status Journey::ShiftDate(DateUnit unit, int delta) {
  const Step* s = step();
  if (s == nullptr || s->type != StepType::kDate) {
    return absl::FailedPreconditionError("not a date step");
  }
  const v1::Date from = DateShown();
  absl::CivilDay day(from.year(), from.month(), from.day());
  if (unit == DateUnit::kDay) {
    day += delta;
  } else {
    // 31 January and a month on is 28 (or 29) February, not 3 March.
    absl::CivilMonth month(from.year(), from.month());
    month += unit == DateUnit::kMonth ? delta : 12 * delta;
    const absl::CivilDay last = absl::CivilDay(absl::CivilMonth(month + 1)) - 1;
    day = absl::CivilDay(month.year(), month.month(), std::min(from.day(), last.day()));
  }
  if (day > Today()) return absl::OutOfRangeError(std::string(contract::kErrInFuture));
  if (day.year() < 1900) return absl::OutOfRangeError(std::string(contract::kErrBadFormat));
  v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  if (absl::Status set = SetDate(draft_, s->field, date); !set.ok()) return set;
  answered_.insert(at_);
  return absl::OkStatus();
}

bool Journey::Continue() {
  const Step* s = step();
  if (s == nullptr || (s->type != StepType::kWords && s->type != StepType::kNotice &&
                       s->type != StepType::kDate && s->type != StepType::kQuestion)) {
    return false;
  }
  if (s->type == StepType::kDate) {
    (void)SetDate(draft_, s->field, DateShown());  // CheckSpec proved the field
    answered_.insert(at_);
  }
  // A required field is asked for here, where it can be filled in, not
  // refused later at Send.
  if (s->type == StepType::kWords && !s->optional &&
      Words().find_first_not_of(" \n") == std::string::npos) {
    blocked_field_ = s->field;
    blocked_message_ = "error.required";
    return false;
  }
  if (s->check && !s->check(draft_)) {
    blocked_field_ = s->check_field;
    blocked_message_ = s->check_message;
    return false;
  }
  blocked_field_.clear();
  Forward();
  return true;
}

bool Journey::Edit(std::string_view step_id) {
  const Step* s = step();
  if (s == nullptr || s->type != StepType::kReview) return false;
  for (std::size_t i = 0; i < spec_->steps.size(); ++i) {
    const Step& target = spec_->steps[i];
    if (target.id != step_id || !target.reviewed || !Shown(target)) continue;
    editing_ = true;
    edit_origin_ = i;
    at_ = i;
    return true;
  }
  return false;
}

std::vector<const Step*> Journey::ReviewedSteps() const {
  std::vector<const Step*> steps;
  if (spec_ == nullptr) return steps;
  for (const Step& s : spec_->steps) {
    if (s.reviewed && Shown(s)) steps.push_back(&s);
  }
  return steps;
}

const Step* Journey::StepForField(std::string_view field) const {
  if (spec_ == nullptr) return nullptr;
  for (const Step& s : spec_->steps) {
    if (!s.field.empty() && s.field == field) return &s;
  }
  return nullptr;
}

v1::Submission Journey::BuildSubmission(const std::string& language) const {
  v1::Submission s = draft_;
  // What is sent is what the review read back: an answer to a step no
  // longer asked (the service changed from home care, the time limit no
  // longer applies) stays behind.
  if (spec_ != nullptr) {
    for (const Step& step : spec_->steps) {
      if (!step.field.empty() && !Shown(step)) ClearDraftField(s, step.field);
    }
  }
  if (s.has_consultation_answer()) {
    // A question begun and left empty (an order started again, words
    // rubbed out) was skipped.
    auto* answers = s.mutable_consultation_answer()->mutable_answers();
    answers->erase(std::remove_if(answers->begin(), answers->end(),
                                  [](const v1::QuestionAnswer& a) { return !SaysSomething(a); }),
                   answers->end());
  }
  if (s.has_forum_vote()) {
    // Sent as the service checks it: canonical, and no empty mark.
    v1::ForumVote& vote = *s.mutable_forum_vote();
    vote.set_code(contract::NormalizeReference(vote.code()));
    if (vote.has_mark() && !SaysSomething(vote.mark())) vote.clear_mark();
  }
  s.set_language(language);
  s.set_channel(v1::CHANNEL_KIOSK);
  return s;
}

std::string Journey::NothingToSend() const {
  if (spec_ == nullptr || !spec_->consultation) return "";
  const v1::Submission s = BuildSubmission("");
  if (spec_->ballot) return s.forum_vote().has_mark() ? "" : "ballot.none_marked";
  return s.consultation_answer().answers().empty() ? "consultation.none_answered" : "";
}

absl::StatusOr<Receipt> Journey::Send(Outbox& outbox, absl::Time now,
                                      const std::string& language) {
  const Step* s = step();
  if (s == nullptr || s->type != StepType::kReview) {
    return absl::FailedPreconditionError("send is only possible from review");
  }
  if (std::string nothing = NothingToSend(); !nothing.empty()) {
    // Every question skipped, or a ballot left unmarked: nothing to count.
    return absl::FailedPreconditionError(nothing);
  }
  v1::Submission submission = BuildSubmission(language);
  absl::StatusOr<OutboxItem> item = outbox.Enqueue(std::move(submission), now);
  if (!item.ok()) return item.status();
  const bool asked = std::any_of(spec_->steps.begin(), spec_->steps.end(),
                                 [](const Step& st) { return st.field == "anonymous"; });
  receipt_ = Receipt{item->reference, item->submission.pin(), item->submission_id,
                     asked && draft_.anonymous()};
  // Sent means sent: the words now live only in the outbox.
  draft_.Clear();
  visited_.clear();
  answered_.clear();
  editing_ = false;
  at_ = spec_->steps.size() - 1;  // thanks
  return *receipt_;
}

bool Journey::Back() {
  if (at_ == kAttract) return false;
  if (at_ == kHome) {
    at_ = kAttract;
    return true;
  }
  if (spec_->steps[at_].type == StepType::kThanks) return false;  // sent is sent
  if (editing_ && at_ == edit_origin_) {
    editing_ = false;  // back from a change: the review, unchanged
    at_ = ReviewIndex();
    return true;
  }
  // The journey is a line: back is the shown step before this one.
  std::size_t i = at_;
  while (i > 0) {
    --i;
    if (Shown(spec_->steps[i])) {
      at_ = i;
      return true;
    }
  }
  if (offered_at_) {
    // Out of the follow-on: the screen it was offered on, as it was.
    spec_ = offered_at_->spec;
    at_ = offered_at_->at;
    visited_ = std::move(offered_at_->visited);
    answered_ = std::move(offered_at_->answered);
    draft_ = std::move(offered_at_->draft);
    offered_at_.reset();
    return true;
  }
  at_ = kHome;
  return true;
}

std::vector<const v1::Consultation*> Journey::OpenConsultations() const {
  return client::OpenConsultations(catalog_, clock_->Now());
}

absl::Time Journey::NextConsultationChange() const {
  return client::NextConsultationChange(catalog_, clock_->Now());
}

bool Journey::BeginConsultation(std::string_view id) {
  if (at_ != kHome) return false;
  const v1::Consultation* open = nullptr;
  for (const v1::Consultation* c : OpenConsultations()) {
    if (c->id() == id) open = c;
  }
  if (open == nullptr) return false;
  const bool same = spec_ != nullptr && spec_ == consultation_spec_.get() &&
                    spec_->consultation->id() == id;
  if (!same) {
    consultation_spec_ = std::make_shared<const JourneySpec>(
        ConsultationJourney(std::make_shared<const v1::Consultation>(*open)));
    StartDraft(*consultation_spec_);
    visited_.clear();
    answered_.clear();
  }
  editing_ = false;
  at_ = ShownFrom(0);
  visited_.insert(at_);
  return true;
}

std::vector<const v1::ForumBallot*> Journey::OpenBallots() const {
  return client::OpenBallots(catalog_, clock_->Now());
}

bool Journey::BeginBallot(std::string_view id) {
  if (at_ != kHome) return false;
  const v1::ForumBallot* open = nullptr;
  for (const v1::ForumBallot* b : OpenBallots()) {
    if (b->id() == id) open = b;
  }
  if (open == nullptr) return false;
  // A vote is never kept waiting for someone to come back to it: each
  // time is a fresh ballot paper.
  consultation_spec_ = std::make_shared<const JourneySpec>(
      BallotJourney(std::make_shared<const v1::ForumBallot>(*open)));
  StartDraft(*consultation_spec_);
  visited_.clear();
  answered_.clear();
  editing_ = false;
  at_ = ShownFrom(0);
  visited_.insert(at_);
  return true;
}

const Step* Journey::CurrentQuestion() const {
  const Step* s = step();
  return s != nullptr && s->question != nullptr ? s : nullptr;
}

const v1::QuestionAnswer* Journey::QuestionAnswer() const {
  const Step* q = CurrentQuestion();
  return q != nullptr ? AnswerTo(draft_, q->question->id()) : nullptr;
}

absl::Status Journey::ToggleChoice(std::string_view option_id) {
  const Step* q = CurrentQuestion();
  if (q == nullptr || q->question->kind() != v1::Question::KIND_MULTIPLE_CHOICE) {
    return absl::FailedPreconditionError("not a question to choose several of");
  }
  if (!HasOption(*q->question, option_id)) {
    return absl::InvalidArgumentError(q->id + " has no option " + std::string(option_id));
  }
  auto* chosen = MutableAnswerTo(draft_, q->question->id()).mutable_choices()->mutable_option_ids();
  auto it = std::find(chosen->begin(), chosen->end(), option_id);
  if (it != chosen->end()) {
    chosen->erase(it);
  } else if (chosen->size() >= q->question->max_choices()) {
    return absl::OutOfRangeError("question.max_reached");
  } else {
    chosen->Add(std::string(option_id));
  }
  answered_.insert(at_);
  return absl::OkStatus();
}

absl::Status Journey::RankNext(std::string_view option_id) {
  const Step* q = CurrentQuestion();
  if (q == nullptr || q->question->kind() != v1::Question::KIND_RANKING) {
    return absl::FailedPreconditionError("not a question to put in order");
  }
  auto* order = MutableAnswerTo(draft_, q->question->id()).mutable_ranking()->mutable_option_ids();
  auto placed = [&](std::string_view id) {
    return std::find(order->begin(), order->end(), id) != order->end();
  };
  if (!HasOption(*q->question, option_id)) {
    return absl::InvalidArgumentError(q->id + " has no option " + std::string(option_id));
  }
  const auto& options = q->question->options();
  if (placed(option_id)) return absl::AlreadyExistsError(std::string(option_id) + " is placed");
  order->Add(std::string(option_id));
  if (order->size() + 1 == options.size()) {
    // One left: it can only go last, so nobody is asked to "choose" it.
    for (const v1::Question::Option& o : options) {
      if (!placed(o.id())) order->Add(std::string(o.id()));
    }
  }
  answered_.insert(at_);
  return absl::OkStatus();
}

void Journey::ClearRanking() {
  const Step* q = CurrentQuestion();
  if (q == nullptr || q->question->kind() != v1::Question::KIND_RANKING) return;
  RemoveAnswerTo(draft_, q->question->id());
  answered_.erase(at_);
}

bool Journey::Skip() {
  const Step* q = CurrentQuestion();
  if (q == nullptr) return false;
  RemoveAnswerTo(draft_, q->question->id());
  answered_.erase(at_);
  blocked_field_.clear();
  Forward();
  return true;
}

bool Journey::BeginAgain() {
  if (spec_ == nullptr || at_ == kHome || at_ == kAttract) return false;
  StartDraft(*spec_);
  editing_ = false;
  visited_.clear();
  answered_.clear();
  blocked_field_.clear();
  at_ = ShownFrom(0);
  visited_.insert(at_);
  return true;
}

void Journey::Reset() {
  const v1::Catalog* catalog = catalog_;
  *this = Journey(*journeys_, *clock_);
  catalog_ = catalog;  // the kiosk's catalog outlives any one person's session
}

}  // namespace carevoice::client
