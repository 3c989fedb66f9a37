#include "accessibility/key_describer.h"

#include <algorithm>

namespace carevoice::a11y {

RepeatFilter::RepeatFilter(const base::Clock& clock, absl::Duration delay)
    : clock_(clock), delay_(std::max(delay, kMinDelay)) {}

void RepeatFilter::SetDelay(absl::Duration delay) {
  delay_ = std::max(delay, kMinDelay);
}

bool RepeatFilter::Accept(int key_code) {
  const absl::Time now = clock_.Now();
  // Entries older than the delay can never filter again; drop them so the
  // map stays as small as the number of keys pressed within one delay.
  for (auto it = last_accepted_.begin(); it != last_accepted_.end();) {
    if (now - it->second >= delay_ && it->first != key_code) {
      it = last_accepted_.erase(it);
    } else {
      ++it;
    }
  }
  auto it = last_accepted_.find(key_code);
  if (it != last_accepted_.end() && now - it->second < delay_) return false;
  last_accepted_[key_code] = now;
  return true;
}

}  // namespace carevoice::a11y
