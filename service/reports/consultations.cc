#include "service/reports/consultations.h"

#include <map>
#include <string>
#include <utility>

#include "base/proto_time.h"

namespace carevoice::service::reports {

absl::StatusOr<v1::ConsultationResultsResponse> CountConsultation(
    store::Store& store, const v1::Consultation& consultation) {
  v1::ConsultationResultsResponse response;
  *response.mutable_consultation() = consultation;
  // One result per question, its options in the question's order.
  std::map<std::string, v1::ConsultationResultsResponse::QuestionResult*, std::less<>> results;
  std::map<std::pair<std::string, std::string>, v1::ConsultationResultsResponse::OptionCount*>
      options;
  for (const v1::Question& q : consultation.questions()) {
    auto* r = response.add_questions();
    r->set_question_id(q.id());
    results[q.id()] = r;
    for (const v1::Question::Option& o : q.options()) {
      auto* count = r->add_options();
      count->set_option_id(o.id());
      options[{q.id(), o.id()}] = count;
    }
    if (q.kind() == v1::Question::KIND_AGREEMENT) r->mutable_agreement()->Resize(5, 0);
  }
  auto option = [&](const std::string& question, const std::string& id) {
    auto it = options.find({question, id});
    return it == options.end() ? nullptr : it->second;
  };
  // Answers count by when the person gave them, which the kiosk allowed
  // only while the consultation was open; a day either side allows for a
  // device's clock the service corrected.
  const absl::Time from = base::FromProtoTimestamp(consultation.opens_at()) - absl::Hours(24);
  const absl::Time to = base::FromProtoTimestamp(consultation.closes_at()) + absl::Hours(24);
  absl::Status read = store.ForEachSubmissionOfKind(
      "consultation_answer", from, to, [&](const v1::Submission& s) {
        if (s.consultation_answer().consultation_id() != consultation.id()) return true;
        response.set_responses(response.responses() + 1);
        for (const v1::QuestionAnswer& a : s.consultation_answer().answers()) {
          auto result = results.find(a.question_id());
          if (result == results.end()) continue;  // stored answers were checked on arrival
          result->second->set_answered(result->second->answered() + 1);
          switch (a.answer_case()) {
            case v1::QuestionAnswer::kChoiceId:
              if (auto* o = option(a.question_id(), a.choice_id())) o->set_chosen(o->chosen() + 1);
              break;
            case v1::QuestionAnswer::kChoices:
              for (const std::string& id : a.choices().option_ids()) {
                if (auto* o = option(a.question_id(), id)) o->set_chosen(o->chosen() + 1);
              }
              break;
            case v1::QuestionAnswer::kRanking:
              for (int place = 0; place < a.ranking().option_ids_size(); ++place) {
                auto* o = option(a.question_id(), a.ranking().option_ids(place));
                if (o == nullptr) continue;
                if (place == 0) o->set_chosen(o->chosen() + 1);
                o->set_ranked(o->ranked() + 1);
                o->set_rank_total(o->rank_total() + place + 1);
              }
              break;
            case v1::QuestionAnswer::kAgreement: {
              const int point = a.agreement();
              auto* agreement = result->second->mutable_agreement();
              if (point >= 1 && point <= agreement->size()) {
                agreement->Set(point - 1, agreement->Get(point - 1) + 1);
              }
              break;
            }
            case v1::QuestionAnswer::kFreeText:
            case v1::QuestionAnswer::ANSWER_NOT_SET:
              break;
          }
        }
        return true;
      });
  if (!read.ok()) return read;
  return response;
}

std::int64_t RankingPoints(const v1::ConsultationResultsResponse::OptionCount& option,
                           int options) {
  return (static_cast<std::int64_t>(options) + 1) * option.ranked() - option.rank_total();
}

}  // namespace carevoice::service::reports
