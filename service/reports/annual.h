// The statutory annual complaints report (the Local Authority Social
// Services and National Health Service Complaints (England) Regulations
// 2009, regulation 18): for the year to 31 March, the number of complaints
// received, how many the council decided were well-founded, how many were
// referred to the Local Government and Social Care Ombudsman, a summary of
// their subjects, the matters of general importance they raised, and what
// the council has done or will do to improve services.
// Thread-safety: any thread (the store is).
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "carevoice/v1/catalog.pb.h"
#include "carevoice/v1/report.pb.h"
#include "service/cases/themes.h"
#include "service/reports/committee.h"
#include "service/store/store.h"

namespace carevoice::service::reports {

// A theme raised in at least this many formal complaints in the year is a
// matter of general importance.
inline constexpr std::int64_t kGeneralImportance = 5;

// Adds the section for `year` (the year to 31 March), days in `zone`.
absl::Status AddAnnualComplaints(store::Store& store, const Period& year, absl::TimeZone zone,
                                 const cases::Lexicon& themes, const v1::Catalog& catalog,
                                 v1::CommitteeReport& report);

}  // namespace carevoice::service::reports
