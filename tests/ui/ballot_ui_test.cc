// Forum ballots at the kiosk, in-process: found on the home screen by what
// is said, the code typed and checked, private listening offered before
// anything is marked, a preference order made by keys, the
// review saying the vote aloud only into headphones, and the thanks saying
// whether the vote was received, is saved, or was refused.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "contract/reference_code.h"
#include "contract/validation.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kBallot[] = "ballot.forum_reps_2027";

// Everything drawn on the screen now, as shown.
std::string Shown(KioskHarness& h) {
  std::string all;
  for (const DrawnText& text : h.DrawnInView()) all += text.shown + "\n";
  return all;
}

// Moves with Tab until `id` has focus, then chooses it with Return.
void Choose(KioskHarness& h, const std::string& id) {
  ASSERT_TRUE(h.FocusOn(id)) << "never reached on " << h.View();
  h.Press(SDLK_RETURN);
}

// From the home screen to the mark, with the code typed on the keyboard.
void ToTheMark(KioskHarness& h, bool private_listening) {
  ASSERT_TRUE(h.TabUntilHeard("Vote in a Forum ballot: Forum representatives"));
  EXPECT_THAT(h.Spoken().back(), HasSubstr("You need the ballot code you were given"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "ballot");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("There are 2 places to fill"));
  Choose(h, "ballot.continue");
  ASSERT_EQ(h.View(), "ballot_code");
  // A code mistyped (its check character wrong) is refused before anything
  // is marked, and said so.
  ASSERT_TRUE(h.FocusOn("ballot_code.words"));
  h.Press(SDLK_RETURN);
  std::string wrong = BallotCode();
  wrong.back() = wrong.back() == 'A' ? 'C' : 'A';
  // A code is not words: the on-screen keyboard suggests none for it
  // (where a words step would offer words beginning "a").
  h.Type("a");
  ASSERT_NE(h.kiosk().registry().Find("osk.row.letters1"), nullptr);
  EXPECT_EQ(h.kiosk().registry().Find("osk.row.predictions"), nullptr);
  h.Press(SDLK_BACKSPACE);
  h.Type(wrong);
  h.Press(SDLK_TAB);
  const std::size_t before = h.Spoken().size();
  Choose(h, "ballot_code.continue");
  EXPECT_EQ(h.View(), "ballot_code");
  EXPECT_THAT(h.SpokenSince(before), HasSubstr("that code is not right"));
  ASSERT_TRUE(h.FocusOn("ballot_code.words"));
  h.Press(SDLK_RETURN);
  for (std::size_t i = 0; i < wrong.size(); ++i) h.Press(SDLK_BACKSPACE);
  h.Type(BallotCode());
  h.Press(SDLK_TAB);
  Choose(h, "ballot_code.continue");
  ASSERT_EQ(h.View(), "ballot_private");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Only you should hear how you vote"));
  if (private_listening) {
    Choose(h, "ballot_private.listening");
    EXPECT_TRUE(h.kiosk().settings().private_listening);
  }
  Choose(h, "ballot_private.continue");
  ASSERT_EQ(h.View(), "question.vote");
}

TEST(Ballots, CastByEarSaidBackIntoHeadphonesAndReceived) {
  KioskHarness h(1280, 800, CatalogWithBallots());
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "home");
  ToTheMark(h, /*private_listening=*/true);
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Choose the candidate you want most"));
  // No "Question 1 of 1", and no skipping a vote.
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), Not(HasSubstr("Question 1")));
  EXPECT_EQ(h.kiosk().registry().Find("question.vote.skip"), nullptr);
  Choose(h, "question.vote.grace_liu");
  Choose(h, "question.vote.amara_okafor");
  EXPECT_THAT(h.Spoken().back(), HasSubstr("1. Grace Liu, care worker, 2. Amara Okafor"));
  Choose(h, "question.vote.continue");
  ASSERT_EQ(h.View(), "review");
  const std::string review = h.SpokenSince(h.ViewEntryMark());
  EXPECT_THAT(review, HasSubstr("Check your vote"));
  EXPECT_THAT(review, HasSubstr("Your vote: 1. Grace Liu, care worker, 2. Amara Okafor"));
  Choose(h, "review.send");
  ASSERT_EQ(h.View(), "thanks");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Your vote is saved on this kiosk"));

  // What waits in the outbox: the vote alone, the code canonical, nobody named.
  auto pending = h.outbox().Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const v1::Submission& sent = (*pending)[0].submission;
  ASSERT_TRUE(sent.has_forum_vote());
  EXPECT_EQ(sent.forum_vote().ballot_id(), "forum_reps_2027");
  EXPECT_EQ(sent.forum_vote().code(), contract::NormalizeReference(BallotCode()));
  EXPECT_THAT(sent.forum_vote().mark().ranking().option_ids(),
              ::testing::ElementsAre("grace_liu", "amara_okafor"));
  EXPECT_TRUE(sent.anonymous());
  EXPECT_FALSE(sent.has_contact());
  EXPECT_FALSE(contract::ValidateSubmission(sent, h.clock().Now()).has_value());
  ASSERT_TRUE(h.catalog().has_value());
  EXPECT_FALSE(contract::CheckAgainstCatalog(sent, *h.catalog()).has_value());
  // No reference or PIN for a vote: it is not replied to.
  EXPECT_EQ(h.kiosk().registry().Find("thanks.reference"), nullptr);

  const std::size_t before = h.Spoken().size();
  h.Delivered(sent.submission_id());
  h.Settle();
  EXPECT_THAT(h.SpokenSince(before), HasSubstr("Your vote was received"));
}

