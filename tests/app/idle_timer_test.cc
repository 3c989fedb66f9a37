#include "client/app/idle_timer.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace carevoice::client {
namespace {

using absl::Seconds;
using base::FakeClock;

// Polls once a second until something happens or `limit` passes; returns
// the event and leaves the clock at it.
IdleEvent PollUntilEvent(FakeClock& clock, IdleTimer& timer,
                         absl::Duration limit) {
  for (absl::Duration t; t <= limit; t += Seconds(1)) {
    IdleEvent event = timer.Poll();
    if (event != IdleEvent::kNone) return event;
    clock.Advance(Seconds(1));
  }
  return IdleEvent::kNone;
}

TEST(IdleTimerTest, DefaultsAreTwoMinutesWithAThirtySecondWarning) {
  FakeClock clock;
  IdleTimer timer(clock);
  EXPECT_EQ(timer.timeout(), Seconds(120));
  EXPECT_EQ(timer.warning_lead(), Seconds(30));
  EXPECT_EQ(timer.max_extensions(), 10);
  EXPECT_TRUE(timer.enabled());
}

TEST(IdleTimerTest, WarnsThenResetsAfterTheFullTimeout) {
  FakeClock clock;
  IdleTimer timer(clock);
  const absl::Time start = clock.Now();
  EXPECT_EQ(timer.NextDeadline(), start + Seconds(90));

  clock.Advance(Seconds(89));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  clock.Advance(Seconds(1));
  EXPECT_EQ(timer.Poll(), IdleEvent::kWarn);
  EXPECT_TRUE(timer.warning());
  EXPECT_EQ(timer.SecondsLeft(), 30);
  EXPECT_EQ(timer.NextDeadline(), start + Seconds(120));

  clock.Advance(Seconds(29));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  EXPECT_EQ(timer.SecondsLeft(), 1);
  clock.Advance(Seconds(1));
  EXPECT_EQ(timer.Poll(), IdleEvent::kReset);
  EXPECT_EQ(clock.Now() - start, Seconds(120));
  EXPECT_TRUE(timer.expired());
  EXPECT_FALSE(timer.warning());
}

TEST(IdleTimerTest, WarnsExactlyOnce) {
  FakeClock clock;
  IdleTimer timer(clock);
  int warnings = 0;
  int resets = 0;
  for (int s = 0; s < 600; ++s) {
    switch (timer.Poll()) {
      case IdleEvent::kWarn: ++warnings; break;
      case IdleEvent::kReset: ++resets; break;
      case IdleEvent::kNone: break;
    }
    clock.Advance(absl::Milliseconds(500));
  }
  EXPECT_EQ(warnings, 1);
  EXPECT_EQ(resets, 1);  // and then quiet until someone comes
}

TEST(IdleTimerTest, WarningIsAtLeastTwentySecondsBeforeReset) {
  FakeClock clock;
  IdleTimer timer(clock, Seconds(120), Seconds(5));
  EXPECT_EQ(timer.warning_lead(), Seconds(20));
  ASSERT_EQ(PollUntilEvent(clock, timer, Seconds(600)), IdleEvent::kWarn);
  const absl::Time warned = clock.Now();
  ASSERT_EQ(PollUntilEvent(clock, timer, Seconds(600)), IdleEvent::kReset);
  EXPECT_GE(clock.Now() - warned, Seconds(20));
}

TEST(IdleTimerTest, ShortTimeoutStillLeavesQuietTimeAndAFullWarning) {
  FakeClock clock;
  IdleTimer timer(clock, Seconds(5));
  EXPECT_EQ(timer.timeout(), Seconds(40));  // 30 s lead + 10 s quiet
  clock.Advance(Seconds(9));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  clock.Advance(Seconds(1));
  EXPECT_EQ(timer.Poll(), IdleEvent::kWarn);
}

TEST(IdleTimerTest, LatePollStillGivesTheFullWarningLead) {
  FakeClock clock;
  IdleTimer timer(clock);
  clock.Advance(Seconds(500));  // the machine slept through everything
  EXPECT_EQ(timer.Poll(), IdleEvent::kWarn);  // never a reset unwarned
  EXPECT_EQ(timer.SecondsLeft(), 30);
  clock.Advance(Seconds(29));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  clock.Advance(Seconds(1));
  EXPECT_EQ(timer.Poll(), IdleEvent::kReset);
}

TEST(IdleTimerTest, ActivityBeforeTheWarningRestartsTheQuietSpell) {
  FakeClock clock;
  IdleTimer timer(clock);
  for (int i = 0; i < 20; ++i) {
    clock.Advance(Seconds(80));
    EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
    timer.Activity();
  }
  EXPECT_EQ(timer.extensions_used(), 0);  // no warning was ever showing
}

TEST(IdleTimerTest, EachOfManyExtensionsPushesTheResetBack) {
  FakeClock clock;
  IdleTimer timer(clock);
  for (int i = 1; i <= 25; ++i) {
    ASSERT_EQ(PollUntilEvent(clock, timer, Seconds(200)), IdleEvent::kWarn)
        << "extension " << i;
    clock.Advance(Seconds(25));  // answer late in the warning
    ASSERT_EQ(timer.Poll(), IdleEvent::kNone);
    timer.Activity();
    EXPECT_FALSE(timer.warning());
    EXPECT_EQ(timer.extensions_used(), i);
    // A whole new timeout from the key press.
    EXPECT_EQ(timer.NextDeadline(), clock.Now() + Seconds(90));
    EXPECT_EQ(timer.SecondsLeft(), 120);
  }
  // Past the guaranteed 10 the person is still never reset mid-task.
  EXPECT_GE(timer.extensions_used(), timer.max_extensions());
  EXPECT_FALSE(timer.expired());
}

TEST(IdleTimerTest, MaxExtensionsIsNeverBelowTen) {
  FakeClock clock;
  IdleTimer timer(clock, Seconds(120), Seconds(30), 3);
  EXPECT_EQ(timer.max_extensions(), 10);
  IdleTimer more(clock, Seconds(120), Seconds(30), 50);
  EXPECT_EQ(more.max_extensions(), 50);
}

TEST(IdleTimerTest, DisabledDoesNothing) {
  FakeClock clock;
  IdleTimer timer(clock);
  timer.Disable();
  EXPECT_FALSE(timer.enabled());
  for (int i = 0; i < 100; ++i) {
    clock.Advance(Seconds(60));
    EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  }
  timer.Activity();
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  EXPECT_EQ(timer.extensions_used(), 0);
  EXPECT_EQ(timer.NextDeadline(), absl::InfiniteFuture());
  EXPECT_EQ(timer.SecondsLeft(), 0);
}

TEST(IdleTimerTest, DisableDuringWarningEndsItAndEnableStartsFresh) {
  FakeClock clock;
  IdleTimer timer(clock);
  clock.Advance(Seconds(90));
  ASSERT_EQ(timer.Poll(), IdleEvent::kWarn);
  timer.Disable();
  EXPECT_FALSE(timer.warning());
  clock.Advance(Seconds(1000));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);

