// The one canonical byte form the service stores a submission in and
// compares replays against. The facts it files a submission by (kind,
// urgency, service, provider) are the contract's, shared with the kiosk.
// Pure functions: any thread.
#pragma once

#include <string>

#include "carevoice/v1/submission.pb.h"

namespace carevoice::service::store {

// What committee reports count a submission by, kept beside its body so
// that a report is GROUP BY queries, never a read of every body. None of
// it is personal: catalog ids and enum numbers.
struct ReportFacts {
  std::string provider_id;
  std::string site_id;
  int channel = 0;  // v1::Channel
  int speaker = 0;  // v1::Speaker
  int rating = 0;   // v1::Rating; 0 when none was given
};
ReportFacts ReportFactsOf(const v1::Submission& s);

// Deterministic serialization of `s` with equality monitoring and the PIN
// removed:
// what is kept, and what a replay is compared against byte for byte.
std::string CanonicalBody(const v1::Submission& s);

}  // namespace carevoice::service::store