TEST(Ballots, WithoutHeadphonesTheVoteIsShownButNeverSaid) {
  KioskHarness h(1280, 800, CatalogWithBallots());
  h.Press(SDLK_SPACE);
  ToTheMark(h, /*private_listening=*/false);
  Choose(h, "question.vote.dewi_price");
  Choose(h, "question.vote.continue");
  ASSERT_EQ(h.View(), "review");
  for (int i = 0; i < h.kiosk().focus().count(); ++i) h.Press(SDLK_TAB);
  const std::string review = h.SpokenSince(h.ViewEntryMark());
  EXPECT_THAT(review, HasSubstr("Your vote: hidden for privacy"));
  EXPECT_THAT(Shown(h), HasSubstr("Your vote: 1. Dewi Price"));
  // Said while marking, then no more: the review says nothing of it.
  EXPECT_THAT(review, Not(HasSubstr("Dewi")));
}

TEST(Ballots, ACodeUsedBeforeIsRefusedPlainly) {
  KioskHarness h(1280, 800, CatalogWithBallots());
  h.Press(SDLK_SPACE);
  ToTheMark(h, /*private_listening=*/true);
  Choose(h, "question.vote.tomasz_nowak");
  Choose(h, "question.vote.continue");
  Choose(h, "review.send");
  ASSERT_EQ(h.View(), "thanks");
  auto pending = h.outbox().Pending(10);
  ASSERT_TRUE(pending.ok() && pending->size() == 1);
  // The service answers: this code cast a vote already.
  const std::size_t before = h.Spoken().size();
  h.kiosk().OnSyncEvent({.kind = SyncEvent::Kind::kRefused,
                         .submission_id = (*pending)[0].submission_id,
                         .message_key = "ballot.code_used"});
  h.Settle();
  // Said as it arrives, not only shown.
  EXPECT_THAT(h.SpokenSince(before), HasSubstr("This ballot code has been used already"));
  EXPECT_THAT(Shown(h), Not(HasSubstr("Your vote was received")));
}

TEST(Ballots, AnUnmarkedBallotCannotBeCastAndResultsAreShownWhenCounted) {
  KioskHarness h(1280, 800, CatalogWithBallots());
  h.Press(SDLK_SPACE);
  // Last year's ballot, closed, is not offered; its result is published.
  EXPECT_EQ(h.kiosk().registry().Find("ballot.forum_reps_2026"), nullptr);
  ASSERT_TRUE(h.FocusOn("home.changed"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "changed");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()),
              HasSubstr("Result: Amara Okafor, uses home care, Grace Liu, care worker."));
  h.Press(SDLK_ESCAPE);
  ASSERT_EQ(h.View(), "home");
  ToTheMark(h, /*private_listening=*/true);
  // Nothing marked: no way on. Begun, then begun again: none again.
  EXPECT_EQ(h.kiosk().registry().Find("question.vote.continue"), nullptr);
  Choose(h, "question.vote.dewi_price");
  ASSERT_NE(h.kiosk().registry().Find("question.vote.continue"), nullptr);
  Choose(h, "question.vote.again");
  EXPECT_EQ(h.kiosk().registry().Find("question.vote.continue"), nullptr);
  EXPECT_FALSE(h.kiosk().journey().NothingToSend().empty());
}

}  // namespace
}  // namespace carevoice::client::ui::testing
