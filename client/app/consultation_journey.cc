#include "client/app/consultation_journey.h"

#include <algorithm>
#include <utility>

#include "base/proto_time.h"
#include "contract/limits.h"

namespace carevoice::client {

std::vector<const v1::Consultation*> OpenConsultations(const v1::Catalog* catalog,
                                                       absl::Time now) {
  std::vector<const v1::Consultation*> open;
  if (catalog == nullptr) return open;
  for (const v1::Consultation& c : catalog->consultations()) {
    if (base::FromProtoTimestamp(c.opens_at()) <= now &&
        now < base::FromProtoTimestamp(c.closes_at())) {
      open.push_back(&c);
    }
  }
  return open;
}

absl::Time NextConsultationChange(const v1::Catalog* catalog, absl::Time now) {
  absl::Time next = absl::InfiniteFuture();
  if (catalog == nullptr) return next;
  auto consider = [&](const google::protobuf::Timestamp& at) {
    const absl::Time t = base::FromProtoTimestamp(at);
    if (t > now) next = std::min(next, t);
  };
  for (const v1::Consultation& c : catalog->consultations()) {
    consider(c.opens_at());
    consider(c.closes_at());
  }
  // Forum ballots are offered on the home screen in the same way.
  for (const v1::ForumBallot& b : catalog->ballots()) {
    consider(b.opens_at());
    consider(b.closes_at());
  }
  return next;
}

int DaysLeft(const v1::Consultation& consultation, absl::Time now, absl::TimeZone zone) {
  // Closing at midnight means the day before was the last to answer.
  const absl::Time last_moment =
      base::FromProtoTimestamp(consultation.closes_at()) - absl::Nanoseconds(1);
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  const absl::CivilDay last = absl::ToCivilDay(last_moment, zone);
  return static_cast<int>(std::max<absl::civil_diff_t>(0, last - today));
}

std::string QuestionInstructionKey(const v1::Question& question) {
  switch (question.kind()) {
    case v1::Question::KIND_SINGLE_CHOICE: return "question.single.instruction";
    case v1::Question::KIND_MULTIPLE_CHOICE: return "question.several.instruction";
    case v1::Question::KIND_RANKING: return "question.ranking.instruction";
    case v1::Question::KIND_AGREEMENT: return "question.agreement.instruction";
    case v1::Question::KIND_FREE_TEXT: return "question.free_text.instruction";
    default: break;
  }
  return "question.single.instruction";
}

JourneySpec ConsultationJourney(std::shared_ptr<const v1::Consultation> consultation) {
  JourneySpec spec;
  spec.id = kConsultationJourney;
  spec.gives_reference = false;
  const std::string id = consultation->id();
  spec.start = [id](v1::Submission& draft) {
    // Answers are counted, never replied to: nobody is asked who they are.
    draft.set_anonymous(true);
    draft.mutable_consultation_answer()->set_consultation_id(id);
  };
  // What it is about, who the council wants to hear from, how many
  // questions and that any may be skipped: said before the first.
  spec.steps.push_back({.id = "consultation", .type = StepType::kNotice, .reviewed = false});
  int number = 0;
  for (const v1::Question& question : consultation->questions()) {
    const bool words = question.kind() == v1::Question::KIND_FREE_TEXT;
    spec.steps.push_back({.id = "question." + question.id(),
                          .type = words ? StepType::kWords : StepType::kQuestion,
                          .key = "question",
                          .optional = true,
                          .max_chars = words ? contract::kMaxFreeTextAnswer : 0,
                          .question = &question,
                          .number = ++number});
  }
  spec.steps.push_back({.id = "review", .type = StepType::kReview, .reviewed = false});
  spec.steps.push_back({.id = "thanks", .type = StepType::kThanks, .reviewed = false});
  // The steps point into the consultation: the spec keeps it alive.
  spec.consultation = std::move(consultation);
  return spec;
}

std::vector<std::string> ConsultationKeys() {
  std::vector<std::string> keys = {"consultation.title", "consultation.closes_today",
                                   "consultation.closes_tomorrow", "consultation.closes_on",
                                   "consultation.questions", "consultation.none_answered",
                                   "question.progress",    "question.skipped",
                                   "question.max_reached", "question.ranking.order",
                                   "question.ranking.again", "question.ranking.none",
                                   "question.chosen_count"};
  for (int point = 1; point <= 5; ++point) keys.push_back("agreement." + std::to_string(point));
  return keys;
}

bool HasOption(const v1::Question& question, std::string_view option_id) {
  return std::any_of(question.options().begin(), question.options().end(),
                     [&](const v1::Question::Option& o) { return o.id() == option_id; });
}

const v1::QuestionAnswer* AnswerTo(const v1::Submission& draft, std::string_view question_id) {
  if (draft.has_forum_vote()) {
    // A ballot's one question: its mark.
    const v1::ForumVote& vote = draft.forum_vote();
    return vote.has_mark() && vote.mark().question_id() == question_id ? &vote.mark() : nullptr;
  }
  for (const v1::QuestionAnswer& a : draft.consultation_answer().answers()) {
    if (a.question_id() == question_id) return &a;
  }
  return nullptr;
}

v1::QuestionAnswer& MutableAnswerTo(v1::Submission& draft, std::string_view question_id) {
  if (draft.has_forum_vote()) {
    v1::QuestionAnswer& mark = *draft.mutable_forum_vote()->mutable_mark();
    mark.set_question_id(std::string(question_id));
    return mark;
  }
  auto* answers = draft.mutable_consultation_answer()->mutable_answers();
  for (v1::QuestionAnswer& a : *answers) {
    if (a.question_id() == question_id) return a;
  }
  v1::QuestionAnswer* made = answers->Add();
  made->set_question_id(std::string(question_id));
  return *made;
}

void RemoveAnswerTo(v1::Submission& draft, std::string_view question_id) {
  if (draft.has_forum_vote()) {
    if (draft.forum_vote().mark().question_id() == question_id) {
      draft.mutable_forum_vote()->clear_mark();
    }
    return;
  }
  if (!draft.has_consultation_answer()) return;
  auto* answers = draft.mutable_consultation_answer()->mutable_answers();
  answers->erase(std::remove_if(answers->begin(), answers->end(),
                                [&](const v1::QuestionAnswer& a) {
                                  return a.question_id() == question_id;
                                }),
                 answers->end());
}

bool SaysSomething(const v1::QuestionAnswer& answer) {
  switch (answer.answer_case()) {
    case v1::QuestionAnswer::kChoiceId: return !answer.choice_id().empty();
    case v1::QuestionAnswer::kRanking: return answer.ranking().option_ids_size() > 0;
    case v1::QuestionAnswer::kChoices: return answer.choices().option_ids_size() > 0;
    case v1::QuestionAnswer::kFreeText:
      return answer.free_text().find_first_not_of(" \n\t") != std::string::npos;
    case v1::QuestionAnswer::kAgreement:
      return answer.agreement() != v1::AGREEMENT_UNSPECIFIED;
    case v1::QuestionAnswer::ANSWER_NOT_SET: break;
  }
  return false;
}

}  // namespace carevoice::client
