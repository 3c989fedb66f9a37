// The working-day calendar of the statutory clock: Easter for any year,
// the bank holidays of England and Wales against the dates gov.uk
// published for 2020-2030 (with the shipped file's moves and one-off
// days), the 3-working-day rule across Easter, Christmas and New Year, and
// randomised checks over three centuries.
#include "service/cases/working_days.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace carevoice::service::cases {
namespace {

absl::CivilDay Day(const std::string& text) {
  absl::CivilDay day;
  EXPECT_TRUE(absl::ParseCivilTime(text, &day)) << text;
  return day;
}

WorkingDays Shipped() {
  auto closures = LoadClosures(CAREVOICE_CALENDAR);
  EXPECT_TRUE(closures.ok()) << closures.status();
  return WorkingDays(closures.value_or(Closures{}));
}

TEST(WorkingDaysTest, EasterByTheComputusMatchesKnownDates) {
  const std::map<int, std::string> known = {
      {1818, "1818-03-22"}, {1943, "1943-04-25"}, {1961, "1961-04-02"}, {2000, "2000-04-23"},
      {2008, "2008-03-23"}, {2011, "2011-04-24"}, {2019, "2019-04-21"}, {2024, "2024-03-31"},
      {2038, "2038-04-25"}, {2285, "2285-03-22"}};
  for (const auto& [year, date] : known) EXPECT_EQ(EasterSunday(year), Day(date)) << year;
}

// England and Wales bank holidays as published on gov.uk/bank-holidays.
TEST(WorkingDaysTest, BankHolidaysMatchThePublishedDates2020To2030) {
  const std::map<int, std::vector<std::string>> published = {
      {2020, {"01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"}},
      {2021, {"01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"}},
      {2022, {"01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
              "12-27"}},
      {2023, {"01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"}},
      {2024, {"01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"}},
      {2025, {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"}},
      {2026, {"01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"}},
      {2027, {"01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"}},
      {2028, {"01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"}},
      {2029, {"01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"}},
      {2030, {"01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"}},
  };
  const WorkingDays calendar = Shipped();
  for (const auto& [year, dates] : published) {
    SCOPED_TRACE(year);
    std::vector<absl::CivilDay> expected;
    for (const std::string& date : dates) expected.push_back(Day(std::to_string(year) + "-" + date));
    EXPECT_EQ(calendar.Holidays(year), expected);
    // And day by day, so IsWorkingDay agrees with the list.
    int holidays = 0;
    for (absl::CivilDay d(year, 1, 1); d.year() == year; ++d) {
      const absl::Weekday w = absl::GetWeekday(d);
      if (w == absl::Weekday::saturday || w == absl::Weekday::sunday) continue;
      if (!calendar.IsWorkingDay(d)) ++holidays;
    }
    EXPECT_EQ(holidays, static_cast<int>(expected.size()));
  }
  // Years with nothing moved need no configuration at all.
  for (int year : {2021, 2024, 2025, 2026, 2027, 2028, 2029, 2030}) {
    EXPECT_EQ(StandardBankHolidays(year), Shipped().Holidays(year)) << year;
  }
}

TEST(WorkingDaysTest, ThreeWorkingDaysAcrossEasterChristmasAndNewYear) {
  const WorkingDays calendar = Shipped();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2024-03-28", "2024-04-04"},  // Thursday before Good Friday
      {"2026-04-04", "2026-04-09"},  // Easter Saturday
      {"2025-12-19", "2025-12-24"},
      {"2025-12-23", "2025-12-30"},  // over Christmas and a weekend
      {"2026-12-23", "2026-12-30"},  // Boxing Day's substitute on the 28th
      {"2027-12-24", "2027-12-31"},  // Christmas and Boxing Day both substituted
      {"2027-12-29", "2028-01-04"},  // New Year's Day's substitute on the 3rd
      {"2022-06-01", "2022-06-08"},  // the Platinum Jubilee
      {"2026-12-04", "2026-12-09"},  // an ordinary Friday
  };
  for (const auto& [received, due] : cases) {
    EXPECT_EQ(calendar.AddWorkingDays(Day(received), 3), Day(due)) << "received " << received;
  }
  // "The same working day": a worry told on Boxing Day's Saturday is due
  // on the Tuesday after the substitute Monday.
  EXPECT_EQ(calendar.AddWorkingDays(Day("2026-12-26"), 0), Day("2026-12-29"));
  EXPECT_EQ(calendar.AddWorkingDays(Day("2026-12-04"), 0), Day("2026-12-04"));
}

TEST(WorkingDaysTest, RandomReceiptsAreAlwaysDueOnAWorkingDayThreeWorkingDaysLater) {
  const WorkingDays calendar = Shipped();
  std::mt19937 random(20261204);
  std::uniform_int_distribution<int> offset(0, 300 * 366);
  const absl::CivilDay start(1900, 1, 1);
  for (int i = 0; i < 5000; ++i) {
    const absl::CivilDay received = start + offset(random);
    const absl::CivilDay due = calendar.AddWorkingDays(received, 3);
    ASSERT_TRUE(calendar.IsWorkingDay(due)) << absl::FormatCivilTime(received);
    int working = 0;
    for (absl::CivilDay d = received + 1; d <= due; ++d) working += calendar.IsWorkingDay(d);
    ASSERT_EQ(working, 3) << absl::FormatCivilTime(received);
    ASSERT_LE(due - received, 3 + 2 * 2 + 4) << "at most two weekends and four holidays between";
  }
  // Every year has its eight (at least) and no holiday at a weekend.
  for (int year = 1900; year <= 2200; ++year) {
    const std::vector<absl::CivilDay> days = StandardBankHolidays(year);
    ASSERT_EQ(days.size(), 8u) << year;
    for (absl::CivilDay d : days) {
      ASSERT_NE(absl::GetWeekday(d), absl::Weekday::saturday) << year;
      ASSERT_NE(absl::GetWeekday(d), absl::Weekday::sunday) << year;
    }
  }
}

TEST(WorkingDaysTest, ABadCalendarIsRefusedSayingWhere) {
  struct Case {
    std::string json, says;
  } cases[] = {
      {"[]", "not a JSON object"},
      {R"({"closures": [{"date": "2026-13-01", "why": "x y z"}]})", "closures[0].date"},
      {R"({"closures": [{"date": "2026-12-24"}]})", "closures[0].why"},
      {R"({"moved": [{"from": "2026-06-01", "to": "2026-06-02", "why": "a move"}]})",
       "moved[0].from: 2026-06-01 is not a bank holiday"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseClosures(c.json);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_NE(std::string(parsed.status().message()).find(c.says), std::string::npos)
        << parsed.status();
  }
  // A council's own closure counts.
  auto mine = ParseClosures(R"({"closures": [{"date": "2026-12-24", "why": "Council closed"}]})");
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_FALSE(WorkingDays(*mine).IsWorkingDay(Day("2026-12-24")));
  EXPECT_EQ(WorkingDays(*mine).AddWorkingDays(Day("2026-12-23"), 1), Day("2026-12-29"));
}

}  // namespace
}  // namespace carevoice::service::cases
