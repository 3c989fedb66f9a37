#include "client/app/journey.h"

namespace carevoice::client {

const char* ScreenName(Screen screen) {
  switch (screen) {
    case Screen::kAttract: return "attract";
    case Screen::kHome: return "home";
    case Screen::kChooseService: return "service";
    case Screen::kRate: return "rating";
    case Screen::kTellMore: return "more";
    case Screen::kReview: return "review";
    case Screen::kThanks: return "thanks";
  }
  return "unknown";
}

void Journey::Forward(Screen next) {
  if (editing_) {
    // Straight back to the review, as if the edit never left it.
    back_stack_.resize(review_depth_);
    editing_ = false;
    screen_ = Screen::kReview;
    return;
  }
  back_stack_.push_back(screen_);
  screen_ = next;
}

void Journey::Start() {
  if (screen_ == Screen::kAttract) Forward(Screen::kHome);
}

void Journey::ChooseFeedback() {
  if (screen_ == Screen::kHome) Forward(Screen::kChooseService);
}

void Journey::ChooseService(std::string service_id) {
  if (screen_ != Screen::kChooseService) return;
  draft_.service_id = std::move(service_id);
  Forward(Screen::kRate);
}

void Journey::ChooseRating(v1::Rating rating) {
  if (screen_ != Screen::kRate) return;
  draft_.rating = rating;
  Forward(Screen::kTellMore);
}

void Journey::FinishWords() {
  if (screen_ == Screen::kTellMore) Forward(Screen::kReview);
}

void Journey::Edit(Screen step) {
  if (screen_ != Screen::kReview) return;
  if (step != Screen::kChooseService && step != Screen::kRate &&
      step != Screen::kTellMore) {
    return;
  }
  review_depth_ = back_stack_.size();
  back_stack_.push_back(screen_);
  editing_ = true;
  screen_ = step;
}

v1::Submission Journey::BuildSubmission(const std::string& language) const {
  v1::Submission s;
  s.set_language(language);
  s.set_channel(v1::CHANNEL_KIOSK);
  s.set_anonymous(true);
  v1::Feedback* feedback = s.mutable_feedback();
  feedback->set_service_id(draft_.service_id);
  feedback->set_rating(draft_.rating);
  feedback->set_text(draft_.text);
  return s;
}

absl::StatusOr<Receipt> Journey::Send(Outbox& outbox, absl::Time now,
                                      const std::string& language) {
  if (screen_ != Screen::kReview) {
    return absl::FailedPreconditionError("send is only possible from review");
  }
  absl::StatusOr<OutboxItem> item =
      outbox.Enqueue(BuildSubmission(language), now);
  if (!item.ok()) return item.status();
  receipt_ = Receipt{item->reference, item->submission_id};
  // Sent means sent: the words now live only in the outbox.
  draft_ = FeedbackDraft{};
  back_stack_.clear();
  editing_ = false;
  screen_ = Screen::kThanks;
  return *receipt_;
}

bool Journey::Back() {
  if (screen_ == Screen::kAttract || screen_ == Screen::kThanks ||
      back_stack_.empty()) {
    return false;
  }
  if (editing_ && back_stack_.size() == review_depth_ + 1) editing_ = false;
  screen_ = back_stack_.back();
  back_stack_.pop_back();
  return true;
}

void Journey::Reset() { *this = Journey{}; }

}  // namespace carevoice::client
