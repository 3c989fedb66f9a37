// Facts read off a submission that the kiosk and the service both need: its
// kind, whether it is urgent, the catalog service and provider it is about.
// One definition, so the outbox's "send urgent first" and the store's
// "list urgent first" cannot disagree. Pure functions: any thread.
#pragma once

#include <string_view>

#include "carevoice/v1/submission.pb.h"

namespace carevoice::contract {

// "feedback", "complaint", "safeguarding", "idea", "consultation_answer";
// "" when no body is set.
std::string_view KindOf(const v1::Submission& s);

// Safeguarding worries are sent first and handled the same day.
bool IsUrgent(const v1::Submission& s);

// The catalog service the submission is about, or "".
std::string_view ServiceIdOf(const v1::Submission& s);

// The catalog provider the submission is about, or "".
std::string_view ProviderIdOf(const v1::Submission& s);

}  // namespace carevoice::contract
