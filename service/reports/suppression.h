// Small numbers in a committee report: a count from 1 to 4 in a breakdown
// that could point at someone is not given ("fewer than 5"), and no such
// count may be worked out from the figures that are given.
//
// The rule follows NHS England's and the ONS's disclosure practice for
// published statistics: primary suppression of counts 1-4, then secondary
// suppression wherever a hidden count could be recovered by subtracting
// the shown ones from a total. Totals are described as sums: a published
// figure and the figures that add up to it (a table's column and its
// "All" row; the providers of one ownership model and that model's row).
// While some sum is shown and exactly one of its parts is hidden, the
// smallest shown non-zero part is hidden too, or, if there is none, the
// sum itself -- repeated until nothing changes, since hiding a sum can
// expose the sum it is part of.
//
// This closes every recovery by one subtraction. It is not a full audit
// against every combination of sums (a linear-programming attack on many
// overlapping tables); the report says so where it applies the rule.
//
// Pure: any thread.
#pragma once

#include <vector>

#include "carevoice/v1/report.pb.h"

namespace carevoice::service::reports {

// The smallest count a sensitive breakdown shows.
inline constexpr int kSmallestShown = 5;

// A published figure and the figures that add up to it.
struct Sum {
  v1::ReportCell* total;
  std::vector<v1::ReportCell*> parts;
};

// Hides counts 1..kSmallestShown-1 among `cells` (SUPPRESSION_SMALL).
void SuppressSmall(const std::vector<v1::ReportCell*>& cells);

// Hides further cells (SUPPRESSION_SECONDARY) until no sum shown has
// exactly one hidden part. Returns how many it hid.
int SuppressSecondary(const std::vector<Sum>& sums);

// Whether the cell's figure is withheld.
inline bool Hidden(const v1::ReportCell& c) {
  return c.suppressed() != v1::ReportCell::SUPPRESSION_NONE;
}

}  // namespace carevoice::service::reports
