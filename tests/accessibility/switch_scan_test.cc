#include "accessibility/switch_scan.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace carevoice::a11y {
namespace {

using absl::Milliseconds;
using absl::Seconds;
using base::FakeClock;

TEST(InputModeTest, ParsesAndNamesEveryMode) {
  EXPECT_EQ(ParseInputMode("keys"), InputMode::kKeys);
  EXPECT_EQ(ParseInputMode("switch2"), InputMode::kTwoSwitch);
  EXPECT_EQ(ParseInputMode("switch1"), InputMode::kOneSwitch);
  EXPECT_EQ(ParseInputMode("switch3"), std::nullopt);
  EXPECT_EQ(ParseInputMode(""), std::nullopt);
  EXPECT_EQ(ParseInputMode("Keys"), std::nullopt);
  for (InputMode mode :
       {InputMode::kKeys, InputMode::kTwoSwitch, InputMode::kOneSwitch}) {
    EXPECT_EQ(ParseInputMode(InputModeName(mode)), mode);
  }
}

TEST(SwitchScannerTest, KeysModeDoesNothing) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kKeys);
  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kNone);
  EXPECT_EQ(scan.SwitchPressed(Switch::kChoose), ScanAction::kNone);
  clock.Advance(Seconds(60));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  EXPECT_EQ(scan.NextDeadline(), absl::InfiniteFuture());
}

TEST(SwitchScannerTest, TwoSwitchMapsMoveToNextAndChooseToChoose) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kTwoSwitch);
  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kNext);
  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kNext);
  EXPECT_EQ(scan.SwitchPressed(Switch::kChoose), ScanAction::kChoose);
}

TEST(SwitchScannerTest, TwoSwitchNeverMovesByItself) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kTwoSwitch);
  scan.SetItemCount(3);
  for (int i = 0; i < 20; ++i) {
    clock.Advance(Seconds(5));
    EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  }
  EXPECT_EQ(scan.NextDeadline(), absl::InfiniteFuture());
  // No self-pause either: the person drives the step scan.
  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kNext);
}

TEST(SwitchScannerTest, OneSwitchAdvancesExactlyOncePerInterval) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  ASSERT_EQ(scan.interval(), Milliseconds(1500));
  const absl::Time start = clock.Now();
  EXPECT_EQ(scan.NextDeadline(), start + Milliseconds(1500));

  clock.Advance(Milliseconds(1499));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  clock.Advance(Milliseconds(1));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);  // same instant: only one step
  EXPECT_EQ(scan.NextDeadline(), start + Milliseconds(3000));

  int steps = 0;
  for (int ms = 0; ms < 15000; ms += 100) {
    clock.Advance(Milliseconds(100));
    if (scan.Tick() == ScanAction::kNext) ++steps;
  }
  EXPECT_EQ(steps, 10);  // 15 s at 1.5 s per item
}

TEST(SwitchScannerTest, OneSwitchAnyPressChooses) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  EXPECT_EQ(scan.SwitchPressed(Switch::kChoose), ScanAction::kChoose);
  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kChoose);
}

TEST(SwitchScannerTest, OneSwitchNeverStepsTwiceAfterALongSleep) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  clock.Advance(Seconds(30));  // the loop stalled for 20 intervals
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  // The next item gets a full interval from the late step.
  EXPECT_EQ(scan.NextDeadline(), clock.Now() + Milliseconds(1500));
  clock.Advance(Milliseconds(1499));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  clock.Advance(Milliseconds(1));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
}

TEST(SwitchScannerTest, ChoosingHoldsTheScanOneExtraInterval) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  clock.Advance(Milliseconds(700));
  EXPECT_EQ(scan.SwitchPressed(Switch::kChoose), ScanAction::kChoose);
  const absl::Time pressed = clock.Now();
  EXPECT_EQ(scan.NextDeadline(), pressed + Milliseconds(3000));
  clock.Advance(Milliseconds(2999));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  clock.Advance(Milliseconds(1));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
  // Then back to the plain interval.
  EXPECT_EQ(scan.NextDeadline(), clock.Now() + Milliseconds(1500));
}

TEST(SwitchScannerTest, IntervalIsClampedAndAdjustable) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  scan.SetInterval(Milliseconds(100));
  EXPECT_EQ(scan.interval(), Milliseconds(500));
  scan.SetInterval(Seconds(60));
  EXPECT_EQ(scan.interval(), Seconds(10));
  scan.SetInterval(Milliseconds(-5));
  EXPECT_EQ(scan.interval(), SwitchScanner::kMinInterval);
  scan.SetInterval(Milliseconds(2500));
  EXPECT_EQ(scan.interval(), Milliseconds(2500));

  scan.Restart();
  clock.Advance(Milliseconds(2499));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  clock.Advance(Milliseconds(1));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);

  // Shortest allowed interval.
  scan.SetInterval(Milliseconds(500));
  clock.Advance(Milliseconds(499));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  clock.Advance(Milliseconds(1));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
}

