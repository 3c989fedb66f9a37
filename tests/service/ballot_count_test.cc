// Counting Forum ballots against examples worked by hand: plurality, instant-
// runoff and STV by the Weighted Inclusive Gregory Method, with ties broken
// by earlier rounds and by lot, exhausted ballots and surpluses passed on
// (again) at reduced value. Votes are in 1/100000 (kOneVote is one vote).
#include "service/ballots/count.h"

#include <algorithm>
#include <random>

#include "gtest/gtest.h"

namespace carevoice::service::ballots {
namespace {

constexpr int A = 0, B = 1, C = 2, D = 3;

// `n` copies of `ballot`, added to `ballots`.
void Add(std::vector<Ballot>& ballots, int n, const Ballot& ballot) {
  for (int i = 0; i < n; ++i) ballots.push_back(ballot);
}

std::int64_t Votes(double v) { return static_cast<std::int64_t>(v * kOneVote + 0.5); }

TEST(PluralityTest, TheMostFirstChoicesWin) {
  std::vector<Ballot> ballots;
  Add(ballots, 3, {A});
  Add(ballots, 5, {B});
  Add(ballots, 2, {C});
  Add(ballots, 1, {});
  absl::StatusOr<Count> count = CountBallots(Method::kPlurality, 3, 1, ballots, 7);
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(count->elected, (std::vector<int>{B}));
  EXPECT_EQ(count->valid, 10);
  EXPECT_EQ(count->blank, 1);
  ASSERT_EQ(count->rounds.size(), 1u);
  EXPECT_EQ(count->rounds[0].votes, (std::vector<std::int64_t>{Votes(3), Votes(5), Votes(2)}));
  EXPECT_FALSE(count->rounds[0].by_lot);
  // Two seats: the two with most.
  EXPECT_EQ(CountBallots(Method::kPlurality, 3, 2, ballots, 7)->elected, (std::vector<int>{B, A}));
}

TEST(PluralityTest, ATieForTheLastSeatIsDrawnByLotFromTheSeed) {
  std::vector<Ballot> ballots;
  Add(ballots, 4, {A});
  Add(ballots, 4, {B});
  Add(ballots, 1, {C});
  std::set<int> winners;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    absl::StatusOr<Count> count = CountBallots(Method::kPlurality, 3, 1, ballots, seed);
    ASSERT_TRUE(count.ok());
    EXPECT_TRUE(count->rounds[0].by_lot);
    EXPECT_EQ(count->seed, seed);
    ASSERT_EQ(count->elected.size(), 1u);
    winners.insert(count->elected[0]);
    // The same seed draws the same again.
    EXPECT_EQ(CountBallots(Method::kPlurality, 3, 1, ballots, seed)->elected, count->elected);
  }
  EXPECT_EQ(winners, (std::set<int>{A, B})) << "each can win the draw; C never";
  // Two seats for two level candidates: no lot needed.
  absl::StatusOr<Count> both = CountBallots(Method::kPlurality, 3, 2, ballots, 1);
  EXPECT_FALSE(both->rounds[0].by_lot);
  EXPECT_EQ(both->elected, (std::vector<int>{A, B}));
}

TEST(InstantRunoffTest, TheLowestIsExcludedUntilSomeoneHasAMajority) {
  std::vector<Ballot> ballots;
  Add(ballots, 4, {A, B, C});
  Add(ballots, 3, {B, C, A});
  Add(ballots, 2, {C, B, A});
  absl::StatusOr<Count> count = CountBallots(Method::kInstantRunoff, 3, 1, ballots, 1);
  ASSERT_TRUE(count.ok()) << count.status();
  // Round 1: A 4, B 3, C 2 (no one over 4.5); C out, both to B: B 5.
  ASSERT_EQ(count->rounds.size(), 2u);
  EXPECT_EQ(count->rounds[0].excluded, C);
  EXPECT_EQ(count->rounds[1].votes, (std::vector<std::int64_t>{Votes(4), Votes(5), 0}));
  EXPECT_EQ(count->rounds[1].elected, (std::vector<int>{B}));
  EXPECT_EQ(count->elected, (std::vector<int>{B}));
}

TEST(InstantRunoffTest, AMajorityIsOfTheVotesStillInTheCount) {
  std::vector<Ballot> ballots;
  Add(ballots, 4, {A});
  Add(ballots, 3, {B});
  Add(ballots, 2, {C});  // no further preference: exhausted when C goes
  absl::StatusOr<Count> count = CountBallots(Method::kInstantRunoff, 3, 1, ballots, 1);
  ASSERT_TRUE(count.ok());
  ASSERT_EQ(count->rounds.size(), 2u);
  EXPECT_EQ(count->rounds[1].exhausted, Votes(2));
  // 4 of the 7 still in the count is a majority, though not of all 9.
  EXPECT_EQ(count->elected, (std::vector<int>{A}));
}

TEST(InstantRunoffTest, ATieToExcludeIsBrokenByTheEarliestRoundWhereTheyDiffered) {
  // Round 1: A 6, B 4, C 3, D 1. D out, to C: A 6, B 4, C 4, level. In
  // round 1 C had fewer, so C goes; its papers go to B: B 8 of 14 wins.
  // (Had B gone instead, its papers would have made A the winner.)
  std::vector<Ballot> ballots;
  Add(ballots, 6, {A});
  Add(ballots, 4, {B, A});
  Add(ballots, 3, {C, B});
  Add(ballots, 1, {D, C, B});
  absl::StatusOr<Count> count = CountBallots(Method::kInstantRunoff, 4, 1, ballots, 1);
  ASSERT_TRUE(count.ok());
  ASSERT_EQ(count->rounds.size(), 3u);
  EXPECT_EQ(count->rounds[0].excluded, D);
  EXPECT_EQ(count->rounds[1].votes[B], count->rounds[1].votes[C]);
  EXPECT_EQ(count->rounds[1].excluded, C);
  EXPECT_FALSE(count->rounds[1].by_lot) << "the earlier round decided it";
  EXPECT_EQ(count->rounds[2].votes[B], Votes(8));
  EXPECT_EQ(count->elected, (std::vector<int>{B}));
}

TEST(InstantRunoffTest, ATieAtEveryRoundIsDrawnByLot) {
  std::vector<Ballot> ballots;
  Add(ballots, 4, {A});
  Add(ballots, 2, {B, A});
  Add(ballots, 2, {C, B});
  std::set<int> excluded;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    absl::StatusOr<Count> count = CountBallots(Method::kInstantRunoff, 3, 1, ballots, seed);
    ASSERT_TRUE(count.ok());
    EXPECT_TRUE(count->rounds[0].by_lot);
    excluded.insert(count->rounds[0].excluded);
    // A 4 of 8 is no majority. B out: its two go to A (6 of 8). C out:
    // its two go to B, level with A at 4, but B had fewer in round 1.
    EXPECT_EQ(count->elected, (std::vector<int>{A}));
  }
  EXPECT_EQ(excluded, (std::set<int>{B, C}));
}

