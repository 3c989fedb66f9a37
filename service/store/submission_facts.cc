#include "service/store/submission_facts.h"

#include "base/canonical.h"

namespace carevoice::service::store {

std::string CanonicalBody(const v1::Submission& s) {
  // Copy only when there is something to strip; most submissions carry no
  // equality monitoring.
  const v1::Submission* source = &s;
  v1::Submission stripped;
  if (s.has_equality()) {
    stripped = s;
    stripped.clear_equality();
    source = &stripped;
  }
  return base::CanonicalBytes(*source);
}

}  // namespace carevoice::service::store