TEST(SwitchScannerTest, ChangingTheIntervalRetimesThePendingStep) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  const absl::Time start = clock.Now();
  clock.Advance(Seconds(1));
  scan.SetInterval(Seconds(4));
  EXPECT_EQ(scan.NextDeadline(), start + Seconds(4));
  clock.Advance(Milliseconds(2000));  // 3 s after start: old interval passed
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  clock.Advance(Seconds(1));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
}

TEST(SwitchScannerTest, RestartGivesTheFirstItemAFullInterval) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  clock.Advance(Milliseconds(1400));  // 0.1 s before the old step
  scan.Restart();                     // a new screen
  clock.Advance(Milliseconds(200));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  EXPECT_EQ(scan.NextDeadline(), clock.Now() + Milliseconds(1300));
  clock.Advance(Milliseconds(1300));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
}

TEST(SwitchScannerTest, ChoiceThatOpensANewScreenKeepsItsExtraInterval) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  clock.Advance(Seconds(1));
  ASSERT_EQ(scan.SwitchPressed(Switch::kChoose), ScanAction::kChoose);
  scan.Restart();  // the choice opened a new screen in the same frame
  EXPECT_EQ(scan.NextDeadline(), clock.Now() + Milliseconds(3000));
}

TEST(SwitchScannerTest, PausesAfterThreeFullCyclesWithNoPress) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  scan.SetItemCount(4);
  int steps = 0;
  for (int i = 0; i < 100; ++i) {
    clock.Advance(Milliseconds(1500));
    if (scan.Tick() == ScanAction::kNext) ++steps;
  }
  // Three cycles of four: focus is back on the first item, and it rests.
  EXPECT_EQ(steps, 12);
  EXPECT_TRUE(scan.paused());
  EXPECT_EQ(scan.NextDeadline(), absl::InfiniteFuture());
}

TEST(SwitchScannerTest, PressWakesAPausedScanWithoutChoosing) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  scan.SetItemCount(2);
  for (int i = 0; i < 6; ++i) {
    clock.Advance(Milliseconds(1500));
    ASSERT_EQ(scan.Tick(), ScanAction::kNext);
  }
  ASSERT_TRUE(scan.paused());
  clock.Advance(Seconds(600));
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);

  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kResume);
  EXPECT_FALSE(scan.paused());
  EXPECT_EQ(scan.NextDeadline(), clock.Now() + Milliseconds(1500));
  clock.Advance(Milliseconds(1500));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
  // Awake again, a press chooses, and the cycle count starts over.
  EXPECT_EQ(scan.SwitchPressed(Switch::kMove), ScanAction::kChoose);
  int steps = 0;
  for (int i = 0; i < 20; ++i) {
    clock.Advance(Milliseconds(1500));
    if (scan.Tick() == ScanAction::kNext) ++steps;
  }
  EXPECT_EQ(steps, 6);
}

TEST(SwitchScannerTest, PressesResetTheCycleCount) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  scan.SetItemCount(3);
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 8; ++i) {  // just under three cycles of three
      clock.Advance(Seconds(3));
      ASSERT_EQ(scan.Tick(), ScanAction::kNext);
    }
    ASSERT_EQ(scan.SwitchPressed(Switch::kChoose), ScanAction::kChoose);
  }
  EXPECT_FALSE(scan.paused());
}

TEST(SwitchScannerTest, RestartResumesAPausedScan) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kOneSwitch);
  scan.SetItemCount(1);
  scan.SetPauseAfterCycles(1);
  clock.Advance(Milliseconds(1500));
  ASSERT_EQ(scan.Tick(), ScanAction::kNext);
  ASSERT_TRUE(scan.paused());
  scan.Restart();
  EXPECT_FALSE(scan.paused());
  clock.Advance(Milliseconds(1500));
  EXPECT_EQ(scan.Tick(), ScanAction::kNext);
}

TEST(SwitchScannerTest, UnknownItemCountOrZeroCyclesNeverPauses) {
  FakeClock clock;
  SwitchScanner unknown(clock, InputMode::kOneSwitch);
  SwitchScanner never(clock, InputMode::kOneSwitch);
  never.SetItemCount(2);
  never.SetPauseAfterCycles(0);
  for (int i = 0; i < 50; ++i) {
    clock.Advance(Milliseconds(1500));
    EXPECT_EQ(unknown.Tick(), ScanAction::kNext);
    EXPECT_EQ(never.Tick(), ScanAction::kNext);
  }
}

TEST(SwitchScannerTest, SwitchingModeRestartsTheScan) {
  FakeClock clock;
  SwitchScanner scan(clock, InputMode::kKeys);
  clock.Advance(Seconds(10));
  scan.SetMode(InputMode::kOneSwitch);
  EXPECT_EQ(scan.mode(), InputMode::kOneSwitch);
  EXPECT_EQ(scan.Tick(), ScanAction::kNone);
  EXPECT_EQ(scan.NextDeadline(), clock.Now() + Milliseconds(1500));
}

}  // namespace
}  // namespace carevoice::a11y
