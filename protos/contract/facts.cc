#include "contract/facts.h"

namespace carevoice::contract {

std::string_view KindOf(const v1::Submission& s) {
  switch (s.body_case()) {
    case v1::Submission::kFeedback:
      return "feedback";
    case v1::Submission::kComplaint:
      return "complaint";
    case v1::Submission::kSafeguarding:
      return "safeguarding";
    case v1::Submission::kIdea:
      return "idea";
    case v1::Submission::kConsultationAnswer:
      return "consultation_answer";
    case v1::Submission::kForumVote:  // cast into its ballot's box, never stored as a submission
    case v1::Submission::BODY_NOT_SET:
      break;
  }
  return "";
}

std::string FreeTextOf(const v1::ConsultationAnswer& a) {
  std::string words;
  for (const v1::QuestionAnswer& answer : a.answers()) {
    if (!answer.has_free_text() || answer.free_text().empty()) continue;
    if (!words.empty()) words += "\n";
    words += answer.free_text();
  }
  return words;
}

bool IsStatutory(const v1::Submission& s) {
  return s.body_case() == v1::Submission::kComplaint && !s.complaint().not_formal();
}

bool IsUrgent(const v1::Submission& s) {
  return s.body_case() == v1::Submission::kSafeguarding;
}

std::string_view ServiceIdOf(const v1::Submission& s) {
  switch (s.body_case()) {
    case v1::Submission::kFeedback:
      return s.feedback().service_id();
    case v1::Submission::kComplaint:
      return s.complaint().service_id();
    case v1::Submission::kIdea:
      return s.idea().service_id();
    default:
      return "";
  }
}

std::string_view ProviderIdOf(const v1::Submission& s) {
  switch (s.body_case()) {
    case v1::Submission::kFeedback:
      return s.feedback().provider_id();
    case v1::Submission::kComplaint:
      return s.complaint().provider_id();
    default:
      return "";
  }
}

std::string_view SiteIdOf(const v1::Submission& s) {
  switch (s.body_case()) {
    case v1::Submission::kFeedback:
      return s.feedback().site_id();
    case v1::Submission::kComplaint:
      return s.complaint().site_id();
    default:
      return "";
  }
}

v1::Rating RatingOf(const v1::Submission& s) {
  return s.has_feedback() ? s.feedback().rating() : v1::RATING_UNSPECIFIED;
}

bool OutsideTimeLimit(const v1::Complaint& c, absl::Time told) {
  if (c.when() == v1::WHEN_OVER_A_YEAR_AGO) return true;
  if (!c.has_event_date()) return false;
  const absl::CivilDay day = absl::ToCivilDay(told, absl::UTCTimeZone());
  // CivilDay normalises: a year before 29 February 2028 is 1 March 2027.
  const absl::CivilDay year_before(day.year() - 1, day.month(), day.day());
  const v1::Date& e = c.event_date();
  return absl::CivilDay(e.year(), e.month(), e.day()) < year_before;
}

}  // namespace carevoice::contract
