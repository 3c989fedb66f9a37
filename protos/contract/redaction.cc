#include "contract/redaction.h"

namespace carevoice::contract {

void ClearWords(v1::Submission* s) {
  // Listed field by field, on purpose: a new text field in the proto must
  // be added here by someone who decided it is words.
  switch (s->body_case()) {
    case v1::Submission::kFeedback:
      s->mutable_feedback()->clear_text();
      break;
    case v1::Submission::kComplaint: {
      v1::Complaint* c = s->mutable_complaint();
      c->clear_what_happened();
      c->clear_desired_outcome();
      c->clear_late_reason();
      break;
    }
    case v1::Submission::kSafeguarding: {
      v1::SafeguardingConcern* c = s->mutable_safeguarding();
      c->clear_what_is_happening();
      c->clear_who_is_at_risk();
      c->clear_where();
      break;
    }
    case v1::Submission::kIdea:
      s->mutable_idea()->clear_idea();
      s->mutable_idea()->clear_who_benefits();
      break;
    case v1::Submission::kConsultationAnswer:
      // Emptied rather than cleared, so each answer still says it was
      // a free-text one.
      for (v1::QuestionAnswer& a : *s->mutable_consultation_answer()->mutable_answers()) {
        if (a.has_free_text()) a.set_free_text("");
      }
      break;
    case v1::Submission::BODY_NOT_SET:
      break;
  }
  if (s->has_on_behalf_of()) s->mutable_on_behalf_of()->clear_no_consent_reason();
}

void ClearContact(v1::Submission* s) { s->clear_contact(); }

}  // namespace carevoice::contract
