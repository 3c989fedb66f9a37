#include "service/store/submission_facts.h"

#include "base/canonical.h"
#include "contract/facts.h"

namespace carevoice::service::store {

ReportFacts ReportFactsOf(const v1::Submission& s) {
  return ReportFacts{std::string(contract::ProviderIdOf(s)), std::string(contract::SiteIdOf(s)),
                     s.channel(), s.speaker(), contract::RatingOf(s)};
}

std::string CanonicalBody(const v1::Submission& s) {
  // Copy only when there is something to strip. The PIN is never kept
  // (only its keyed hash, beside the body).
  const v1::Submission* source = &s;
  v1::Submission stripped;
  if (s.has_equality() || !s.pin().empty()) {
    stripped = s;
    stripped.clear_equality();
    stripped.clear_pin();
    source = &stripped;
  }
  return base::CanonicalBytes(*source);
}

}  // namespace carevoice::service::store
