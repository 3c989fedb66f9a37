// "Who we heard from": how people took part at kiosks and tablets (speech,
// larger text, Easy Read, audio only, switches, each language) and who they
// said they are (the optional equality questions), from the store's
// month-by-month counts of visits (store.h, TakingPartCount). Each answer is
// counted on its own, never against another or against what was said.
// Months are the finest grain kept, so the section covers the whole months
// the period touches, and says so. Every count from 1 to 4 is "fewer than
// 5", with secondary suppression wherever a hidden one could be worked out
// from the visits or the answers (including a complement no row shows:
// "speech off" is the visits less "speech on").
#pragma once

#include "absl/status/status.h"
#include "carevoice/v1/report.pb.h"
#include "service/reports/committee.h"
#include "service/reports/population.h"
#include "service/store/store.h"

namespace carevoice::service::reports {

// With `population` (may be null), each equality table has a "Local
// population" column of the area's shares.
absl::Status AddHeardFrom(store::Store& store, const Period& period, const Population* population,
                          v1::CommitteeReport& report);

}  // namespace carevoice::service::reports