  timer.Enable();
  EXPECT_EQ(timer.NextDeadline(), clock.Now() + Seconds(90));
  clock.Advance(Seconds(89));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);
  clock.Advance(Seconds(1));
  EXPECT_EQ(timer.Poll(), IdleEvent::kWarn);
}

TEST(IdleTimerTest, ActivityAfterAResetStartsAFreshSession) {
  FakeClock clock;
  IdleTimer timer(clock);
  clock.Advance(Seconds(90));
  ASSERT_EQ(timer.Poll(), IdleEvent::kWarn);
  timer.Activity();
  ASSERT_EQ(timer.extensions_used(), 1);
  ASSERT_EQ(PollUntilEvent(clock, timer, Seconds(200)), IdleEvent::kWarn);
  ASSERT_EQ(PollUntilEvent(clock, timer, Seconds(200)), IdleEvent::kReset);
  EXPECT_EQ(timer.NextDeadline(), absl::InfiniteFuture());
  clock.Advance(Seconds(1000));
  EXPECT_EQ(timer.Poll(), IdleEvent::kNone);

  timer.Activity();  // the next person touches the attract screen
  EXPECT_FALSE(timer.expired());
  EXPECT_EQ(timer.extensions_used(), 0);
  EXPECT_EQ(timer.NextDeadline(), clock.Now() + Seconds(90));
}

TEST(IdleTimerTest, SecondsLeftRoundsUp) {
  FakeClock clock;
  IdleTimer timer(clock);
  clock.Advance(Seconds(90));
  ASSERT_EQ(timer.Poll(), IdleEvent::kWarn);
  clock.Advance(absl::Milliseconds(100));
  EXPECT_EQ(timer.SecondsLeft(), 30);
  clock.Advance(absl::Milliseconds(29850));
  EXPECT_EQ(timer.SecondsLeft(), 1);
}

}  // namespace
}  // namespace carevoice::client
