// The cells one counted visit adds one to: each answer on its own, never
// a combination (store.h, TakingPartCount). Pure: any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "carevoice/v1/common.pb.h"

namespace carevoice::service::store {

// (aspect, value) pairs of `tally`:
//   ("visits", "all") always;
//   ("how.<field>", value) for each field of how they took part: an enum's
//     number, "1"/"0" for yes/no, the text size's step, the theme id or the
//     language tag (empty strings are left out);
//   ("equality", "answered" | "not_answered");
//   ("equality.<field>", the enum's number) for each answer given (a
//     question left unanswered adds nothing).
std::vector<std::pair<std::string, std::string>> TakingPartCells(const v1::TakingPart& tally);

}  // namespace carevoice::service::store
