// The Clock and Random interfaces' fakes and the helpers built on Random.
#include <set>
#include <string>

#include "base/clock.h"
#include "base/random.h"
#include "gtest/gtest.h"

namespace carevoice::base {
namespace {

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(absl::FromUnixSeconds(100));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(100));
  clock.Advance(absl::Seconds(5));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(105));
  clock.Set(absl::FromUnixSeconds(7));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(7));
}

TEST(FakeRandomTest, GivesItsValuesInOrderThenRepeatsTheLast) {
  FakeRandom random({1, 2});
  EXPECT_EQ(random.Next32(), 1u);
  EXPECT_EQ(random.Next32(), 2u);
  EXPECT_EQ(random.Next32(), 2u);
  random.Push(9);
  EXPECT_EQ(random.Next32(), 9u);
}

TEST(RandomHexTest, LowByteFirstTwoHexDigitsPerByte) {
  FakeRandom random({0x12345678u, 0xabcdef01u});
  EXPECT_EQ(RandomHex(random, 6), "78563412" "01ef");
}

TEST(RandomHexTest, SystemRandomGivesFreshIds) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = RandomHex(SystemRandom::Get(), 16);
    ASSERT_EQ(id.size(), 32u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(RandomUnitTest, CoversZeroToJustBelowOne) {
  FakeRandom random({0u, 0x80000000u, 0xffffffffu});
  EXPECT_EQ(RandomUnit(random), 0.0);
  EXPECT_EQ(RandomUnit(random), 0.5);
  const double top = RandomUnit(random);
  EXPECT_LT(top, 1.0);
  EXPECT_GT(top, 0.999999);
}

}  // namespace
}  // namespace carevoice::base
