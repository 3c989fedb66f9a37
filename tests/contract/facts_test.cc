// What kiosk and service read off a submission: its kind, urgency, what it
// is about, and whether a complaint is outside the 12-month time limit.
#include "contract/facts.h"

#include "gtest/gtest.h"

namespace carevoice::contract {
namespace {

absl::Time Noon(int y, int m, int d) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, 12, 0, 0), absl::UTCTimeZone());
}

v1::Complaint On(int y, int m, int d) {
  v1::Complaint c;
  c.set_when(v1::WHEN_ON_DATE);
  c.mutable_event_date()->set_year(y);
  c.mutable_event_date()->set_month(m);
  c.mutable_event_date()->set_day(d);
  return c;
}

TEST(FactsTest, KindUrgencyServiceAndProvider) {
  v1::Submission s;
  EXPECT_EQ(KindOf(s), "");
  EXPECT_EQ(ServiceIdOf(s), "");
  s.mutable_complaint()->set_service_id("home_care");
  s.mutable_complaint()->set_provider_id("kettle_community_care");
  EXPECT_EQ(KindOf(s), "complaint");
  EXPECT_FALSE(IsUrgent(s));
  EXPECT_EQ(ServiceIdOf(s), "home_care");
  EXPECT_EQ(ProviderIdOf(s), "kettle_community_care");
  s.mutable_idea()->set_service_id("day_centres");
  EXPECT_EQ(ServiceIdOf(s), "day_centres");
  EXPECT_EQ(ProviderIdOf(s), "");  // ideas are about a service area
  s.mutable_safeguarding();
  EXPECT_EQ(KindOf(s), "safeguarding");
  EXPECT_TRUE(IsUrgent(s));
}

TEST(FactsTest, TwelveMonthsIsCountedToTheDay) {
  const absl::Time told = Noon(2026, 12, 3);
  EXPECT_FALSE(OutsideTimeLimit(On(2026, 12, 3), told));
  EXPECT_FALSE(OutsideTimeLimit(On(2025, 12, 3), told));  // exactly a year: in time
  EXPECT_TRUE(OutsideTimeLimit(On(2025, 12, 2), told));
  EXPECT_TRUE(OutsideTimeLimit(On(1990, 1, 1), told));
}

TEST(FactsTest, AYearBeforeTheTwentyNinthOfFebruaryIsTheFirstOfMarch) {
  const absl::Time told = Noon(2028, 2, 29);
  EXPECT_FALSE(OutsideTimeLimit(On(2027, 3, 1), told));
  EXPECT_TRUE(OutsideTimeLimit(On(2027, 2, 28), told));
}

TEST(FactsTest, RoughlyWhenCountsWithoutADate) {
  v1::Complaint c;
  const absl::Time told = Noon(2026, 12, 3);
  EXPECT_FALSE(OutsideTimeLimit(c, told));  // not said
  for (v1::When w : {v1::WHEN_LAST_WEEK, v1::WHEN_LAST_MONTH, v1::WHEN_LAST_YEAR}) {
    c.set_when(w);
    EXPECT_FALSE(OutsideTimeLimit(c, told)) << w;
  }
  c.set_when(v1::WHEN_OVER_A_YEAR_AGO);
  EXPECT_TRUE(OutsideTimeLimit(c, told));
}

}  // namespace
}  // namespace carevoice::contract