TEST(StvTest, ASurplusGoesOnAtItsWeightAndAnExclusionAtFullValue) {
  // Two seats, 23 ballots: quota 23/3 + 1 = 8.
  std::vector<Ballot> ballots;
  Add(ballots, 9, {A, C});
  Add(ballots, 6, {B});
  Add(ballots, 4, {C});
  Add(ballots, 3, {D, B});
  Add(ballots, 1, {A, D});
  absl::StatusOr<Count> count = CountBallots(Method::kStvWigm, 4, 2, ballots, 1);
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(count->quota, Votes(8));
  ASSERT_EQ(count->rounds.size(), 3u);
  // Round 1: A 10 is elected; its surplus of 2 goes on at 2/10 = 0.2 a paper.
  EXPECT_EQ(count->rounds[0].votes,
            (std::vector<std::int64_t>{Votes(10), Votes(6), Votes(4), Votes(3)}));
  EXPECT_EQ(count->rounds[0].elected, (std::vector<int>{A}));
  EXPECT_EQ(count->rounds[0].surplus_of, A);
  // Round 2: A keeps 8; C 4 + 9 x 0.2 = 5.8; D 3 + 0.2. No one has 8: D out.
  EXPECT_EQ(count->rounds[1].votes,
            (std::vector<std::int64_t>{Votes(8), Votes(6), Votes(5.8), Votes(3.2)}));
  EXPECT_EQ(count->rounds[1].excluded, D);
  // Round 3: D's three (at 1) to B: 9; the 0.2 paper from A has no one left.
  EXPECT_EQ(count->rounds[2].votes,
            (std::vector<std::int64_t>{Votes(8), Votes(9), Votes(5.8), 0}));
  EXPECT_EQ(count->rounds[2].exhausted, Votes(0.2));
  EXPECT_EQ(count->rounds[2].elected, (std::vector<int>{B}));
  EXPECT_EQ(count->elected, (std::vector<int>{A, B}));
}

TEST(StvTest, ASurplusMadeOfTransferredPapersGoesOnAgainAtTheirReducedValue) {
  // Three seats, 20 ballots: quota 20/4 + 1 = 6.
  std::vector<Ballot> ballots;
  Add(ballots, 12, {A, B, C});
  Add(ballots, 2, {B});
  Add(ballots, 3, {C});
  Add(ballots, 3, {D});
  absl::StatusOr<Count> count = CountBallots(Method::kStvWigm, 4, 3, ballots, 1);
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(count->quota, Votes(6));
  ASSERT_EQ(count->rounds.size(), 4u);
  // A 12: surplus 6 at 6/12 = 0.5 a paper; B 2 + 6 = 8.
  EXPECT_EQ(count->rounds[0].surplus_of, A);
  EXPECT_EQ(count->rounds[1].votes,
            (std::vector<std::int64_t>{Votes(6), Votes(8), Votes(3), Votes(3)}));
  // B 8: surplus 2 at 2/8 of each paper's value: its own two at 0.25
  // (no one next: exhausted 0.5), A's twelve at 0.125 on to C: 1.5.
  EXPECT_EQ(count->rounds[1].elected, (std::vector<int>{B}));
  EXPECT_EQ(count->rounds[1].surplus_of, B);
  EXPECT_EQ(count->rounds[2].votes,
            (std::vector<std::int64_t>{Votes(6), Votes(6), Votes(4.5), Votes(3)}));
  EXPECT_EQ(count->rounds[2].exhausted, Votes(0.5));
  // No quota, no surplus: D out (no further preference), then C is the
  // only one left for the last seat.
  EXPECT_EQ(count->rounds[2].excluded, D);
  EXPECT_EQ(count->rounds[3].exhausted, Votes(3.5));
  EXPECT_EQ(count->rounds[3].elected, (std::vector<int>{C}));
  EXPECT_EQ(count->elected, (std::vector<int>{A, B, C}));
}

