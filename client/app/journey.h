// Where a person is in the kiosk and what they have entered so far: the
// feedback journey as a small state machine with no UI and no I/O of its
// own (Send hands the finished submission to the outbox). UI thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/outbox.h"

namespace carevoice::client {

enum class Screen {
  kAttract,        // "Touch the screen or press any key to have your say"
  kHome,           // what would you like to do?
  kChooseService,  // which service is it about?
  kRate,           // five faces
  kTellMore,       // optional words
  kReview,         // read everything back, then Send
  kThanks,         // the reference and what happens next
};

// A short stable name for a screen ("review"), for ids, logs and files.
const char* ScreenName(Screen screen);

struct FeedbackDraft {
  std::string service_id;
  v1::Rating rating = v1::RATING_UNSPECIFIED;
  std::string text;
};

// What the person is given once their words are safe in the outbox.
struct Receipt {
  std::string reference;      // canonical, e.g. "KQ7M3RX9"
  std::string submission_id;
};

class Journey {
 public:
  Screen screen() const { return screen_; }
  const FeedbackDraft& draft() const { return draft_; }
  FeedbackDraft& mutable_draft() { return draft_; }
  const std::optional<Receipt>& receipt() const { return receipt_; }

  void Start();                              // attract -> home
  void ChooseFeedback();                     // home -> service
  void ChooseService(std::string service_id);  // -> rate
  void ChooseRating(v1::Rating rating);      // -> tell more (UNSPECIFIED: skip)
  void FinishWords();                        // tell more -> review
  // From the review screen, revisit one step; the next forward move from
  // that step returns straight to the review.
  void Edit(Screen step);

  // Builds the submission and commits it durably to `outbox`; only then
  // moves to the thank-you screen. On failure nothing moves and the draft
  // is kept, so the person can try again.
  absl::StatusOr<Receipt> Send(Outbox& outbox, absl::Time now,
                               const std::string& language);

  // One step back; false when there is nowhere to go (attract, thanks).
  bool Back();
  // Wipes everything entered and returns to the attract screen.
  void Reset();

  // The submission the draft would become (without id or reference).
  v1::Submission BuildSubmission(const std::string& language) const;

 private:
  void Forward(Screen next);

  Screen screen_ = Screen::kAttract;
  std::vector<Screen> back_stack_;
  bool editing_ = false;
  std::size_t review_depth_ = 0;  // back_stack_ size when Edit began
  FeedbackDraft draft_;
  std::optional<Receipt> receipt_;
};

}  // namespace carevoice::client
