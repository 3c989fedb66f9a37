// The committee report's model: the figures of one period for the Scrutiny
// Committee, the Forum or the public, computed once from the store's
// GROUP BY queries (never by reading rows) and the catalog's names, as a
// v1.CommitteeReport that knows nothing of formats. Officers' tools render
// it as HTML, PDF, CSV, XLSX or Markdown, so every format carries the same
// numbers.
//
// Periods are UK calendar days (Europe/London), first and last inclusive.
// A submission counts on the day the person told us, however late their
// device sent it. Complaints are measured against the statutory clock
// (cases/workflow.h): acknowledged within 3 working days, responded to by
// the date agreed with the person; safeguarding worries decided the same
// working day. Every breakdown that could point at someone (provider,
// ownership model, site, locality) has counts 1-4 suppressed with
// secondary suppression (suppression.h), and the report says so.
// The audience changes what is left out and the order, never a figure:
// the public pack has no table by site, the Forum's starts with
// co-production.
//
// Thread-safety: any thread (the store is).
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "carevoice/v1/catalog.pb.h"
#include "carevoice/v1/report.pb.h"
#include "service/cases/themes.h"
#include "service/cases/working_days.h"
#include "service/redact/redactor.h"
#include "service/reports/population.h"
#include "service/store/store.h"

namespace carevoice::service::reports {

// First and last UK day, inclusive.
struct Period {
  absl::CivilDay first;
  absl::CivilDay last;
  bool operator==(const Period&) const = default;
};

// "2026-04-01..2027-03-31". INVALID_ARGUMENT, saying how to write it, for
// anything else, a last day before the first, or more than 10 years.
absl::StatusOr<Period> ParsePeriod(std::string_view text);

// The period of the same number of days that ends the day before `p`.
Period PreviousPeriod(const Period& p);

// The statutory complaints year to 31 March `year`: 1 April `year`-1 to
// 31 March `year`.
Period YearTo31March(int year);

class CommitteeReports {
 public:
  // Days are counted in `zone` (Europe/London); the complaint clock's
  // working days on `calendar`.
  // Themes are named from `themes`; quotes are redacted by `redactor`.
  CommitteeReports(store::Store& store, const base::Clock& clock, absl::TimeZone zone,
                   const cases::WorkingDays& calendar, const cases::Lexicon& themes,
                   const redact::Redactor& redactor, const Population* population = nullptr);

  // The report of `period` for `audience`, with `catalog`'s names; with
  // `annual`, the statutory annual complaints report's section too (the
  // period is then the year to 31 March).
  absl::StatusOr<v1::CommitteeReport> Build(const Period& period, v1::Audience audience,
                                            const v1::Catalog& catalog, bool annual = false);

 private:
  // The complaints and safeguarding section, from the cases on the clock.
  absl::Status AddComplaints(const Period& period, v1::CommitteeReport& report);

  store::Store& store_;
  const base::Clock& clock_;
  const absl::TimeZone zone_;
  const cases::WorkingDays& calendar_;
  const cases::Lexicon& themes_;
  const redact::Redactor& redactor_;
  const Population* const population_;  // may be null
};

}  // namespace carevoice::service::reports
