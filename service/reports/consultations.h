// What people answered to a consultation, counted question by question:
// for the officers' ConsultationResults and the committee pack's
// co-production section alike. Free text is only counted (the words are
// read case by case, never published as figures). Reads only consultation
// answers told while it could be answered.
// Thread-safety: any thread (the store is).
#pragma once

#include "absl/status/statusor.h"
#include "carevoice/v1/carevoice.pb.h"
#include "carevoice/v1/catalog.pb.h"
#include "service/store/store.h"

namespace carevoice::service::reports {

// The answers to `consultation` (responses, and per question how many
// answered; per option how many chose it or, in a ranking, put it first,
// placed it at all and the sum of its places; agreement on the 5 points).
// `now` is left for the caller to set.
absl::StatusOr<v1::ConsultationResultsResponse> CountConsultation(
    store::Store& store, const v1::Consultation& consultation);

// A ranking's points (a Borda count): in each answer, the option placed
// first of the question's n gains n points, the second n - 1, and so on;
// one left out gains none. Summed: (n + 1) * ranked - rank_total.
std::int64_t RankingPoints(const v1::ConsultationResultsResponse::OptionCount& option,
                           int options);

}  // namespace carevoice::service::reports
