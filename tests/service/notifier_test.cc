// The notify command, run as a real process: it gets the alert's id,
// reference, channel and time in its environment and nothing else of the
// case; alerts run in order; one that hangs is killed at its timeout.
#include "service/alerts/notifier.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/service/testing.h"

namespace carevoice::service::alerts {
namespace {

TEST(CommandNotifier, RunsTheCommandForEachAlertWithTheAlertInItsEnvironment) {
  testing::TempDir dir;
  const std::string log = dir.File("alerts.log");
  {
    CommandNotifier notifier(
        "env | grep '^CAREVOICE_' | sort >> '" + log + "'; echo --- >> '" + log + "'",
        absl::Seconds(60));
    notifier.Arrived({"sub-0000000000000001", "KQ7M3RX9", "kiosk",
                      absl::FromUnixSeconds(1796000000)});
    notifier.Arrived({"sub-0000000000000002", "TJX9KN38", "officer",
                      absl::FromUnixSeconds(1796000060)});
  }  // waits for both
  const std::string got = testing::ReadFile(log);
  EXPECT_EQ(got,
            "CAREVOICE_CHANNEL=kiosk\n"
            "CAREVOICE_RECEIVED_AT=2026-11-30T00:53:20Z\n"
            "CAREVOICE_REFERENCE=KQ7M3RX9\n"
            "CAREVOICE_SUBMISSION_ID=sub-0000000000000001\n"
            "---\n"
            "CAREVOICE_CHANNEL=officer\n"
            "CAREVOICE_RECEIVED_AT=2026-11-30T00:54:20Z\n"
            "CAREVOICE_REFERENCE=TJX9KN38\n"
            "CAREVOICE_SUBMISSION_ID=sub-0000000000000002\n"
            "---\n");
}

TEST(CommandNotifier, ACommandThatHangsIsKilledAndTheNextStillRuns) {
  testing::TempDir dir;
  const std::string log = dir.File("alerts.log");
  const absl::Time start = absl::Now();
  {
    // The first alert's command sleeps far past its timeout; the second's
    // writes at once.
    CommandNotifier notifier("[ \"$CAREVOICE_REFERENCE\" = SLOW ] && sleep 300; echo \"$CAREVOICE_REFERENCE\" >> '" + log + "'",
                             absl::Milliseconds(300));
    notifier.Arrived({"sub-0000000000000001", "SLOW", "kiosk", absl::Now()});
    notifier.Arrived({"sub-0000000000000002", "FAST", "kiosk", absl::Now()});
  }
  EXPECT_LT(absl::Now() - start, absl::Seconds(120)) << "the sleep was not left to run";
  EXPECT_EQ(testing::ReadFile(log), "FAST\n");
}

}  // namespace
}  // namespace carevoice::service::alerts
