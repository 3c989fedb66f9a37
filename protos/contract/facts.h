// Facts read off a submission that the kiosk and the service both need: its
// kind, whether it is urgent, the catalog service and provider it is about.
// One definition, so the outbox's "send urgent first" and the store's
// "list urgent first" cannot disagree. Pure functions: any thread.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "carevoice/v1/submission.pb.h"

namespace carevoice::contract {

// "feedback", "complaint", "safeguarding", "idea", "consultation_answer";
// "" when no body is set.
std::string_view KindOf(const v1::Submission& s);

// A consultation answer's own words: its free-text answers, one a line.
std::string FreeTextOf(const v1::ConsultationAnswer& a);

// Whether a submission is on the statutory clock: a complaint the person
// did not mark "I just want the council to know".
bool IsStatutory(const v1::Submission& s);

// Safeguarding worries are sent first and handled the same day.
bool IsUrgent(const v1::Submission& s);

// The catalog service the submission is about, or "".
std::string_view ServiceIdOf(const v1::Submission& s);

// The catalog provider the submission is about, or "".
std::string_view ProviderIdOf(const v1::Submission& s);

// The catalog site (a care home, a day centre) it is about, or "".
std::string_view SiteIdOf(const v1::Submission& s);

// The rating given with feedback, or RATING_UNSPECIFIED.
v1::Rating RatingOf(const v1::Submission& s);

// Whether the complaint is about something more than 12 months before
// `told` (the time limit of the 2009 regulations, which the council may
// waive for good reason): the person said so, or gave a date before the
// same day a year earlier (29 February counts from 1 March). Days are
// counted in UTC; near midnight a UK date may be an hour out.
bool OutsideTimeLimit(const v1::Complaint& c, absl::Time told);

}  // namespace carevoice::contract
