#include "service/reports/suppression.h"

namespace carevoice::service::reports {
namespace {

void Hide(v1::ReportCell& c, v1::ReportCell::Suppression why) {
  c.clear_value();
  c.set_suppressed(why);
}

}  // namespace

void SuppressSmall(const std::vector<v1::ReportCell*>& cells) {
  for (v1::ReportCell* c : cells) {
    if (c->has_count() && c->count() >= 1 && c->count() < kSmallestShown) {
      Hide(*c, v1::ReportCell::SUPPRESSION_SMALL);
    }
  }
}

int SuppressSecondary(const std::vector<Sum>& sums) {
  int hidden = 0;
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Sum& sum : sums) {
      if (Hidden(*sum.total)) continue;
      int hidden_parts = 0;
      v1::ReportCell* smallest = nullptr;
      for (v1::ReportCell* part : sum.parts) {
        if (Hidden(*part)) {
          ++hidden_parts;
        } else if (part->count() > 0 && (smallest == nullptr || part->count() < smallest->count())) {
          smallest = part;
        }
      }
      if (hidden_parts != 1) continue;
      Hide(smallest != nullptr ? *smallest : *sum.total, v1::ReportCell::SUPPRESSION_SECONDARY);
      ++hidden;
      changed = true;
    }
  }
  return hidden;
}

}  // namespace carevoice::service::reports