TEST(StvTest, TransferValuesAreTruncatedToFiveDecimalPlaces) {
  // Two seats, 4 ballots: quota 4/3 + 1 = 2. A 3 has a surplus of 1,
  // passed on at 1/3 = 0.33333 a paper (truncated, not rounded).
  std::vector<Ballot> ballots;
  Add(ballots, 3, {A, C});
  Add(ballots, 1, {B});
  absl::StatusOr<Count> count = CountBallots(Method::kStvWigm, 3, 2, ballots, 1);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->quota, Votes(2));
  ASSERT_GE(count->rounds.size(), 2u);
  EXPECT_EQ(count->rounds[0].surplus_of, A);
  EXPECT_EQ(count->rounds[1].votes[C], 3 * 33333);
  EXPECT_EQ(VotesText(count->rounds[1].votes[C]), "0.99999");
  // B 1 and C 0.99999: C is excluded, B takes the last seat.
  EXPECT_EQ(count->elected, (std::vector<int>{A, B}));
}

TEST(StvTest, ATieToExcludeUsesEarlierRoundsThenTheLot) {
  // Two seats, 12 ballots: quota 5. A 6 elected, surplus 1 at 1/6 to D:
  // round 2 B 2, C 2, D 2.16666... with C 2 and B 2 level and level before.
  std::vector<Ballot> ballots;
  Add(ballots, 6, {A, D});
  Add(ballots, 2, {B});
  Add(ballots, 2, {C});
  Add(ballots, 2, {D});
  std::set<int> drawn;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    absl::StatusOr<Count> count = CountBallots(Method::kStvWigm, 4, 2, ballots, seed);
    ASSERT_TRUE(count.ok());
    ASSERT_GE(count->rounds.size(), 2u);
    EXPECT_EQ(count->rounds[1].votes[D], Votes(2) + 6 * 16666);
    EXPECT_TRUE(count->rounds[1].by_lot);
    drawn.insert(count->rounds[1].excluded);
    EXPECT_EQ(count->elected.front(), A);
  }
  EXPECT_EQ(drawn, (std::set<int>{B, C}));
}

TEST(StvTest, TheSameBallotsInAnyOrderGiveTheSameCount) {
  std::vector<Ballot> ballots;
  Add(ballots, 9, {A, C});
  Add(ballots, 6, {B});
  Add(ballots, 4, {C, D});
  Add(ballots, 3, {D, B});
  Add(ballots, 2, {B, D, C});
  Add(ballots, 1, {A, D});
  const absl::StatusOr<Count> first = CountBallots(Method::kStvWigm, 4, 2, ballots, 99);
  ASSERT_TRUE(first.ok());
  std::mt19937 shuffle(5);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(ballots.begin(), ballots.end(), shuffle);
    const absl::StatusOr<Count> again = CountBallots(Method::kStvWigm, 4, 2, ballots, 99);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->elected, first->elected);
    ASSERT_EQ(again->rounds.size(), first->rounds.size());
    for (std::size_t r = 0; r < first->rounds.size(); ++r) {
      EXPECT_EQ(again->rounds[r].votes, first->rounds[r].votes);
      EXPECT_EQ(again->rounds[r].exhausted, first->rounds[r].exhausted);
    }
  }
}

TEST(CountTest, RefusesWhatCannotBeCounted) {
  EXPECT_FALSE(CountBallots(Method::kStvWigm, 0, 1, {}, 1).ok());
  EXPECT_FALSE(CountBallots(Method::kStvWigm, 3, 4, {}, 1).ok()) << "more seats than candidates";
  EXPECT_FALSE(CountBallots(Method::kInstantRunoff, 3, 2, {}, 1).ok());
  EXPECT_FALSE(CountBallots(Method::kStvWigm, 3, 1, {{A, A}}, 1).ok());
  EXPECT_FALSE(CountBallots(Method::kStvWigm, 3, 1, {{A, 3}}, 1).ok());
  EXPECT_FALSE(CountBallots(Method::kPlurality, 3, 1, {{A, B}}, 1).ok());
  EXPECT_EQ(VotesText(Votes(12.5)), "12.50000");
}

}  // namespace
}  // namespace carevoice::service::ballots
