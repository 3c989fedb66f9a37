#include "client/app/ballot_journey.h"

#include <algorithm>
#include <utility>

#include "base/proto_time.h"
#include "contract/reference_code.h"

namespace carevoice::client {

std::vector<const v1::ForumBallot*> OpenBallots(const v1::Catalog* catalog, absl::Time now) {
  std::vector<const v1::ForumBallot*> open;
  if (catalog == nullptr) return open;
  for (const v1::ForumBallot& b : catalog->ballots()) {
    if (base::FromProtoTimestamp(b.opens_at()) <= now &&
        now < base::FromProtoTimestamp(b.closes_at())) {
      open.push_back(&b);
    }
  }
  return open;
}

std::vector<const v1::ForumBallot*> CountedBallots(const v1::Catalog* catalog) {
  std::vector<const v1::ForumBallot*> counted;
  if (catalog == nullptr) return counted;
  for (const v1::ForumBallot& b : catalog->ballots()) {
    if (b.has_result()) counted.push_back(&b);
  }
  std::stable_sort(counted.begin(), counted.end(), [](const auto* a, const auto* b) {
    return base::FromProtoTimestamp(a->result().counted_at()) >
           base::FromProtoTimestamp(b->result().counted_at());
  });
  return counted;
}

v1::Consultation BallotAsConsultation(const v1::ForumBallot& ballot) {
  v1::Consultation c;
  c.set_id(ballot.id());
  *c.mutable_title() = ballot.title();
  *c.mutable_easy_title() = ballot.easy_title();
  *c.mutable_who_for() = ballot.who_for();
  *c.mutable_opens_at() = ballot.opens_at();
  *c.mutable_closes_at() = ballot.closes_at();
  c.set_picture(ballot.picture());
  *c.add_questions() = ballot.question();
  return c;
}

JourneySpec BallotJourney(std::shared_ptr<const v1::ForumBallot> ballot) {
  JourneySpec spec;
  spec.id = kBallotJourney;
  spec.gives_reference = false;
  spec.ballot = ballot;
  spec.consultation = std::make_shared<const v1::Consultation>(BallotAsConsultation(*ballot));
  const std::string id = ballot->id();
  const std::string question_id = ballot->question().id();
  spec.start = [id](v1::Submission& draft) {
    // A vote is secret: nobody is asked who they are.
    draft.set_anonymous(true);
    draft.mutable_forum_vote()->set_ballot_id(id);
  };
  // What the ballot is, for whom, how many places, when it closes.
  spec.steps.push_back({.id = "ballot", .type = StepType::kNotice, .reviewed = false});
  // The code from the member's sheet or phone call, typed as a reference
  // is (the keypad's letters, dashes and spaces ignored) and checked by
  // its check character before anything is marked.
  spec.steps.push_back(
      {.id = "ballot_code",
       .type = StepType::kWords,
       .field = "forum_vote.code",
       .max_chars = 40,
       .suggests_words = false,
       .reviewed = false,
       .check =
           [](const v1::Submission& d) {
             return contract::IsValidReference(contract::NormalizeReference(d.forum_vote().code()));
           },
       .check_field = "forum_vote.code",
       .check_message = "error.bad_ballot_code"});
  // The vote is secret: before any candidate is chosen or the vote read
  // back, private listening (headphones) is offered; without it the vote
  // is shown, never said aloud, on the review.
  spec.steps.push_back({.id = "ballot_private", .type = StepType::kNotice, .reviewed = false});
  spec.steps.push_back({.id = "question." + question_id,
                        .type = StepType::kQuestion,
                        .key = "question",
                        .question = &spec.consultation->questions(0)});
  spec.steps.push_back({.id = "review", .type = StepType::kReview, .reviewed = false});
  spec.steps.push_back({.id = "thanks", .type = StepType::kThanks, .reviewed = false});
  return spec;
}

std::vector<std::string> BallotKeys() {
  return {"ballot.title",       "ballot.need_code",     "ballot.seats",
          "ballot.seat",        "ballot.one_mark",      "ballot.none_marked",
          "ballot.code_used",   "ballot.code_unknown",  "ballot.results.elected",
          "error.bad_ballot_code", "ballot.closes_on",   "ballot.closes_today",
          "ballot.closes_tomorrow"};
}

}  // namespace carevoice::client
