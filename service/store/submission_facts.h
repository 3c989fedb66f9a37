// The one canonical byte form the service stores a submission in and
// compares replays against. The facts it files a submission by (kind,
// urgency, service, provider) are the contract's, shared with the kiosk.
// Pure functions: any thread.
#pragma once

#include <string>

#include "carevoice/v1/submission.pb.h"

namespace carevoice::service::store {

// Deterministic serialization of `s` with equality monitoring and the PIN
// removed:
// what is kept, and what a replay is compared against byte for byte.
std::string CanonicalBody(const v1::Submission& s);

}  // namespace carevoice::service::store
