// Counting a Forum ballot from its stored ballots: plurality for single
// choice; for ranked ballots instant-runoff (one seat) or the single
// transferable vote by the Weighted Inclusive Gregory Method (several
// seats), as in Scottish local elections. Every round is kept, to be shown.
// Pure: the same ballots, seats and seed always give the same count,
// whatever order the ballots are in.
//
// Votes are kept in hundred-thousandths (five decimal places, truncated,
// as the Scottish rules do), so a count is exact and repeatable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace carevoice::service::ballots {

// One ballot: candidates by index, most preferred first; a single-choice
// ballot holds one. An empty ballot is blank and counts for no one.
using Ballot = std::vector<int>;

enum class Method {
  kPlurality,     // the most first choices win (ties by lot)
  kInstantRunoff, // one seat: a majority of the continuing votes
  kStvWigm,       // seats >= 1: Droop quota, surpluses by WIGM
};

inline constexpr std::int64_t kOneVote = 100000;  // votes are in 1/100000

struct Round {
  // Each candidate's votes at the start of the round, in 1/100000 (an
  // elected candidate whose surplus has gone keeps the quota; one excluded
  // keeps 0).
  std::vector<std::int64_t> votes;
  std::int64_t exhausted = 0;  // in 1/100000: ballots with no one left to go to
  std::vector<int> elected;    // elected in this round, highest first
  int excluded = -1;           // excluded in this round, or -1
  int surplus_of = -1;         // whose surplus was passed on, or -1
  // A tie (to exclude, or whose surplus goes first) that earlier rounds
  // did not break was decided by lot from the seed.
  bool by_lot = false;
};

struct Count {
  Method method = Method::kPlurality;
  int seats = 1;
  std::uint64_t seed = 0;           // recorded with the result
  int valid = 0;                    // ballots that named anyone
  int blank = 0;
  std::int64_t quota = 0;           // kStvWigm, in 1/100000; else 0
  std::vector<Round> rounds;
  std::vector<int> elected;         // in the order elected
};

// Counts `ballots` for `candidates` candidates (indexes 0..candidates-1)
// and `seats` seats. Ties are broken by the totals at the earliest round at
// which the tied candidates differed, then by lot from `seed` (a fixed
// generator, std::mt19937_64, so the draw is the same on every machine).
// INVALID_ARGUMENT: no candidates, seats not in 1..candidates, a ballot
// naming an unknown candidate or one twice, a single-choice (plurality)
// ballot ranking more than one, instant-runoff for more than one seat.
absl::StatusOr<Count> CountBallots(Method method, int candidates, int seats,
                                   const std::vector<Ballot>& ballots, std::uint64_t seed);

// "12.34567": votes in 1/100000 as a decimal.
std::string VotesText(std::int64_t votes);

}  // namespace carevoice::service::ballots
