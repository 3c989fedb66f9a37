// Facts the service derives from a submission to file and summarise it
// (its kind, whether it is urgent, the service it is about) and the one
// canonical byte form used to store and compare it. Pure functions: any
// thread.
#pragma once

#include <string>
#include <string_view>

#include "carevoice/v1/submission.pb.h"

namespace carevoice::service::store {

// "feedback", "complaint", "safeguarding", "idea", "consultation_answer";
// "" when no body is set.
std::string_view KindOf(const v1::Submission& s);

// Safeguarding worries are handled the same day.
bool IsUrgent(const v1::Submission& s);

// The catalog service the submission is about, or "".
std::string_view ServiceIdOf(const v1::Submission& s);

// The catalog provider the submission is about, or "".
std::string_view ProviderIdOf(const v1::Submission& s);

// Deterministic serialization of `s` with equality monitoring removed:
// what is kept, and what a replay is compared against byte for byte.
std::string CanonicalBody(const v1::Submission& s);

}  // namespace carevoice::service::store
