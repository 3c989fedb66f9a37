// Forum ballots at the kiosk: the ones the catalog says are open now, and
// the journey that casts a vote in one. Built when a person begins it, on
// the same engine as every journey (journey.h) and with the same question
// screen as a consultation (the ballot's one question: a single mark or a
// preference order): what the ballot is, the one-time ballot code, private
// listening offered (the vote is secret), the mark, the review read back
// (the vote said aloud only into headphones), and the thanks. The vote goes through the outbox like any
// submission; the service keeps it apart from its code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/app/journey_spec.h"

namespace carevoice::client {

// The journey id of every ballot: its keys (`ballot.*`) and the overrides
// of the shared review and thanks words.
inline constexpr char kBallotJourney[] = "ballot";

// The ballots in `catalog` open at `now`, in the catalog's order.
std::vector<const v1::ForumBallot*> OpenBallots(const v1::Catalog* catalog, absl::Time now);
// Ballots counted, their results published (newest count first).
std::vector<const v1::ForumBallot*> CountedBallots(const v1::Catalog* catalog);

// The ballot as a consultation of its one question, so the question
// screens, the review and the closing words serve it unchanged.
v1::Consultation BallotAsConsultation(const v1::ForumBallot& ballot);

// The journey that casts a vote in `ballot`.
JourneySpec BallotJourney(std::shared_ptr<const v1::ForumBallot> ballot);

// The language keys a ballot journey uses beyond its steps' keys.
std::vector<std::string> BallotKeys();

}  // namespace carevoice::client
