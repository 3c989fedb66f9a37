#include "accessibility/key_describer.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace carevoice::a11y {
namespace {

using absl::Milliseconds;
using base::FakeClock;

constexpr int kKeyA = 97;
constexpr int kKeyB = 98;

TEST(RepeatFilterTest, SameKeyWithinTheDelayIsIgnored) {
  FakeClock clock;
  RepeatFilter filter(clock);
  EXPECT_EQ(filter.delay(), Milliseconds(500));
  EXPECT_TRUE(filter.Accept(kKeyA));
  clock.Advance(Milliseconds(490));
  EXPECT_FALSE(filter.Accept(kKeyA));
}

TEST(RepeatFilterTest, SameKeyAtTheDelayIsAccepted) {
  FakeClock clock;
  RepeatFilter filter(clock);
  EXPECT_TRUE(filter.Accept(kKeyA));
  clock.Advance(Milliseconds(500));
  EXPECT_TRUE(filter.Accept(kKeyA));
}

TEST(RepeatFilterTest, DelayCountsFromTheLastAcceptedPress) {
  FakeClock clock;
  RepeatFilter filter(clock);
  EXPECT_TRUE(filter.Accept(kKeyA));
  // Auto-repeat every 100 ms: one press gets through per delay.
  int accepted = 0;
  for (int i = 0; i < 20; ++i) {
    clock.Advance(Milliseconds(100));
    if (filter.Accept(kKeyA)) ++accepted;
  }
  EXPECT_EQ(accepted, 4);  // at 0.5, 1.0, 1.5 and 2.0 s
}

TEST(RepeatFilterTest, DifferentKeysAreNeverFiltered) {
  FakeClock clock;
  RepeatFilter filter(clock);
  EXPECT_TRUE(filter.Accept(kKeyA));
  EXPECT_TRUE(filter.Accept(kKeyB));
  clock.Advance(Milliseconds(10));
  EXPECT_FALSE(filter.Accept(kKeyA));
  EXPECT_FALSE(filter.Accept(kKeyB));
  EXPECT_TRUE(filter.Accept(99));
}

TEST(RepeatFilterTest, DelayIsAdjustableButNeverBelowHalfASecond) {
  FakeClock clock;
  RepeatFilter filter(clock, Milliseconds(100));
  EXPECT_EQ(filter.delay(), Milliseconds(500));
  filter.SetDelay(Milliseconds(499));
  EXPECT_EQ(filter.delay(), Milliseconds(500));
  filter.SetDelay(absl::Seconds(2));
  EXPECT_EQ(filter.delay(), absl::Seconds(2));

  EXPECT_TRUE(filter.Accept(kKeyA));
  clock.Advance(Milliseconds(1999));
  EXPECT_FALSE(filter.Accept(kKeyA));
  clock.Advance(Milliseconds(1));
  EXPECT_TRUE(filter.Accept(kKeyA));
}

TEST(RepeatFilterTest, ResetForgetsEveryPress) {
  FakeClock clock;
  RepeatFilter filter(clock);
  EXPECT_TRUE(filter.Accept(kKeyA));
  filter.Reset();
  EXPECT_TRUE(filter.Accept(kKeyA));
}

}  // namespace
}  // namespace carevoice::a11y
