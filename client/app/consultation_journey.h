// Consultations at the kiosk: the ones the catalog says are open now, and
// the journey that asks one's questions. A consultation is data the council
// publishes while kiosks run, so its journey is built when a person begins
// it, on the same engine as every other journey (journey.h): a short
// introduction, one step per question, the review and the thanks.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/app/journey_spec.h"

namespace carevoice::client {

// The journey id of every consultation: its keys (`consultation.*`) and the
// overrides of the shared review and thanks words.
inline constexpr char kConsultationJourney[] = "consultation";

// The consultations in `catalog` open at `now`, in the catalog's order.
std::vector<const v1::Consultation*> OpenConsultations(const v1::Catalog* catalog,
                                                       absl::Time now);

// The next time after `now` a consultation or Forum ballot in `catalog` opens or closes
// (absl::InfiniteFuture() when none will): the home screen is drawn
// again then, so a kiosk left alone offers and withdraws them on time.
absl::Time NextConsultationChange(const v1::Catalog* catalog, absl::Time now);

// Whole days from `now`'s day to the closing day, where the kiosk stands:
// 0 on the last day.
int DaysLeft(const v1::Consultation& consultation, absl::Time now, absl::TimeZone zone);

// The journey that asks `consultation`'s questions.
JourneySpec ConsultationJourney(std::shared_ptr<const v1::Consultation> consultation);

// The instruction key of a question's kind ("question.ranking.instruction").
std::string QuestionInstructionKey(const v1::Question& question);

// The language keys a consultation journey uses beyond its steps' keys
// (the home screen's list, the introduction's lines, the agreement scale).
std::vector<std::string> ConsultationKeys();

// Whether `question` has an option `option_id`.
bool HasOption(const v1::Question& question, std::string_view option_id);

// The answer to question `question_id` in the draft, or null. In a Forum
// vote's draft, the answer is the vote's mark.
const v1::QuestionAnswer* AnswerTo(const v1::Submission& draft, std::string_view question_id);
// The answer, made (empty) when there is none yet.
v1::QuestionAnswer& MutableAnswerTo(v1::Submission& draft, std::string_view question_id);
// Takes the answer back: the question counts as skipped.
void RemoveAnswerTo(v1::Submission& draft, std::string_view question_id);
// Whether `answer` says something: a choice, an order, words that are not
// only spaces, a point on the scale.
bool SaysSomething(const v1::QuestionAnswer& answer);

}  // namespace carevoice::client
