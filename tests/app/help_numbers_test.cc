// The numbers a kiosk gives when someone is at risk, as set at install.
#include "client/app/help_numbers.h"

#include <fstream>

#include "gtest/gtest.h"
#include "tests/client/test_support.h"

namespace carevoice::client {
namespace {

std::string Write(const testing::TempDir& dir, const std::string& text) {
  std::string path = dir.File("numbers.json");
  std::ofstream(path) << text;
  return path;
}

TEST(HelpNumbers, AnInstallSetsItsCouncilsOwn) {
  testing::TempDir dir;
  auto numbers = LoadHelpNumbers(Write(dir, R"({"emergency": "999",
      "safeguardingTeam": "01632 960 700",
      "safeguardingHours": {"text": {"en-GB": "Every day, 8am to 8pm"}},
      "outOfHours": "01632 960 701"})"));
  ASSERT_TRUE(numbers.ok()) << numbers.status();
  EXPECT_EQ(numbers->safeguarding_team(), "01632 960 700");
  EXPECT_EQ(numbers->out_of_hours(), "01632 960 701");
  EXPECT_EQ(numbers->safeguarding_hours().text().at("en-GB"), "Every day, 8am to 8pm");
}

TEST(HelpNumbers, AKioskNeverStartsWithoutNumbersToGive) {
  testing::TempDir dir;
  EXPECT_FALSE(LoadHelpNumbers(dir.File("missing.json")).ok());
  EXPECT_FALSE(LoadHelpNumbers(Write(dir, "not json")).ok());
  EXPECT_FALSE(LoadHelpNumbers(Write(dir, R"({"emergency": "999"})")).ok());
  EXPECT_FALSE(LoadHelpNumbers(Write(dir, R"({"emergency": "999", "safeguardingTeam": "1",
      "faxNumber": "2"})")).ok()) << "a misspelt field is an error, not ignored";
  // The built-in default has what is needed.
  EXPECT_FALSE(BuiltInHelpNumbers().emergency().empty());
  EXPECT_FALSE(BuiltInHelpNumbers().safeguarding_team().empty());
}

}  // namespace
}  // namespace carevoice::client
