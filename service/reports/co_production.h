// "Co-production": what people shaped with the council in the period.
//   - Each consultation open at any time in it: how many answered each
//     question, and each question's answers (a ranking as points and first
//     preferences, agreement on its five points, choices with their share).
//   - Ideas told in the period and what became of them (their cases'
//     outcomes), and the "You said, we did" notices published in it.
//   - Each Forum ballot counted in it: first preferences and who was
//     elected, as the count recorded it.
// Counts of answers and ideas are about services, not the people who gave
// them, and are given in full; a consultation's free text is counted only.
// Thread-safety: any thread (the store is).
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "carevoice/v1/catalog.pb.h"
#include "carevoice/v1/report.pb.h"
#include "service/reports/committee.h"
#include "service/store/store.h"

namespace carevoice::service::reports {

// Adds the section to `report`: days of `period` in `zone`; `now` says
// what is still open.
absl::Status AddCoProduction(store::Store& store, const Period& period, absl::TimeZone zone,
                             absl::Time now, const v1::Catalog& catalog,
                             v1::CommitteeReport& report);

}  // namespace carevoice::service::reports
